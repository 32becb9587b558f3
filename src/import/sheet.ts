import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Locale } from "../model/types.js";
import { readCsv } from "./csv.js";
import { gridToMap } from "./grid.js";
import type { ImportedMap } from "./mermaid.js";

export interface SheetImportOptions {
  fallbackTitle: string;
  locale?: Locale;
}

/** A spreadsheet (CSV, or XLSX with its extra sheets) → one map. */
export async function importSheet(format: "csv" | "xlsx", bytes: Uint8Array, file: string, options: SheetImportOptions, sources: Map<string, string>): Promise<{ maps: ImportedMap[]; diagnostics: Diagnostic[] }> {
  if (format === "xlsx") {
    const { readXlsx } = await import("./xlsx.js");
    const book = await readXlsx(bytes, file);
    if (book.diagnostics.length > 0 && book.rows.length === 0) return { maps: [], diagnostics: book.diagnostics };
    return { maps: [gridToMap(book.rows, file, { ...options, where: `sheet ${book.sheetName}` }, book.extras)], diagnostics: book.diagnostics };
  }
  const csv = readCsv(bytes, file);
  sources.set(file, csv.text);
  if (csv.diagnostics.length > 0) return { maps: [], diagnostics: csv.diagnostics };
  return { maps: [gridToMap(csv.rows, file, options)], diagnostics: [] };
}
