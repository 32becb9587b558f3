import { readFile } from "node:fs/promises";
import path from "node:path";
import { applyEdits, modify, parse, printParseErrorCode, type ParseError } from "jsonc-parser";
import { discoverInputs } from "../load/discover.js";
import { declaresCjm } from "../load/read.js";

/** The settings file VS Code (and its YAML extension) reads for a workspace. */
export const VSCODE_SETTINGS = ".vscode/settings.json";

/**
 * The globs of the maps below `root`, for `yaml.schemas`: `journeys/**\/*.yaml` for each top-level
 * folder holding maps, the file name itself for a map at the root. `extra` are maps about to exist.
 */
export async function mapGlobs(root: string, extra: readonly string[] = []): Promise<string[]> {
  const { inputs } = await discoverInputs([root], root);
  const maps: string[] = [...extra];
  for (const input of inputs) {
    if (!/\.ya?ml$/i.test(input.absolutePath)) continue;
    try {
      if (declaresCjm(await readFile(input.absolutePath))) maps.push(input.absolutePath);
    } catch {
      // unreadable: not ours to describe
    }
  }
  const globs = new Set<string>();
  for (const map of maps) {
    const rel = path.relative(root, map).split(path.sep);
    const ext = path.extname(map).toLowerCase();
    globs.add(rel.length === 1 ? rel[0]! : `${rel[0]}/**/*${ext}`);
  }
  return [...globs].sort();
}

export class SettingsError extends Error {}

/**
 * `.vscode/settings.json` with `yaml.schemas[schemaRef]` covering `globs`: merged into the text the
 * team already has (its comments, order and other settings kept), globs already listed kept.
 */
export function mergeVscodeSettings(existing: string | undefined, schemaRef: string, globs: readonly string[]): string {
  const text = existing ?? "{}\n";
  const errors: ParseError[] = [];
  const data = parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  if (errors.length > 0 || typeof data !== "object" || data === null || Array.isArray(data)) {
    const first = errors[0];
    throw new SettingsError(first ? `${printParseErrorCode(first.error)} at offset ${first.offset}` : "the top level is not an object");
  }
  const schemas = (data as Record<string, unknown>)["yaml.schemas"];
  if (schemas !== undefined && (typeof schemas !== "object" || schemas === null || Array.isArray(schemas))) {
    throw new SettingsError("`yaml.schemas` is not an object");
  }
  const current = (schemas as Record<string, unknown> | undefined)?.[schemaRef];
  const known = typeof current === "string" ? [current] : Array.isArray(current) ? current.filter((g): g is string => typeof g === "string") : [];
  const merged = [...known, ...globs.filter((g) => !known.includes(g))];
  const edits = modify(text, ["yaml.schemas", schemaRef], merged, { formattingOptions: { insertSpaces: true, tabSize: 2, eol: "\n" } });
  const out = applyEdits(text, edits);
  return out.endsWith("\n") ? out : `${out}\n`;
}
