import { csvRecords } from "./csv.js";
import { FORMAT_READERS, readerFor } from "./formats/index.js";
import type { DataFormat, TableHeader, TableProblem, TableRecord } from "./types.js";
import { xlsxRows } from "./xlsx.js";

export interface Table {
  header: TableHeader;
  records: AsyncIterable<TableRecord>;
}

const SNIFF_ROWS = 3;

/**
 * Opens a data file as a table: detects (or takes) its export format, reads its header rows, and
 * streams the other records. Problems go to `onProblem`; undefined when there is no table.
 */
export async function openTable(
  chunks: AsyncIterable<Uint8Array>,
  options: { xlsx?: boolean; format?: DataFormat; onProblem: (p: TableProblem) => void },
): Promise<Table | undefined> {
  let source: AsyncIterator<TableRecord>;
  let reported = false;
  if (options.xlsx) {
    const parts: Uint8Array[] = [];
    for await (const c of chunks) parts.push(c);
    const rows = await xlsxRows(Buffer.concat(parts));
    if (!Array.isArray(rows)) {
      options.onProblem(rows);
      return undefined;
    }
    source = (async function* () {
      for (const [i, cells] of rows.entries()) {
        if (cells.every((c) => c === "")) continue;
        yield { cells, position: (column: number) => ({ line: i + 1, col: column + 1 }) };
      }
    })();
  } else source = csvRecords(chunks, (p) => {
    reported = true;
    options.onProblem(p);
  });

  const first: TableRecord[] = [];
  while (first.length < SNIFF_ROWS) {
    const next = await source.next();
    if (next.done) break;
    first.push(next.value);
  }
  if (first.length === 0) {
    if (reported) return undefined;
    options.onProblem({ code: "data-file-invalid", message: "the data file is empty", help: "export the survey or funnel again; the file must have a header row" });
    return undefined;
  }
  const rows = first.map((r) => r.cells);
  const reader = options.format ? readerFor(options.format) : FORMAT_READERS.find((r) => r.detect(rows))!;
  const h = reader.header(rows);
  const header: TableHeader = { format: reader.format, columns: uniqueNames(h.names), aliases: h.aliases, skipReason: h.skipReason ?? (() => undefined) };
  const rest = first.slice(h.headerRows);
  const records = (async function* () {
    yield* rest;
    for (;;) {
      const next = await source.next();
      if (next.done) return;
      yield next.value;
    }
  })();
  return { header, records };
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
