import { hasErrors } from "../../diagnostics/diagnostic.js";
import { loadFormatter, type ReporterName } from "../../diagnostics/formatters/index.js";
import { shownReport } from "../../diagnostics/report.js";
import { processAll } from "../../batch/pool.js";
import { buildReport, findInputs } from "../../validate/check-paths.js";
import { VERSION } from "../main.js";
import { EXIT, UsageError, colorEnabled, type Io } from "../io.js";
import { missingPaths, parseJobs, parseMegabytes, type CommandInput } from "../options.js";
import { progress } from "../progress.js";
import { projectConfig } from "../project.js";
import { formatOptions, writeStepSummary } from "../report-output.js";

interface ValidateOptions {
  format: ReporterName;
  strict: boolean;
  quiet: boolean;
  root?: string;
  maxSize?: string;
  jobs?: string;
}

export async function validateCommand(io: Io, { args, options }: CommandInput<ValidateOptions>): Promise<number> {
  const maxFileBytes = parseMegabytes(options.maxSize, "--max-size");
  const config = await projectConfig(io, maxFileBytes);
  const paths = args.length > 0 ? args : ["."];
  const found = await findInputs(paths, io.cwd, paths.includes("-") ? await io.readStdin() : undefined);
  if (found.missing.length > 0) throw missingPaths(found.missing);
  const bar = progress(io, "checking", found.inputs.length, options.format === "pretty" && !options.quiet);
  const results = await processAll(
    found.inputs,
    {
      cwd: io.cwd,
      formats: [],
      ...(config?.rules !== undefined && { severities: config.rules }),
      ...(options.root !== undefined && { root: options.root }),
      ...(maxFileBytes !== undefined && { maxFileBytes }),
    },
    parseJobs(options.jobs, found.inputs.length),
    () => bar.tick(),
  );
  bar.end();
  const report = buildReport({ results, pathDiagnostics: found.pathDiagnostics });
  if (report.filesChecked === 0 && report.diagnostics.length === 0) {
    throw new UsageError(`no journey file found in ${paths.map((p) => `\`${p}\``).join(", ")}`, "journey files are .yaml, .yml or .json files that start with `cjm: 1`");
  }
  const shown = shownReport(report, options.quiet, options.strict);
  const machine = options.format !== "pretty";
  const format = await loadFormatter(options.format);
  const formatting = formatOptions(io, VERSION, colorEnabled(io, machine ? io.stdoutIsTTY : io.stderrIsTTY), options.root);
  const text = await format(shown, formatting);
  if (machine) io.stdout(text);
  else io.stderr(text);
  await writeStepSummary(io, options.format, shown, formatting);
  const failed = hasErrors(report.diagnostics) || (options.strict && report.diagnostics.length > 0);
  return failed ? EXIT.invalid : EXIT.ok;
}
