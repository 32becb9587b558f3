import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { threadId } from "node:worker_threads";

/**
 * cjm's own cache folder, from the environment only (never from a repository's config):
 * `$CJM_CACHE_DIR`, else `$XDG_CACHE_HOME/cjm`, else the OS convention. It may not exist or be
 * writable: every user of it treats a failure as "no cache".
 */
export function userCacheFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env["CJM_CACHE_DIR"]) return path.resolve(env["CJM_CACHE_DIR"]);
  if (env["XDG_CACHE_HOME"]) return path.join(path.resolve(env["XDG_CACHE_HOME"]), "cjm");
  const home = homedir();
  if (platform === "darwin") return path.join(home, "Library", "Caches", "cjm");
  if (platform === "win32") return path.join(env["LOCALAPPDATA"] ?? path.join(home, "AppData", "Local"), "cjm", "Cache");
  return path.join(home, ".cache", "cjm");
}

/**
 * Writes a file of the cache folder whole: under a temporary name (this process and thread), then
 * renamed over it, so a concurrent run or worker never reads half a file. `stale` names the other
 * files of its folder to remove (other builds' caches). Any failure only means no cache this time,
 * and leaves no temporary file behind.
 */
export function writeCacheFile(file: string, data: string | Uint8Array, stale?: (name: string) => boolean): void {
  const tmp = `${file}.${process.pid}.${threadId}.tmp`;
  try {
    const dir = path.dirname(file);
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, file);
    if (stale) for (const name of readdirSync(dir)) if (name !== path.basename(file) && !name.endsWith(".tmp") && stale(name)) rmSync(path.join(dir, name), { force: true });
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing was written
    }
  }
}
