import { LIMITS } from "../../../load/limits.js";
import path from "node:path";
import { hasErrors, localize, sortDiagnostics } from "../../../diagnostics/diagnostic.js";
import { messageLanguage } from "../../../i18n/lang.js";
import { formatPretty } from "../../../diagnostics/formatters/pretty.js";
import { journeyGrid } from "../../../export/grid.js";
import { displayName } from "../../../load/read.js";
import type { Locale } from "../../../model/types.js";
import { checkInput } from "../../../validate/check.js";
import { VERSION } from "../../../version.js";
import { EXIT, UsageError, colorEnabled, wroteLine, type Io } from "../../io.js";
import { parseMegabytes, type CommandInput } from "../../options.js";
import { writeOutput } from "../../output-file.js";

interface ExportOptions {
  output?: string;
  force: boolean;
  locale?: Locale;
  root?: string;
  maxSize?: string;
}

export async function exportCommand(io: Io, { args, options }: CommandInput<ExportOptions>): Promise<number> {
  const format = args[0] as "csv" | "xlsx";
  const file = args[1]!;
  const absolute = path.resolve(io.cwd, file);
  const name = file === "-" ? "<stdin>" : displayName(absolute, io.cwd);
  if (format === "xlsx" && (options.output === undefined || options.output === "-") && io.stdoutIsTTY) {
    throw new UsageError(
      { en: "an .xlsx workbook is binary: it does not go to a terminal", fr: "un classeur .xlsx est binaire : il ne s'affiche pas dans un terminal" },
      { en: "write it to a file with `-o journey.xlsx`, or pipe standard output", fr: "écrivez-le dans un fichier avec `-o parcours.xlsx`, ou redirigez la sortie standard" },
    );
  }
  const maxFileBytes = parseMegabytes(options.maxSize, "--max-size");
  const result = await checkInput(
    { name, absolutePath: absolute, ...(file === "-" && { bytes: await io.readStdin(maxFileBytes ?? LIMITS.maxFileBytes) }) },
    { cwd: io.cwd, ...(options.root !== undefined && { root: options.root }), ...(maxFileBytes !== undefined && { maxFileBytes }) },
  );
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (hasErrors(errors) || !result.journey) {
    const sources = new Map(result.sources.map((s) => [s.name, s.text] as const));
    const lang = messageLanguage(io.lang, io.env);
    io.stderr(
      await formatPretty({ diagnostics: sortDiagnostics(errors.map((d) => localize(d, lang))), sources, filesChecked: 1 }, { color: colorEnabled(io, io.stderrIsTTY), toolVersion: VERSION, lang }),
    );
    return EXIT.invalid;
  }
  const journey = result.journey;
  const locale = options.locale ?? journey.locale;
  const grid = journeyGrid(journey, locale);
  let data: string | Uint8Array;
  if (format === "csv") data = (await import("../../../export/csv.js")).gridCsv(grid);
  else data = await (await import("../../../export/xlsx.js")).gridXlsx(journey, grid, locale);
  const written = await writeOutput(io, options.output, data, options.force);
  if (written) io.stderr(wroteLine(io, displayName(written, io.cwd)));
  return EXIT.ok;
}
