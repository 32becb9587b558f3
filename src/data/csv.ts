import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { TextStream } from "./decode.js";
import type { CellPosition, TableProblem } from "./types.js";

export interface CsvRecord {
  cells: string[];
  /** Line of the record's first character. */
  line: number;
  position(column: number): CellPosition;
}

const HEAD_CHARS = 64 * 1024;

/**
 * Streams a delimited text file record by record with csv-parse: the delimiter (`,` `;` tab) is
 * sniffed from the header line, leading `#` comment lines (GA4) and blank lines are skipped. Each
 * record can say where any of its cells starts, counted only when a diagnostic needs it.
 */
export async function* csvRecords(chunks: AsyncIterable<Uint8Array>, onProblem: (p: TableProblem) => void): AsyncGenerator<CsvRecord> {
  const text = new TextStream();
  const iterator = chunks[Symbol.asyncIterator]();
  let head = "";
  let done = false;
  while (head.length < HEAD_CHARS && !done) {
    const next = await iterator.next();
    if (next.done) {
      head += text.push(new Uint8Array(0), true);
      done = true;
    } else head += text.push(next.value);
    if (text.problem) return onProblem(text.problem);
  }
  const { delimiter, fromLine } = sniff(head);
  let problem: TableProblem | undefined;
  async function* source(): AsyncGenerator<string> {
    yield head;
    while (!done) {
      const next = await iterator.next();
      const piece = next.done ? text.push(new Uint8Array(0), true) : text.push(next.value);
      if (next.done) done = true;
      if (text.problem) {
        problem = text.problem;
        return;
      }
      if (piece) yield piece;
    }
  }
  const parser = Readable.from(source(), { objectMode: false }).pipe(
    parse({ delimiter, from_line: fromLine, relax_column_count: true, skip_empty_lines: true, info: true, raw: true }),
  );
  try {
    for await (const out of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
      const cells = out.record;
      let newlines = 0;
      for (const c of cells) for (let i = c.indexOf("\n"); i !== -1; i = c.indexOf("\n", i + 1)) newlines++;
      const line = out.info.lines - newlines;
      const raw = out.raw;
      yield { cells, line, position: (column) => cellPosition(raw, line, column, delimiter) };
    }
  } catch (e) {
    const err = e as { code?: string; message?: string; lines?: number };
    onProblem({
      code: "data-file-invalid",
      message: `the data file is not valid CSV: ${String(err.message ?? e).replace(/^Invalid Record Length: |^Invalid Opening Quote: /, "").split(/[,:] (?:on|at) line/)[0]}`,
      help: "check the quotes around that line, or export the file again",
      ...(err.lines !== undefined && { at: { line: err.lines, col: 1 } }),
    });
  }
  if (problem) onProblem(problem);
}

/** The delimiter that splits the header line most, and the line the header is on. */
export function sniff(head: string): { delimiter: string; fromLine: number } {
  const lines = head.split("\n");
  let index = 0;
  while (index < lines.length - 1 && (lines[index]!.trim() === "" || /^#(?![,;\t])/.test(lines[index]!))) index++;
  const header = lines[index] ?? "";
  let best = ",";
  let bestCount = 0;
  for (const d of [",", ";", "\t"]) {
    const count = countOutsideQuotes(header, d);
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return { delimiter: best, fromLine: index + 1 };
}

function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/** Where cell `column` of a raw record starts. */
function cellPosition(raw: string, firstLine: number, column: number, delimiter: string): CellPosition {
  let start = 0;
  while (raw[start] === "\n") start++;
  let line = firstLine;
  let col = 1;
  let field = 0;
  let quoted = false;
  for (let i = start; i < raw.length && field < column; i++) {
    const c = raw[i]!;
    if (c === '"') quoted = !quoted;
    if (c === "\n") {
      line++;
      col = 1;
      continue;
    }
    col++;
    if (c === delimiter && !quoted) field++;
  }
  return { line, col };
}
