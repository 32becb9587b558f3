import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The top level of the git work tree holding `dir` (the nearest folder upward with a `.git`
 * folder or file), found without running git; undefined outside a repository.
 */
export function gitTopLevel(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    if (existsSync(path.join(current, ".git"))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}
