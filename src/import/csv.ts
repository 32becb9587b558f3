import { restoreFormula } from "../export/csv.js";
import { parse } from "csv-parse/sync";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { csvWhyFr } from "../data/csv.js";
import { importDiagnostic } from "./diagnostics.js";
import type { Cell } from "./grid.js";

/** Text of a CSV export: UTF-8 (with or without BOM), UTF-16 ("Unicode text"), else Windows-1252. */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** The separator of the header line: `,`, `;` (European Excel) or a tab, whichever it has most of. */
export function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  let best = ",";
  let most = 0;
  for (const d of [",", ";", "\t"]) {
    let n = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === d) n++;
    }
    if (n > most) {
      most = n;
      best = d;
    }
  }
  return best;
}

/** Where each field of a raw record starts, as line and column (a quoted field may span lines). */
function fieldStarts(raw: string, delimiter: string, startLine: number): { line: number; col: number }[] {
  const starts = [{ line: startLine, col: 1 }];
  let line = startLine;
  let col = 1;
  let quoted = false;
  for (const ch of raw) {
    if (ch === '"') quoted = !quoted;
    if (ch === "\n") {
      line++;
      col = 1;
      continue;
    }
    col++;
    if (!quoted && ch === delimiter) starts.push({ line, col });
  }
  return starts;
}

function countBreaks(text: string): number {
  return text.match(/\r\n|\n|\r/g)?.length ?? 0;
}

export function readCsv(bytes: Uint8Array, file: string): { rows: Cell[][]; text: string; diagnostics: Diagnostic[] } {
  const text = decodeCsv(bytes);
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; raw: string }[];
  try {
    records = parse(text, { delimiter, relax_column_count: true, info: true, raw: true, skip_empty_lines: false }) as unknown as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number };
    const why = err.message.replace(/^Invalid Record Length: |^.*?: /, "");
    return {
      rows: [],
      text,
      diagnostics: [
        importDiagnostic(
          "error",
          "import-malformed-line",
          file,
          err.lines ?? 1,
          1,
          { en: `the CSV does not parse: ${why}`, fr: `le CSV est illisible : ${csvWhyFr(why)}` },
          {
            en: 'a field holding the separator, a quote or a line break is written in double quotes, with quotes doubled: "say ""hi"""',
            fr: 'un champ qui contient le séparateur, un guillemet ou un saut de ligne s\'écrit entre guillemets doubles, les guillemets doublés : "dire ""bonjour"""',
          },
        ),
      ],
    };
  }
  const columnName = (i: number): string => {
    let s = "";
    for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  };
  // Each record's raw text is a slice of the file, in order: find it to know the line it starts on.
  let searchFrom = 0;
  let scanned = 0;
  let line = 1;
  const rows = records.map(({ record, raw }) => {
    const found = text.indexOf(raw, searchFrom);
    const at = found < 0 ? searchFrom : found;
    line += countBreaks(text.slice(scanned, at));
    scanned = at;
    searchFrom = at + raw.length;
    const startLine = line;
    const starts = fieldStarts(raw.replace(/\r\n?/g, "\n"), delimiter, startLine);
    return record.map((value, i) => ({ text: restoreFormula(value), line: starts[i]?.line ?? startLine, col: starts[i]?.col ?? 1, ref: `${columnName(i)}${startLine}` }));
  });
  return { rows, text, diagnostics: [] };
}

