import type { FormatReader } from "../types.js";

/** Google Forms CSV: `Timestamp` (`Horodateur` in French) first, then one column per question. */
export const googleForms: FormatReader = {
  format: "google-forms",
  detect: (rows) => /^(Timestamp|Horodateur|Marca temporal|Zeitstempel|Informazioni cronologiche)$/.test(rows[0]?.[0] ?? ""),
  header: (rows) => ({ headerRows: 1, names: [...(rows[0] ?? [])], aliases: [] }),
};
