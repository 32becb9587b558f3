import { hasErrors } from "../../../diagnostics/diagnostic.js";
import { checkSettings } from "../../../config/config.js";
import { loadFormatter, type ReporterName } from "../../../diagnostics/formatters/index.js";
import { shownReport } from "../../../diagnostics/report.js";
import { buildReport, checkPaths } from "../../../pipeline/check.js";
import { messageLanguage } from "../../../i18n/lang.js";
import { VERSION } from "../../../version.js";
import { EXIT, UsageError, colorEnabled, type Io } from "../../io.js";
import { missingPaths, parseJobsFlag, parseMegabytes, type CommandInput } from "../../options.js";
import { progress } from "../../progress.js";
import { projectConfig } from "../../project.js";
import { LIMITS } from "../../../load/limits.js";
import { formatOptions, writeStepSummary } from "../../report-output.js";

interface ValidateOptions {
  format: ReporterName;
  strict: boolean;
  quiet: boolean;
  root?: string;
  maxSize?: string;
  maxDataSize?: string;
  jobs?: string;
}

export async function validateCommand(io: Io, { args, options }: CommandInput<ValidateOptions>): Promise<number> {
  const maxFileBytes = parseMegabytes(options.maxSize, "--max-size");
  const config = await projectConfig(io, maxFileBytes);
  const maxDataBytes = parseMegabytes(options.maxDataSize, "--max-data-size");
  const paths = args.length > 0 ? args : ["."];
  let bar: ReturnType<typeof progress> | undefined;
  const run = await checkPaths(paths, {
    cwd: io.cwd,
    ...(paths.includes("-") && { stdin: await io.readStdin(maxFileBytes ?? LIMITS.maxFileBytes) }),
    ...checkSettings(config),
    ...(options.root !== undefined && { root: options.root }),
    ...(maxFileBytes !== undefined && { maxFileBytes }),
    ...(maxDataBytes !== undefined && { maxDataBytes }),
    jobs: parseJobsFlag(options.jobs) ?? "auto",
    onFound: (n) => {
      bar = progress(io, "checking", n, options.format === "pretty" && !options.quiet);
    },
    onResult: () => bar?.tick(),
  });
  if (run.missing.length > 0) throw missingPaths(run.missing);
  bar?.end();
  const report = buildReport(run, [], messageLanguage(io.lang, io.env));
  if (report.filesChecked === 0 && !report.personaFilesChecked && report.diagnostics.length === 0) {
    const where = paths.map((p) => `\`${p}\``).join(", ");
    throw new UsageError(
      { en: `no journey file found in ${where}`, fr: `aucun fichier de parcours trouvé dans ${where}` },
      { en: "journey files are .yaml, .yml or .json files that start with `cjm: 1`", fr: "les fichiers de parcours sont des fichiers .yaml, .yml ou .json qui commencent par `cjm: 1`" },
    );
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
