import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { bilingual, compareStrings, type Diagnostic, type Texts } from "../diagnostics/diagnostic.js";
import { ignoresAt, ignoresBelow, isIgnored, type IgnoreLevel } from "./gitignore.js";
import { displayName, systemTexts, type InputRef } from "./read.js";

const JOURNEY_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);
const SKIPPED_DIRS = new Set(["node_modules", ".git"]);

export interface Discovered {
  inputs: InputRef[];
  diagnostics: Diagnostic[];
}

/**
 * Expands the paths a user gave into journey inputs: files as given, directories searched
 * recursively (files that declare `cjm:` are kept when read), glob patterns matched. Sorted, so
 * output never depends on the order the file system lists things in.
 */
export async function discoverInputs(paths: readonly string[], cwd: string): Promise<Discovered> {
  const inputs: InputRef[] = [];
  const explicit: InputRef[] = [];
  const diagnostics: Diagnostic[] = [];
  const unreadable = (name: string, message: Texts) =>
    diagnostics.push({ severity: "error", code: "file-unreadable", ...bilingual(message), file: name, span: { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } } });

  for (const p of paths) {
    const absolute = path.resolve(cwd, p);
    let info;
    try {
      info = await stat(absolute);
    } catch (e) {
      if (isGlob(p)) {
        const matches = await expandGlob(p, cwd);
        if (matches.length === 0) unreadable(p, { en: "the pattern matches no file", fr: "le motif ne correspond à aucun fichier" });
        const base = path.resolve(cwd, globBase(p));
        for (const m of matches) inputs.push({ name: displayName(m, cwd), absolutePath: m, ...subdirOf(base, m) });
        continue;
      }
      unreadable(displayName(absolute, cwd), systemTexts(e));
      continue;
    }
    if (info.isDirectory()) {
      for (const file of await walk(absolute, unreadable, cwd)) {
        inputs.push({ name: displayName(file, cwd), absolutePath: file, discovered: true, ...subdirOf(absolute, file) });
      }
    } else {
      const input: InputRef = { name: displayName(absolute, cwd), absolutePath: absolute };
      explicit.push(input);
      inputs.push(input);
    }
  }
  // Files given one by one from different folders are mirrored below their common folder, as a
  // folder run mirrors its tree: `dup/a/m.yaml dup/b/m.yaml` → `a/m.*`, `b/m.*`, no conflict.
  const folders = [...new Set(explicit.map((i) => path.dirname(i.absolutePath)))];
  if (folders.length > 1) {
    const common = commonFolder(folders);
    for (const input of explicit) Object.assign(input, subdirOf(common, input.absolutePath));
  }
  const unique = new Map<string, InputRef>();
  for (const input of inputs) {
    const known = unique.get(input.absolutePath);
    // A file named explicitly is checked even if it does not declare `cjm:`.
    if (!known || (known.discovered && !input.discovered)) unique.set(input.absolutePath, input);
  }
  return { inputs: [...unique.values()].sort((a, b) => compareStrings(a.name, b.name)), diagnostics };
}

/**
 * Journey-like files below `dir`, skipping `node_modules`, dot-folders (`.git`…) and what the
 * `.gitignore` files (the repository's, from its top level down, and nested ones) ignore.
 */
async function walk(dir: string, unreadable: (name: string, message: Texts) => void, cwd: string): Promise<string[]> {
  const found: string[] = [];
  const queue: { dir: string; ignores: IgnoreLevel[] }[] = [{ dir, ignores: await ignoresAt(dir) }];
  while (queue.length > 0) {
    const { dir: current, ignores } = queue.pop()!;
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (e) {
      unreadable(displayName(current, cwd), systemTexts(e));
      continue;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      // Symbolic links to folders are not followed: a link loop cannot hang the search.
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith(".") && !isIgnored(ignores, current, entry.name, true)) {
          queue.push({ dir: full, ignores: await ignoresBelow(ignores, full) });
        }
      } else if (
        (entry.isFile() || entry.isSymbolicLink()) &&
        JOURNEY_EXTENSIONS.has(path.extname(entry.name).toLowerCase()) &&
        !isIgnored(ignores, current, entry.name, false)
      ) {
        found.push(full);
      }
    }
  }
  return found;
}

/** The deepest folder that holds every one of `folders` (absolute paths). */
function commonFolder(folders: readonly string[]): string {
  let common = folders[0]!;
  for (const f of folders.slice(1)) {
    while (common !== path.dirname(common) && path.relative(common, f).startsWith("..")) common = path.dirname(common);
  }
  return common;
}

/** The folder of `file` below `base`, with forward slashes, when it is not `base` itself. */
function subdirOf(base: string, file: string): { subdir?: string } {
  const rel = path.relative(base, path.dirname(file));
  return rel && !rel.startsWith("..") ? { subdir: rel.split(path.sep).join("/") } : {};
}

/** The folder part of a glob before its first wildcard: `journeys/**\/*.yaml` → `journeys`. */
function globBase(pattern: string): string {
  const parts = pattern.split("/");
  const fixed: string[] = [];
  for (const part of parts) {
    if (isGlob(part)) break;
    fixed.push(part);
  }
  return fixed.join("/") || ".";
}

function isGlob(p: string): boolean {
  return /[*?[\]{}]/.test(p);
}

async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const { glob } = await import("tinyglobby");
  const matches = await glob(pattern, { cwd, absolute: true, onlyFiles: true, ignore: ["**/node_modules/**"] });
  return matches.filter((m) => JOURNEY_EXTENSIONS.has(path.extname(m).toLowerCase())).map((m) => path.normalize(m));
}
