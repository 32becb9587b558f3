import { readFile } from "node:fs/promises";
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import { gitTopLevel } from "./root.js";

/** The rules of one `.gitignore`, and the folder they are relative to. */
export interface IgnoreLevel {
  dir: string;
  rules: Ignore;
}

/**
 * The `.gitignore` rules in force in the folder where a walk starts: those of every folder from the
 * repository's top level down to it (outside a repository, its own only), unless one of those
 * rules ignores the folder itself.
 */
export async function ignoresAt(dir: string): Promise<IgnoreLevel[]> {
  const top = gitTopLevel(dir);
  const chain: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    chain.unshift(d);
    if (top === undefined || d === top || path.dirname(d) === d) break;
  }
  let levels: IgnoreLevel[] = [];
  for (const d of chain) {
    // A folder named on the command line is searched even when git ignores it (`cjm validate
    // out/`): the rules that ignore it, and so everything in it, are dropped.
    if (levels.length > 0 && isIgnored(levels, path.dirname(d), path.basename(d), true)) levels = [];
    levels = await ignoresBelow(levels, d);
  }
  return levels;
}

/** The rules in force in `dir`, given those of its parent folder: its own `.gitignore` added. */
export async function ignoresBelow(parent: IgnoreLevel[], dir: string): Promise<IgnoreLevel[]> {
  let text: string;
  try {
    text = await readFile(path.join(dir, ".gitignore"), "utf8");
  } catch {
    return parent;
  }
  return [...parent, { dir, rules: ignore().add(text) }];
}

/**
 * Whether the entry `name` of `dir` (a folder when `isDir`) is ignored, as git decides: deeper
 * files win, a `!pattern` re-includes. The walk enters no ignored folder, so testing the entry
 * itself is enough (git never re-includes a file inside an ignored folder either).
 */
export function isIgnored(levels: readonly IgnoreLevel[], dir: string, name: string, isDir: boolean): boolean {
  let verdict = false;
  for (const level of levels) {
    const rel = path.relative(level.dir, path.join(dir, name)).split(path.sep).join("/");
    const r = level.rules.test(isDir ? `${rel}/` : rel);
    if (r.ignored) verdict = true;
    else if (r.unignored) verdict = false;
  }
  return verdict;
}
