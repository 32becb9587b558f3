// How other cjm processes find a running `cjm serve`: each server writes one small file in the
// user cache folder (never in the repository) naming its URL and the page of each map it serves,
// rewritten after every build and removed when it stops. The language server reads them to offer
// "open in cjm serve" on a map; a file whose process is gone is ignored.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { userCacheFolder } from "../cache/folder.js";
import { processAlive } from "../write/process-alive.js";

export interface ServeDiscovery {
  pid: number;
  /** The server's address, ending in `/`. */
  url: string;
  /** Absolute path of a map → its page, relative to the URL. */
  pages: Record<string, string>;
}

function folder(env: NodeJS.ProcessEnv): string {
  return path.join(userCacheFolder(env), "serve");
}

export function writeServeDiscovery(env: NodeJS.ProcessEnv, discovery: ServeDiscovery): void {
  try {
    const dir = folder(env);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${discovery.pid}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(discovery));
    renameSync(`${file}.tmp`, file);
  } catch {
    // no cache folder: editors just do not offer the link
  }
}

export function removeServeDiscovery(env: NodeJS.ProcessEnv, pid: number): void {
  rmSync(path.join(folder(env), `${pid}.json`), { force: true });
}

/** The URL of the page a running `cjm serve` shows for `mapFile`, if one serves it. */
export function servedPageOf(env: NodeJS.ProcessEnv, mapFile: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(folder(env)).filter((n) => /^\d+\.json$/.test(n));
  } catch {
    return undefined;
  }
  for (const name of names.sort()) {
    try {
      const d = JSON.parse(readFileSync(path.join(folder(env), name), "utf8")) as ServeDiscovery;
      if (typeof d.url !== "string" || !/^http:\/\/[^/]+\/$/.test(d.url) || !processAlive(Number(d.pid))) continue;
      const page = Object.hasOwn(d.pages, mapFile) ? d.pages[mapFile] : undefined;
      if (typeof page === "string") return new URL(page.split("/").map(encodeURIComponent).join("/"), d.url).href;
    } catch {
      // a file being rewritten, or not ours
    }
  }
  return undefined;
}
