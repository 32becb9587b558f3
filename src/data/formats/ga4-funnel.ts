import type { FormatReader } from "../types.js";

/** A GA4 funnel exploration download: `#` comment lines, then `Step,Active users,Completion rate,…`. */
export const ga4Funnel: FormatReader = {
  format: "ga4-funnel",
  detect: (rows) => rows[0]?.[0] === "Step" && rows[0].includes("Active users"),
  header: (rows) => ({ headerRows: 1, names: [...(rows[0] ?? [])], aliases: [] }),
};
