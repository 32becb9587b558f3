import type { FormatReader } from "../types.js";

/**
 * Qualtrics CSV: three header rows (column ids; question text in the survey's language;
 * `{"ImportId":"QID1"}`), a `Finished` column (0 for a partial response). A column answers to its id
 * or to its question text.
 */
export const qualtrics: FormatReader = {
  format: "qualtrics",
  detect: (rows) => (rows[2]?.some((c) => c.startsWith('{"ImportId"')) ?? false) && (rows[0]?.includes("ResponseId") ?? false),
  header: (rows) => {
    const names = [...(rows[0] ?? [])];
    const finished = names.indexOf("Finished");
    return {
      headerRows: 3,
      names,
      aliases: names.map((_, i) => rows[1]?.[i] || undefined),
      skipReason: (record) => (finished >= 0 && /^(0|false)$/i.test(record[finished] ?? "") ? "partial response" : undefined),
    };
  },
};
