import { existsSync } from "node:fs";
import { realpath } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import { gitTopLevel } from "./repo.js";

/** The names a project config file may have, nearest first in each folder. */
export const CONFIG_NAMES = ["cjm.config.yaml", "cjm.config.yml", "cjm.config.json"];

/** The git top level at or above `dir` (one definition, in repo.ts). */
export { gitTopLevel };

/**
 * The folders a search for the project's config climbs from `dir`: up to the git top level; outside
 * git, up to the home folder when `dir` is below it; otherwise `dir` alone. A config file above the
 * repository (say `/tmp/cjm.config.yaml`) never applies to the projects below it.
 */
export function searchedFolders(dir: string, home: string = homedir()): string[] {
  const start = path.resolve(dir);
  const stop = gitTopLevel(start) ?? (home && inside(path.resolve(home), start) ? path.resolve(home) : start);
  const folders: string[] = [];
  let current = start;
  for (;;) {
    folders.push(current);
    if (current === stop) return folders;
    const parent = path.dirname(current);
    if (parent === current) return folders;
    current = parent;
  }
}

/** The nearest config file searching up from `dir` (see `searchedFolders`), or none. */
export function findConfigAbove(dir: string, home?: string): string | undefined {
  for (const folder of searchedFolders(dir, home)) {
    for (const name of CONFIG_NAMES) {
      const candidate = path.join(folder, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

const roots = new Map<string, string>();

/**
 * The project root of a map: the folder its paths (persona files, data files) may not leave, the
 * one rule every path check uses. `--root` wins; otherwise the folder of the nearest
 * `cjm.config.*` above the map (not above its git top level), else the map's git top level, else
 * the map's own folder. Never the working directory by accident.
 */
export function projectRoot(mapFile: string, given?: { root?: string | undefined; cwd: string }): string {
  if (given?.root !== undefined) return path.resolve(given.cwd, given.root);
  const dir = path.dirname(path.resolve(mapFile));
  let known = roots.get(dir);
  if (known === undefined) {
    const config = findConfigAbove(dir);
    known = config ? path.dirname(config) : (gitTopLevel(dir) ?? dir);
    roots.set(dir, known);
  }
  return known;
}

/** Whether `target` is `root` or below it, comparing the paths as written. */
export function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === "" || (!rel.startsWith(`..${path.sep}`) && rel !== ".." && !path.isAbsolute(rel));
}

/** The real path of `target`, or of its nearest existing ancestor joined with the rest. */
export async function realPathOf(target: string): Promise<string> {
  const absolute = path.resolve(target);
  let existing = absolute;
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(await realpath(existing), ...rest);
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return absolute;
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

/**
 * Whether `target` stays inside `root` both as written and once every symbolic link is resolved:
 * the guard against `../` and against a committed link to `~/.aws/credentials`.
 */
export async function staysInside(root: string, target: string): Promise<boolean> {
  if (!inside(path.resolve(root), path.resolve(target))) return false;
  return inside(await realRootOf(root), await realPathOf(target));
}

/** Project roots' real paths, each reused for a few seconds: a batch asks for every one of its maps. */
const realRoots = new Map<string, { real: Promise<string>; at: number }>();
const REAL_ROOT_TTL_MS = 5000;

/** `realPathOf(root)` for a project root, reused for a few seconds (a batch asks once a map, twice). */
export function realRootOf(root: string): Promise<string> {
  const now = Date.now();
  const known = realRoots.get(root);
  if (known && now - known.at < REAL_ROOT_TTL_MS) return known.real;
  const real = realPathOf(root);
  realRoots.set(root, { real, at: now });
  return real;
}
