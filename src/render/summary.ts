import { targetMet } from "../model/metrics.js";
import type { Journey, NpsCategory, Quadrant } from "../model/types.js";

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
}

export function summarize(journey: Journey, link: string): JourneySummary {
  const steps = journey.stages.flatMap((s) => s.steps.map((step) => ({ step, stage: s })));
  const scores = steps.flatMap(({ step }) => step.emotions.map((e) => ({ score: e.score, step })).filter((e) => e.score !== undefined)) as {
    score: number;
    step: (typeof steps)[number]["step"];
  }[];
  const lowest = scores.reduce<(typeof scores)[number] | undefined>((low, s) => (!low || s.score < low.score ? s : low), undefined);
  const addressed = new Set(journey.opportunities.filter((o) => o.status !== "dropped").flatMap((o) => o.addresses));
  const openPains = steps.reduce(
    (n, { step, stage }) => n + step.pains.filter((p) => !addressed.has(p.id) && !addressed.has(step.id) && !addressed.has(stage.id)).length,
    0,
  );
  const backed = steps.filter(({ step }) => step.evidence !== undefined && step.evidence !== "assumed").length;
  const summary: JourneySummary = {
    id: journey.id,
    title: journey.title,
    file: journey.file,
    link,
    state: journey.state,
    locale: journey.locale,
    personas: journey.personas.map((p) => p.name),
    stages: journey.stages.length,
    steps: steps.length,
    openPains,
    quickWins: journey.opportunities.filter((o) => o.quadrant === "quick-win" && o.status !== "done" && o.status !== "dropped").length,
    evidenceCoverage: steps.length === 0 ? 0 : backed / steps.length,
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
  if (scores.length > 0) summary.averageEmotion = Math.round((scores.reduce((a, s) => a + s.score, 0) / scores.length) * 10) / 10;
  if (lowest) summary.lowest = { score: lowest.score, step: lowest.step.name, stepId: lowest.step.id };
  const withTarget = [journey.metrics, ...journey.stages.flatMap((s) => [s.metrics, ...s.steps.map((st) => st.metrics)])]
    .flatMap((m) => m?.custom ?? [])
    .map(targetMet)
    .filter((met) => met !== undefined);
  if (withTarget.length > 0) summary.targets = { met: withTarget.filter(Boolean).length, total: withTarget.length };
  if (journey.metrics?.nps) summary.nps = { score: journey.metrics.nps.score, category: journey.metrics.nps.category };
  return summary;
}
