import path from "node:path";
import { existsSync, statSync } from "node:fs";
import { hasErrors } from "../../../diagnostics/diagnostic.js";
import { loadFormatter, type ReporterName } from "../../../diagnostics/formatters/index.js";
import { shownReport, type DiagnosticReport } from "../../../diagnostics/report.js";
import { LIMITS } from "../../../load/limits.js";
import type { Locale } from "../../../model/types.js";
import { findInputs } from "../../../pipeline/check.js";
import { TEMPLATE_TIME_LIMIT_MS } from "../../../pipeline/pool.js";
import { renderInputs, renderPaths, type RenderSettings } from "../../../pipeline/render.js";
import { DEFAULT_FORMATS, DIAGRAM_KINDS, IMAGE_FORMATS, OUTPUT_FORMATS, type DiagramKind, type OutputFormat } from "../../../render/render.js";
import type { JourneySummary } from "../../../render/summary.js";
import { VERSION } from "../../../version.js";
import { messageLanguage, say } from "../../../i18n/lang.js";
import { EXIT, UsageError, colorEnabled, type Io } from "../../io.js";
import { parseJobsFlag, parseMegabytes, parseShard, type CommandInput } from "../../options.js";
import { progress } from "../../progress.js";
import { projectConfig } from "../../project.js";
import { formatOptions, writeStepSummary } from "../../report-output.js";

interface RenderFlags {
  format?: string;
  out: string;
  locale?: Locale;
  templates?: string;
  reporter: ReporterName;
  scale?: string;
  diagrams?: string;
  jobs?: string;
  index?: boolean;
  watch?: boolean;
  cache?: boolean;
  cacheLocation?: string;
  quiet?: boolean;
  strict: boolean;
  root?: string;
  maxSize?: string;
  shard?: string;
  maxDataSize?: string;
}

export function parseFormats(value: string | undefined): OutputFormat[] {
  if (value === undefined) return DEFAULT_FORMATS;
  const list = value.split(",").map((f) => f.trim().toLowerCase()).filter(Boolean);
  const aliases = new Map<string, OutputFormat>([["md", "markdown"], ["mmd", "mermaid"]]);
  const out: OutputFormat[] = [];
  for (const f of list) {
    const format = aliases.get(f) ?? (f as OutputFormat);
    if (!OUTPUT_FORMATS.includes(format)) {
      throw new UsageError(
        { en: `unknown format \`${f}\``, fr: `format inconnu \`${f}\`` },
        { en: `formats: ${OUTPUT_FORMATS.join(", ")} (comma-separated)`, fr: `formats : ${OUTPUT_FORMATS.join(", ")} (séparés par des virgules)` },
      );
    }
    if (!out.includes(format)) out.push(format);
  }
  if (out.length === 0) throw new UsageError({ en: "--format needs at least one format", fr: "--format demande au moins un format" });
  return out;
}

async function settingsFrom(io: Io, given: RenderFlags, explicit: ReadonlySet<string>): Promise<RenderSettings> {
  const maxFileBytes = parseMegabytes(given.maxSize, "--max-size");
  const config = await projectConfig(io, maxFileBytes);
  const maxDataBytes = parseMegabytes(given.maxDataSize, "--max-data-size");
  const pick = <T>(flag: string, value: T | undefined, fromConfig: T | undefined): T | undefined =>
    explicit.has(flag) || fromConfig === undefined ? value : fromConfig;
  const formats = parseFormats(pick("format", given.format, config?.formats?.join(",")));
  const imageFormats = formats.filter((f) => IMAGE_FORMATS.includes(f));
  const out = pick("out", given.out, config?.out) ?? "out";
  const toStdout = out === "-";
  if (toStdout && imageFormats.length > 0) {
    throw new UsageError(
      { en: "--out - writes text; images (svg, png, pdf) go to a folder", fr: "--out - écrit du texte ; les images (svg, png, pdf) vont dans un dossier" },
      { en: "write them with `--out <dir>`", fr: "écrivez-les avec `--out <dossier>`" },
    );
  }
  if (toStdout && given.watch) throw new UsageError({ en: "--watch writes to a folder, not to standard output", fr: "--watch écrit dans un dossier, pas sur la sortie standard" });
  const locale = pick("locale", given.locale, config?.locale);
  const templates = pick("templates", given.templates, config?.templates);
  if (templates !== undefined && !isFolder(path.resolve(io.cwd, templates))) {
    throw new UsageError(
      { en: `--templates \`${templates}\`: no such folder`, fr: `--templates \`${templates}\` : dossier introuvable` },
      {
        en: "give a folder holding <format>/*.hbs files, e.g. `--templates my-templates` (see docs/templates.md)",
        fr: "donnez un dossier qui contient des fichiers <format>/*.hbs, par exemple `--templates mes-gabarits` (voir docs/templates.md)",
      },
    );
  }
  const diagrams = parseDiagrams(pick("diagrams", given.diagrams, config?.diagrams?.join(",")));
  const shard = parseShard(given.shard);
  if (shard && explicit.has("index")) {
    throw new UsageError(
      { en: "a shard writes no index: --index and --shard do not go together", fr: "un lot n'écrit pas d'index : --index et --shard ne vont pas ensemble" },
      { en: "render the shards, then join them with `cjm index <dirs…>`", fr: "rendez les lots, puis réunissez-les avec `cjm index <dossiers…>`" },
    );
  }
  return {
    formats,
    imageFormats,
    toStdout,
    outDir: path.resolve(io.cwd, out),
    lang: messageLanguage(io.lang, io.env),
    render: {
      ...(locale !== undefined && { locale }),
      ...(templates !== undefined && { templatesDir: path.resolve(io.cwd, templates) }),
      ...(diagrams !== undefined && { diagrams }),
    },
    scale: parseScale(given.scale),
    ...(given.jobs !== undefined && { jobs: parseJobsFlag(given.jobs)! }),
    index: pick("index", given.index, config?.index) ?? false,
    reporter: given.reporter,
    quiet: given.quiet ?? false,
    strict: given.strict,
    ...(given.root !== undefined && { root: given.root }),
    ...(maxFileBytes !== undefined && { maxFileBytes }),
    ...(shard !== undefined && { shard }),
    ...(maxDataBytes !== undefined && { maxDataBytes }),
    ...(config !== undefined && { config }),
    templateTimeLimitMs: Number(io.env["CJM_TEMPLATE_TIME_LIMIT_MS"]) || TEMPLATE_TIME_LIMIT_MS,
    ...(Number(io.env["CJM_TEMPLATE_HEAP_MB"]) >= 16 && { templateHeapMb: Number(io.env["CJM_TEMPLATE_HEAP_MB"]) }),
    // Watch keeps the cache on: a restart re-renders only what changed meanwhile.
    cache: (given.cache ?? false) || (given.watch ?? false),
    ...(given.cacheLocation !== undefined && { cacheLocation: path.resolve(io.cwd, given.cacheLocation) }),
  };
}

export async function renderCommand(io: Io, { args, options, explicit }: CommandInput<RenderFlags>): Promise<number> {
  const settings = await settingsFrom(io, options, explicit);
  const paths = args.length > 0 ? args : ["."];
  const hooks = { cwd: io.cwd, env: io.env, stdout: io.stdout, onInterrupt: io.onInterrupt, progress: (label: string, total: number, enabled: boolean) => progress(io, label, total, enabled) };
  const summaries = new Map<string, JourneySummary>();
  const run = await renderPaths(paths, settings, { ...hooks, ...(paths.includes("-") && { stdin: await io.readStdin(settings.maxFileBytes ?? LIMITS.maxFileBytes) }) }, summaries);
  if (settings.shard && run.inputs.length === 0) {
    // More machines than maps: an empty shard is not a mistake.
    if (!settings.quiet) {
      const shard = `${settings.shard.index}/${settings.shard.count}`;
      io.stderr(messageLanguage(io.lang, io.env) === "fr" ? `lot ${shard} : aucune carte dans ce lot\n` : `shard ${shard}: no map in this shard\n`);
    }
    return EXIT.ok;
  }
  if (run.report.filesChecked === 0 && run.report.diagnostics.length === 0) {
    const where = paths.map((p) => `\`${p}\``).join(", ");
    throw new UsageError({ en: `no journey file found in ${where}`, fr: `aucun fichier de parcours trouvé dans ${where}` });
  }
  if (!options.watch) {
    await report(io, settings, run.report, run.written, run.unchanged);
    if (run.environmentProblem) throw run.environmentProblem;
    return exitCode(settings, run.report);
  }
  await report(io, settings, run.report, run.written, run.unchanged);
  const { watchInputs } = await import("../../watch.js");
  // Once a run has an index, every rebuild keeps it current, even when maps are deleted.
  const watched = { ...settings, index: settings.index || summaries.size >= 2 };
  return watchInputs(io, paths, run.results, async (inputs) => {
    const again = await findInputs(paths, io.cwd);
    const wanted = new Set(inputs.map((i) => i.absolutePath));
    const chosen = again.inputs.filter((i) => wanted.has(i.absolutePath));
    // A map deleted (or moved away) since the last build leaves the index.
    const present = new Set(chosen.map((i) => i.absolutePath));
    for (const file of wanted) if (!present.has(file)) summaries.delete(file);
    return renderInputs(hooks, chosen, [], watched, summaries);
  });
}

/** Diagnostics (stderr for people, stdout for machines) and the one-line summary. */
export async function report(io: Io, settings: RenderSettings, result: DiagnosticReport, written: number, unchanged = 0): Promise<void> {
  const machine = settings.reporter !== "pretty";
  const shown = shownReport(result, settings.quiet, settings.strict);
  // Under --strict -q a hidden warning fails the run: the summary line says why.
  const failingHidden = settings.strict && (shown.hiddenWarnings ?? 0) > 0;
  if (shown.diagnostics.length > 0 || failingHidden || (machine && !settings.toStdout)) {
    const format = await loadFormatter(settings.reporter);
    const formatting = formatOptions(io, VERSION, colorEnabled(io, machine && !settings.toStdout ? io.stdoutIsTTY : io.stderrIsTTY), settings.root);
    const text = await format(shown, formatting);
    if (machine && !settings.toStdout) io.stdout(text);
    else io.stderr(text);
    await writeStepSummary(io, settings.reporter, shown, formatting);
  }
  if (!settings.toStdout && !machine && !settings.quiet) {
    const where = path.relative(io.cwd, settings.outDir) || ".";
    const skipped = unchanged > 0 ? `; ${unchanged} map${unchanged === 1 ? "" : "s"} unchanged (--cache)` : "";
    io.stderr(`${say(messageLanguage(io.lang, io.env), "wrote", { files: say(messageLanguage(io.lang, io.env), "file", { n: written }), dir: `${where}/` })}${skipped}\n`);
  }
}

export function exitCode(settings: RenderSettings, result: DiagnosticReport): number {
  const failed = hasErrors(result.diagnostics) || (settings.strict && result.diagnostics.length > 0);
  return failed ? EXIT.invalid : EXIT.ok;
}

function parseDiagrams(value: string | undefined): DiagramKind[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(",").map((d) => d.trim()).filter(Boolean);
  for (const d of list) {
    if (!DIAGRAM_KINDS.includes(d as DiagramKind)) throw new UsageError({ en: `unknown diagram kind \`${d}\``, fr: `type de diagramme inconnu \`${d}\`` }, { en: `kinds: ${DIAGRAM_KINDS.join(", ")}`, fr: `types : ${DIAGRAM_KINDS.join(", ")}` });
  }
  return list as DiagramKind[];
}

function isFolder(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}

function parseScale(value: string | undefined): number {
  const n = Number(value ?? 2);
  if (!Number.isFinite(n) || n <= 0 || n > 8) throw new UsageError({ en: `--scale takes a number from 0.5 to 8, such as 2; got \`${value}\``, fr: `--scale attend un nombre de 0,5 à 8, par exemple 2 ; reçu \`${value}\`` });
  return n;
}
