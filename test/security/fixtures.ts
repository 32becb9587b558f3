import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** A persona file as a map's `personas` list names it. */
export const PERSONA = "id: pat\nname: Pat Shared\nrole: Buyer\n";

/** A small valid map whose one persona is the file at `personaPath` (relative to the map). */
export function mapWith(id: string, personaPath?: string): string {
  const personas = personaPath === undefined ? "  - { id: pat, name: Pat Inline }\n" : `  - ${personaPath}\n`;
  return `cjm: 1\nid: ${id}\ntitle: Map ${id}\npersonas:\n${personas}stages:\n  - name: Discover\n    steps:\n      - name: Finds the shop\n        emotion: { pat: 4 }\n`;
}

/** Writes `files` (relative path → text) below `dir`, making the folders. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
}

/** Makes `dir` a git repository (its top level), as a clone is. */
export function gitInit(dir: string): void {
  mkdirSync(dir, { recursive: true });
  execFileSync("git", ["init", "-q", dir]);
}
