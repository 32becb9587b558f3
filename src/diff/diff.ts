import { journeyFacts, type JourneyFacts } from "../model/facts.js";
import { beyondMargin } from "../data/compute.js";
import { measuredFigures } from "../data/figures.js";
import type { Evidence, Journey, Measured, MeasuredFigure, Metrics, Quadrant, Step } from "../model/types.js";

/**
 * What changed for the customer between two versions of a map (or an as-is map and its to-be map).
 * Everything is matched by id: the same id under another name is a rename; in another place, a
 * move. This shape is the `--format json` output (`version: 1`); fields are only ever added.
 */
export interface JourneyDiff {
  version: 1;
  before: Side;
  after: Side;
  /** A `state: current` map against a `state: future` one. */
  asIsToBe: boolean;
  changed: boolean;
  summary: Record<
    | "stagesAdded"
    | "stagesRemoved"
    | "stepsAdded"
    | "stepsRemoved"
    | "stepsMoved"
    | "renamed"
    | "emotionsUp"
    | "emotionsDown"
    | "painsAdded"
    | "painsResolved"
    | "severityChanged"
    | "opportunitiesAdded"
    | "opportunitiesRemoved"
    | "statusChanged"
    | "quadrantChanged"
    | "metricsChanged"
    | "evidenceChanged",
    number
  >;
  stages: EntityChanges;
  steps: EntityChanges & { moved: Moved[] };
  personas: EntityChanges;
  channels: EntityChanges;
  emotions: EmotionChange[];
  pains: { added: PainRef[]; resolved: PainRef[]; severity: (PainRef & { before?: number; after?: number })[] };
  touchpoints: { added: TouchpointRef[]; removed: TouchpointRef[] };
  opportunities: {
    added: Named[];
    removed: Named[];
    status: (Named & { before?: string; after?: string })[];
    quadrant: (Named & { before?: Quadrant; after?: Quadrant; impact: [number | null, number | null]; effort: [number | null, number | null] })[];
  };
  metrics: MetricChange[];
  /** Figures measured from data in the new map: the latest wave against the previous one. */
  waves: MetricChange[];
  evidence: (Named & { before?: Evidence; after?: Evidence; direction: "stronger" | "weaker" })[];
  /** Both emotion curves over the steps of either side, in the order of the new map. */
  curve: { steps: Named[]; personas: Named[]; before: (number | null)[][]; after: (number | null)[][] };
}

export interface Side {
  id: string;
  title: string;
  state: "current" | "future";
  file: string;
  locale: "en" | "fr";
}

export interface Named {
  id: string;
  name: string;
}

export interface EntityChanges {
  added: Named[];
  removed: Named[];
  renamed: { id: string; before: string; after: string }[];
}

export interface Moved extends Named {
  fromStage: string;
  toStage: string;
  fromIndex: number;
  toIndex: number;
}

export interface EmotionChange {
  step: string;
  stepName: string;
  persona: string;
  personaName: string;
  before?: number;
  after?: number;
  delta: number;
}

export interface PainRef {
  id: string;
  text: string;
  step: string;
  /** In `resolved`: still in the map, resolved by these done opportunities (titles). */
  resolvedBy?: string[];
}

export interface TouchpointRef {
  step: string;
  channel: string;
  name: string;
}

export interface MetricChange {
  /** `journey`, or the id of the stage or step. */
  level: string;
  levelName: string;
  metric: "nps" | "csat" | "ces" | "conversion" | "custom";
  /** A custom indicator's name (`metric: custom`), matched by name. */
  name?: string;
  /** CES: the scale of each side (a delta only when both are on the same one). */
  scale?: [number | null, number | null];
  /** A custom indicator's unit and target on the new side. */
  unit?: string;
  target?: number;
  before?: number;
  after?: number;
  delta?: number;
  /** Whether the change is good for the customer (CES, and custom `better: lower`: lower is better). */
  better?: boolean;
  /** For figures measured from data: the periods compared, n, and whether the change is beyond the margin of error (signs follow the figure's `better:`). */
  measured?: { periods: [string | null, string | null]; n: [number | null, number | null]; beyondMargin?: boolean };
}

const EVIDENCE_RANK: Record<Evidence, number> = { assumed: 1, inferred: 2, reported: 3, observed: 4 };

function entityChanges<T>(before: readonly T[], after: readonly T[], id: (t: T) => string, name: (t: T) => string): EntityChanges {
  const old = new Map(before.map((t) => [id(t), t]));
  const now = new Map(after.map((t) => [id(t), t]));
  return {
    added: after.filter((t) => !old.has(id(t))).map((t) => ({ id: id(t), name: name(t) })),
    removed: before.filter((t) => !now.has(id(t))).map((t) => ({ id: id(t), name: name(t) })),
    renamed: after
      .filter((t) => old.has(id(t)) && name(old.get(id(t))!) !== name(t))
      .map((t) => ({ id: id(t), before: name(old.get(id(t))!), after: name(t) })),
  };
}

interface Placed {
  step: Step;
  stage: string;
  stageName: string;
}

function placed(facts: JourneyFacts): Placed[] {
  return facts.steps.map(({ step, stage }) => ({ step, stage: stage.id, stageName: stage.name }));
}

/** What changed; each side's facts are worked out here unless the checker already did. */
export function diffJourneys(before: Journey, after: Journey, facts = { before: journeyFacts(before), after: journeyFacts(after) }): JourneyDiff {
  const oldSteps = placed(facts.before);
  const newSteps = placed(facts.after);
  const oldById = new Map(oldSteps.map((p) => [p.step.id, p]));
  const newById = new Map(newSteps.map((p) => [p.step.id, p]));

  const steps = { ...entityChanges(oldSteps, newSteps, (p) => p.step.id, (p) => p.step.name), moved: [] as Moved[] };
  // A step is moved when it changes stage, or its order among the steps both sides share changes.
  // Order is compared among the steps that stay in that stage on both sides.
  const common = (list: Placed[], other: Map<string, Placed>, stage: string) =>
    list.filter((p) => p.stage === stage && other.get(p.step.id)?.stage === stage).map((p) => p.step.id);
  for (const p of newSteps) {
    const o = oldById.get(p.step.id);
    if (!o) continue;
    const reordered = o.stage === p.stage && common(oldSteps, newById, o.stage).indexOf(p.step.id) !== common(newSteps, oldById, p.stage).indexOf(p.step.id);
    if (o.stage !== p.stage || reordered) {
      // Positions reported are those in the stage on each side.
      const fromIndex = oldSteps.filter((x) => x.stage === o.stage).indexOf(o);
      const toIndex = newSteps.filter((x) => x.stage === p.stage).indexOf(p);
      steps.moved.push({ id: p.step.id, name: p.step.name, fromStage: o.stageName, toStage: p.stageName, fromIndex, toIndex });
    }
  }

  const personaName = new Map([...before.personas, ...after.personas].map((p) => [p.id, p.name]));
  const emotions: EmotionChange[] = [];
  for (const p of newSteps) {
    const o = oldById.get(p.step.id);
    if (!o) continue;
    const personas = [...new Set([...o.step.emotions.map((e) => e.persona), ...p.step.emotions.map((e) => e.persona)])];
    for (const persona of personas) {
      const b = o.step.emotions.find((e) => e.persona === persona)?.score;
      const a = p.step.emotions.find((e) => e.persona === persona)?.score;
      if (b === a) continue;
      emotions.push({
        step: p.step.id,
        stepName: p.step.name,
        persona,
        personaName: personaName.get(persona) ?? persona,
        ...(b !== undefined && { before: b }),
        ...(a !== undefined && { after: a }),
        delta: (a ?? 0) - (b ?? 0),
      });
    }
  }

  const painsOf = (list: Placed[]) => list.flatMap((p) => p.step.pains.map((pain) => ({ pain, step: p.step.name })));
  const oldPains = painsOf(oldSteps);
  const newPains = painsOf(newSteps);
  const oldPain = new Map(oldPains.map((p) => [p.pain.id, p]));
  const newPain = new Map(newPains.map((p) => [p.pain.id, p]));
  const pains = {
    added: newPains.filter((p) => !oldPain.has(p.pain.id)).map((p) => ({ id: p.pain.id, text: p.pain.text, step: p.step })),
    // Resolved: gone from the map, or resolved by an opportunity done since.
    resolved: [
      ...oldPains.filter((p) => !newPain.has(p.pain.id)).map((p) => ({ id: p.pain.id, text: p.pain.text, step: p.step })),
      ...newPains.flatMap((p) => {
        const by = facts.after.resolvedBy.get(p.pain);
        const old = oldPain.get(p.pain.id);
        if (!by || !old || facts.before.resolvedBy.has(old.pain)) return [];
        return [{ id: p.pain.id, text: p.pain.text, step: p.step, resolvedBy: by.map((o) => o.title) }];
      }),
    ],
    severity: newPains
      .filter((p) => oldPain.has(p.pain.id) && oldPain.get(p.pain.id)!.pain.severity !== p.pain.severity)
      .map((p) => {
        const b = oldPain.get(p.pain.id)!.pain.severity;
        return { id: p.pain.id, text: p.pain.text, step: p.step, ...(b !== undefined && { before: b }), ...(p.pain.severity !== undefined && { after: p.pain.severity }) };
      }),
  };

  const touchOf = (list: Placed[]) => list.flatMap((p) => p.step.touchpoints.map((t) => ({ step: p.step.name, channel: t.channel, name: t.name, key: `${p.step.id}\u0000${t.channel}\u0000${t.name}` })));
  const oldTouch = touchOf(oldSteps);
  const newTouch = touchOf(newSteps);
  const oldKeys = new Set(oldTouch.map((t) => t.key));
  const newKeys = new Set(newTouch.map((t) => t.key));
  const strip = ({ step, channel, name }: { step: string; channel: string; name: string }) => ({ step, channel, name });

  const oldOpp = new Map(before.opportunities.map((o) => [o.id, o]));
  const opportunities: JourneyDiff["opportunities"] = {
    added: after.opportunities.filter((o) => !oldOpp.has(o.id)).map((o) => ({ id: o.id, name: o.title })),
    removed: before.opportunities.filter((o) => !after.opportunities.some((n) => n.id === o.id)).map((o) => ({ id: o.id, name: o.title })),
    status: [],
    quadrant: [],
  };
  for (const o of after.opportunities) {
    const b = oldOpp.get(o.id);
    if (!b) continue;
    if (b.status !== o.status) opportunities.status.push({ id: o.id, name: o.title, ...(b.status !== undefined && { before: b.status }), ...(o.status !== undefined && { after: o.status }) });
    if (b.quadrant !== o.quadrant) {
      opportunities.quadrant.push({
        id: o.id,
        name: o.title,
        ...(b.quadrant !== undefined && { before: b.quadrant }),
        ...(o.quadrant !== undefined && { after: o.quadrant }),
        impact: [b.impact ?? null, o.impact ?? null],
        effort: [b.effort ?? null, o.effort ?? null],
      });
    }
  }

  const metrics: MetricChange[] = [];
  const compare = (level: string, levelName: string, b: Metrics | undefined, a: Metrics | undefined) => {
    const pairs: [MetricChange["metric"], number | undefined, number | undefined][] = [
      ["nps", b?.nps?.score, a?.nps?.score],
      ["csat", csatValue(b), csatValue(a)],
      ["ces", b?.ces?.score, a?.ces?.score],
      ["conversion", b?.conversion, a?.conversion],
    ];
    const sameCesScale = b?.ces === undefined || a?.ces === undefined || b.ces.scale === a.ces.scale;
    for (const [metric, x, y] of pairs) {
      if (x === y && (metric !== "ces" || sameCesScale)) continue;
      const change: MetricChange = { level, levelName, metric, ...(x !== undefined && { before: x }), ...(y !== undefined && { after: y }) };
      if (metric === "ces") change.scale = [b?.ces?.scale ?? null, a?.ces?.scale ?? null];
      if (x !== undefined && y !== undefined && (metric !== "ces" || sameCesScale)) {
        change.delta = Math.round((y - x) * 1000) / 1000;
        change.better = metric === "ces" ? y < x : y > x;
      }
      metrics.push(change);
    }
    // Custom indicators, matched by name; which way is better is the new side's `better`.
    const oldCustom = new Map((b?.custom ?? []).map((c) => [c.name, c]));
    const newCustom = new Map((a?.custom ?? []).map((c) => [c.name, c]));
    for (const name of [...new Set([...oldCustom.keys(), ...newCustom.keys()])]) {
      const x = oldCustom.get(name);
      const y = newCustom.get(name);
      if (x && y && x.value === y.value && x.target === y.target && x.better === y.better) continue;
      const shown = y ?? x!;
      const change: MetricChange = {
        level,
        levelName,
        metric: "custom",
        name,
        ...(shown.unit !== undefined && { unit: shown.unit }),
        ...(shown.target !== undefined && { target: shown.target }),
        ...(x && { before: x.value }),
        ...(y && { after: y.value }),
      };
      if (x && y && x.value !== y.value) {
        change.delta = Math.round((y.value - x.value) * 1000) / 1000;
        change.better = y.better === "lower" ? y.value < x.value : y.value > x.value;
      }
      metrics.push(change);
    }
  };
  compare("journey", after.title, before.metrics, after.metrics);
  const oldStages = new Map(before.stages.map((s) => [s.id, s]));
  for (const s of after.stages) if (oldStages.has(s.id)) compare(s.id, s.name, oldStages.get(s.id)!.metrics, s.metrics);
  for (const p of newSteps) if (oldById.has(p.step.id)) compare(p.step.id, p.step.name, oldById.get(p.step.id)!.step.metrics, p.step.metrics);

  // Figures measured from data, where neither side typed that metric by hand (one figure, one source per place).
  type Place = { metrics?: Metrics | undefined; measured?: Measured | undefined };
  const compareMeasured = (level: string, levelName: string, b: Place | undefined, a: Place | undefined) => {
    for (const metric of ["nps", "csat", "ces", "conversion"] as const) {
      if (b?.metrics?.[metric] !== undefined || a?.metrics?.[metric] !== undefined) continue;
      const fx = figureOf(b?.measured, metric);
      const fy = figureOf(a?.measured, metric);
      if (!fx && !fy) continue;
      if (fx && fy && fx.value === fy.value && fx.period === fy.period) continue;
      const change: MetricChange = { level, levelName, metric, ...(fx && { before: fx.value }), ...(fy && { after: fy.value }) };
      change.measured = { periods: [fx?.period ?? null, fy?.period ?? null], n: [fx?.n ?? null, fy?.n ?? null] };
      if (fx && fy) {
        change.delta = Math.round((fy.value - fx.value) * 1000) / 1000;
        change.better = fy.better === "higher" ? fy.value > fx.value : fy.value < fx.value;
        if (fx.margin !== undefined && fy.margin !== undefined) change.measured.beyondMargin = beyondMargin(change.delta, fx.margin, fy.margin);
      }
      metrics.push(change);
    }
  };
  compareMeasured("journey", after.title, before, after);
  for (const s of after.stages) if (oldStages.has(s.id)) compareMeasured(s.id, s.name, oldStages.get(s.id)!, s);
  for (const p of newSteps) if (oldById.has(p.step.id)) compareMeasured(p.step.id, p.step.name, oldById.get(p.step.id)!.step, p.step);

  // Between the waves of the new map: each measured figure's latest period against the previous one.
  const placeName = new Map<string, string>([["journey", after.title], ...after.stages.map((s) => [s.id, s.name] as [string, string]), ...newSteps.map((p) => [p.step.id, p.step.name] as [string, string])]);
  const waves: MetricChange[] = measuredFigures(after)
    .filter(({ figure }) => figure.change)
    .map(({ at, figure }) => {
      const previous = figure.waves!.at(-1)!;
      return {
        level: at,
        levelName: placeName.get(at) ?? at,
        metric: figure.metric,
        before: previous.value,
        after: figure.value,
        delta: figure.change!.delta,
        better: figure.change!.improved,
        measured: { periods: [previous.period, figure.period], n: [previous.n, figure.n], beyondMargin: figure.change!.beyondMargin },
      };
    });

  const evidence: JourneyDiff["evidence"] = [];
  for (const p of newSteps) {
    const o = oldById.get(p.step.id);
    // Not stated and assumed are equally weak: relabelling one as the other is no change of strength.
    const rank = (e: Evidence | undefined) => (e ? EVIDENCE_RANK[e] : EVIDENCE_RANK.assumed);
    if (!o || rank(o.step.evidence) === rank(p.step.evidence)) continue;
    evidence.push({
      id: p.step.id,
      name: p.step.name,
      ...(o.step.evidence !== undefined && { before: o.step.evidence }),
      ...(p.step.evidence !== undefined && { after: p.step.evidence }),
      direction: rank(p.step.evidence) > rank(o.step.evidence) ? "stronger" : "weaker",
    });
  }

  // The curve: the new map's steps, with removed steps where they stood in the old one.
  const order: Placed[] = [...newSteps];
  for (const [i, o] of oldSteps.entries()) {
    if (newById.has(o.step.id)) continue;
    const prev = oldSteps.slice(0, i).reverse().find((p) => newById.has(p.step.id));
    const at = prev ? order.findIndex((p) => p.step.id === prev.step.id) + 1 : 0;
    order.splice(at, 0, o);
  }
  const curvePersonas = [...new Set([...before.personas, ...after.personas].map((p) => p.id))].map((id) => ({ id, name: personaName.get(id) ?? id }));
  const score = (map: Map<string, Placed>, stepId: string, persona: string) => map.get(stepId)?.step.emotions.find((e) => e.persona === persona)?.score ?? null;
  const curve = {
    steps: order.map((p) => ({ id: p.step.id, name: newById.get(p.step.id)?.step.name ?? p.step.name })),
    personas: curvePersonas,
    before: curvePersonas.map((p) => order.map((s) => score(oldById, s.step.id, p.id))),
    after: curvePersonas.map((p) => order.map((s) => score(newById, s.step.id, p.id))),
  };

  const stages = entityChanges(before.stages, after.stages, (s) => s.id, (s) => s.name);
  const personas = entityChanges(before.personas, after.personas, (p) => p.id, (p) => p.name);
  const channels = entityChanges(before.channels, after.channels, (c) => c.id, (c) => c.name);
  const touchpoints = { added: newTouch.filter((t) => !oldKeys.has(t.key)).map(strip), removed: oldTouch.filter((t) => !newKeys.has(t.key)).map(strip) };
  const summary: JourneyDiff["summary"] = {
    stagesAdded: stages.added.length,
    stagesRemoved: stages.removed.length,
    stepsAdded: steps.added.length,
    stepsRemoved: steps.removed.length,
    stepsMoved: steps.moved.length,
    renamed: stages.renamed.length + steps.renamed.length + personas.renamed.length + channels.renamed.length,
    emotionsUp: emotions.filter((e) => e.delta > 0 && e.before !== undefined && e.after !== undefined).length,
    emotionsDown: emotions.filter((e) => e.delta < 0 && e.before !== undefined && e.after !== undefined).length,
    painsAdded: pains.added.length,
    painsResolved: pains.resolved.length,
    severityChanged: pains.severity.length,
    opportunitiesAdded: opportunities.added.length,
    opportunitiesRemoved: opportunities.removed.length,
    statusChanged: opportunities.status.length,
    quadrantChanged: opportunities.quadrant.length,
    metricsChanged: metrics.length,
    evidenceChanged: evidence.length,
  };
  const changed =
    Object.values(summary).some((n) => n > 0) ||
    emotions.length > 0 ||
    pains.severity.length > 0 ||
    touchpoints.added.length + touchpoints.removed.length > 0 ||
    personas.added.length + personas.removed.length + channels.added.length + channels.removed.length > 0 ||
    opportunities.removed.length + opportunities.status.length + opportunities.quadrant.length > 0 ||
    evidence.length > 0 ||
    before.title !== after.title;
  return {
    version: 1,
    before: side(before),
    after: side(after),
    asIsToBe: before.state === "current" && after.state === "future",
    changed,
    summary,
    stages,
    steps,
    personas,
    channels,
    emotions,
    pains,
    touchpoints,
    opportunities,
    metrics,
    waves,
    evidence,
    curve,
  };
}

function side(j: Journey): Side {
  return { id: j.id, title: j.title, state: j.state, file: j.file, locale: j.locale };
}

function figureOf(m: Measured | undefined, metric: MeasuredFigure["metric"]): MeasuredFigure | undefined {
  return m?.figures.find((f) => f.metric === metric);
}

function csatValue(m: Metrics | undefined): number | undefined {
  if (!m?.csat) return undefined;
  return m.csat.value;
}
