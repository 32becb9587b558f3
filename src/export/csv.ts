import { stringify } from "csv-stringify/sync";
import type { Grid } from "./grid.js";

/** The grid as CSV: comma-separated, LF line ends, quotes only where a cell needs them. */
export function gridCsv(grid: Grid): string {
  return stringify([grid.header, ...grid.rows.map((r) => r.map(String))], { record_delimiter: "\n" });
}
