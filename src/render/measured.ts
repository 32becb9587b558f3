import { formatNumber, formatPercent, type Translate } from "../i18n/messages.js";
import type { Journey, Locale, Measured, MeasuredFigure } from "../model/types.js";

export interface FigureView {
  label: string;
  value: string;
  /** "NPS +23 · n = 412 · 2026-Q3 · survey-q3" */
  line: string;
  n: number;
  period: string;
  source: string;
  /** ± margin, CSAT's mean, a funnel step's share of the first step. */
  note?: string;
  /** Against the previous wave: ↑/↓ with the change. */
  trend?: { arrow: "↑" | "↓" | "→"; text: string; improved: boolean; beyondMargin: boolean };
  /** Inline SVG across the waves (built here, from numbers only). */
  sparkline?: string;
  personas: { persona: string; name: string; value: string; n: number }[];
  benchmark?: string;
}

/** One persona's figure from a data entry's `segment:`, for the legend beside its curve line. */
export interface PersonaFigureView {
  /** Where it is measured: "Whole journey", a stage or a step name. */
  where: string;
  /** "NPS +20 · n = 275 · 2026-Q3 · survey-q3" */
  line: string;
  label: string;
  value: string;
  n: number;
  period: string;
  source: string;
}

export interface MeasuredLevel {
  level: string;
  /** The step or stage anchor in the HTML report. */
  target?: string;
  figures: FigureView[];
  quotes: { text: string; source: string }[];
}

const LABEL: Record<MeasuredFigure["metric"], "nps" | "csat" | "ces" | "conversion"> = { nps: "nps", csat: "csat", ces: "ces", conversion: "conversion" };

/** Every place with measured figures or verbatims: the journey, then stages and steps in map order. */
export function measuredLevels(journey: Journey, t: Translate, locale: Locale): MeasuredLevel[] {
  const names = new Map(journey.personas.map((p) => [p.id, p.name]));
  const out: MeasuredLevel[] = [];
  const add = (level: string, m: Measured | undefined, target?: string) => {
    if (!m || (m.figures.length === 0 && m.quotes.length === 0)) return;
    out.push({
      level,
      ...(target !== undefined && { target }),
      figures: m.figures.map((f) => figureView(f, t, locale, names)),
      quotes: m.quotes.map((q) => ({ text: q.text, source: `${q.source} · ${q.period}` })),
    });
  };
  add(t("journeyLevel"), journey.measured);
  for (const stage of journey.stages) {
    add(`${t("stage")} · ${stage.name}`, stage.measured, `stage-${stage.id}`);
    for (const step of stage.steps) add(`${t("step")} · ${step.name}`, step.measured, step.id);
  }
  return out;
}

/** Each persona's figures (the same ones as in `measuredLevels`, per segment), in map order. */
export function personaFigures(journey: Journey, t: Translate, locale: Locale): Map<string, PersonaFigureView[]> {
  const out = new Map<string, PersonaFigureView[]>(journey.personas.map((p) => [p.id, []]));
  const add = (where: string, m: Measured | undefined) => {
    for (const f of m?.figures ?? []) {
      for (const p of f.personas ?? []) {
        const label = t(LABEL[f.metric]);
        const value = formatFigure(f.metric, p.value, locale, f.scale);
        out.get(p.persona)?.push({ where, label, value, n: p.n, period: f.period, source: f.source.id, line: `${label} ${value} · n = ${formatNumber(p.n, locale)} · ${f.period} · ${f.source.id}` });
      }
    }
  };
  add(t("journeyLevel"), journey.measured);
  for (const stage of journey.stages) {
    add(stage.name, stage.measured);
    for (const step of stage.steps) add(step.name, step.measured);
  }
  return out;
}

/** "Measured · n = 412 · survey-q3": a place's figures by source, the largest n first; undefined when none. */
export function measuredEvidence(m: Measured | undefined, t: Translate, locale: Locale): string | undefined {
  const bySource = new Map<string, number>();
  for (const f of m?.figures ?? []) bySource.set(f.source.id, Math.max(bySource.get(f.source.id) ?? 0, f.n));
  const parts = [...bySource].filter(([, n]) => n > 0).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  if (parts.length === 0) return undefined;
  return t("evidence.measured", { figures: parts.map(([source, n]) => `n = ${formatNumber(n, locale)} · ${source}`).join("; ") });
}

/** The figure as people read it: NPS signed points, CSAT and conversion in %, CES one decimal on its scale. */
export function formatFigure(metric: MeasuredFigure["metric"], value: number, locale: Locale, scale?: number): string {
  switch (metric) {
    case "nps":
      return `${value > 0 ? "+" : ""}${formatNumber(value, locale)}`;
    case "csat":
      return formatPercent(value / 100, locale);
    case "conversion":
      return formatPercent(value, locale);
    case "ces": {
      const v = value.toFixed(1);
      return `${locale === "fr" ? v.replace(".", ",") : v}${scale ? `/${scale}` : ""}`;
    }
  }
}

/** A change between waves in the figure's units: points for NPS, percentage points for shares. */
export function formatChange(metric: MeasuredFigure["metric"], delta: number, locale: Locale): string {
  const sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
  const abs = Math.abs(delta);
  if (metric === "conversion") return `${sign}${formatNumber(Math.round(abs * 1000) / 10, locale)} pts`;
  if (metric === "ces") return `${sign}${formatNumber(Math.round(abs * 10) / 10, locale)}`;
  return `${sign}${formatNumber(abs, locale)}${metric === "csat" ? " pts" : ""}`;
}

function figureView(f: MeasuredFigure, t: Translate, locale: Locale, names: Map<string, string>): FigureView {
  const label = t(LABEL[f.metric]);
  const value = formatFigure(f.metric, f.value, locale, f.scale);
  const notes: string[] = [];
  if (f.margin !== undefined) notes.push(`± ${f.metric === "conversion" ? formatNumber(Math.round(f.margin * 1000) / 10, locale) + " pts" : formatNumber(f.margin, locale)}`);
  if (f.mean !== undefined) notes.push(t("measured.mean", { mean: formatNumber(f.mean, locale), scale: f.scale ?? 5 }));
  if (f.fromFirst !== undefined) notes.push(t("measured.fromFirst", { share: formatPercent(f.fromFirst, locale), count: formatNumber(f.count ?? 0, locale) }));
  const view: FigureView = {
    label,
    value,
    line: `${label} ${value} · n = ${formatNumber(f.n, locale)} · ${f.period} · ${f.source.id}`,
    n: f.n,
    period: f.period,
    source: f.source.id,
    ...(notes.length > 0 && { note: notes.join(" · ") }),
    personas: (f.personas ?? []).map((p) => ({ persona: p.persona, name: names.get(p.persona) ?? p.persona, value: formatFigure(f.metric, p.value, locale, f.scale), n: p.n })),
  };
  if (f.change) {
    const c = f.change;
    view.trend = {
      arrow: c.delta > 0 ? "↑" : c.delta < 0 ? "↓" : "→",
      text: `${t("measured.since", { change: formatChange(f.metric, c.delta, locale), period: c.from })}${c.beyondMargin ? "" : ` (${t("measured.withinMargin")})`}`,
      improved: c.improved,
      beyondMargin: c.beyondMargin,
    };
    view.sparkline = sparkline([...(f.waves ?? []).map((w) => w.value), f.value], `${label}: ${[...(f.waves ?? []), f].map((w) => `${w.period} ${formatFigure(f.metric, w.value, locale, f.scale)}`).join(", ")}`);
  }
  if (f.benchmark) {
    const b = f.benchmark;
    const delta = Math.round((f.value - b.value) * 10000) / 10000;
    const ahead = f.better === "higher" ? delta > 0 : delta < 0;
    view.benchmark = `${t("measured.benchmark", { value: formatFigure(f.metric, b.value, locale, f.scale), source: b.source, year: b.year })}: ${formatChange(f.metric, delta, locale)}${delta === 0 ? "" : ahead ? " ▲" : " ▼"}`;
  }
  return view;
}

/** A small line across the waves; the label is escaped here since the SVG is inserted as markup. */
function sparkline(values: number[], label: string): string {
  const w = 64;
  const h = 18;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const points = values.map((v, i) => `${Math.round((i / (values.length - 1)) * (w - 4) + 2)},${Math.round(h - 2 - ((v - min) / span) * (h - 4))}`);
  const last = points[points.length - 1]!.split(",");
  const escaped = label.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  return `<svg class="sparkline" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${escaped}"><polyline points="${points.join(" ")}" fill="none" stroke="currentColor" stroke-width="1.5"/><circle cx="${last[0]}" cy="${last[1]}" r="2" fill="currentColor"/></svg>`;
}
