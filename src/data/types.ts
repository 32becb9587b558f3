import type { Texts } from "../diagnostics/diagnostic.js";
/** What the data readers hand to the measures: the header, then one record at a time. */

export type DataFormat = "qualtrics" | "surveymonkey" | "typeform" | "google-forms" | "csv" | "ga4-funnel" | "funnel";

/** A cell's place in the data file, 1-based (for `.xlsx`: row and column number). */
export interface CellPosition {
  line: number;
  col: number;
}

export interface TableHeader {
  format: DataFormat;
  /** Column names, unique: a repeated header becomes `name.1`, `name.2`… */
  columns: string[];
  /** Other names a column answers to (Qualtrics' question text, say), by column index. */
  aliases: (string | undefined)[];
  /** Why a record is skipped as a whole (a partial response), or undefined to use it. */
  skipReason(record: readonly string[]): string | undefined;
}

/** A data-file problem, located in that file when it can be. */
export interface TableProblem {
  code: "data-file-invalid";
  message: Texts;
  help?: Texts;
  at?: CellPosition;
}

/** Reads the file's header rows (what `detect` needs), then streams the records. */
export interface FormatReader {
  format: DataFormat;
  /** Whether the first rows look like this export; `rows` are the first few records. */
  detect(rows: readonly (readonly string[])[]): boolean;
  /** How many of the first rows are header rows, and what they name. */
  header(rows: readonly (readonly string[])[]): { headerRows: number; names: string[]; aliases: (string | undefined)[]; skipReason?: TableHeader["skipReason"] };
}
