import { homedir } from "node:os";
import path from "node:path";

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
