import type { RuleCode } from "../diagnostics/codes.js";
import { bilingual, pointerOf, type Diagnostic, type Texts } from "../diagnostics/diagnostic.js";
import type { Input, MeasuredFigure, Origin, Verbatim } from "../model/types.js";
import { closest } from "../validate/suggest.js";
import { compute, funnelSteps, Histogram, scaleOf, type MetricName } from "./compute.js";
import { redact } from "./redact.js";
import { lf, type Table } from "./table.js";
import type { CellPosition, TableHeader } from "./types.js";

/** A figure before waves are put together: where it goes and where it was declared. */
export interface PendingFigure {
  at: string;
  figure: MeasuredFigure;
}

export interface SourceResult {
  figures: PendingFigure[];
  quotes: { at: string; quote: Verbatim }[];
  diagnostics: Diagnostic[];
}

export interface SourceContext {
  /** The map's file name, and the data entry's pointer in it (`/data/0`). */
  mapFile: string;
  pointer: string;
  /** The data file as shown in messages. */
  dataFile: string;
  sha256: () => string;
}

const MAX_CELL_ERRORS = 5;
const MAX_SEEN = 256;
const NUMBER = /^([+-]?\d+(?:[.,]\d+)?)(?:\s*[-–—:.)]\s*\S.*|\s+\S.*)?$/s;

/**
 * Computes one data entry's measures (or its funnel) over a table in one streaming pass. Only the
 * declared columns are read; a bad value is reported at its cell, showing that cell only.
 */
export async function measureTable(entry: Input.DataSource, table: Table, ctx: SourceContext): Promise<SourceResult> {
  const result: SourceResult = { figures: [], quotes: [], diagnostics: [] };
  const mapAt = (...path: (string | number)[]): Origin => ({ file: ctx.mapFile, pointer: ctx.pointer + pointerOf(path) });
  const mapProblem = (code: RuleCode, message: Texts, origin: Origin, help?: Texts) =>
    result.diagnostics.push({ severity: "error", code, ...bilingual(message, help), file: origin.file, pointer: origin.pointer });
  const columnOf = (name: string, origin: Origin): number | undefined => {
    const i = findColumn(table.header, name);
    if (i === undefined) mapProblem("data-column-missing", { en: `column \`${name}\` is not in ${ctx.dataFile}`, fr: `la colonne \`${name}\` n'est pas dans ${ctx.dataFile}` }, origin, columnHelp(table.header, name));
    return i;
  };
  const cells = new CellProblems(table, ctx, result);
  if (entry.funnel) return measureFunnel(entry, table, ctx, result, mapAt, cells);

  const segment = entry.segment ? columnOf(entry.segment.column, mapAt("segment", "column")) : undefined;
  interface Plan {
    index: number;
    measure: Input.Measure;
    column: number;
    min: number;
    max: number;
    all: Histogram;
    byPersona: Map<string, Histogram>;
    skipped: Record<string, number>;
    errors: number;
    /** Answers already read: an export repeats a few distinct ones (the scale's points) over every row. */
    seen: Map<string, ReturnType<typeof answer>>;
  }
  const plans: Plan[] = [];
  const quotePlans: { quotes: Input.Quotes; column: number; taken: number }[] = [];
  for (const [index, m] of (entry.measures ?? []).entries()) {
    if ("quotes" in m) {
      const column = columnOf((m as Input.Quotes).quotes, mapAt("measures", index, "quotes"));
      if (column !== undefined) quotePlans.push({ quotes: m as Input.Quotes, column, taken: 0 });
      continue;
    }
    const measure = m as Input.Measure;
    const column = columnOf(measure.column, mapAt("measures", index, "column"));
    if (column === undefined) continue;
    const { min, max } = scaleOf(measure.metric, measure.scale);
    plans.push({ index, measure, column, min, max, all: new Histogram(max), byPersona: new Map(), skipped: {}, errors: 0, seen: new Map() });
  }
  if (result.diagnostics.length > 0) return result;

  let rows = 0;
  const skippedRows: Record<string, number> = {};
  const personas = entry.segment?.personas;
  for await (const batch of table.records) {
  for (const record of batch) {
    const index = table.firstRecord + rows;
    rows++;
    const whole = table.header.skipReason(record);
    if (whole) {
      skippedRows[whole] = (skippedRows[whole] ?? 0) + 1;
      continue;
    }
    const persona = segment !== undefined ? personas![(record[segment] ?? "").trim()] : undefined;
    for (const plan of plans) {
      const raw = (record[plan.column] ?? "").trim();
      let value = plan.seen.get(raw);
      if (value === undefined && !plan.seen.has(raw)) {
        value = answer(raw, plan.measure);
        if (plan.seen.size < MAX_SEEN) plan.seen.set(raw, value);
      }
      if (value === "empty" || value === "missing") {
        const reason = value === "empty" ? "empty answer" : "missing code";
        plan.skipped[reason] = (plan.skipped[reason] ?? 0) + 1;
        continue;
      }
      if (value === undefined || value < plan.min || value > plan.max || !Number.isInteger(value)) {
        if (plan.errors++ < MAX_CELL_ERRORS) cells.add(index, plan.column, raw.length, valueProblem(raw, plan.measure, plan.min, plan.max, value === undefined));
        continue;
      }
      plan.all.add(value);
      if (persona !== undefined) {
        let h = plan.byPersona.get(persona);
        if (!h) plan.byPersona.set(persona, (h = new Histogram(plan.max)));
        h.add(value);
      }
    }
    for (const q of quotePlans) {
      const limit = q.quotes.limit ?? 3;
      if (q.taken >= limit) continue;
      const text = lf((record[q.column] ?? "").trim());
      if (text === "") continue;
      q.taken++;
      const cut = text.length > 500 ? `${text.slice(0, 499)}…` : text;
      result.quotes.push({ at: q.quotes.at, quote: { text: redact(cut), source: entry.id, period: entry.period } });
    }
  }
  }
  await cells.flush();
  for (const plan of plans) {
    if (plan.errors > MAX_CELL_ERRORS) {
      mapProblem(
        "data-value-out-of-scale",
        {
          en: `${plan.errors - MAX_CELL_ERRORS} more values of column \`${plan.measure.column}\` are outside ${plan.min}..${plan.max}`,
          fr: `${plan.errors - MAX_CELL_ERRORS} autres valeurs de la colonne \`${plan.measure.column}\` sont hors de ${plan.min}..${plan.max}`,
        },
        mapAt("measures", plan.index, "column"),
        { en: "the first five are shown at their cells; fix the export or the measure's `scale:`", fr: "les cinq premières sont montrées à leur cellule ; corrigez l'export ou le `scale:` de la mesure" },
      );
    }
  }
  if (result.diagnostics.length > 0) return result;

  const sha256 = ctx.sha256();
  const wholeSkipped = Object.values(skippedRows).reduce((a, b) => a + b, 0);
  for (const plan of plans) {
    const m = plan.measure;
    const skipped = { ...skippedRows, ...plan.skipped };
    const origin = mapAt("measures", plan.index);
    const base = { metric: m.metric, period: entry.period, better: m.better ?? "higher", origin } as const;
    const source = { id: entry.id, file: ctx.dataFile, sha256, rowsUsed: plan.all.n, rowsSkipped: rows - plan.all.n, skipped: sortKeys(skipped) };
    if (plan.all.n === 0) {
      result.diagnostics.push({
        severity: "warning",
        code: "small-sample",
        ...bilingual(
          { en: `no usable answer in column \`${m.column}\` (${rows} rows, ${wholeSkipped} skipped whole)`, fr: `aucune réponse exploitable dans la colonne \`${m.column}\` (${rows} lignes, ${wholeSkipped} écartées en entier)` },
          { en: "check that the column holds the answers, and the measure's `values:` and `missing:`", fr: "vérifiez que la colonne contient les réponses, et les `values:` et `missing:` de la mesure" },
        ),
        file: origin.file,
        pointer: origin.pointer,
      });
      continue;
    }
    const c = compute(m.metric as MetricName, plan.all);
    const figure: MeasuredFigure = { ...base, value: c.value, n: c.n, margin: c.margin, source };
    if (m.metric !== "nps") figure.scale = plan.max;
    if (c.mean !== undefined) figure.mean = c.mean;
    if (c.promoters !== undefined) Object.assign(figure, { promoters: c.promoters, passives: c.passives, detractors: c.detractors });
    if (plan.byPersona.size > 0) {
      const ids = [...new Set(Object.values(entry.segment!.personas))].filter((p): p is string => p !== undefined);
      figure.personas = ids
        .filter((id) => plan.byPersona.has(id))
        .map((id) => {
          const pc = compute(m.metric as MetricName, plan.byPersona.get(id)!);
          return { persona: id, value: pc.value, n: pc.n, margin: pc.margin };
        });
    }
    result.figures.push({ at: m.at, figure });
  }
  return result;
}

async function measureFunnel(
  entry: Input.DataSource,
  table: Table,
  ctx: SourceContext,
  result: SourceResult,
  mapAt: (...path: (string | number)[]) => Origin,
  cells: CellProblems,
): Promise<SourceResult> {
  const labels = Object.keys(entry.funnel!);
  const countColumn = table.header.format === "ga4-funnel" ? table.header.columns.indexOf("Active users") : 1;
  const counts = new Map<string, number>();
  let rows = 0;
  for await (const batch of table.records) {
    for (const record of batch) {
      const index = table.firstRecord + rows;
      rows++;
      const label = (record[0] ?? "").trim();
      if (!Object.hasOwn(entry.funnel!, label) || counts.has(label)) continue;
      const raw = (record[countColumn] ?? "").trim();
      const count = /^\d+$/.test(raw) ? Number(raw) : undefined;
      if (count === undefined) {
        cells.add(index, countColumn, raw.length, {
          message: {
            en: `funnel count \`${shown(raw)}\` for step \`${shown(label)}\` is not a whole number of users`,
            fr: `l'effectif \`${shown(raw)}\` de l'étape de tunnel \`${shown(label)}\` n'est pas un nombre entier d'utilisateurs`,
          },
          help: { en: "funnel counts are whole numbers of users or sessions", fr: "les effectifs d'un tunnel sont des nombres entiers d'utilisateurs ou de sessions" },
        });
        continue;
      }
      counts.set(label, count);
    }
  }
  await cells.flush();
  const found = [...counts.keys()];
  for (const label of labels) {
    if (!counts.has(label)) {
      const origin = mapAt("funnel", label);
      const guess = closest(label, found);
      result.diagnostics.push({
        severity: "error",
        code: "data-column-missing",
        ...bilingual(
          { en: `funnel step \`${label}\` is not in ${ctx.dataFile}`, fr: `l'étape de tunnel \`${label}\` n'est pas dans ${ctx.dataFile}` },
          guess
            ? { en: `did you mean \`${guess}\`?`, fr: `vouliez-vous dire \`${guess}\` ?` }
            : { en: `the file's steps: ${found.map((f) => `\`${f}\``).join(", ") || "none"}`, fr: `les étapes du fichier : ${found.map((f) => `\`${f}\``).join(", ") || "aucune"}` },
        ),
        file: origin.file,
        pointer: origin.pointer,
      });
    }
  }
  if (result.diagnostics.length > 0) return result;
  const sha256 = ctx.sha256();
  const steps = funnelSteps(labels.map((label) => ({ label, count: counts.get(label)! })));
  steps.forEach((s, i) => {
    if (i === 0) return;
    const n = steps[i - 1]!.count;
    const q = s.fromPrevious;
    result.figures.push({
      at: entry.funnel![s.label]!,
      figure: {
        metric: "conversion",
        value: q,
        n,
        period: entry.period,
        better: "higher",
        margin: n === 0 ? 0 : Math.round(1.96 * Math.sqrt((q * (1 - q)) / n) * 10000) / 10000,
        count: s.count,
        fromFirst: s.fromFirst,
        abandonment: s.abandonment,
        source: { id: entry.id, file: ctx.dataFile, sha256, rowsUsed: labels.length, rowsSkipped: rows - labels.length, skipped: {} },
        origin: mapAt("funnel", s.label),
      },
    });
  });
  return result;
}

/** A column by its name, or by another name it answers to (Qualtrics' question text). */
export function findColumn(header: TableHeader, name: string): number | undefined {
  const i = header.columns.indexOf(name);
  if (i >= 0) return i;
  const j = header.aliases.findIndex((a) => a !== undefined && a.trim() === name.trim());
  return j >= 0 ? j : undefined;
}

function columnHelp(header: TableHeader, name: string): Texts {
  const names = header.columns.filter((c) => c !== "");
  const guess = closest(name, [...names, ...header.aliases.filter((a): a is string => a !== undefined)]);
  const list = names.slice(0, 12).map((c) => `\`${shown(c)}\``).join(", ");
  const more = (word: string) => (names.length > 12 ? `, … (${names.length} ${word})` : "");
  if (names.length === 1 && /[;,\t|]/.test(names[0]!)) {
    return {
      en: `the header has a single column, \`${shown(names[0]!)}\`: is the file delimited by another character than \`,\` \`;\` or tab?`,
      fr: `l'en-tête n'a qu'une colonne, \`${shown(names[0]!)}\` : le fichier est-il délimité par un autre caractère que \`,\` \`;\` ou la tabulation ?`,
    };
  }
  return {
    en: `${guess ? `did you mean \`${shown(guess)}\`? ` : ""}the file's columns: ${list}${more("columns")}`,
    fr: `${guess ? `vouliez-vous dire \`${shown(guess)}\` ? ` : ""}les colonnes du fichier : ${list}${more("colonnes")}`,
  };
}

/** The value of one answer, "empty", "missing", or undefined when it is not a number. */
function answer(raw: string, m: Input.Measure): number | "empty" | "missing" | undefined {
  if (raw === "") return "empty";
  if (m.missing?.some((code) => String(code) === raw)) return "missing";
  const mapped = m.values?.[raw];
  if (mapped !== undefined) return mapped;
  const match = NUMBER.exec(raw);
  if (!match) return undefined;
  const value = Number(match[1]!.replace(",", "."));
  if (m.missing?.some((code) => Number(code) === value)) return "missing";
  return value;
}

function valueProblem(raw: string, m: Input.Measure, min: number, max: number, notNumber: boolean): { message: Texts; help: Texts } {
  const what = m.metric.toUpperCase();
  const answer = { en: `answer \`${shown(raw)}\` in column \`${shown(m.column)}\``, fr: `la réponse \`${shown(raw)}\` de la colonne \`${shown(m.column)}\`` };
  return notNumber
    ? {
        message: { en: `${answer.en} is not a number on the ${min}..${max} ${what} scale`, fr: `${answer.fr} n'est pas un nombre de l'échelle ${what} ${min}..${max}` },
        help: {
          en: "map label answers to numbers with `values:` on the measure, e.g. `values: { \"Very satisfied\": 5 }`",
          fr: "associez les réponses en libellé à des nombres avec `values:` sur la mesure, par exemple `values: { \"Très satisfait\": 5 }`",
        },
      }
    : {
        message: { en: `${answer.en} is outside the ${min}..${max} ${what} scale`, fr: `${answer.fr} est hors de l'échelle ${what} ${min}..${max}` },
        help: {
          en: "check the export and the measure's `scale:`; a code meaning \"no answer\" goes in `missing:`",
          fr: "vérifiez l'export et le `scale:` de la mesure ; un code qui signifie \"pas de réponse\" va dans `missing:`",
        },
      };
}

/** Problems at data-file cells: gathered while streaming, located in one more pass at the end. */
class CellProblems {
  private pending: { record: number; column: number; length: number; message: Texts; help: Texts }[] = [];
  constructor(
    private table: Table,
    private ctx: SourceContext,
    private result: SourceResult,
  ) {}
  add(record: number, column: number, length: number, p: { message: Texts; help: Texts }) {
    this.pending.push({ record, column, length, ...p });
  }
  async flush() {
    if (this.pending.length === 0) return;
    const at = await this.table.locate(this.pending);
    for (const p of this.pending) {
      const start: CellPosition = at.get(`${p.record}:${p.column}`) ?? { line: 1, col: 1 };
      this.result.diagnostics.push({
        severity: "error",
        code: "data-value-out-of-scale",
        ...bilingual(p.message, p.help),
        file: this.ctx.dataFile,
        span: { start, end: { line: start.line, col: start.col + Math.max(1, p.length) } },
      });
    }
    this.pending = [];
  }
}

/** A cell as shown in a message: at most 40 characters, on one line. */
function shown(text: string): string {
  const one = text.replace(/[\u0000-\u001f\u007f-\u009f`]/g, " ");
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
}

function sortKeys(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
