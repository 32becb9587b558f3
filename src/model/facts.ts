import { targetMet } from "./metrics.js";
import type { Journey, Opportunity, Pain, Persona, Stage, Step } from "./types.js";

/** A step with the stage it sits in and its position among all steps. */
export interface PlacedStep {
  step: Step;
  stage: Stage;
  index: number;
}

export interface PlacedPain {
  pain: Pain;
  step: Step;
  stage: Stage;
}

export interface OpenPain extends PlacedPain {
  /** Dropped opportunities that name it: they address nothing, but the author may wonder. */
  dropped: Opportunity[];
}

/**
 * What is true of a journey beyond what is written: worked out once, here, and read by the lint
 * rules, the report, the portfolio summary and `cjm diff`, so that they cannot disagree.
 *
 * The rule for opportunities: one addresses a pain by naming the pain, its step or its stage. A
 * `dropped` opportunity addresses nothing. A `done` one has resolved what it addresses: those pains
 * are no longer open (they are still shown, marked resolved), and it is no live quick win.
 */
export interface JourneyFacts {
  steps: PlacedStep[];
  pains: PlacedPain[];
  /** Pains no live or done opportunity addresses. */
  openPains: OpenPain[];
  /** For each resolved pain, the done opportunities that resolved it, in map order. */
  resolvedBy: Map<Pain, Opportunity[]>;
  /** Quick wins still to do: not done, not dropped. */
  liveQuickWins: Opportunity[];
  /** Quadrant first (quick wins, major projects, fill-ins, thankless tasks, unrated), then impact, effort, map order. */
  opportunityOrder: Opportunity[];
  /** The lowest score of each persona, first step on ties; personas with no score left out. */
  lowestByPersona: { persona: Persona; step: Step; score: number }[];
  /** The lowest score of anyone, first on ties. */
  lowest?: { step: Step; score: number };
  /** Every score given, rounded to one decimal. */
  averageEmotion?: number;
  /** Steps with no evidence stated, or only assumption. */
  weakEvidenceSteps: Step[];
  /** Share of steps backed by research (observed, reported or inferred), 0..1. */
  evidenceCoverage: number;
  stagesWithoutTouchpoint: Stage[];
  stepsWithoutOwner: Step[];
  /** Custom indicators with a target, at every level: how many meet it, each the way its `better` says. */
  targets?: { met: number; total: number };
  /** The step where two personas feel the most differently; first step on ties. */
  personaGap?: { step: Step; low: { persona: string; score: number }; high: { persona: string; score: number } };
}

/** Still to do: neither done nor dropped. */
export function isLive(o: { status?: string | undefined }): boolean {
  return o.status !== "done" && o.status !== "dropped";
}

export const QUADRANT_ORDER = ["quick-win", "major-project", "fill-in", "thankless-task", undefined] as const;

export function journeyFacts(journey: Journey): JourneyFacts {
  const steps: PlacedStep[] = [];
  for (const stage of journey.stages) for (const step of stage.steps) steps.push({ step, stage, index: steps.length });
  const pains = steps.flatMap(({ step, stage }) => step.pains.map((pain) => ({ pain, step, stage })));

  // Which opportunities name an id in `addresses`, in the map's order (one pass, not one per pain).
  const byAddressedId = new Map<string, number[]>();
  journey.opportunities.forEach((o, i) => {
    for (const id of new Set(o.addresses)) {
      const list = byAddressedId.get(id);
      if (list) list.push(i);
      else byAddressedId.set(id, [i]);
    }
  });
  const addressingOf = (p: PlacedPain): Opportunity[] => {
    const hits = new Set<number>();
    for (const id of [p.pain.id, p.step.id, p.stage.id]) for (const i of byAddressedId.get(id) ?? []) hits.add(i);
    return [...hits].sort((a, b) => a - b).map((i) => journey.opportunities[i]!);
  };
  const openPains: OpenPain[] = [];
  const resolvedBy = new Map<Pain, Opportunity[]>();
  for (const p of pains) {
    const addressing = addressingOf(p);
    const by = addressing.filter((o) => o.status !== "dropped");
    if (by.length === 0) openPains.push({ ...p, dropped: addressing.filter((o) => o.status === "dropped") });
    const done = by.filter((o) => o.status === "done");
    if (done.length > 0) resolvedBy.set(p.pain, done);
  }

  const scored = steps.flatMap(({ step }) => step.emotions.flatMap((e) => (e.score === undefined ? [] : [{ step, persona: e.persona, score: e.score }])));
  const lowestByPersona: JourneyFacts["lowestByPersona"] = [];
  for (const persona of journey.personas) {
    let low: (typeof scored)[number] | undefined;
    for (const s of scored) if (s.persona === persona.id && (!low || s.score < low.score)) low = s;
    if (low) lowestByPersona.push({ persona, step: low.step, score: low.score });
  }
  const lowest = scored.reduce<(typeof scored)[number] | undefined>((low, s) => (!low || s.score < low.score ? s : low), undefined);

  let personaGap: JourneyFacts["personaGap"];
  for (const { step } of steps) {
    const given = step.emotions.filter((e): e is { persona: string; score: number } => e.score !== undefined);
    if (given.length < 2) continue;
    const low = given.reduce((a, b) => (b.score < a.score ? b : a));
    const high = given.reduce((a, b) => (b.score > a.score ? b : a));
    const gap = high.score - low.score;
    if (gap > 0 && (!personaGap || gap > personaGap.high.score - personaGap.low.score)) personaGap = { step, low, high };
  }

  // A step backed by data (a measured figure) is evidenced whatever its `evidence:` says.
  const weakEvidenceSteps = steps.filter(({ step }) => (step.evidence === undefined || step.evidence === "assumed") && !step.measured?.figures.length).map((s) => s.step);
  const facts: JourneyFacts = {
    steps,
    pains,
    openPains,
    resolvedBy,
    liveQuickWins: journey.opportunities.filter((o) => o.quadrant === "quick-win" && isLive(o)),
    opportunityOrder: sortOpportunities(journey.opportunities),
    lowestByPersona,
    weakEvidenceSteps,
    evidenceCoverage: steps.length === 0 ? 0 : (steps.length - weakEvidenceSteps.length) / steps.length,
    stagesWithoutTouchpoint: journey.stages.filter((s) => !s.steps.some((st) => st.touchpoints.length > 0)),
    stepsWithoutOwner: steps.filter(({ step }) => step.owners.length === 0).map((s) => s.step),
  };
  if (lowest) facts.lowest = { step: lowest.step, score: lowest.score };
  if (scored.length > 0) facts.averageEmotion = Math.round((scored.reduce((a, s) => a + s.score, 0) / scored.length) * 10) / 10;
  if (personaGap) facts.personaGap = personaGap;
  const withTarget = [journey.metrics, ...journey.stages.flatMap((s) => [s.metrics, ...s.steps.map((st) => st.metrics)])]
    .flatMap((m) => m?.custom ?? [])
    .map(targetMet)
    .filter((met) => met !== undefined);
  if (withTarget.length > 0) facts.targets = { met: withTarget.filter(Boolean).length, total: withTarget.length };
  return facts;
}

function sortOpportunities(list: readonly Opportunity[]): Opportunity[] {
  return list
    .map((o, i) => ({ o, i }))
    .sort(
      (a, b) =>
        QUADRANT_ORDER.indexOf(a.o.quadrant) - QUADRANT_ORDER.indexOf(b.o.quadrant) ||
        (b.o.impact ?? 0) - (a.o.impact ?? 0) ||
        (a.o.effort ?? 6) - (b.o.effort ?? 6) ||
        a.i - b.i,
    )
    .map(({ o }) => o);
}
