import type { Input } from "./types.js";
import type { Csat, CustomMetric, Metrics, Nps, NpsCategory, Quadrant } from "./types.js";
import { extensionsOf } from "./extensions.js";

/** NPS = % promoters − % detractors; counts and percentages give the same result. */
export function computeNps(input: Input.NpsScore | Input.NpsBreakdown): Nps {
  if ("score" in input && typeof input.score === "number") {
    return { score: round1(input.score), category: npsCategory(input.score) };
  }
  const b = input as Input.NpsBreakdown;
  const total = b.promoters + b.passives + b.detractors;
  const score = total === 0 ? 0 : round1(((b.promoters - b.detractors) / total) * 100);
  return {
    score,
    category: npsCategory(score),
    breakdown: { promoters: b.promoters, passives: b.passives, detractors: b.detractors, total },
  };
}

/** The usual reading of an NPS: below 0 needs work, 0–30 good, 30–70 great, 70+ excellent. */
export function npsCategory(score: number): NpsCategory {
  if (score < 0) return "needs-improvement";
  if (score < 30) return "good";
  if (score < 70) return "great";
  return "excellent";
}

export function parseCsat(input: number | string): Csat {
  if (typeof input === "number") return { scale: "average", value: input };
  return { scale: "percent", value: Number(input.replace(",", ".").replace(/\s?%$/, "")) };
}

/** A bare CES number is read on 1..7, the usual scale (documented in the schema and README). */
export const CES_DEFAULT_SCALE = 7;

/** Whether a custom indicator meets its target, the way its `better` says; undefined without a target. */
export function targetMet(metric: CustomMetric): boolean | undefined {
  if (metric.target === undefined) return undefined;
  return metric.better === "lower" ? metric.value <= metric.target : metric.value >= metric.target;
}

/**
 * Where a 1..5 impact or effort sits on a 0..1 axis whose midline is the quadrant boundary: 1 and 2
 * in the low half, 3, 4 and 5 in the high half (`quadrantOf` puts 3 with the high values).
 */
export function quadrantAxis(value: number): number {
  const v = Math.min(5, Math.max(1, value));
  return Math.round((v < 3 ? (v - 0.5) / 4 : 0.5 + (v - 2.5) / 6) * 1000) / 1000;
}

export function quadrantOf(impact: number | undefined, effort: number | undefined): Quadrant | undefined {
  if (impact === undefined || effort === undefined) return undefined;
  if (impact >= 3) return effort < 3 ? "quick-win" : "major-project";
  return effort < 3 ? "fill-in" : "thankless-task";
}

export function normalizeMetrics(input: Input.Metrics | undefined): Metrics | undefined {
  if (!input) return undefined;
  const out: Metrics = { custom: [] };
  if (input.nps) out.nps = computeNps(input.nps);
  if (input.csat !== undefined) out.csat = parseCsat(input.csat);
  if (input.ces !== undefined) out.ces = typeof input.ces === "number" ? { score: input.ces, scale: CES_DEFAULT_SCALE } : { score: input.ces.score, scale: input.ces.scale };
  if (input.conversion !== undefined) out.conversion = input.conversion;
  for (const c of input.custom ?? []) {
    const m: Metrics["custom"][number] = { name: c.name, value: c.value, better: c.better ?? "higher" };
    if (c.unit !== undefined) m.unit = c.unit;
    if (c.target !== undefined) m.target = c.target;
    out.custom.push(m);
  }
  const ext = extensionsOf(input);
  if (ext) out.extensions = ext;
  return out;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
