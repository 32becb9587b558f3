import type { FormatReader } from "../types.js";

/** Typeform CSV: a `#` token column first, `Response Type` (`completed` or `partial`), `Submit Date (UTC)`. */
export const typeform: FormatReader = {
  format: "typeform",
  detect: (rows) => rows[0]?.[0] === "#" && (rows[0].includes("Response Type") || rows[0].includes("Submit Date (UTC)")),
  header: (rows) => {
    const names = [...(rows[0] ?? [])];
    const type = names.indexOf("Response Type");
    return {
      headerRows: 1,
      names,
      aliases: [],
      skipReason: (record) => (type >= 0 && (record[type] ?? "").toLowerCase() === "partial" ? "partial response" : undefined),
    };
  },
};
