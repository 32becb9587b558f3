import path from "node:path";
import { hasErrors, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { loadFormatter, type ReporterName } from "../../diagnostics/formatters/index.js";
import type { Locale } from "../../model/types.js";
import type { Journey } from "../../model/types.js";
import { BrowserMissingError, findBrowser } from "../../render/image/browser.js";
import { ImageRenderer } from "../../render/image/images.js";
import { DEFAULT_FORMATS, IMAGE_FORMATS, OUTPUT_FORMATS, renderJourney, type Output, type OutputFormat, type RenderResult } from "../../render/render.js";
import type { TemplateSet } from "../../render/templates.js";
import { buildReport, checkPaths } from "../../validate/check-paths.js";
import { writeAtomic } from "../../write/atomic.js";
import { EXIT, UsageError, colorEnabled, type Io } from "../io.js";
import { VERSION } from "../main.js";
import { missingPaths, parseMegabytes, type CommandInput } from "../options.js";
import { progress } from "../progress.js";

interface RenderOptions {
  format?: string;
  out: string;
  locale?: Locale;
  templates?: string;
  reporter: ReporterName;
  scale?: string;
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
  const imageFormats = formats.filter((f) => IMAGE_FORMATS.includes(f));
  const paths = args.length > 0 ? args : ["."];
  const maxFileBytes = parseMegabytes(options.maxSize, "--max-size");
  const run = await checkPaths(paths, {
    cwd: io.cwd,
    ...(options.root !== undefined && { root: options.root }),
    ...(maxFileBytes !== undefined && { maxFileBytes }),
    ...(paths.includes("-") && { stdin: await io.readStdin() }),
  });
  if (run.missing.length > 0) throw missingPaths(run.missing);

  const toStdout = options.out === "-";
  const outDir = path.resolve(io.cwd, options.out);
  const templatesDir = options.templates === undefined ? undefined : path.resolve(io.cwd, options.templates);
  const cache = new Map<string, Promise<TemplateSet>>();
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

  for (const result of run.results) {
    if (!result.journey) continue;
    const rendered = await renderJourney(result.journey, formats, {
      ...(options.locale !== undefined && { locale: options.locale }),
      ...(templatesDir !== undefined && { templatesDir }),
      cache,
    });
    renderDiagnostics.push(...rendered.diagnostics);
    // A journey whose rendering failed writes nothing at all, not a partial set.
    if (hasErrors(rendered.diagnostics)) continue;
    for (const output of rendered.outputs) if (claim(output, result.input.name)) texts.push(output);
    if (imageFormats.length > 0) toDraw.push({ journey: result.journey, artifacts: rendered.artifacts });
  }

  const report = () => buildReport(run, renderDiagnostics);
  if (report().filesChecked === 0 && report().diagnostics.length === 0) {
    throw new UsageError(`no journey file found in ${paths.map((p) => `\`${p}\``).join(", ")}`);
  }
  const expected = texts.length + (imageFormats.length > 0 ? toDraw.length : 0);
  if (toStdout && (texts.length + toDraw.length !== 1 || (imageFormats.length > 0 && (texts.length > 0 || imageFormats.length > 1))) && !hasErrors(report().diagnostics)) {
    throw new UsageError(
      `--out - writes a single output, but this run makes ${expected > 1 ? "several" : "none"}`,
      "ask for one format and one diagram kind, e.g. `--format markdown`, or write to a folder",
    );
  }

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
  // Text outputs first: a missing browser must not cost the formats that need none.
  for (const output of texts) await write(output);

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

function parseScale(value: string | undefined): number {
  const n = Number(value ?? 2);
  if (!Number.isFinite(n) || n <= 0 || n > 8) throw new UsageError(`--scale takes a number from 0.5 to 8, such as 2; got \`${value}\``);
  return n;
}
