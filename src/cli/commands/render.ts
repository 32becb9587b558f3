import path from "node:path";
import { hasErrors, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { loadFormatter, type ReporterName } from "../../diagnostics/formatters/index.js";
import type { Locale } from "../../model/types.js";
import { DEFAULT_FORMATS, OUTPUT_FORMATS, renderJourney, TEXT_FORMATS, type Output, type OutputFormat } from "../../render/render.js";
import type { TemplateSet } from "../../render/templates.js";
import { buildReport, checkPaths } from "../../validate/check-paths.js";
import { writeAtomic } from "../../write/atomic.js";
import { EXIT, UsageError, colorEnabled, type Io } from "../io.js";
import { VERSION } from "../main.js";
import { missingPaths, parseMegabytes, type CommandInput } from "../options.js";

interface RenderOptions {
  format?: string;
  out: string;
  locale?: Locale;
  templates?: string;
  reporter: ReporterName;
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
  const unsupported = formats.filter((f) => !TEXT_FORMATS.includes(f));
  if (unsupported.length > 0) {
    throw new UsageError(`format ${unsupported.map((f) => `\`${f}\``).join(", ")} is not available in this build yet`, `available: ${TEXT_FORMATS.join(", ")}`);
  }
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
  const planned: { output: Output; source: string }[] = [];
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
    for (const output of rendered.outputs) {
      const clash = planned.find((p) => p.output.path === output.path);
      if (clash) {
        renderDiagnostics.push({
          severity: "error",
          code: "output-conflict",
          message: `\`${result.input.name}\` and \`${clash.source}\` would both write \`${output.path}\` (same journey id)`,
          file: result.input.name,
          help: "give one of them another `id:`",
        });
        continue;
      }
      planned.push({ output, source: result.input.name });
    }
  }

  const report = buildReport(run, renderDiagnostics);
  if (report.filesChecked === 0 && report.diagnostics.length === 0) {
    throw new UsageError(`no journey file found in ${paths.map((p) => `\`${p}\``).join(", ")}`);
  }
  if (toStdout && planned.length !== 1 && !hasErrors(report.diagnostics)) {
    throw new UsageError(
      `--out - writes a single output, but this run makes ${planned.length}: ${planned.map((p) => p.output.path).join(", ")}`,
      "ask for one format and one diagram kind, e.g. `--format markdown`, or write to a folder",
    );
  }

  if (toStdout) {
    if (planned.length === 1) io.stdout(planned[0]!.output.content);
  } else {
    for (const { output } of planned) {
      const target = path.join(outDir, output.path);
      try {
        await writeAtomic(target, output.content);
      } catch (e) {
        throw new UsageError(`cannot write \`${path.relative(io.cwd, target) || target}\`: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, "check that the output folder is writable (`--out <dir>`)");
      }
    }
  }

  const machine = options.reporter !== "pretty";
  if (report.diagnostics.length > 0 || (!toStdout && !machine)) {
    const format = await loadFormatter(options.reporter);
    const text = await format(report, { color: colorEnabled(io, machine && !toStdout ? io.stdoutIsTTY : io.stderrIsTTY), toolVersion: VERSION });
    if (machine && !toStdout) io.stdout(text);
    else if (report.diagnostics.length > 0) io.stderr(text);
  }
  if (!toStdout && !machine) {
    const shown = path.relative(io.cwd, outDir) || ".";
    io.stderr(`wrote ${planned.length} file${planned.length === 1 ? "" : "s"} to ${shown}/\n`);
  }
  const failed = hasErrors(report.diagnostics) || (options.strict && report.diagnostics.length > 0);
  return failed ? EXIT.invalid : EXIT.ok;
}
