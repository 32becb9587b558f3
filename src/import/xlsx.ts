import ExcelJS from "exceljs";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { xlsxCellText, xlsxZipProblem } from "../data/xlsx.js";
import { importDiagnostic } from "./diagnostics.js";
import { foldHeader } from "./grid-columns.js";
import type { Cell, GridExtras } from "./grid.js";

/** Names of the sheets an export writes, in both languages. The grid is the first sheet otherwise. */
export const SHEETS = {
  steps: { en: "Steps", fr: "Étapes" },
  map: { en: "Map", fr: "Carte" },
  personas: { en: "Personas", fr: "Personas" },
  channels: { en: "Channels", fr: "Canaux" },
  opportunities: { en: "Opportunities", fr: "Opportunités" },
} as const;

/** Fields of the extra sheets that hold lists (one item per line), numbers, or yes/no. */
export const LIST_FIELDS = new Set(["goals", "frustrations", "motivations", "channels", "addresses", "why", "links", "tags"]);
export const NUMBER_FIELDS = new Set(["age", "impact", "effort"]);
export const BOOLEAN_FIELDS = new Set(["owned"]);
/** What the "Map" sheet may set: the map's own fields (the grid and the other sheets give the rest). */
const MAP_FIELDS = new Set(["id", "title", "description", "locale", "state", "objective", "owner", "updated", "tags"]);

function columnName(i: number): string {
  let s = "";
  for (let n = i; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The text a person sees in a cell; dates as the day. */
function cellText(value: ExcelJS.CellValue): string {
  return xlsxCellText(value, (d) => d.toISOString().slice(0, 10));
}

function sheetRows(sheet: ExcelJS.Worksheet, label: string): Cell[][] {
  const rows: Cell[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) {
      cells.push({ text: cellText(row.getCell(c).value).replace(/\r\n/g, "\n"), line: rowNumber, col: c, ref: `${columnName(c)}${rowNumber}${label}` });
    }
    while (rows.length < rowNumber - 1) rows.push([]);
    rows.push(cells);
  });
  return rows;
}

function findSheet(book: ExcelJS.Workbook, names: { en: string; fr: string }): ExcelJS.Worksheet | undefined {
  return book.worksheets.find((w) => [names.en, names.fr].map(foldHeader).includes(foldHeader(w.name)));
}

/**
 * An `.xlsx` workbook: the grid (sheet "Steps"/"Étapes", or the first), and the sheets an export
 * adds: "Map" (field, value), "Personas", "Channels", "Opportunities" (one item per row, the
 * format's field names as headers).
 */
export async function readXlsx(bytes: Uint8Array, file: string): Promise<{ rows: Cell[][]; sheetName: string; extras: GridExtras; diagnostics: Diagnostic[] }> {
  const book = new ExcelJS.Workbook();
  const diagnostics: Diagnostic[] = [];
  // The same bounds as data files, before exceljs inflates anything (a zip bomb stays a diagnostic).
  const zipProblem = xlsxZipProblem(bytes);
  // Not a zip at all is said below, as for any file that does not open as a workbook.
  if (zipProblem && !zipProblem.en.includes("not a zip archive")) {
    diagnostics.push(
      importDiagnostic(
        "error",
        "import-empty-sheet",
        file,
        1,
        1,
        { en: `expected an Excel workbook (.xlsx): ${zipProblem.en}`, fr: `un classeur Excel (.xlsx) était attendu : ${zipProblem.fr}` },
        { en: "save the spreadsheet again as .xlsx, or export it as CSV and use `cjm import csv`", fr: "enregistrez de nouveau le classeur en .xlsx, ou exportez-le en CSV et utilisez `cjm import csv`" },
      ),
    );
    return { rows: [], sheetName: "", extras: {}, diagnostics };
  }
  try {
    await book.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    diagnostics.push(importDiagnostic(
        "error",
        "import-empty-sheet",
        file,
        1,
        1,
        { en: "expected an Excel workbook (.xlsx), found a file that does not open as one", fr: "un classeur Excel (.xlsx) était attendu ; le fichier ne s'ouvre pas comme tel" },
        {
          en: "save the spreadsheet as .xlsx (Excel 2007 or later), or export it as CSV and use `cjm import csv`",
          fr: "enregistrez le classeur en .xlsx (Excel 2007 ou plus récent), ou exportez-le en CSV et utilisez `cjm import csv`",
        },
      ));
    return { rows: [], sheetName: "", extras: {}, diagnostics };
  }
  const grid = findSheet(book, SHEETS.steps) ?? book.worksheets[0];
  if (!grid) {
    diagnostics.push(importDiagnostic(
        "error",
        "import-empty-sheet",
        file,
        1,
        1,
        { en: "expected a sheet with one row per step, found a workbook with no sheet", fr: "une feuille avec une ligne par étape était attendue ; le classeur n'a aucune feuille" },
        { en: "add a sheet with a header row (stage, step, …) and one row per step", fr: "ajoutez une feuille avec une ligne d'en-tête (phase, étape, …) et une ligne par étape" },
      ));
    return { rows: [], sheetName: "", extras: {}, diagnostics };
  }
  const label = (sheet: ExcelJS.Worksheet) => ` of sheet ${sheet.name}`;
  const extras: GridExtras = {};

  const items = (sheet: ExcelJS.Worksheet | undefined): Record<string, unknown>[] | undefined => {
    if (!sheet || sheet === grid) return undefined;
    const rows = sheetRows(sheet, label(sheet)).filter((r) => r.some((c) => c.text.trim() !== ""));
    const header = rows[0];
    if (!header) return undefined;
    return rows.slice(1).map((row) => {
      const item: Record<string, unknown> = {};
      header.forEach((h, i) => {
        const key = h.text.trim();
        const cell = row[i];
        const text = cell?.text.trim() ?? "";
        if (key === "" || text === "" || cell === undefined) return;
        item[key] = typedValue(key, text, cell, file, diagnostics);
      });
      return item;
    });
  };
  const mapSheet = findSheet(book, SHEETS.map);
  if (mapSheet && mapSheet !== grid) {
    const meta: Record<string, unknown> = {};
    for (const row of sheetRows(mapSheet, label(mapSheet))) {
      const key = row[0]?.text.trim() ?? "";
      const cell = row[1];
      if (key === "" || cell === undefined || cell.text.trim() === "" || (key === "field" && cell.text.trim() === "value")) continue;
      if (!MAP_FIELDS.has(key) && !key.startsWith("x-")) {
        const fields = [...MAP_FIELDS].join(", ");
        diagnostics.push(
          importDiagnostic(
            "warning",
            "import-unknown-column",
            file,
            row[0]!.line,
            row[0]!.col,
            { en: `unknown map field \`${key.slice(0, 40)}\`: left out (cell ${row[0]!.ref})`, fr: `champ de carte inconnu \`${key.slice(0, 40)}\` : laissé de côté (cellule ${row[0]!.ref})` },
            { en: `known fields: ${fields}; names starting with \`x-\` are kept`, fr: `champs connus : ${fields} ; les noms qui commencent par \`x-\` sont gardés` },
          ),
        );
        continue;
      }
      meta[key] = typedValue(key, cell.text.trim(), cell, file, diagnostics);
    }
    extras.meta = meta;
  }
  const personas = items(findSheet(book, SHEETS.personas));
  const channels = items(findSheet(book, SHEETS.channels));
  const opportunities = items(findSheet(book, SHEETS.opportunities));
  if (personas) extras.personas = personas;
  if (channels) extras.channels = channels;
  if (opportunities) extras.opportunities = opportunities;
  return { rows: sheetRows(grid, label(grid)), sheetName: grid.name, extras, diagnostics };
}

function typedValue(key: string, text: string, cell: Cell, file: string, diagnostics: Diagnostic[]): unknown {
  if (LIST_FIELDS.has(key)) return text.split("\n").map((s) => s.trim()).filter((s) => s !== "");
  if (NUMBER_FIELDS.has(key)) {
    const n = Number(text);
    if (!Number.isInteger(n)) diagnostics.push(importDiagnostic("error", "import-bad-cell", file, cell.line, cell.col, {
            en: `expected a whole number for \`${key}\`, found \`${text.slice(0, 20)}\` (cell ${cell.ref})`,
            fr: `un nombre entier était attendu pour \`${key}\` ; trouvé : \`${text.slice(0, 20)}\` (cellule ${cell.ref})`,
          },
          { en: "write the number without units or text", fr: "écrivez le nombre sans unité ni texte" },
        ));
    return n;
  }
  if (BOOLEAN_FIELDS.has(key)) return !/^(false|no|non|0|faux)$/i.test(text);
  if (key.startsWith("x-") && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}
