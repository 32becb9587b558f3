import { LIMITS } from "../../../load/limits.js";
import path from "node:path";
import { hasErrors, localize, sortDiagnostics, type Diagnostic } from "../../../diagnostics/diagnostic.js";
import { messageLanguage } from "../../../i18n/lang.js";
import { formatPretty } from "../../../diagnostics/formatters/pretty.js";
import { importMermaid, type ImportedMap } from "../../../import/mermaid.js";
import { writeImportedYaml } from "../../../import/yaml-out.js";
import { displayName, readInput } from "../../../load/read.js";
import type { Locale } from "../../../model/types.js";
import { slugify } from "../../../model/slug.js";
import { checkInput } from "../../../validate/check.js";
import { VERSION } from "../../../version.js";
import { EXIT, UsageError, colorEnabled, wroteLine, type Io } from "../../io.js";
import type { CommandInput } from "../../options.js";
import { isDirectory, writeOutput } from "../../output-file.js";
import { schemaPathFor } from "../init/handler.js";

export type ImportFormat = "mermaid" | "csv" | "xlsx";

interface ImportOptions {
  output?: string;
  force: boolean;
  locale?: Locale;
  title?: string;
  block?: string;
}

/** What each importer gives back: maps (with their comments) and what it found wrong. */
export interface ImportResult {
  maps: ImportedMap[];
  diagnostics: Diagnostic[];
}

export async function importCommand(io: Io, { args, options }: CommandInput<ImportOptions>): Promise<number> {
  const format = args[0] as ImportFormat;
  const file = args[1]!;
  const absolute = path.resolve(io.cwd, file);
  const name = file === "-" ? "<stdin>" : displayName(absolute, io.cwd);
  const read = await readInput({ name, absolutePath: absolute, ...(file === "-" && { bytes: await io.readStdin(LIMITS.maxFileBytes) }) });
  const sources = new Map<string, string>();
  if ("diagnostic" in read) return report(io, [read.diagnostic], sources);
  const fallbackTitle = options.title ?? (path.basename(file, path.extname(file)) || "Imported journey");

  let result: ImportResult;
  if (format === "mermaid") {
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(read.bytes);
    } catch {
      return report(io, [{ severity: "error", code: "invalid-utf8", message: "the file is not valid UTF-8 text", file: name, span: { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } }, help: "save the file as UTF-8" }], sources);
    }
    sources.set(name, text);
    result = importMermaid(text, name, { fallbackTitle, ...(options.locale !== undefined && { locale: options.locale }) });
  } else {
    const { importSheet } = await import("../../../import/sheet.js");
    result = await importSheet(format, read.bytes, name, { fallbackTitle, ...(options.locale !== undefined && { locale: options.locale }) }, sources);
  }
  if (options.title !== undefined) for (const m of result.maps) m.map["title"] = options.title;
  let maps = result.maps;
  if (options.block !== undefined && maps.length > 0) {
    const n = Number(options.block);
    if (!Number.isInteger(n) || n < 1 || n > maps.length) throw new UsageError({ en: `--block takes a number from 1 to ${maps.length}; got \`${options.block}\``, fr: `--block attend un nombre de 1 à ${maps.length} ; reçu \`${options.block}\`` });
    maps = [maps[n - 1]!];
  }
  const found = [...result.diagnostics, ...maps.flatMap((m) => m.diagnostics)];
  if (hasErrors(found)) return report(io, found, sources);
  const toFolder = options.output !== undefined && options.output !== "-" && (/[\\/]$/.test(options.output) || (await isDirectory(path.resolve(io.cwd, options.output))));
  if (maps.length > 1 && !toFolder) {
    const lines = maps.map((m) => m.line).join(", ");
    throw new UsageError(
      {
        en: `\`${file}\` holds ${maps.length} journey diagrams (lines ${lines}); a map file holds one`,
        fr: `\`${file}\` contient ${maps.length} diagrammes de parcours (lignes ${lines}) ; un fichier de carte n'en contient qu'un`,
      },
      { en: "choose one with `--block <n>`, or write them all with `-o <folder>/`", fr: "choisissez-en un avec `--block <n>`, ou écrivez-les tous avec `-o <dossier>/`" },
    );
  }

  const targets: { target: string | undefined; map: ImportedMap }[] = [];
  const usedNames = new Set<string>();
  for (const m of maps) {
    if (!toFolder) {
      targets.push({ target: options.output, map: m });
      continue;
    }
    let base = slugify(m.title) || "journey";
    for (let n = 2; usedNames.has(base); n++) base = `${slugify(m.title) || "journey"}-${n}`;
    usedNames.add(base);
    targets.push({ target: path.join(options.output!, `${base}.yaml`), map: m });
  }

  const diagnostics = found;
  const outputs: { target: string | undefined; text: string }[] = [];
  for (const { target, map } of targets) {
    const at = path.resolve(io.cwd, target === undefined || target === "-" ? "journey.yaml" : target);
    const text = writeImportedYaml(map.map, {
      schemaPath: schemaPathFor(at),
      header: [`Imported by \`cjm import ${format}\` from ${name}${format === "mermaid" ? `, journey diagram at line ${map.line}` : ""}.`, "Check it with `cjm validate`; the comments name the line each item came from.", ...(map.header ?? [])],
      comments: map.comments,
    });
    // The importer's own check: what it writes must validate, or it is a bug worth reporting here.
    const shownAs = target === undefined || target === "-" ? "<imported map>" : displayName(at, io.cwd);
    const check = await checkInput({ name: shownAs, absolutePath: at, bytes: new TextEncoder().encode(text) }, { cwd: io.cwd });
    for (const s of check.sources) sources.set(s.name, s.text);
    diagnostics.push(...check.diagnostics.filter((d) => d.severity === "error"));
    outputs.push({ target, text });
  }
  if (hasErrors(diagnostics)) return report(io, diagnostics, sources);
  for (const { target, text } of outputs) {
    const written = await writeOutput(io, target, text, options.force);
    if (written) io.stderr(wroteLine(io, displayName(written, io.cwd)));
  }
  if (diagnostics.length > 0) await printDiagnostics(io, diagnostics, sources);
  return EXIT.ok;
}

async function printDiagnostics(io: Io, diagnostics: Diagnostic[], sources: Map<string, string>): Promise<void> {
  const lang = messageLanguage(io.lang, io.env);
  io.stderr(
    await formatPretty({ diagnostics: sortDiagnostics(diagnostics.map((d) => localize(d, lang))), sources, filesChecked: 1 }, { color: colorEnabled(io, io.stderrIsTTY), toolVersion: VERSION, lang }),
  );
}

async function report(io: Io, diagnostics: Diagnostic[], sources: Map<string, string>): Promise<number> {
  await printDiagnostics(io, diagnostics, sources);
  return hasErrors(diagnostics) ? EXIT.invalid : EXIT.ok;
}
