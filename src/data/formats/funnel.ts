import type { FormatReader } from "../types.js";

/** A generic funnel: two columns, the step and its count (users, sessions, visitors). */
export const funnel: FormatReader = {
  format: "funnel",
  detect: (rows) => (rows[0]?.filter((c) => c !== "").length ?? 0) === 2 && /^step$/i.test(rows[0]![0]!.trim()) && /count|users|sessions|visitors|visits/i.test(rows[0]![1]!),
  header: (rows) => ({ headerRows: 1, names: [...(rows[0] ?? [])], aliases: [] }),
};
