import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { mapGlobs, mergeVscodeSettings, SettingsError, VSCODE_SETTINGS } from "../../../init/editor.js";
import { placeSchema, relativeRef } from "../../../init/schema-location.js";
import { starterMap, type StageSet } from "../../../init/starter.js";
import { packageFile } from "../../../load/package-files.js";
import { projectRoot } from "../../../load/root.js";
import type { Locale } from "../../../model/types.js";
import { createAtomic, writeAtomic } from "../../../write/atomic.js";
import { EXIT, UsageError, type Io } from "../../io.js";
import type { CommandInput } from "../../options.js";

interface InitOptions {
  stages: StageSet;
  locale: Locale;
  title?: string;
  editor?: boolean;
  /** A survey export or funnel to start the map from. */
  data?: string;
}

/** The running cjm's schema relative to `target` (what `cjm import` writes in its modeline). */
export function schemaPathFor(target: string): string {
  return relativeRef(target, packageFile("schemas/journey.schema.json"));
}

export async function initCommand(io: Io, { args, options }: CommandInput<InitOptions>): Promise<number> {
  // `cjm init --editor` alone sets up the editor for the maps already there.
  const editorOnly = options.editor === true && args[0] === undefined;
  const file = args[0] ?? "journey.yaml";
  const target = path.resolve(io.cwd, file === "-" ? "journey.yaml" : file);
  const root = projectRoot(target);
  const placement = placeSchema(target, root);
  let text = starterMap({
    stages: options.stages,
    locale: options.locale,
    schemaPath: relativeRef(target, placement.schema),
    ...(options.title !== undefined && { title: options.title }),
  });
  if (options.data !== undefined && !editorOnly) {
    const added = await dataBlock(io, options.data, target, text);
    if (typeof added === "number") return added;
    text += added;
  }
  // Checked before anything is written: a usage error leaves the folder as it was.
  if (file !== "-" && !editorOnly && existsSync(target)) throw alreadyExists(file);
  const written: string[] = [];
  const show = (p: string) => path.relative(io.cwd, p).split(path.sep).join("/") || ".";
  // cjm's own copy of its schema: rewritten, so that it follows the cjm the project uses.
  for (const copy of placement.copies) {
    try {
      await mkdir(path.dirname(copy.path), { recursive: true });
      await writeAtomic(copy.path, copy.content);
    } catch (e) {
      throw new UsageError(`cannot write \`${show(copy.path)}\`: ${(e as Error).message}`);
    }
    written.push(show(copy.path));
  }
  if (editorOnly) {
    // no starter map
  } else if (file === "-") {
    io.stdout(text);
  } else {
    try {
      await createAtomic(target, text);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") throw alreadyExists(file);
      throw new UsageError(`cannot write \`${file}\`: ${(e as Error).message}`);
    }
  }
  if (options.editor) written.push(await writeEditorSettings(root, placement.schema, file === "-" || editorOnly ? [] : [target], show));
  for (const w of written) io.stderr(`wrote ${w}\n`);
  if (file !== "-" && !editorOnly) io.stderr(`wrote ${file}: edit it, then run \`cjm validate ${file}\`\n`);
  return EXIT.ok;
}

function alreadyExists(file: string): UsageError {
  return new UsageError(`\`${file}\` already exists; cjm init never overwrites a file`, "choose another name: `cjm init other.yaml`");
}

/** Merges the schema association into the project's `.vscode/settings.json` (comments kept). */
async function writeEditorSettings(root: string, schema: string, newMaps: string[], show: (p: string) => string): Promise<string> {
  const settings = path.join(root, VSCODE_SETTINGS);
  let existing: string | undefined;
  try {
    existing = await readFile(settings, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw new UsageError(`cannot read \`${show(settings)}\`: ${(e as Error).message}`);
  }
  const ref = relativeRef(path.join(root, "x"), schema);
  let merged: string;
  try {
    merged = mergeVscodeSettings(existing, ref, await mapGlobs(root, newMaps));
  } catch (e) {
    if (!(e instanceof SettingsError)) throw e;
    throw new UsageError(`\`${show(settings)}\` is not valid JSON with comments (${e.message}); cjm init --editor leaves it as it is`, "fix the file, then run `cjm init --editor` again");
  }
  try {
    await mkdir(path.dirname(settings), { recursive: true });
    await writeAtomic(settings, merged);
  } catch (e) {
    throw new UsageError(`cannot write \`${show(settings)}\`: ${(e as Error).message}`);
  }
  return show(settings);
}

/** The `data:` block for `init --data`: the export inspected, its measures at the journey, funnel steps on the starter's steps. */
async function dataBlock(io: Io, data: string, target: string, starter: string): Promise<string | number> {
  const { inspectData, suggestEntry } = await import("../../../data/inspect.js");
  const { periodFrom } = await import("../data/handler.js");
  const { parse } = await import("yaml");
  const { deriveId } = await import("../../../model/slug.js");
  const absolute = path.resolve(io.cwd, data);
  const inspection = await inspectData(absolute, data);
  if ("severity" in inspection) {
    if (inspection.code === "data-file-missing") throw new UsageError(`--data \`${data}\`: ${inspection.message}`);
    io.stderr(`error[${inspection.code}]: ${data} ${inspection.message}\n  --> ${data}:1:1\n${inspection.help ? `  = help: ${inspection.help}\n` : ""}`);
    return EXIT.invalid;
  }
  const rel = path.relative(path.dirname(target), absolute).split(path.sep).join("/");
  let entry = suggestEntry(inspection, rel, deriveId(path.basename(data).replace(/\.[^.]+$/, ""), "data", 1), periodFrom(data));
  if (inspection.steps) {
    // The funnel's steps go on the starter's steps, in order; labels beyond them stay as comments.
    const map = parse(starter) as { stages: { steps: { name: string }[] }[] };
    const ids = map.stages.flatMap((st) => st.steps).map((st, i) => deriveId(st.name, "step", i + 1));
    entry = entry.replace(/^      (.+): step-(\d+)$/gm, (_line: string, key: string, n: string) => {
      const id = ids[Number(n) - 1];
      return id ? `      ${key}: ${id}` : `      # ${key}: <step id>`;
    });
  }
  return `data:   # from \`cjm init --data\`: point each \`at:\` to the stage or step it measures\n${entry}`;
}
