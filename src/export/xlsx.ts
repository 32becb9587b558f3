import ExcelJS from "exceljs";
import { SHEETS } from "../import/xlsx.js";
import type { Journey, Locale } from "../model/types.js";
import type { Grid, GridValue } from "./grid.js";
import { fixZipDates } from "./zip-dates.js";

/** A fixed date for the workbook's properties: the same map gives the same bytes. */
const FIXED = new Date(Date.UTC(2000, 0, 1));

function addSheet(book: ExcelJS.Workbook, name: string, header: string[], rows: GridValue[][]): void {
  const sheet = book.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  sheet.columns.forEach((c, i) => {
    const longest = Math.max(...[header[i] ?? "", ...rows.map((r) => String(r[i] ?? ""))].flatMap((v) => v.split("\n")).map((l) => l.length));
    c.width = Math.min(60, Math.max(10, longest + 2));
    c.alignment = { wrapText: true, vertical: "top" };
  });
}

function table<T>(items: readonly T[], fields: readonly string[], get: (item: T, field: string) => GridValue | boolean | readonly string[] | undefined): { header: string[]; rows: GridValue[][] } {
  const used = fields.filter((f) => items.some((i) => {
    const v = get(i, f);
    return v !== undefined && !(Array.isArray(v) && v.length === 0);
  }));
  return {
    header: used,
    rows: items.map((i) =>
      used.map((f) => {
        const v = get(i, f);
        if (v === undefined) return "";
        if (Array.isArray(v)) return v.join("\n");
        if (typeof v === "boolean") return v ? "yes" : "no";
        return v as GridValue;
      }),
    ),
  };
}

/** The grid, and the sheets a CSV has no room for: the map's fields, personas, channels, opportunities. */
export async function gridXlsx(journey: Journey, grid: Grid, locale: Locale): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = "cjm";
  book.created = FIXED;
  book.modified = FIXED;
  addSheet(book, SHEETS.steps[locale], grid.header, grid.rows);
  const meta: [string, GridValue | undefined][] = [
    ["id", journey.id],
    ["title", journey.title],
    ["description", journey.description],
    ["locale", journey.locale === "en" ? undefined : journey.locale],
    ["state", journey.state === "current" ? undefined : journey.state],
    ["objective", journey.objective],
    ["owner", journey.owner],
    ["updated", journey.updated],
    ["tags", journey.tags.length > 0 ? journey.tags.join("\n") : undefined],
  ];
  addSheet(book, SHEETS.map[locale], ["field", "value"], meta.filter((m): m is [string, GridValue] => m[1] !== undefined));
  const personas = table(journey.personas, ["id", "name", "role", "age", "segment", "quote", "description", "goals", "frustrations", "motivations", "channels"], (p, f) => (p as unknown as Record<string, GridValue | readonly string[] | undefined>)[f]);
  addSheet(book, SHEETS.personas[locale], personas.header, personas.rows);
  if (journey.channels.length > 0) {
    const channels = table(journey.channels, ["id", "name", "kind", "owned"], (c, f) => (c as unknown as Record<string, GridValue | boolean | undefined>)[f]);
    addSheet(book, SHEETS.channels[locale], channels.header, channels.rows);
  }
  if (journey.opportunities.length > 0) {
    const opportunities = table(
      journey.opportunities,
      ["id", "title", "description", "addresses", "impact", "effort", "owner", "status", "why", "links"],
      (o, f) => (o as unknown as Record<string, GridValue | readonly string[] | undefined>)[f],
    );
    addSheet(book, SHEETS.opportunities[locale], opportunities.header, opportunities.rows);
  }
  return fixZipDates(new Uint8Array(await book.xlsx.writeBuffer()));
}
