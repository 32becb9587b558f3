import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { localize } from "../../../diagnostics/diagnostic.js";
import { messageLanguage, say } from "../../../i18n/lang.js";
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
      throw cannotWrite(show(copy.path), e);
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
      throw cannotWrite(file, e);
    }
  }
  if (options.editor) written.push(await writeEditorSettings(root, placement.schema, file === "-" || editorOnly ? [] : [target], show));
  const fr = messageLanguage(io.lang, io.env) === "fr";
  for (const w of written) io.stderr(fr ? `${w} écrit\n` : `wrote ${w}\n`);
  if (file !== "-" && !editorOnly) {
    io.stderr(fr ? `${file} écrit : modifiez-le, puis lancez \`cjm validate ${file}\`\n` : `wrote ${file}: edit it, then run \`cjm validate ${file}\`\n`);
  }
  return EXIT.ok;
}

function alreadyExists(file: string): UsageError {
  return new UsageError(
    { en: `\`${file}\` already exists; cjm init never overwrites a file`, fr: `\`${file}\` existe déjà ; cjm init n'écrase jamais un fichier` },
    { en: "choose another name: `cjm init other.yaml`", fr: "choisissez un autre nom : `cjm init autre.yaml`" },
  );
}

function cannotWrite(file: string, e: unknown): UsageError {
  const why = (e as Error).message;
  return new UsageError({ en: `cannot write \`${file}\`: ${why}`, fr: `impossible d'écrire \`${file}\` : ${why}` });
}

/** Merges the schema association into the project's `.vscode/settings.json` (comments kept). */
async function writeEditorSettings(root: string, schema: string, newMaps: string[], show: (p: string) => string): Promise<string> {
  const settings = path.join(root, VSCODE_SETTINGS);
  let existing: string | undefined;
  try {
    existing = await readFile(settings, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") {
      const why = (e as Error).message;
      throw new UsageError({ en: `cannot read \`${show(settings)}\`: ${why}`, fr: `impossible de lire \`${show(settings)}\` : ${why}` });
    }
  }
  const ref = relativeRef(path.join(root, "x"), schema);
  let merged: string;
  try {
    merged = mergeVscodeSettings(existing, ref, await mapGlobs(root, newMaps));
  } catch (e) {
    if (!(e instanceof SettingsError)) throw e;
    throw new UsageError(
      {
        en: `\`${show(settings)}\` is not valid JSON with comments (${e.message}); cjm init --editor leaves it as it is`,
        fr: `\`${show(settings)}\` n'est pas du JSON avec commentaires valide (${e.message}) ; cjm init --editor le laisse tel quel`,
      },
      { en: "fix the file, then run `cjm init --editor` again", fr: "corrigez le fichier, puis relancez `cjm init --editor`" },
    );
  }
  try {
    await mkdir(path.dirname(settings), { recursive: true });
    await writeAtomic(settings, merged);
  } catch (e) {
    throw cannotWrite(show(settings), e);
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
    if (inspection.code === "data-file-missing") {
      throw new UsageError({ en: `--data \`${data}\`: ${inspection.message}`, fr: `--data \`${data}\` : ${inspection.fr?.message ?? inspection.message}` });
    }
    const lang = messageLanguage(io.lang, io.env);
    const shown = localize(inspection, lang);
    io.stderr(`error[${shown.code}]: ${data} ${shown.message}\n  --> ${data}:1:1\n${shown.help ? `  = ${say(lang, "help")}: ${shown.help}\n` : ""}`);
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
