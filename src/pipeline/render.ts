import { readFile } from "node:fs/promises";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { userCacheFolder } from "../cache/folder.js";
import type { CacheEntry, RunCache } from "../cache/run-cache.js";
import { checkSettings, type ProjectConfig } from "../config/config.js";
import type { SavedView } from "../render/html/saved-view.js";
import { hasErrors, bilingual, type Diagnostic, type Span } from "../diagnostics/diagnostic.js";
import type { ReporterName } from "../diagnostics/formatters/index.js";
import type { DiagnosticReport } from "../diagnostics/report.js";
import { displayName, type InputRef } from "../load/read.js";
import type { Journey } from "../model/types.js";
import { BrowserMissingError, findBrowser } from "../render/image/browser.js";
import { ImageRenderer } from "../render/image/images.js";
import { imagePaths } from "../render/image/paths.js";
import { renderPortfolio, reportLinks } from "../render/portfolio.js";
import type { Output, OutputFormat, RenderChoices, RenderResult } from "../render/render.js";
import type { JourneySummary } from "../render/summary.js";
import { removeStaleTemps, writeAtomic } from "../write/atomic.js";
import { boundedPath } from "../write/names.js";
import { OutputPlan, type PlanProblem } from "../write/plan.js";
import { buildReport, findInputs } from "./check.js";
import type { Lang } from "../i18n/lang.js";
import { missingPaths, UsageError } from "./errors.js";
import { checkOutDir } from "./out-dir.js";
import { defaultJobs, processAll, renderPortfolioIsolated } from "./pool.js";
import { inShard, type Shard } from "./shard.js";
import { gitTopLevel, projectRoot } from "../load/root.js";
import type { Processed, ProcessOptions } from "./process.js";

/** Maps whose images may be drawn ahead of the writes (their pictures wait in memory meanwhile). */
const DRAW_AHEAD = 16;
/** How many maps' outputs may wait to be written while the next maps render. */
const MAX_MAPS_WAITING_TO_WRITE = 16;

/**
 * The render run: inputs found, checked and rendered (in workers for large batches), outputs
 * claimed (two maps, one id: a conflict) and staged as they land, swapped in once the whole run
 * has passed its checks, images drawn in one browser
 * whose lifetime is this run's, then the portfolio index. `cjm render`, `--watch` and the library's
 * `renderPaths()` all go through here.
 */

/** What a run may touch outside the file system; the CLI passes its Io. */
export interface RunHooks {
  cwd: string;
  env: Record<string, string | undefined>;
  /** Where `--out -` writes. */
  stdout(content: string | Uint8Array): void;
  /** A counter for long phases (the CLI draws it on a terminal). */
  progress?(label: string, total: number, enabled: boolean): { tick(): void; end(): void };
  /** Registers a cleanup for Ctrl-C (closing the browser); returns its removal. */
  onInterrupt?(cleanup: () => Promise<void> | void): () => void;
}

function progressOf(io: RunHooks, label: string, total: number, enabled: boolean) {
  return io.progress?.(label, total, enabled) ?? { tick: () => undefined, end: () => undefined };
}

/** Everything a render run needs, flags and project config merged (flags win). */
export interface RenderSettings {
  formats: OutputFormat[];
  imageFormats: OutputFormat[];
  toStdout: boolean;
  outDir: string;
  /** Locale, diagram kinds and user templates, handed whole to the renderers. */
  render: RenderChoices;
  scale: number;
  /** Lanes rendering at once (the main thread and `jobs - 1` workers); default: one per core from 16 files on. */
  jobs?: number;
  index: boolean;
  reporter: ReporterName;
  quiet: boolean;
  strict: boolean;
  root?: string;
  maxFileBytes?: number;
  /** One machine's part of a CI matrix (`--shard i/n`): its maps only, and no index (`cjm index`
   * builds it from every shard's JSON models). */
  shard?: Shard;
  maxDataBytes?: number;
  config?: ProjectConfig;
  /** Per map, when user templates run (`CJM_TEMPLATE_TIME_LIMIT_MS` changes it). */
  templateTimeLimitMs: number;
  /** Heap of a template worker in MB (`CJM_TEMPLATE_HEAP_MB`; default 1024). */
  templateHeapMb?: number;
  /** Skip maps whose inputs did not change (`--cache`; on in watch). */
  cache?: boolean;
  /** `--cache-location`: the cache file (default: in the user cache folder). */
  cacheLocation?: string;
  /** The language of the report's messages (`--lang`, else the environment's). */
  lang?: Lang;
}

export interface RenderRun {
  results: Processed[];
  report: DiagnosticReport;
  written: number;
  /** Maps skipped because nothing they depend on changed (`--cache`). */
  unchanged: number;
  environmentProblem?: UsageError;
}

/**
 * Checks and renders `inputs`, stages their outputs as results land and swaps them in once every
 * run-stopping check has passed (folders under the real `--out`, nothing over an input), draws images in
 * one browser, and rewrites the portfolio index from `summaries` (kept across watch rebuilds).
 */
export async function renderInputs(
  io: RunHooks,
  inputs: readonly InputRef[],
  pathDiagnostics: readonly Diagnostic[],
  settings: RenderSettings,
  summaries: Map<string, JourneySummary>,
): Promise<RenderRun> {
  if (!settings.toStdout) {
    checkOutDir(settings.outDir, io.cwd);
    await removeStaleTemps(settings.outDir);
  }
  // Outputs are staged and swapped in only when every check that can stop the run has passed;
  // nothing may replace an input or a persona file read for one (compared by device and inode).
  const plan = settings.toStdout ? undefined : new OutputPlan(settings.outDir, io.cwd);
  plan?.protect(inputs.filter((i) => i.bytes === undefined).map((i) => i.absolutePath));
  const dependencies: string[] = [];
  const renderDiagnostics: Diagnostic[] = [];
  const planned = new Map<string, string>();
  const texts: Output[] = [];
  const toDraw: { journey: Journey; artifacts: RenderResult["artifacts"]; subdir?: string }[] = [];
  /** The images of `toDraw[i]`, drawn as soon as the map is rendered and the browser is up (they are
   * written later, once every check has passed); at most DRAW_AHEAD maps ahead of the writes. */
  const drawings: Promise<Awaited<ReturnType<ImageRenderer["render"]>>>[] = [];
  let drawFrom = 0;
  let starting: Promise<ImageRenderer> | undefined;
  const drawingOf = (i: number) => {
    const item = toDraw[i];
    if (!item || !starting || i >= drawFrom + DRAW_AHEAD) return drawings[i];
    if (!drawings[i]) {
      drawings[i] = starting.then((images) => images.render(item.journey, item.artifacts.diagrams, item.artifacts.html, settings.imageFormats));
      drawings[i]!.catch(() => undefined);
    }
    return drawings[i];
  };
  /** The output as it will be written (its name bounded), or undefined when another map has it. */
  const claim = (given: Output, source: string, at?: Span): Output | undefined => {
    const output = { ...given, path: boundedPath(given.path) };
    const clash = planned.get(output.path);
    if (clash !== undefined) {
      renderDiagnostics.push({
        severity: "error",
        code: "output-conflict",
        ...bilingual(
          { en: `\`${source}\` and \`${clash}\` would both write \`${output.path}\` (same journey id)`, fr: `\`${source}\` et \`${clash}\` écriraient tous deux \`${output.path}\` (même id de parcours)` },
          { en: "give one of them another `id:`", fr: "donnez à l'un des deux un autre `id:`" },
        ),
        file: source,
        span: at ?? { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } },
      });
      return undefined;
    }
    planned.set(output.path, source);
    return output;
  };
  const stopIfPlanFailed = async (problem: PlanProblem | undefined) => {
    if (!problem) return;
    await plan?.discard();
    throw new UsageError(problem.message, problem.help);
  };
  let written = 0;
  /** Maps a write failed for: their other outputs are not attempted. */
  const failedWrites = new Set<string>();
  const writeFailed = (source: string, target: string, e: unknown) => {
    const owner = owners.get(source);
    if (owner !== undefined) cache?.forget(owner);
    if (failedWrites.has(source)) return;
    failedWrites.add(source);
    const [shown, why] = [displayName(target, io.cwd), (e as NodeJS.ErrnoException).code ?? (e as Error).message];
    renderDiagnostics.push({
      severity: "error",
      code: "output-unwritable",
      ...bilingual(
        { en: `cannot write \`${shown}\`: ${why}`, fr: `impossible d'écrire \`${shown}\` : ${why}` },
        {
          en: "check that the output folder is writable and has room (`--out <dir>`); this map's other outputs were not written",
          fr: "vérifiez que le dossier de sortie est accessible en écriture et a de la place (`--out <dir>`) ; les autres sorties de cette carte n'ont pas été écrites",
        },
      ),
      file: source,
    });
  };
  /** Stages one text output of `source` (a temporary file beside its target), swapped in by the plan's commit. */
  const stage = async (outputs: readonly Output[], source: string) => {
    if (failedWrites.has(source)) return;
    const owner = owners.get(source);
    // At once (several files in flight on libuv's threads): one after the other, a batch's ~6,000
    // files waited on each other and the main thread idled. Failures are taken in the outputs'
    // order, whatever order the writes ended in.
    const settled = await Promise.allSettled(outputs.map((o) => plan!.stage(o.path, o.content, source)));
    for (const [i, outcome] of settled.entries()) {
      const output = outputs[i]!;
      if (outcome.status === "rejected") writeFailed(source, path.join(settings.outDir, output.path), outcome.reason);
      else if (owner !== undefined && !failedWrites.has(source)) cache?.wrote(owner, output.path, output.content);
    }
    // A map a write failed for has none of its outputs swapped in (its diagnostic says so).
    if (failedWrites.has(source)) await plan!.unstage(source);
  };
  /** Writes one output of `source` (standard output, or an image once the text outputs are in
   * place: image paths were checked with the rest); a failure is a diagnostic for that map. */
  const write = async (output: Output, source: string) => {
    if (settings.toStdout) {
      io.stdout(output.content);
      written++;
      return;
    }
    if (failedWrites.has(source)) return;
    const target = path.join(settings.outDir, output.path);
    const owner = owners.get(source);
    try {
      await writeAtomic(target, output.content);
      if (owner !== undefined) cache?.wrote(owner, output.path, output.content);
      written++;
    } catch (e) {
      writeFailed(source, target, e);
    }
  };
  // Results are taken in input order as they land, and written while the others are still being
  // rendered; the order makes conflicts (two maps, one id) resolve the same way on every run.
  const ready = new Map<number, Processed>();
  let nextIndex = 0;
  let writing = Promise.resolve();
  /** Maps whose outputs wait in `writing`: past a few, rendering waits for the writes (memory stays flat). */
  let waitingToWrite = 0;
  let writeError: unknown;
  const take = (result: Processed) => {
    const mine: Output[] = [];
    for (const output of result.outputs) {
      const claimed = claim(output, result.input.name, result.idSpan);
      if (claimed) mine.push(claimed);
    }
    // A map skipped by the cache still owns what it wrote before: a new map cannot take those names.
    for (const p of result.unchangedOutputs ?? []) claim({ path: p, content: "" }, result.input.name);
    const owner = result.input.absolutePath;
    owners.set(result.input.name, owner);
    const bytes = inputBytes.get(owner);
    const recorded =
      cache && !result.unchangedOutputs && bytes ? cache.record(owner, bytes, result) : Promise.resolve();
    // Written outputs are not kept: memory stays flat however many maps a run has.
    result.outputs = [];
    if (result.journey && result.artifacts) {
      toDraw.push({ journey: result.journey, artifacts: result.artifacts, ...(result.input.subdir !== undefined && { subdir: result.input.subdir }) });
      // The browser draws while the next maps are checked and rendered.
      drawingOf(toDraw.length - 1);
    }
    dependencies.push(...result.dependencies);
    if (result.summary && !hasErrors(result.diagnostics)) summaries.set(result.input.absolutePath, result.summary);
    else summaries.delete(result.input.absolutePath);
    if (settings.toStdout) texts.push(...mine);
    else {
      waitingToWrite++;
      writing = writing
        .then(async () => {
          await recorded;
          if (writeError === undefined) await stage(mine, result.input.name);
        })
        .catch((e: unknown) => {
          writeError ??= e;
        })
        .finally(() => waitingToWrite--);
    }
  };

  // The browser starts now, while the maps are checked and rendered: its start-up is most of the
  // cost of a small image run.
  const executable = settings.imageFormats.length > 0 ? findBrowser(io.env) : undefined;
  starting = executable ? ImageRenderer.start(executable, {
        scale: settings.scale,
        userTemplates: settings.render.templatesDir !== undefined,
        ...sourceDateEpoch(io.env),
        ...(Number(io.env["CJM_PRINT_TIME_LIMIT_MS"]) > 0 && { printTimeLimitMs: Number(io.env["CJM_PRINT_TIME_LIMIT_MS"]) }),
        // Mermaid's compiled code, kept between runs (as the CLI's own is: the same switch turns both off).
        ...(!io.env["CJM_NO_COMPILE_CACHE"] && { cacheFolder: userCacheFolder(io.env) }),
      }) : undefined;
  starting?.catch(() => undefined);
  const closeBrowser = async () => (await starting?.catch(() => undefined))?.close();
  const stopOnInterrupt = starting ? io.onInterrupt?.(closeBrowser) : undefined;
  // Ctrl-C before the outputs are swapped in: the staged files go, the old outputs stay.
  const stopDiscarding = plan ? io.onInterrupt?.(() => plan.discard()) : undefined;

  // --cache: the maps whose inputs and outputs are as the last run left them are not rendered.
  const cache = settings.cache && !settings.toStdout ? await openCache(settings, io) : undefined;
  const owners = new Map<string, string>();
  const inputBytes = new Map<string, Uint8Array>();
  const unchanged = new Map<number, Processed>();
  if (cache) {
    for (const [index, input] of inputs.entries()) {
      if (input.bytes) continue;
      const bytes = await readFile(input.absolutePath).catch(() => undefined);
      if (!bytes) continue;
      inputBytes.set(input.absolutePath, bytes);
      const entry = await cache.lookup(input.absolutePath, bytes);
      if (entry) unchanged.set(index, await replay(input, entry, io.cwd));
    }
  }
  const toProcess = inputs.filter((_, i) => !unchanged.has(i));
  // Enough maps to draw (each has a diagram or more): a second Mermaid page loads while they are
  // checked, and draws beside the first on the other core.
  if (starting && imagePages(io.env, toProcess.length) > 1) void starting.then((images) => images.addPage()).catch(() => undefined);
  const originalIndex = inputs.map((_, i) => i).filter((i) => !unchanged.has(i));

  // Whatever happens below (a failed write, an interrupted run), the browser is closed.
  let results: Processed[];
  let environmentProblem: UsageError | undefined;
  try {
    const bar = progressOf(io, "rendering", inputs.length, !settings.toStdout && settings.reporter === "pretty" && !settings.quiet);
    const processOptions: ProcessOptions = {
        cwd: io.cwd,
        formats: settings.formats,
        keepArtifacts: settings.imageFormats.length > 0,
        ...checkSettings(settings.config),
        ...(settings.config?.views !== undefined && { views: settings.config.views as Record<string, SavedView> }),
        ...(settings.root !== undefined && { root: settings.root }),
        ...(settings.maxFileBytes !== undefined && { maxFileBytes: settings.maxFileBytes }),
        ...(settings.maxDataBytes !== undefined && { maxDataBytes: settings.maxDataBytes }),
        render: { ...settings.render, scale: settings.scale },
      };
    const takeReady = () => {
      while (ready.has(nextIndex)) {
        const item = ready.get(nextIndex)!;
        ready.delete(nextIndex++);
        take(item);
      }
    };
    for (const [index, result] of unchanged) ready.set(index, result);
    takeReady();
    const jobs = settings.jobs ?? defaultJobs(toProcess.length);
    if (plan) plan.syncWrites = jobs > 1 || settings.render.templatesDir !== undefined;
    const processed = await processAll(
      toProcess,
      processOptions,
      jobs,
      (result, i) => {
        bar.tick();
        ready.set(originalIndex[i]!, result);
        while (ready.has(nextIndex)) {
          const item = ready.get(nextIndex)!;
          ready.delete(nextIndex++);
          take(item);
        }
        // Rendering ran ahead of the writes (their outputs were held in memory: 600 MB on a
        // 1,000-map batch): wait for them before taking more.
        if (waitingToWrite > MAX_MAPS_WAITING_TO_WRITE) return writing;
        return undefined;
      },
      // User templates are untrusted programs: they run in a worker, stopped past a time limit.
      settings.render.templatesDir !== undefined ? { isolate: true, timeLimitMs: settings.templateTimeLimitMs, ...(settings.templateHeapMb !== undefined && { heapMb: settings.templateHeapMb }) } : {},
    );
    bar.end();
    takeReady();
    const byIndex = new Map(originalIndex.map((original, i) => [original, processed[i]!]));
    results = inputs.map((_, i) => unchanged.get(i) ?? byIndex.get(i)!);
    await writing;
    if (writeError !== undefined) {
      await plan?.discard();
      throw writeError;
    }
    await stopIfPlanFailed(plan?.problem);
    const views = settings.config?.views;
    if (views !== undefined && settings.formats.includes("html")) {
      const { unknownViewIds } = await import("../render/html/saved-view.js");
      const maps = results.flatMap((r) => (r.summary?.ids ? [r.summary.ids] : []));
      const unknown = maps.length > 0 ? unknownViewIds(views as Record<string, SavedView>, maps) : [];
      // A run-stopping check like the others: before anything is written.
      await stopIfPlanFailed(
        unknown.length > 0
          ? {
              message: {
                en: `the project config \`${settings.config!.file}\` is invalid: ${unknown.map((u) => u.en).join("; ")}`,
                fr: `la configuration du projet \`${settings.config!.file}\` est invalide : ${unknown.map((u) => u.fr).join(" ; ")}`,
              },
              help: { en: "name ids the maps have (`cjm validate` lists none wrong), or remove the view", fr: "nommez des id que les cartes ont (`cjm validate` n'en signale aucun de faux), ou retirez la vue" },
            }
          : undefined,
      );
    }

    const errorsSoFar = () => hasErrors(results.flatMap((r) => r.diagnostics)) || hasErrors(renderDiagnostics);
    if (settings.toStdout && texts.length !== 1 && !errorsSoFar()) {
      const list = texts.map((t) => t.path).join(", ");
      throw new UsageError(
        {
          en: `--out - writes a single output, but this run makes ${texts.length}${texts.length > 0 ? `: ${list}` : ""}`,
          fr: `--out - écrit une seule sortie, mais cette exécution en produit ${texts.length}${texts.length > 0 ? ` : ${list}` : ""}`,
        },
        {
          en: "ask for one format and one diagram kind, e.g. `--format markdown`, or write to a folder",
          fr: "demandez un seul format et un seul type de diagramme, par exemple `--format markdown`, ou écrivez dans un dossier",
        },
      );
    }
    if (settings.toStdout) for (const output of texts) await write(output, "<stdout>");

    // The portfolio index: every journey at a glance, when a run has several (or `--index`).
    if (!settings.toStdout && !settings.shard && (summaries.size >= 2 || (settings.index && summaries.size > 0))) {
      const portfolioOptions = {
        ...(settings.render.locale !== undefined && { locale: settings.render.locale }),
        ...(settings.render.templatesDir !== undefined && { templatesDir: settings.render.templatesDir }),
        ...reportLinks(settings.formats),
      };
      // User index templates run in a worker, under the same limits as report templates.
      const portfolio =
        settings.render.templatesDir !== undefined
          ? await renderPortfolioIsolated([...summaries.values()], portfolioOptions, processOptions, settings.templateTimeLimitMs, settings.templateHeapMb)
          : await renderPortfolio([...summaries.values()], portfolioOptions);
      renderDiagnostics.push(...portfolio.diagnostics);
      for (const output of portfolio.outputs) {
        const claimed = claim(output, "the portfolio index");
        if (claimed) await stage([claimed], claimed.path);
      }
    }
    if (plan) {
      // Every check that can stop the run, before anything is written: image paths are known now.
      for (const { journey, artifacts, subdir } of settings.imageFormats.length > 0 && executable ? toDraw : []) {
        for (const rel of imagePaths(journey.id, artifacts.diagrams, artifacts.html !== undefined, settings.imageFormats)) {
          await plan.place(boundedPath(subdir ? `${subdir}/${rel}` : rel));
        }
      }
      await stopIfPlanFailed(plan.problem);
      plan.protect(dependencies);
      await stopIfPlanFailed(plan.overInput());
      written += await plan.commit((source, target, e) => writeFailed(source, target, e));
    }

    if (settings.imageFormats.length > 0 && !executable && toDraw.length > 0) {
      const missing = new BrowserMissingError();
      environmentProblem = new UsageError(
        { en: `${missing.message}; ${browserDrawn(settings.imageFormats, "en")}`, fr: `${missing.texts.fr} ; ${browserDrawn(settings.imageFormats, "fr")}` },
        missing.helpTexts,
      );
    }
    const images = starting && toDraw.length > 0 ? await starting.catch((e: unknown) => {
      // A browser named by CJM_CHROME that is missing or will not start: the environment, not cjm.
      const why = String((e as Error)?.message ?? e).split("\n")[0];
      environmentProblem = new UsageError(
        {
          en: `cannot start the browser \`${executable}\` (${why}); ${browserDrawn(settings.imageFormats, "en")}`,
          fr: `impossible de démarrer le navigateur \`${executable}\` (${why}) ; ${browserDrawn(settings.imageFormats, "fr")}`,
        },
        new BrowserMissingError().helpTexts,
      );
      return undefined;
    }) : undefined;
    if (images) {
      const drawing = progressOf(io, "drawing", toDraw.length, !settings.quiet);
      try {
        // The maps ahead are drawn while this one's images are written (on whichever page is free);
        // results are taken, and written, in the maps' order.
        for (const [i, { journey, subdir }] of toDraw.entries()) {
          const owner = owners.get(journey.file);
          drawFrom = i;
          for (let ahead = i; ahead < Math.min(toDraw.length, i + DRAW_AHEAD); ahead++) drawingOf(ahead);
          const drawn = await drawingOf(i)!;
          delete drawings[i];
          renderDiagnostics.push(...drawn.diagnostics);
          if (!hasErrors(drawn.diagnostics)) {
            for (const output of drawn.outputs) {
              const placed = subdir ? { ...output, path: `${subdir}/${output.path}` } : output;
              const claimed = claim(placed, journey.file);
              if (claimed) await write(claimed, journey.file);
            }
          } else if (owner !== undefined) cache?.forget(owner);
          drawing.tick();
        }
      } finally {
        drawing.end();
      }
    }
    // Images the browser could not draw are missing: those maps are drawn again next time.
    if (environmentProblem) for (const { journey } of toDraw) cache?.forget(owners.get(journey.file) ?? "");
    cache?.save();
  } finally {
    stopOnInterrupt?.();
    stopDiscarding?.();
    await closeBrowser();
  }

  return {
    results,
    report: buildReport({ results, pathDiagnostics }, renderDiagnostics, settings.lang),
    written,
    unchanged: [...unchanged.values()].filter((r) => !r.skipped).length,
    ...(environmentProblem && { environmentProblem }),
  };
}

async function openCache(settings: RenderSettings, io: RunHooks): Promise<RunCache> {
  const { RunCache } = await import("../cache/run-cache.js");
  return RunCache.open({
    outDir: settings.outDir,
    ...(settings.cacheLocation !== undefined && { location: settings.cacheLocation }),
    ...(settings.render.templatesDir !== undefined && { templatesDir: settings.render.templatesDir }),
    options: {
      formats: settings.formats,
      render: settings.render,
      scale: settings.scale,
      root: settings.root ?? null,
      maxFileBytes: settings.maxFileBytes ?? null,
      rules: settings.config?.rules ?? null,
      staleDays: settings.config?.staleDays ?? null,
      benchmarks: settings.config?.benchmarks ?? null,
      // Saved views make pages of their own: a change to them renders again.
      views: settings.config?.views ?? null,
      // PDFs are dated from it; diagnostics name files relative to the working directory; and
      // `stale-data` depends on the day.
      sourceDateEpoch: io.env["SOURCE_DATE_EPOCH"] ?? null,
      cwd: io.cwd,
      day: new Date().toISOString().slice(0, 10),
    },
  });
}

/** A map skipped by the cache, as the pipeline's other stages see it: its diagnostics (with the
 * text of its files for code frames, unchanged since they were read), its summary, what it owns. */
async function replay(input: InputRef, entry: CacheEntry, cwd: string): Promise<Processed> {
  const sources: { name: string; text: string }[] = [];
  for (const name of new Set(entry.diagnostics.map((d) => d.file))) {
    const file = name === input.name ? input.absolutePath : path.resolve(cwd, name);
    const text = await readFile(file, "utf8").catch(() => undefined);
    if (text !== undefined) sources.push({ name, text });
  }
  return {
    input,
    skipped: entry.skipped ?? false,
    diagnostics: entry.diagnostics,
    sources,
    outputs: [],
    unchangedOutputs: Object.keys(entry.outputs),
    ...(entry.summary && { summary: entry.summary }),
    dependencies: Object.keys(entry.dependencies),
  };
}

/** Finds the inputs named by `paths` and renders them: the library's one-call render. */
export async function renderPaths(
  paths: readonly string[],
  settings: RenderSettings,
  io: RunHooks & { stdin?: Uint8Array },
  summaries = new Map<string, JourneySummary>(),
): Promise<RenderRun & { inputs: InputRef[] }> {
  const found = await findInputs(paths, io.cwd, io.stdin);
  if (found.missing.length > 0) throw missingPaths(found.missing);
  // A shard is chosen by the path from the repository root: the same on every machine.
  const repoRoot = gitTopLevel(io.cwd) ?? projectRoot(path.join(io.cwd, "-"), { root: settings.root, cwd: io.cwd });
  const inputs = settings.shard ? inShard(found.inputs, settings.shard, repoRoot) : found.inputs;
  const run = await renderInputs(io, inputs, found.pathDiagnostics, settings, summaries);
  return { ...run, inputs };
}

/** What only the browser draws, said as not written: Mermaid diagrams as SVG/PNG, the report as
 * PDF (the curve and matrix pictures are drawn without it). */
function browserDrawn(formats: readonly OutputFormat[], lang: Lang): string {
  const diagrams = formats.filter((f) => f === "svg" || f === "png");
  const parts = lang === "fr"
    ? [...(diagrams.length ? [`les diagrammes Mermaid en ${diagrams.join(", ")}`] : []), ...(formats.includes("pdf") ? ["le rapport PDF"] : [])]
    : [...(diagrams.length ? [`the Mermaid diagrams as ${diagrams.join(", ")}`] : []), ...(formats.includes("pdf") ? ["the PDF report"] : [])];
  const what = parts.join(lang === "fr" ? " et " : " and ");
  if (lang === "en") return `${what} not written`;
  return `${what} ${diagrams.length > 0 ? "ne sont pas écrits" : "n'est pas écrit"}`;
}

/** SOURCE_DATE_EPOCH (reproducible-builds.org): whole seconds since 1970, else the fixed default. */
function sourceDateEpoch(env: RunHooks["env"]): { sourceDateEpoch?: number } {
  const raw = env["SOURCE_DATE_EPOCH"];
  if (raw === undefined || raw === "") return {};
  if (!/^\d{1,11}$/.test(raw)) {
    throw new UsageError({
      en: `SOURCE_DATE_EPOCH must be whole seconds since 1970, such as 1767225600; got \`${raw}\``,
      fr: `SOURCE_DATE_EPOCH doit être un nombre entier de secondes depuis 1970, par exemple 1767225600 ; reçu \`${raw}\``,
    });
  }
  return { sourceDateEpoch: Number(raw) };
}

/**
 * Maps (diagrams, at least) a run needs before a second Mermaid page pays for itself, estimated: one page draws a
 * journey diagram in about 22 ms, a second page costs about 0.3 s to open (Mermaid from the code
 * cache), so with a core to itself it gains from about 30 diagrams. See bench/RESULTS.md.
 */
const SECOND_PAGE_FROM = 32;

/**
 * Mermaid pages for a run: two from SECOND_PAGE_FROM maps to draw (a diagram or more each) when a
 * core is idle (with every core busy, two pages measured 15-25 % slower than one); `CJM_IMAGE_PAGES`
 * (1 or 2) decides instead.
 * Either way the files are the same bytes.
 */
function imagePages(env: NodeJS.ProcessEnv, maps: number): number {
  const asked = env["CJM_IMAGE_PAGES"];
  if (asked === "1" || asked === "2") return Number(asked);
  const cores = availableParallelism();
  return maps >= SECOND_PAGE_FROM && cores > 1 && loadavg()[0]! <= cores - 1 ? 2 : 1;
}
