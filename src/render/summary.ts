import { journeyFacts, type JourneyFacts } from "../model/facts.js";
import { measuredFigures } from "../data/figures.js";
import { npsCategory } from "../model/metrics.js";
import type { Journey, MeasuredMetric, NpsCategory, Quadrant } from "../model/types.js";

/** What the portfolio index shows of one journey: small, plain data (it crosses worker threads). */
export interface JourneySummary {
  id: string;
  title: string;
  file: string;
  /** Output path of its report without extension, relative to the output folder. */
  link: string;
  state: "current" | "future";
  locale: "en" | "fr";
  personas: string[];
  stages: number;
  steps: number;
  averageEmotion?: number;
  lowest?: { score: number; step: string; stepId: string };
  nps?: { score: number; category: NpsCategory };
  /** Custom indicators with a target, at every level: how many meet it (each in its `better` direction). */
  targets?: { met: number; total: number };
  /** Pains no opportunity addresses (through the pain, its step or its stage). */
  openPains: number;
  quickWins: number;
  /** Share of steps backed by research (observed, reported or inferred), 0..1. */
  evidenceCoverage: number;
  opportunities: { id: string; title: string; impact?: number; effort?: number; quadrant?: Quadrant; status?: string; owner?: string }[];
  /** The latest measured figures (journey first, then stages and steps) and their change since the previous wave. */
  measured?: { metric: MeasuredMetric; place: string; value: number; n: number; period: string; scale?: number; change?: { delta: number; from: string; improved: boolean; beyondMargin: boolean } }[];
  /** Saved views rendered for it (`<link>.<view>.html`), by name. */
  views?: string[];
  /** Persona and stage ids, kept when saved views are checked against them. */
  ids?: { personas: string[]; stages: string[] };
}

export function summarize(journey: Journey, link: string, facts: JourneyFacts = journeyFacts(journey)): JourneySummary {
  const summary: JourneySummary = {
    id: journey.id,
    title: journey.title,
    file: journey.file,
    link,
    state: journey.state,
    locale: journey.locale,
    personas: journey.personas.map((p) => p.name),
    stages: journey.stages.length,
    steps: facts.steps.length,
    openPains: facts.openPains.length,
    quickWins: facts.liveQuickWins.length,
    evidenceCoverage: facts.evidenceCoverage,
    opportunities: journey.opportunities.map((o) => ({
      id: o.id,
      title: o.title,
      ...(o.impact !== undefined && { impact: o.impact }),
      ...(o.effort !== undefined && { effort: o.effort }),
      ...(o.quadrant !== undefined && { quadrant: o.quadrant }),
      ...(o.status !== undefined && { status: o.status }),
      ...(o.owner !== undefined && { owner: o.owner }),
    })),
  };
  if (facts.averageEmotion !== undefined) summary.averageEmotion = facts.averageEmotion;
  if (facts.lowest) summary.lowest = { score: facts.lowest.score, step: facts.lowest.step.name, stepId: facts.lowest.step.id };
  if (facts.targets) summary.targets = { ...facts.targets };
  if (journey.metrics?.nps) summary.nps = { score: journey.metrics.nps.score, category: journey.metrics.nps.category };
  const names = new Map<string, string>([["journey", journey.title], ...journey.stages.map((s) => [s.id, s.name] as [string, string]), ...facts.steps.map((s) => [s.step.id, s.step.name] as [string, string])]);
  const measured = measuredFigures(journey).map(({ at, figure: f }) => ({
    metric: f.metric,
    place: at === "journey" ? "" : (names.get(at) ?? at),
    value: f.value,
    n: f.n,
    period: f.period,
    ...(f.scale !== undefined && { scale: f.scale }),
    ...(f.change && { change: { delta: f.change.delta, from: f.change.from, improved: f.change.improved, beyondMargin: f.change.beyondMargin } }),
  }));
  if (measured.length > 0) summary.measured = measured;
  const nps = journey.measured?.figures.find((f) => f.metric === "nps");
  if (!summary.nps && nps) summary.nps = { score: nps.value, category: npsCategory(nps.value) };
  return summary;
}
