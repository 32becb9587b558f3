import type { Texts } from "../diagnostics/diagnostic.js";
import { inflateRawSync } from "node:zlib";
import type { CellValue } from "exceljs";
import type { TableProblem } from "./types.js";

/** Bounds on a `.xlsx` (a zip): a small file must not unpack to gigabytes or a million entries. */
export const XLSX_LIMITS = { maxEntries: 10_000, maxUnzippedBytes: 512 * 1024 * 1024 } as const;

/**
 * What is wrong with a workbook's zip before any library opens it: too many entries, or more than
 * the cap once really inflated (a zip bomb), checked entry by entry. Undefined when it is sound.
 * `cjm import xlsx` checks its files the same way.
 */
export function xlsxZipProblem(bytes: Uint8Array, limits: { maxEntries: number; maxUnzippedBytes: number } = XLSX_LIMITS): Texts | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { en: "the .xlsx file is not a zip archive", fr: "le fichier .xlsx n'est pas une archive zip" };
  const entries = buf.readUInt16LE(eocd + 10);
  if (entries > limits.maxEntries) return { en: `the .xlsx file holds ${entries} entries, over the ${limits.maxEntries} cap`, fr: `le fichier .xlsx contient ${entries} entrées, au-delà de la limite de ${limits.maxEntries}` };
  let at = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let k = 0; k < entries; k++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return { en: "the .xlsx file's zip directory is damaged", fr: "le répertoire zip du fichier .xlsx est endommagé" };
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (compressed === 0xffffffff || local + 30 > buf.length) return { en: "the .xlsx file uses zip features cjm does not read (zip64)", fr: "le fichier .xlsx utilise des fonctions zip que cjm ne lit pas (zip64)" };
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    const budget = limits.maxUnzippedBytes - total;
    if (method === 0) total += data.length;
    else if (method === 8) {
      try {
        total += inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
      } catch (e) {
        if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError) return { en: `the .xlsx file unpacks to more than ${limits.maxUnzippedBytes / 1024 / 1024} MB`, fr: `le fichier .xlsx se décompresse en plus de ${limits.maxUnzippedBytes / 1024 / 1024} MB` };
        return { en: "the .xlsx file's zip data is damaged", fr: "les données zip du fichier .xlsx sont endommagées" };
      }
    } else return { en: "the .xlsx file uses a zip compression cjm does not read", fr: "le fichier .xlsx utilise une compression zip que cjm ne lit pas" };
    if (total > limits.maxUnzippedBytes) return { en: `the .xlsx file unpacks to more than ${limits.maxUnzippedBytes / 1024 / 1024} MB`, fr: `le fichier .xlsx se décompresse en plus de ${limits.maxUnzippedBytes / 1024 / 1024} MB` };
  }
  return undefined;
}

/** The text a person sees in a cell, whatever exceljs makes of it (rich text, formula, link, date). */
export function xlsxCellText(value: CellValue, date: (d: Date) => string = (d) => d.toISOString()): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return date(value);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return xlsxCellText(value.result as CellValue, date);
    if ("text" in value) return xlsxCellText(value.text as CellValue, date);
    if ("error" in value) return String(value.error);
  }
  return "";
}

/**
 * Checks the zip's entries against the bounds by really inflating each one with a capped output
 * (sizes written in the zip can lie), then reads the first sheet with exceljs (the library
 * `cjm import` and `cjm export` use). Cells become text as a CSV export would hold them.
 */
export async function xlsxRows(bytes: Uint8Array, limits: { maxEntries: number; maxUnzippedBytes: number } = XLSX_LIMITS): Promise<string[][] | TableProblem> {
  const bad = (message: Texts): TableProblem => ({
    code: "data-file-invalid",
    message,
    help: { en: "save the sheet again from Excel, or export it as CSV", fr: "enregistrez de nouveau le classeur depuis Excel, ou exportez-le en CSV" },
  });
  const problem = xlsxZipProblem(bytes, limits);
  if (problem) return bad(problem);
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    return bad({ en: "the .xlsx file cannot be read as a spreadsheet", fr: "le fichier .xlsx ne peut pas être lu comme un classeur" });
  }
  const sheet = book.worksheets[0];
  if (!sheet) return bad({ en: "the .xlsx file holds no sheet", fr: "le fichier .xlsx ne contient aucune feuille" });
  const rows: string[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    while (rows.length < rowNumber - 1) rows.push([]);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(xlsxCellText(row.getCell(c).value));
    rows.push(cells);
  });
  return rows;
}
