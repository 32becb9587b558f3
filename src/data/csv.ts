import { parse } from "csv-parse";
import { sniffEncoding, TextStream, Utf8Bytes } from "./decode.js";
import type { CellPosition, TableProblem } from "./types.js";

const HEAD_BYTES = 64 * 1024;

export interface CsvLayout {
  delimiter: string;
  /** The line the header is on (after `#` comment lines and blank lines). */
  fromLine: number;
}

/**
 * Streams a delimited text file with csv-parse, in batches of records (one per chunk read: the
 * records of a chunk arrive synchronously, so nothing but the current batch is held). The
 * delimiter (`,` `;` tab) is sniffed from the header line; leading `#` comment lines (GA4) and
 * blank lines are skipped. UTF-8 goes to csv-parse as the bytes read (checked as UTF-8 and for NUL
 * bytes natively, never decoded twice); UTF-16 is decoded first. No position is tracked while
 * reading: `locateCells` finds the few a diagnostic needs afterwards.
 */
export async function* csvBatches(chunks: AsyncIterable<Uint8Array>, onProblem: (p: TableProblem) => void, onLayout: (l: CsvLayout) => void): AsyncGenerator<string[][]> {
  const iterator = chunks[Symbol.asyncIterator]();
  const headParts: Uint8Array[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < HEAD_BYTES && !done) {
    const next = await iterator.next();
    if (next.done) done = true;
    else {
      headParts.push(next.value);
      headBytes += next.value.length;
    }
  }
  const headBuffer = Buffer.concat(headParts);
  const bytes = sniffEncoding(headBuffer).encoding === "utf-8" ? new Utf8Bytes() : undefined;
  const text = bytes ? undefined : new TextStream();
  const convert = (chunk: Uint8Array, last: boolean): string | Buffer => (bytes ? bytes.push(chunk, last) : text!.push(chunk, last));
  const problem = () => bytes?.problem ?? text?.problem;
  const head = convert(headBuffer, done);
  if (problem()) return onProblem(problem()!);
  const layout = sniff(typeof head === "string" ? head : head.toString("utf8"));
  onLayout(layout);
  let batch: string[][] = [];
  let failure: unknown;
  // Bytes keep their line ends: CRLF, LF and a lone CR each end a record, as the decoded path
  // (which turns them all into LF) reads them.
  const parser = parse({
    delimiter: layout.delimiter,
    from_line: layout.fromLine,
    relax_column_count: true,
    skip_empty_lines: true,
    ...(bytes && { record_delimiter: ["\r\n", "\n", "\r"] }),
  });
  parser.on("data", (record: string[]) => batch.push(record));
  parser.on("error", (e) => (failure ??= e));
  const ended = new Promise<void>((resolve) => {
    parser.on("end", resolve);
    parser.on("error", () => resolve());
  });
  const take = () => {
    const out = batch;
    batch = [];
    return out;
  };
  const feed = (piece: string | Buffer) => {
    if (piece.length > 0 && failure === undefined) parser.write(piece);
  };
  feed(head);
  if (batch.length > 0) yield take();
  while (!done && failure === undefined) {
    const next = await iterator.next();
    const piece = next.done ? convert(new Uint8Array(0), true) : convert(next.value, false);
    if (next.done) done = true;
    if (problem()) return onProblem(problem()!);
    feed(piece);
    if (batch.length > 0) yield take();
  }
  if (failure === undefined) parser.end();
  await ended;
  if (batch.length > 0) yield take();
  if (failure !== undefined) {
    const err = failure as { message?: string; lines?: number };
    const why = String(err.message ?? failure).split(/[,:] (?:on|at) line/)[0]!.replace(/^Invalid Opening Quote: /, "");
    onProblem({
      code: "data-file-invalid",
      message: {
        en: `the data file is not valid CSV: ${why}`,
        fr: `le fichier de données n'est pas un CSV valide : ${csvWhyFr(why)}`,
      },
      help: { en: "check the quotes around that line, or export the file again", fr: "vérifiez les guillemets autour de cette ligne, ou exportez de nouveau le fichier" },
      ...(err.lines !== undefined && { at: { line: err.lines, col: 1 } }),
    });
  }
}

/** The delimiter that splits the header line most, and the line the header is on. */
export function sniff(head: string): CsvLayout {
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

/**
 * Where cells start, by record number (0 = the header row, as csv-parse counts records) and
 * column: one more pass over the text, counting lines, quotes and delimiters as csv-parse does.
 */
export async function locateCells(chunks: AsyncIterable<Uint8Array>, layout: CsvLayout, wanted: readonly { record: number; column: number }[]): Promise<Map<string, CellPosition>> {
  const found = new Map<string, CellPosition>();
  const keys = new Set(wanted.map((w) => `${w.record}:${w.column}`));
  const last = Math.max(...wanted.map((w) => w.record));
  const text = new TextStream();
  const { delimiter, fromLine } = layout;
  let line = 1;
  let col = 1;
  let record = -1;
  let field = 0;
  let atStart = true;
  let quoted = false;
  const mark = () => {
    const key = `${record}:${field}`;
    if (keys.has(key)) found.set(key, { line, col });
  };
  const scan = (piece: string) => {
    for (let i = 0; i < piece.length; i++) {
      const c = piece[i]!;
      if (line < fromLine) {
        if (c === "\n") {
          line++;
          col = 1;
        } else col++;
        continue;
      }
      if (atStart) {
        if (c === "\n") {
          line++;
          col = 1;
          continue;
        }
        record++;
        field = 0;
        atStart = false;
        if (record > last) return true;
        mark();
      }
      if (quoted) {
        if (c === '"') quoted = false;
      } else if (c === '"') quoted = true;
      else if (c === delimiter) {
        field++;
        col++;
        mark();
        continue;
      } else if (c === "\n") atStart = true;
      if (c === "\n") {
        line++;
        col = 1;
      } else col++;
    }
    return false;
  };
  for await (const chunk of chunks) if (scan(text.push(chunk))) return found;
  scan(text.push(new Uint8Array(0), true));
  return found;
}

/** The CSV parser's common complaints in French (others are kept as it words them). */
export function csvWhyFr(why: string): string {
  if (/opening quote/i.test(why)) return `un guillemet ouvert n'est jamais fermé${/line (\d+)/.exec(why) ? ` (ligne ${/line (\d+)/.exec(why)![1]})` : ""}`;
  if (/quote/i.test(why)) return `un guillemet mal placé (${why})`;
  if (/record length|number of fields|columns/i.test(why)) return `une ligne n'a pas le même nombre de champs que l'en-tête (${why})`;
  return why;
}
