import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { bilingual, type Diagnostic, type Texts } from "../diagnostics/diagnostic.js";
import { systemTexts } from "../load/read.js";
import { DATA_LIMITS } from "./load.js";
import { openTable } from "./table.js";
import type { DataFormat } from "./types.js";

export interface ColumnSummary {
  name: string;
  /** The question text, for exports that carry it apart from the column id (Qualtrics). */
  question?: string;
  /** How many rows hold a value. */
  values: number;
  kind: "scale" | "number" | "text" | "empty";
  /** Only for small whole numbers (an answer scale): a wider numeric column may hold phone numbers or ids. */
  min?: number;
  max?: number;
  /** Negative codes of a scale column, such as Qualtrics' -99 ("seen but unanswered"). */
  codes?: number[];
}

export interface Inspection {
  format: DataFormat;
  rows: number;
  /** Rows the export marks as partial responses. */
  partial: number;
  columns: ColumnSummary[];
  /** Funnel step labels, for funnel exports (labels, not people's data). */
  steps?: string[];
}

const LEADING_NUMBER = /^([+-]?\d+(?:[.,]\d+)?)(?:\s*[-–—:.)]\s*\S.*|\s+\S.*)?$/s;

/**
 * What a data file holds, without showing anyone's answers: the detected format, each column with
 * its count of values and, for answer-scale columns, the range; text columns only by name and count.
 */
export async function inspectData(absolutePath: string, name: string, maxBytes: number = DATA_LIMITS.maxDataBytes): Promise<Inspection | Diagnostic> {
  const fail = (code: Diagnostic["code"], message: Texts): Diagnostic => ({ severity: "error", code, ...bilingual(message), file: name, span: { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } } });
  try {
    const info = await stat(absolutePath);
    if (!info.isFile()) return fail("data-file-missing", { en: "is not a regular file", fr: "n'est pas un fichier ordinaire" });
    if (info.size > maxBytes) {
      const [size, cap] = [(info.size / 1024 / 1024).toFixed(1), (maxBytes / 1024 / 1024).toFixed(0)];
      return fail("file-too-large", { en: `is ${size} MB, over the ${cap} MB cap`, fr: `fait ${size} MB, au-delà de la limite de ${cap} MB` });
    }
  } catch (e) {
    return fail("data-file-missing", systemTexts(e));
  }
  let problem: Diagnostic | undefined;
  const table = await openTable(() => createReadStream(absolutePath, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>, {
    xlsx: /\.xlsx$/i.test(absolutePath),
    onProblem: (p) => (problem ??= { severity: "error", code: p.code, ...bilingual(p.message, p.help), file: name, span: { start: p.at ?? { line: 1, col: 1 }, end: p.at ?? { line: 1, col: 1 } } }),
  });
  if (!table) return problem ?? fail("data-file-invalid", { en: "cannot be read", fr: "ne peut pas être lu" });
  const { columns, aliases, format } = table.header;
  const stats = columns.map(() => ({ values: 0, numeric: 0, integers: true, min: Infinity, max: -Infinity, codes: new Set<number>() }));
  const funnel = format === "ga4-funnel" || format === "funnel";
  const steps: string[] = [];
  let rows = 0;
  let partial = 0;
  for await (const batch of table.records) for (const record of batch) {
    rows++;
    if (table.header.skipReason(record)) partial++;
    if (funnel && record[0]) steps.push(record[0].trim());
    record.forEach((raw, i) => {
      const s = stats[i];
      const cell = raw.trim();
      if (!s || cell === "") return;
      s.values++;
      const m = LEADING_NUMBER.exec(cell);
      if (!m) return;
      const v = Number(m[1]!.replace(",", "."));
      s.numeric++;
      if (!Number.isInteger(v)) s.integers = false;
      if (v < 0 && s.codes.size < 4) {
        s.codes.add(v);
        return;
      }
      s.min = Math.min(s.min, v);
      s.max = Math.max(s.max, v);
    });
  }
  if (problem) return problem;
  const out: ColumnSummary[] = columns.map((n, i) => {
    const s = stats[i]!;
    const question = aliases[i];
    const base = { name: n, ...(question !== undefined && question !== n && { question }), values: s.values };
    if (s.values === 0) return { ...base, kind: "empty" };
    if (s.numeric < s.values) return { ...base, kind: "text" };
    if (s.integers && s.min >= 0 && s.max <= 100) return { ...base, kind: "scale", min: s.min, max: s.max, ...(s.codes.size > 0 && { codes: [...s.codes].sort((a, b) => a - b) }) };
    return { ...base, kind: "number" };
  });
  return { format, rows, partial, columns: out, ...(funnel && { steps }) };
}

/** A `data:` entry to paste into a map, guessing each measure from the column's range and name. */
export function suggestEntry(inspection: Inspection, file: string, id: string, period: string): string {
  const q = (s: string) => (/^[A-Za-z0-9_][A-Za-z0-9_ ./-]*$/.test(s) && !/^(true|false|null|yes|no|on|off)$/i.test(s) ? s : JSON.stringify(s));
  const lines = [`  - id: ${id}`, `    file: ${q(file)}`, `    period: ${period}   # when the answers were collected: a quarter, a month or a day`, `    format: ${inspection.format}`];
  if (inspection.steps) {
    lines.push("    funnel:   # each step label of the file → the step id it measures, in funnel order");
    inspection.steps.forEach((s, i) => lines.push(`      ${q(s)}: step-${i + 1}`));
    return lines.join("\n") + "\n";
  }
  const measures: string[] = [];
  for (const c of inspection.columns) {
    if (/_NPS_GROUP$/.test(c.name)) continue;
    const missing = c.codes ? `, missing: [${c.codes.join(", ")}]` : "";
    const words = `${c.name} ${c.question ?? ""}`.toLowerCase();
    if (c.kind === "scale" && c.min !== undefined && c.max !== undefined && c.min >= 0) {
      if (c.max <= 10 && c.max > 7 && (c.min === 0 || /recommend|nps|likely|recommand/.test(words))) measures.push(`      - { metric: nps, column: ${q(c.name)}, at: journey${missing} }`);
      else if (c.max <= 5 && c.min >= 1 && /satisf/.test(words)) measures.push(`      - { metric: csat, column: ${q(c.name)}, scale: 5, at: journey${missing} }`);
      else if (c.max <= 7 && c.min >= 1 && /easy|effort|easi|facile/.test(words)) measures.push(`      - { metric: ces, column: ${q(c.name)}, scale: 7, at: journey${missing} }`);
    } else if (c.kind === "text" && /satisf/.test(words)) {
      measures.push(`      - { metric: csat, column: ${q(c.name)}, scale: 5, at: journey, values: { "Very satisfied": 5, "Satisfied": 4, "Neither satisfied nor dissatisfied": 3, "Dissatisfied": 2, "Very dissatisfied": 1 } }   # label answers: check the labels`);
    } else if (c.kind === "text" && /_TEXT$|comment|anything|why|better|verbatim|pourquoi/i.test(words)) {
      measures.push(`      - { quotes: ${q(c.name)}, at: journey, limit: 3 }`);
    }
  }
  if (measures.length === 0) measures.push("      - { metric: nps, column: <column>, at: journey }   # no answer-scale column recognised: name one");
  lines.push("    measures:   # `at:` is journey, or a stage or step id", ...measures);
  return lines.join("\n") + "\n";
}

export function formatInspection(i: Inspection, name: string): string {
  const lines = [`${name}: ${i.format}, ${i.rows} rows${i.partial ? ` (${i.partial} partial responses, skipped)` : ""}`, "columns:"];
  const width = Math.min(40, Math.max(...i.columns.map((c) => c.name.length), 4));
  for (const c of i.columns) {
    if (c.name === "" && c.kind === "empty") continue;
    const what =
      c.kind === "scale" ? `numbers ${c.min}..${c.max}${c.codes ? ` (and ${c.codes.join(", ")})` : ""}` : c.kind === "number" ? "numbers (range not shown)" : c.kind === "text" ? "text (values not shown)" : "empty";
    const shown = c.name.length > 40 ? `${c.name.slice(0, 39)}…` : c.name;
    lines.push(`  ${shown.padEnd(width)}  ${what}, ${c.values} values${c.question ? `  — ${c.question.replace(/\s+/g, " ").slice(0, 60)}` : ""}`);
  }
  if (i.steps) lines.push(`funnel steps: ${i.steps.join(" → ")}`);
  return lines.join("\n") + "\n";
}
