import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { packageFile } from "../load/package-files.js";
import { inside, projectRoot } from "../load/root.js";

/** The schema files an editor needs side by side (the persona schema refers to the journey one). */
export const SCHEMA_FILES = ["journey.schema.json", "persona.schema.json"] as const;

/** Where the project keeps its own copy when cjm is not installed in it. */
export const PROJECT_SCHEMA_DIR = ".cjm/schemas";

export interface SchemaPlacement {
  /** The journey schema an editor should read (absolute). */
  schema: string;
  /** Files to write for it to exist: the project copy, when there is no local install. */
  copies: { path: string; content: string }[];
}

/**
 * The journey schema a new map's modeline should name, so that it works for every teammate, not
 * only on this machine: a local install (`node_modules/cjm`, searched from the map's folder up to
 * the project root); else this cjm's own schema when it lives inside the project (cjm's own
 * repository); else a copy in the project's `.cjm/schemas/`, which is committed with the maps.
 */
export function placeSchema(target: string, root: string = projectRoot(target)): SchemaPlacement {
  let dir = path.dirname(path.resolve(target));
  for (;;) {
    const installed = path.join(dir, "node_modules/cjm/schemas/journey.schema.json");
    if (existsSync(installed)) return { schema: installed, copies: [] };
    if (dir === root || path.dirname(dir) === dir || !inside(root, dir)) break;
    dir = path.dirname(dir);
  }
  const own = packageFile("schemas/journey.schema.json");
  if (inside(root, own) && !own.split(path.sep).includes("node_modules")) return { schema: own, copies: [] };
  const copyDir = path.join(root, PROJECT_SCHEMA_DIR);
  return {
    schema: path.join(copyDir, "journey.schema.json"),
    copies: SCHEMA_FILES.map((name) => ({ path: path.join(copyDir, name), content: readFileSync(packageFile(`schemas/${name}`), "utf8") })),
  };
}

/** `to` relative to the folder of `from`, POSIX separators, starting with `.`: what a modeline takes. */
export function relativeRef(from: string, to: string): string {
  const rel = path.relative(path.dirname(from), to).split(path.sep).join("/");
  return rel.startsWith("../") || rel === ".." ? rel : `./${rel}`;
}
