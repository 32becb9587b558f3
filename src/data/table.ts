import { csvBatches, locateCells, type CsvLayout } from "./csv.js";
import { FORMAT_READERS, readerFor } from "./formats/index.js";
import type { CellPosition, DataFormat, TableHeader, TableProblem } from "./types.js";
import { xlsxRows } from "./xlsx.js";

export interface Table {
  header: TableHeader;
  /** The records after the header rows, in batches; record k of the file is the k-th overall. */
  records: AsyncIterable<string[][]>;
  /** How many records (header rows included) come before the first of `records`. */
  firstRecord: number;
  /** Where cells start, by record number and column (read again from the file when needed). */
  locate(wanted: readonly { record: number; column: number }[]): Promise<Map<string, CellPosition>>;
}

const SNIFF_ROWS = 3;

/**
 * Opens a data file as a table: detects (or takes) its export format, reads its header rows, and
 * streams the other records. Problems go to `onProblem`; undefined when there is no table.
 * `open` gives the file's bytes, again for `locate`.
 */
export async function openTable(
  open: () => AsyncIterable<Uint8Array>,
  options: { xlsx?: boolean; format?: DataFormat; onProblem: (p: TableProblem) => void },
): Promise<Table | undefined> {
  let source: AsyncIterator<string[][]>;
  let reported = false;
  let locate: Table["locate"];
  if (options.xlsx) {
    const parts: Uint8Array[] = [];
    for await (const c of open()) parts.push(c);
    const rows = await xlsxRows(Buffer.concat(parts));
    if (!Array.isArray(rows)) {
      options.onProblem(rows);
      return undefined;
    }
    const sheetRow: number[] = [];
    const kept = rows.filter((cells, i) => cells.some((c) => c !== "") && sheetRow.push(i + 1) > 0);
    source = (async function* () {
      if (kept.length > 0) yield kept;
    })();
    locate = async (wanted) => new Map(wanted.map((w) => [`${w.record}:${w.column}`, { line: sheetRow[w.record] ?? 1, col: w.column + 1 }]));
  } else {
    let layout: CsvLayout = { delimiter: ",", fromLine: 1 };
    source = csvBatches(
      open(),
      (p) => {
        reported = true;
        options.onProblem(p);
      },
      (l) => (layout = l),
    );
    locate = (wanted) => locateCells(open(), layout, wanted);
  }

  const first: string[][] = [];
  let pending: string[][] = [];
  while (first.length < SNIFF_ROWS) {
    const next = await source.next();
    if (next.done) break;
    const need = SNIFF_ROWS - first.length;
    // Header cells read as the decoded path gives them: line ends inside quotes as LF.
    first.push(...next.value.slice(0, need).map((r) => r.map(lf)));
    pending = next.value.slice(need);
  }
  if (first.length === 0) {
    if (reported) return undefined;
    options.onProblem({
      code: "data-file-invalid",
      message: { en: "the data file is empty", fr: "le fichier de données est vide" },
      help: { en: "export the survey or funnel again; the file must have a header row", fr: "exportez de nouveau l'enquête ou le tunnel ; le fichier doit avoir une ligne d'en-tête" },
    });
    return undefined;
  }
  const reader = options.format ? readerFor(options.format) : FORMAT_READERS.find((r) => r.detect(first))!;
  const h = reader.header(first);
  const header: TableHeader = { format: reader.format, columns: uniqueNames(h.names), aliases: h.aliases, skipReason: h.skipReason ?? (() => undefined) };
  const rest = [...first.slice(h.headerRows), ...pending];
  const records = (async function* () {
    if (rest.length > 0) yield rest;
    for (;;) {
      const next = await source.next();
      if (next.done) return;
      yield next.value;
    }
  })();
  return { header, records, firstRecord: Math.min(h.headerRows, first.length), locate };
}

/** CRLF and lone CR inside a cell as LF (a UTF-8 file is parsed with its line ends as they are). */
export function lf(cell: string): string {
  return cell.includes("\r") ? cell.replace(/\r\n?/g, "\n") : cell;
}

/** Repeated header names become `name.1`, `name.2`… (as pandas reads them); the first keeps its name. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  const taken = new Set(names);
  return names.map((n) => {
    const count = seen.get(n) ?? 0;
    seen.set(n, count + 1);
    if (count === 0) return n;
    let k = count;
    while (taken.has(`${n}.${k}`)) k++;
    taken.add(`${n}.${k}`);
    return `${n}.${k}`;
  });
}
