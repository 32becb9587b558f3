import path from "node:path";
import { formatInspection, inspectData, suggestEntry } from "../../../data/inspect.js";
import { localize } from "../../../diagnostics/diagnostic.js";
import { messageLanguage, say } from "../../../i18n/lang.js";
import { deriveId } from "../../../model/slug.js";
import { EXIT, type Io } from "../../io.js";
import type { CommandInput } from "../../options.js";
import { parseMegabytes } from "../../options.js";

interface InspectOptions {
  maxDataSize?: string;
}

/** `cjm data inspect <file>`: the detected format, the columns (ranges of answer scales only) and a `data:` entry to paste. */
export async function dataInspectCommand(io: Io, { args, options }: CommandInput<InspectOptions>): Promise<number> {
  const file = args[0]!;
  const absolute = path.resolve(io.cwd, file);
  const max = parseMegabytes(options.maxDataSize, "--max-data-size");
  const result = await inspectData(absolute, file, max);
  if ("severity" in result) {
    const at = result.span?.start ?? { line: 1, col: 1 };
    const lang = messageLanguage(io.lang, io.env);
    const d = localize(result, lang);
    io.stderr(`error[${d.code}]: ${file} ${d.message}\n  --> ${file}:${at.line}:${at.col}\n${d.help ? `  = ${say(lang, "help")}: ${d.help}\n` : ""}`);
    return result.code === "data-file-missing" ? EXIT.usage : EXIT.invalid;
  }
  const id = deriveId(path.basename(file).replace(/\.[^.]+$/, ""), "data", 1);
  io.stdout(formatInspection(result, file));
  io.stdout(`\nsuggested entry (paste under \`data:\`, then set \`period:\` and \`at:\`):\n\n${suggestEntry(result, file.split(path.sep).join("/"), id, periodFrom(file))}`);
  return EXIT.ok;
}

/** The period a file name carries (`survey-2026-q3.csv` → 2026-Q3), else the current quarter. */
export function periodFrom(file: string): string {
  const base = path.basename(file);
  const quarter = /(20\d{2})[-_ ]?q([1-4])/i.exec(base);
  if (quarter) return `${quarter[1]}-Q${quarter[2]}`;
  const month = /(20\d{2})[-_](0[1-9]|1[0-2])(?!\d)/.exec(base);
  if (month) return `${month[1]}-${month[2]}`;
  const epoch = Number(process.env["SOURCE_DATE_EPOCH"]);
  const now = new Date(process.env["SOURCE_DATE_EPOCH"] && Number.isFinite(epoch) ? epoch * 1000 : Date.now());
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
}
