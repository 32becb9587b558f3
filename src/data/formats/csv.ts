import type { FormatReader } from "../types.js";

/** Any other delimited file: one header row. */
export const csv: FormatReader = {
  format: "csv",
  detect: () => true,
  header: (rows) => ({ headerRows: 1, names: [...(rows[0] ?? [])], aliases: [] }),
};
