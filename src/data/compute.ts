/**
 * The metric definitions (docs/metrics.md states the same): each figure from a histogram of
 * integer answers, with its 95 % margin of error. Pure.
 */

export type MetricName = "nps" | "csat" | "ces";

export interface Computed {
  /** The figure: NPS in points, CSAT in % (top-two-box), CES the mean. */
  value: number;
  n: number;
  /** 95 % margin of error, in the figure's units. */
  margin: number;
  /** CSAT: the mean answer on its scale. */
  mean?: number;
  /** NPS: the counts. */
  promoters?: number;
  passives?: number;
  detractors?: number;
}

/** Answers counted by value: `counts[v]` answers gave `v`. */
export class Histogram {
  readonly counts: number[];
  n = 0;
  constructor(readonly max: number) {
    this.counts = new Array<number>(max + 1).fill(0);
  }
  add(value: number): void {
    this.counts[value]!++;
    this.n++;
  }
  sum(from: number, to: number): number {
    let s = 0;
    for (let v = from; v <= to; v++) s += this.counts[v] ?? 0;
    return s;
  }
  mean(): number {
    let s = 0;
    this.counts.forEach((c, v) => (s += c * v));
    return s / this.n;
  }
  /** Sample standard deviation (n − 1). */
  sd(): number {
    if (this.n < 2) return 0;
    const m = this.mean();
    let s = 0;
    this.counts.forEach((c, v) => (s += c * (v - m) ** 2));
    return Math.sqrt(s / (this.n - 1));
  }
}

/** NPS = % promoters (9–10) − % detractors (0–6); variance (p + d − (p − d)²) / n. */
export function nps(h: Histogram): Computed {
  const promoters = h.sum(9, 10);
  const detractors = h.sum(0, 6);
  const p = promoters / h.n;
  const d = detractors / h.n;
  const variance = (p + d - (p - d) ** 2) / h.n;
  return { value: round((p - d) * 100, 0), n: h.n, margin: round(1.96 * Math.sqrt(variance) * 100, 1), promoters, passives: h.n - promoters - detractors, detractors };
}

/** CSAT = share of answers in the top two boxes of 1..scale, in %; margin as a binomial proportion. */
export function csat(h: Histogram): Computed {
  const q = h.sum(h.max - 1, h.max) / h.n;
  return { value: round(q * 100, 0), n: h.n, margin: round(1.96 * Math.sqrt((q * (1 - q)) / h.n) * 100, 1), mean: round(h.mean(), 1) };
}

/** CES = mean answer, one decimal; margin 1.96 · sd / √n. */
export function ces(h: Histogram): Computed {
  return { value: round(h.mean(), 1), n: h.n, margin: round((1.96 * h.sd()) / Math.sqrt(h.n), 1) };
}

export function compute(metric: MetricName, h: Histogram): Computed {
  return metric === "nps" ? nps(h) : metric === "csat" ? csat(h) : ces(h);
}

/** The answers a metric takes: NPS 0..10, the others 1..scale. */
export function scaleOf(metric: MetricName, declared: number | undefined): { min: number; max: number } {
  if (metric === "nps") return { min: 0, max: 10 };
  return { min: 1, max: declared ?? (metric === "csat" ? 5 : 7) };
}

/** Two waves differ beyond the margin when |Δ| > 1.96·√(var₁ + var₂), that is √(m₁² + m₂²). */
export function beyondMargin(delta: number, margin1: number, margin2: number): boolean {
  return Math.abs(delta) > Math.sqrt(margin1 ** 2 + margin2 ** 2);
}

export interface FunnelStep {
  label: string;
  count: number;
  /** Share of the previous step's count that reached this one (1 for the first step). */
  fromPrevious: number;
  fromFirst: number;
  /** How many of the previous step's did not reach this one. */
  abandonment: number;
}

export function funnelSteps(steps: readonly { label: string; count: number }[]): FunnelStep[] {
  const first = steps[0]?.count ?? 0;
  return steps.map((s, i) => {
    const previous = i === 0 ? s.count : steps[i - 1]!.count;
    return {
      label: s.label,
      count: s.count,
      fromPrevious: previous === 0 ? 0 : round(s.count / previous, 4),
      fromFirst: first === 0 ? 0 : round(s.count / first, 4),
      abandonment: i === 0 ? 0 : previous - s.count,
    };
  });
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** The first day of a period (`2026-Q3` → 2026-07-01, `2026-09` → 2026-09-01), for ordering waves. */
export function periodStart(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return `${q[1]}-${String((Number(q[2]) - 1) * 3 + 1).padStart(2, "0")}-01`;
  if (/^\d{4}-\d{2}$/.test(period)) return `${period}-01`;
  return period;
}

/** The last day of a period, for `stale-data`. */
export function periodEnd(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (q) {
    const m = Number(q[2]) * 3;
    return `${q[1]}-${String(m).padStart(2, "0")}-${lastDay(Number(q[1]), m)}`;
  }
  const mo = /^(\d{4})-(\d{2})$/.exec(period);
  if (mo) return `${period}-${String(lastDay(Number(mo[1]), Number(mo[2]))).padStart(2, "0")}`;
  return period;
}
