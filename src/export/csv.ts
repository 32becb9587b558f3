import { stringify } from "csv-stringify/sync";
import type { Grid } from "./grid.js";

/** A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first): written with a
 * leading `'`, which spreadsheets show as text and `cjm import csv` removes again. */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** One more leading `'` on a cell that starts like a formula (after any `'`): reversible. */
export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** The inverse, for `cjm import csv`. */
export function restoreFormula(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** The grid as CSV: comma-separated, LF line ends, quotes only where a cell needs them; no cell
 * can be taken for a formula when the file is opened in a spreadsheet. */
export function gridCsv(grid: Grid): string {
  return stringify([grid.header, ...grid.rows.map((r) => r.map((c) => (typeof c === "number" ? String(c) : neutralizeFormula(String(c)))))], { record_delimiter: "\n" });
}
