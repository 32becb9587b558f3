import path from "node:path";
import { hasErrors, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { loadFormatter, type ReporterName } from "../../diagnostics/formatters/index.js";
import type { Locale } from "../../model/types.js";
import type { Journey } from "../../model/types.js";
import { BrowserMissingError, findBrowser } from "../../render/image/browser.js";
import { ImageRenderer } from "../../render/image/images.js";
import { DEFAULT_FORMATS, DIAGRAM_KINDS, IMAGE_FORMATS, type DiagramKind, OUTPUT_FORMATS, type Output, type OutputFormat, type RenderResult } from "../../render/render.js";
import { processAll } from "../../batch/pool.js";
import type { Processed } from "../../batch/process.js";
import { buildReport, findInputs } from "../../validate/check-paths.js";
import { writeAtomic } from "../../write/atomic.js";
import { EXIT, UsageError, colorEnabled, type Io } from "../io.js";
import { VERSION } from "../main.js";
import { missingPaths, parseJobs, parseMegabytes, type CommandInput } from "../options.js";
import { progress } from "../progress.js";

interface RenderOptions {
  format?: string;
  out: string;
  locale?: Locale;
  templates?: string;
  reporter: ReporterName;
  scale?: string;
  diagrams?: string;
  jobs?: string;
  strict: boolean;
  root?: string;
  maxSize?: string;
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

export async function renderCommand(io: Io, { args, options }: CommandInput<RenderOptions>): Promise<number> {
  const formats = parseFormats(options.format);
  const scale = parseScale(options.scale);
  const diagrams = parseDiagrams(options.diagrams);
  const imageFormats = formats.filter((f) => IMAGE_FORMATS.includes(f));
  const paths = args.length > 0 ? args : ["."];
  const maxFileBytes = parseMegabytes(options.maxSize, "--max-size");
  const found = await findInputs(paths, io.cwd, paths.includes("-") ? await io.readStdin() : undefined);
  if (found.missing.length > 0) throw missingPaths(found.missing);

  const toStdout = options.out === "-";
  if (toStdout && imageFormats.length > 0) {
    throw new UsageError("--out - writes text; images (svg, png, pdf) go to a folder", "write them with `--out <dir>`");
  }
  const outDir = path.resolve(io.cwd, options.out);
  const templatesDir = options.templates === undefined ? undefined : path.resolve(io.cwd, options.templates);
  const renderDiagnostics: Diagnostic[] = [];
  const planned = new Map<string, string>();
  const texts: Output[] = [];
  const toDraw: { journey: Journey; artifacts: RenderResult["artifacts"] }[] = [];
  const claim = (output: Output, source: string): boolean => {
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
    if (toStdout) {
      io.stdout(output.content);
      written++;
      return;
    }
    const target = path.join(outDir, output.path);
    try {
      await writeAtomic(target, output.content);
      written++;
    } catch (e) {
      throw new UsageError(`cannot write \`${path.relative(io.cwd, target) || target}\`: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, "check that the output folder is writable (`--out <dir>`)");
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
    if (result.journey && result.artifacts) toDraw.push({ journey: result.journey, artifacts: result.artifacts });
    if (toStdout) texts.push(...mine);
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

  const bar = progress(io, "rendering", found.inputs.length, !toStdout && options.reporter === "pretty");
  const results = await processAll(
    found.inputs,
    {
      cwd: io.cwd,
      formats,
      keepArtifacts: imageFormats.length > 0,
      ...(options.root !== undefined && { root: options.root }),
      ...(maxFileBytes !== undefined && { maxFileBytes }),
      ...(options.locale !== undefined && { locale: options.locale }),
      ...(templatesDir !== undefined && { templatesDir }),
      ...(diagrams !== undefined && { diagrams }),
    },
    parseJobs(options.jobs, found.inputs.length),
    (result, index) => {
      bar.tick();
      ready.set(index, result);
      while (ready.has(nextIndex)) {
        const item = ready.get(nextIndex)!;
        ready.delete(nextIndex++);
        take(item);
      }
    },
  );
  bar.end();
  await writing;
  if (writeError !== undefined) throw writeError;

  const report = () => buildReport({ results, pathDiagnostics: found.pathDiagnostics }, renderDiagnostics);
  if (report().filesChecked === 0 && report().diagnostics.length === 0) {
    throw new UsageError(`no journey file found in ${paths.map((p) => `\`${p}\``).join(", ")}`);
  }
  if (toStdout && texts.length !== 1 && !hasErrors(report().diagnostics)) {
    throw new UsageError(
      `--out - writes a single output, but this run makes ${texts.length}${texts.length > 0 ? `: ${texts.map((t) => t.path).join(", ")}` : ""}`,
      "ask for one format and one diagram kind, e.g. `--format markdown`, or write to a folder",
    );
  }

  if (toStdout) for (const output of texts) await write(output);

  let environmentProblem: UsageError | undefined;
  if (toDraw.length > 0) {
    const executable = findBrowser(io.env);
    if (!executable) {
      const missing = new BrowserMissingError();
      environmentProblem = new UsageError(`${missing.message}; ${imageFormats.join(", ")} not written`, missing.help);
    } else {
      const images = await ImageRenderer.start(executable, { scale });
      const stopOnInterrupt = io.onInterrupt(() => images.close());
      const bar = progress(io, "drawing", toDraw.length, !toStdout);
      try {
        for (const { journey, artifacts } of toDraw) {
          const drawn = await images.render(journey, artifacts.diagrams, artifacts.html, imageFormats);
          renderDiagnostics.push(...drawn.diagnostics);
          if (!hasErrors(drawn.diagnostics)) {
            for (const output of drawn.outputs) if (claim(output, journey.file)) await write(output);
          }
          bar.tick();
        }
      } finally {
        bar.end();
        stopOnInterrupt();
        await images.close();
      }
    }
  }

  const final = report();
  const machine = options.reporter !== "pretty";
  if (final.diagnostics.length > 0 || (!toStdout && !machine)) {
    const format = await loadFormatter(options.reporter);
    const text = await format(final, { color: colorEnabled(io, machine && !toStdout ? io.stdoutIsTTY : io.stderrIsTTY), toolVersion: VERSION });
    if (machine && !toStdout) io.stdout(text);
    else if (final.diagnostics.length > 0) io.stderr(text);
  }
  if (!toStdout && !machine) {
    const shown = path.relative(io.cwd, outDir) || ".";
    io.stderr(`wrote ${written} file${written === 1 ? "" : "s"} to ${shown}/\n`);
  }
  if (environmentProblem) throw environmentProblem;
  const failed = hasErrors(final.diagnostics) || (options.strict && final.diagnostics.length > 0);
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

function parseScale(value: string | undefined): number {
  const n = Number(value ?? 2);
  if (!Number.isFinite(n) || n <= 0 || n > 8) throw new UsageError(`--scale takes a number from 0.5 to 8, such as 2; got \`${value}\``);
  return n;
}
