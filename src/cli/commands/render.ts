import path from "node:path";
import { existsSync, statSync } from "node:fs";
import { processAll, renderPortfolioIsolated, TEMPLATE_TIME_LIMIT_MS } from "../../batch/pool.js";
import type { Processed, ProcessOptions } from "../../batch/process.js";
import type { ProjectConfig } from "../../config/config.js";
import { hasErrors, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { loadFormatter, type ReporterName } from "../../diagnostics/formatters/index.js";
import { shownReport, type DiagnosticReport } from "../../diagnostics/report.js";
import type { InputRef } from "../../load/read.js";
import type { Journey, Locale } from "../../model/types.js";
import { BrowserMissingError, findBrowser } from "../../render/image/browser.js";
import { ImageRenderer } from "../../render/image/images.js";
import { renderPortfolio } from "../../render/portfolio.js";
import { DEFAULT_FORMATS, DIAGRAM_KINDS, IMAGE_FORMATS, OUTPUT_FORMATS, type DiagramKind, type Output, type OutputFormat, type RenderResult } from "../../render/render.js";
import type { JourneySummary } from "../../render/summary.js";
import { buildReport, findInputs } from "../../validate/check-paths.js";
import { removeStaleTemps, writeAtomic } from "../../write/atomic.js";
import { EXIT, UsageError, colorEnabled, type Io } from "../io.js";
import { VERSION } from "../main.js";
import { inShard, type Shard } from "../../batch/shard.js";
import { missingPaths, parseJobs, parseMegabytes, parseShard, type CommandInput } from "../options.js";
import { checkOutDir } from "../out-dir.js";
import { progress } from "../progress.js";
import { projectConfig } from "../project.js";
import { formatOptions, writeStepSummary } from "../report-output.js";

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
  quiet?: boolean;
  strict: boolean;
  root?: string;
  maxSize?: string;
  shard?: string;
}

/** Everything a render run needs, flags and project config merged (flags win). */
export interface RenderSettings {
  formats: OutputFormat[];
  imageFormats: OutputFormat[];
  toStdout: boolean;
  outDir: string;
  locale?: Locale;
  templatesDir?: string;
  diagrams?: DiagramKind[];
  scale: number;
  jobs?: string;
  index: boolean;
  reporter: ReporterName;
  quiet: boolean;
  strict: boolean;
  root?: string;
  maxFileBytes?: number;
  /** One machine's part of a CI matrix: no index (`cjm index` builds it from every shard's models). */
  shard?: Shard;
  config?: ProjectConfig;
  /** Per map, when user templates run (`CJM_TEMPLATE_TIME_LIMIT_MS` changes it). */
  templateTimeLimitMs: number;
}

export function parseFormats(value: string | undefined): OutputFormat[] {
  if (value === undefined) return DEFAULT_FORMATS;
  const list = value.split(",").map((f) => f.trim().toLowerCase()).filter(Boolean);
  const aliases: Record<string, OutputFormat> = { md: "markdown", mmd: "mermaid" };
  const out: OutputFormat[] = [];
  for (const f of list) {
    const format = aliases[f] ?? (f as OutputFormat);
    if (!OUTPUT_FORMATS.includes(format)) {
      throw new UsageError(`unknown format \`${f}\``, `formats: ${OUTPUT_FORMATS.join(", ")} (comma-separated)`);
    }
    if (!out.includes(format)) out.push(format);
  }
  if (out.length === 0) throw new UsageError("--format needs at least one format");
  return out;
}

async function settingsFrom(io: Io, given: RenderFlags, explicit: ReadonlySet<string>): Promise<RenderSettings> {
  const maxFileBytes = parseMegabytes(given.maxSize, "--max-size");
  const config = await projectConfig(io, maxFileBytes);
  const pick = <T>(flag: string, value: T | undefined, fromConfig: T | undefined): T | undefined =>
    explicit.has(flag) || fromConfig === undefined ? value : fromConfig;
  const formats = parseFormats(pick("format", given.format, config?.formats?.join(",")));
  const imageFormats = formats.filter((f) => IMAGE_FORMATS.includes(f));
  const out = pick("out", given.out, config?.out) ?? "out";
  const toStdout = out === "-";
  if (toStdout && imageFormats.length > 0) {
    throw new UsageError("--out - writes text; images (svg, png, pdf) go to a folder", "write them with `--out <dir>`");
  }
  if (toStdout && given.watch) throw new UsageError("--watch writes to a folder, not to standard output");
  const locale = pick("locale", given.locale, config?.locale);
  const templates = pick("templates", given.templates, config?.templates);
  if (templates !== undefined && !isFolder(path.resolve(io.cwd, templates))) {
    throw new UsageError(`--templates \`${templates}\`: no such folder`, "give a folder holding <format>/*.hbs files, e.g. `--templates my-templates` (see docs/templates.md)");
  }
  const diagrams = parseDiagrams(pick("diagrams", given.diagrams, config?.diagrams?.join(",")));
  const shard = parseShard(given.shard);
  if (shard && explicit.has("index")) throw new UsageError("a shard writes no index: --index and --shard do not go together", "render the shards, then join them with `cjm index <dirs…>`");
  return {
    formats,
    imageFormats,
    toStdout,
    outDir: path.resolve(io.cwd, out),
    ...(locale !== undefined && { locale }),
    ...(templates !== undefined && { templatesDir: path.resolve(io.cwd, templates) }),
    ...(diagrams !== undefined && { diagrams }),
    scale: parseScale(given.scale),
    ...(given.jobs !== undefined && { jobs: given.jobs }),
    index: pick("index", given.index, config?.index) ?? false,
    reporter: given.reporter,
    quiet: given.quiet ?? false,
    strict: given.strict,
    ...(given.root !== undefined && { root: given.root }),
    ...(maxFileBytes !== undefined && { maxFileBytes }),
    ...(shard !== undefined && { shard }),
    ...(config !== undefined && { config }),
    templateTimeLimitMs: Number(io.env["CJM_TEMPLATE_TIME_LIMIT_MS"]) || TEMPLATE_TIME_LIMIT_MS,
  };
}

export async function renderCommand(io: Io, { args, options, explicit }: CommandInput<RenderFlags>): Promise<number> {
  const settings = await settingsFrom(io, options, explicit);
  const paths = args.length > 0 ? args : ["."];
  const found = await findInputs(paths, io.cwd, paths.includes("-") ? await io.readStdin() : undefined);
  if (found.missing.length > 0) throw missingPaths(found.missing);
  const summaries = new Map<string, JourneySummary>();
  const inputs = settings.shard ? inShard(found.inputs, settings.shard, formatOptions(io, VERSION, false, settings.root).repoRoot!) : found.inputs;
  if (settings.shard && inputs.length === 0 && found.inputs.length > 0) {
    // More machines than maps: an empty shard is not a mistake.
    if (!settings.quiet) io.stderr(`shard ${settings.shard.index}/${settings.shard.count}: no map in this shard (${found.inputs.length} in all)\n`);
    return EXIT.ok;
  }
  const run = await renderInputs(io, inputs, found.pathDiagnostics, settings, summaries);
  if (run.report.filesChecked === 0 && run.report.diagnostics.length === 0 && !settings.shard) {
    throw new UsageError(`no journey file found in ${paths.map((p) => `\`${p}\``).join(", ")}`);
  }
  if (!options.watch) {
    await report(io, settings, run.report, run.written);
    if (run.environmentProblem) throw run.environmentProblem;
    return exitCode(settings, run.report);
  }
  await report(io, settings, run.report, run.written);
  const { watchInputs } = await import("../watch.js");
  return watchInputs(io, paths, run.results, async (inputs) => {
    const again = await findInputs(paths, io.cwd);
    const wanted = new Set(inputs.map((i) => i.absolutePath));
    const chosen = again.inputs.filter((i) => wanted.has(i.absolutePath));
    return renderInputs(io, chosen, [], settings, summaries);
  });
}

export interface RenderRun {
  results: Processed[];
  report: DiagnosticReport;
  written: number;
  environmentProblem?: UsageError;
}

/**
 * Checks and renders `inputs`, writes their outputs (atomically, as results land), draws images in
 * one browser, and rewrites the portfolio index from `summaries` (kept across watch rebuilds).
 */
export async function renderInputs(
  io: Io,
  inputs: readonly InputRef[],
  pathDiagnostics: readonly Diagnostic[],
  settings: RenderSettings,
  summaries: Map<string, JourneySummary>,
): Promise<RenderRun> {
  if (!settings.toStdout) {
    checkOutDir(settings.outDir, io.cwd);
    await removeStaleTemps(settings.outDir);
  }
  // Never write over an input: a map, or a persona file read for one.
  const protectedFiles = new Set(inputs.map((i) => i.absolutePath));
  const renderDiagnostics: Diagnostic[] = [];
  const planned = new Map<string, string>();
  const texts: Output[] = [];
  const toDraw: { journey: Journey; artifacts: RenderResult["artifacts"]; subdir?: string }[] = [];
  const claim = (output: Output, source: string): boolean => {
    const target = path.join(settings.outDir, output.path);
    if (!settings.toStdout && protectedFiles.has(target)) {
      throw new UsageError(`--out would overwrite the input \`${path.relative(io.cwd, target)}\` with \`${output.path}\``, "write the outputs to another folder, e.g. `--out out`");
    }
    const clash = planned.get(output.path);
    if (clash !== undefined) {
      renderDiagnostics.push({
        severity: "error",
        code: "output-conflict",
        message: `\`${source}\` and \`${clash}\` would both write \`${output.path}\` (same journey id)`,
        file: source,
        help: "give one of them another `id:`",
      });
      return false;
    }
    planned.set(output.path, source);
    return true;
  };
  let written = 0;
  const write = async (output: Output) => {
    if (settings.toStdout) {
      io.stdout(output.content);
      written++;
      return;
    }
    const target = path.join(settings.outDir, output.path);
    try {
      await writeAtomic(target, output.content);
      written++;
    } catch (e) {
      throw new UsageError(
        `cannot write \`${path.relative(io.cwd, target) || target}\`: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        "check that the output folder is writable (`--out <dir>`)",
      );
    }
  };
  // Results are taken in input order as they land, and written while the others are still being
  // rendered; the order makes conflicts (two maps, one id) resolve the same way on every run.
  const ready = new Map<number, Processed>();
  let nextIndex = 0;
  let writing = Promise.resolve();
  let writeError: unknown;
  const take = (result: Processed) => {
    const mine: Output[] = [];
    for (const output of result.outputs) if (claim(output, result.input.name)) mine.push(output);
    // Written outputs are not kept: memory stays flat however many maps a run has.
    result.outputs = [];
    if (result.journey && result.artifacts) {
      toDraw.push({ journey: result.journey, artifacts: result.artifacts, ...(result.input.subdir !== undefined && { subdir: result.input.subdir }) });
    }
    for (const dep of result.dependencies) protectedFiles.add(dep);
    if (result.summary && !hasErrors(result.diagnostics)) summaries.set(result.input.absolutePath, result.summary);
    else summaries.delete(result.input.absolutePath);
    if (settings.toStdout) texts.push(...mine);
    else {
      writing = writing
        .then(async () => {
          if (writeError === undefined) await Promise.all(mine.map(write));
        })
        .catch((e: unknown) => {
          writeError ??= e;
        });
    }
  };

  // The browser starts now, while the maps are checked and rendered: its start-up is most of the
  // cost of a small image run.
  const executable = settings.imageFormats.length > 0 ? findBrowser(io.env) : undefined;
  const starting = executable ? ImageRenderer.start(executable, {
        scale: settings.scale,
        userTemplates: settings.templatesDir !== undefined,
        ...sourceDateEpoch(io.env),
        ...(Number(io.env["CJM_PRINT_TIME_LIMIT_MS"]) > 0 && { printTimeLimitMs: Number(io.env["CJM_PRINT_TIME_LIMIT_MS"]) }),
      }) : undefined;
  starting?.catch(() => undefined);
  const closeBrowser = async () => (await starting?.catch(() => undefined))?.close();
  const stopOnInterrupt = starting ? io.onInterrupt(closeBrowser) : undefined;

  // Whatever happens below (a failed write, an interrupted run), the browser is closed.
  let results: Processed[];
  let environmentProblem: UsageError | undefined;
  try {
    const bar = progress(io, "rendering", inputs.length, !settings.toStdout && settings.reporter === "pretty" && !settings.quiet);
    const processOptions: ProcessOptions = {
        cwd: io.cwd,
        formats: settings.formats,
        keepArtifacts: settings.imageFormats.length > 0,
        ...(settings.config?.rules !== undefined && { severities: settings.config.rules }),
        ...(settings.root !== undefined && { root: settings.root }),
        ...(settings.maxFileBytes !== undefined && { maxFileBytes: settings.maxFileBytes }),
        ...(settings.locale !== undefined && { locale: settings.locale }),
        ...(settings.templatesDir !== undefined && { templatesDir: settings.templatesDir }),
        ...(settings.diagrams !== undefined && { diagrams: settings.diagrams }),
      };
    results = await processAll(
      inputs,
      processOptions,
      parseJobs(settings.jobs, inputs.length),
      (result, index) => {
        bar.tick();
        ready.set(index, result);
        while (ready.has(nextIndex)) {
          const item = ready.get(nextIndex)!;
          ready.delete(nextIndex++);
          take(item);
        }
      },
      // User templates are untrusted programs: they run in a worker, stopped past a time limit.
      settings.templatesDir !== undefined ? { isolate: true, timeLimitMs: settings.templateTimeLimitMs } : {},
    );
    bar.end();
    await writing;
    if (writeError !== undefined) throw writeError;

    const errorsSoFar = () => hasErrors(results.flatMap((r) => r.diagnostics)) || hasErrors(renderDiagnostics);
    if (settings.toStdout && texts.length !== 1 && !errorsSoFar()) {
      throw new UsageError(
        `--out - writes a single output, but this run makes ${texts.length}${texts.length > 0 ? `: ${texts.map((t) => t.path).join(", ")}` : ""}`,
        "ask for one format and one diagram kind, e.g. `--format markdown`, or write to a folder",
      );
    }
    if (settings.toStdout) for (const output of texts) await write(output);

    // The portfolio index: every journey at a glance, when a run has several (or `--index`).
    if (!settings.toStdout && !settings.shard && (summaries.size >= 2 || (settings.index && summaries.size > 0))) {
      const portfolioOptions = {
        ...(settings.locale !== undefined && { locale: settings.locale }),
        ...(settings.templatesDir !== undefined && { templatesDir: settings.templatesDir }),
        htmlLinks: settings.formats.includes("html") || !settings.formats.includes("markdown") ? ("html" as const) : ("md" as const),
        markdownLinks: settings.formats.includes("markdown") || !settings.formats.includes("html") ? ("md" as const) : ("html" as const),
      };
      // User index templates run in a worker, under the same limits as report templates.
      const portfolio =
        settings.templatesDir !== undefined
          ? await renderPortfolioIsolated([...summaries.values()], portfolioOptions, processOptions, settings.templateTimeLimitMs)
          : await renderPortfolio([...summaries.values()], portfolioOptions);
      renderDiagnostics.push(...portfolio.diagnostics);
      for (const output of portfolio.outputs) if (claim(output, "the portfolio index")) await write(output);
    }

    if (settings.imageFormats.length > 0 && !executable && toDraw.length > 0) {
      const missing = new BrowserMissingError();
      environmentProblem = new UsageError(`${missing.message}; ${settings.imageFormats.join(", ")} not written`, missing.help);
    }
    const images = starting && toDraw.length > 0 ? await starting.catch((e: unknown) => {
      // A browser named by CJM_CHROME that is missing or will not start: the environment, not cjm.
      const why = String((e as Error)?.message ?? e).split("\n")[0];
      environmentProblem = new UsageError(
        `cannot start the browser \`${executable}\` (${why}); ${settings.imageFormats.join(", ")} not written`,
        new BrowserMissingError().help,
      );
      return undefined;
    }) : undefined;
    if (images) {
      const drawing = progress(io, "drawing", toDraw.length, !settings.quiet);
      try {
        for (const { journey, artifacts, subdir } of toDraw) {
          const drawn = await images.render(journey, artifacts.diagrams, artifacts.html, settings.imageFormats);
          renderDiagnostics.push(...drawn.diagnostics);
          if (!hasErrors(drawn.diagnostics)) {
            for (const output of drawn.outputs) {
              const placed = subdir ? { ...output, path: `${subdir}/${output.path}` } : output;
              if (claim(placed, journey.file)) await write(placed);
            }
          }
          drawing.tick();
        }
      } finally {
        drawing.end();
      }
    }
  } finally {
    stopOnInterrupt?.();
    await closeBrowser();
  }

  return {
    results,
    report: buildReport({ results, pathDiagnostics }, renderDiagnostics),
    written,
    ...(environmentProblem && { environmentProblem }),
  };
}

/** Diagnostics (stderr for people, stdout for machines) and the one-line summary. */
export async function report(io: Io, settings: RenderSettings, result: DiagnosticReport, written: number): Promise<void> {
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
    io.stderr(`wrote ${written} file${written === 1 ? "" : "s"} to ${where}/\n`);
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
    if (!DIAGRAM_KINDS.includes(d as DiagramKind)) throw new UsageError(`unknown diagram kind \`${d}\``, `kinds: ${DIAGRAM_KINDS.join(", ")}`);
  }
  return list as DiagramKind[];
}

/** SOURCE_DATE_EPOCH (reproducible-builds.org): whole seconds since 1970, else the fixed default. */
function sourceDateEpoch(env: Io["env"]): { sourceDateEpoch?: number } {
  const raw = env["SOURCE_DATE_EPOCH"];
  if (raw === undefined || raw === "") return {};
  if (!/^\d{1,11}$/.test(raw)) throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, such as 1767225600; got \`${raw}\``);
  return { sourceDateEpoch: Number(raw) };
}

function isFolder(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}

function parseScale(value: string | undefined): number {
  const n = Number(value ?? 2);
  if (!Number.isFinite(n) || n <= 0 || n > 8) throw new UsageError(`--scale takes a number from 0.5 to 8, such as 2; got \`${value}\``);
  return n;
}
