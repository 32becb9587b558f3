import { formatNumber, formatPercent, MESSAGES, translator, type MessageKey, type Translate } from "../i18n/messages.js";
import {
  BLUEPRINT_LANES,
  type BlueprintLane,
  type Journey,
  type Locale,
  type Metrics,
  type Persona,
  type Quadrant,
} from "../model/types.js";
import { targetMet } from "../model/metrics.js";
import { journeyFacts, QUADRANT_ORDER, type JourneyFacts } from "../model/facts.js";
import { measuredEvidence, measuredLevels, personaFigures, type MeasuredLevel, type PersonaFigureView } from "./measured.js";

export const FACES = ["", "😠", "🙁", "😐", "🙂", "😄"] as const;

/** Persona colours, distinguishable for common colour blindness and AA on white and on #111. */
const PERSONA_COLORS = ["#2563eb", "#c2410c", "#047857", "#be185d", "#6d28d9", "#0e7490"];

/** What a link's target is, in the HTML report. */
export type AnchorKind = "stage" | "step" | "pain" | "opportunity" | "persona";

/** The one place an element's anchor is made: `id="…"` in the HTML report, `#…` in links to it. */
export function anchorOf(kind: AnchorKind, id: string): string {
  return kind === "step" ? id : `${kind}-${id}`;
}

/** The columns of the step tables after the step's name, in order; a column whose lane is empty
 * everywhere is left out. `partial` formats one step's cell (`{{> (lookup . "partial") step}}`). */
export const LANE_COLUMNS = ["does", "thinks", "feels", "emotion", "touchpoints", "pains", "gains", "moment", "evidence"] as const;
export type LaneColumnKey = (typeof LANE_COLUMNS)[number];
/** Shown whatever the map holds. */
const ALWAYS_SHOWN: ReadonlySet<LaneColumnKey> = new Set(["emotion", "evidence"]);

export interface LaneColumn {
  key: LaneColumnKey;
  label: string;
  /** The partial that writes this column's cell for one step: `emotion`, else `cell-<key>`. */
  partial: string;
}

export interface EmotionView {
  persona: string;
  personaName: string;
  score?: number;
  face?: string;
}

export interface StepView {
  id: string;
  name: string;
  stageId: string;
  stageName: string;
  /** Position among all steps, from 0. */
  index: number;
  personas: { id: string; name: string }[];
  does?: string;
  thinks?: string;
  feels?: string;
  emotions: EmotionView[];
  /** The one score all the step's personas share, if they do. */
  uniformScore?: number;
  touchpoints: { name: string; channel: string; channelName: string; kind?: string; kindLabel?: string; owned: boolean }[];
  /** `resolvedLabel` names the done opportunities that resolved the pain, if any; `anchor` is its id in the HTML report. */
  pains: { id: string; anchor: string; text: string; severity?: number; resolvedLabel?: string }[];
  gains: string[];
  moment?: string;
  momentLabel?: string;
  evidence?: string;
  /** "Measured · n = 412 · survey-q3" when figures from data files are attached; else the evidence typed by hand. */
  evidenceLabel: string;
  /** Set (to the same text) when the evidence is measured, so outputs can mark it apart from hand-typed evidence. */
  measuredEvidence?: string;
  blueprint: { lane: BlueprintLane; label: string; items: string[] }[];
  /** The same lanes by name, for templates that walk the lanes present in the map. */
  blueprintItems: Record<BlueprintLane, string[]>;
  owners: string[];
  /** Anything under the line of visibility: blueprint items or owners. */
  hasBlueprint: boolean;
  metrics?: MetricsView;
}

export interface StageView {
  id: string;
  /** Its id in the HTML report. */
  anchor: string;
  name: string;
  description?: string;
  goal?: string;
  questions: string[];
  metrics?: MetricsView;
  /** "Measured · n = … · <source>" when figures from data files are attached to the stage. */
  measuredEvidence?: string;
  steps: StepView[];
}

export interface MetricItem {
  label: string;
  value: string;
  note?: string;
  /** For custom KPIs with a target: whether the target is met (in the direction `better` says). */
  met?: boolean;
}

export interface MetricsView {
  items: MetricItem[];
}

export interface OpportunityView {
  id: string;
  /** Its id in the HTML report. */
  anchor: string;
  /** Number shown on the matrix and in the table (rated ideas only, in priority order). */
  number?: number;
  title: string;
  description?: string;
  impact?: number;
  effort?: number;
  quadrant?: Quadrant;
  quadrantLabel: string;
  owner?: string;
  status?: string;
  statusLabel?: string;
  /** `href`: a link to what it addresses in the HTML report (`#pain-…`, `#stage-…`, `#<step id>`). */
  addresses: { id: string; label: string; kind: "stage" | "step" | "pain"; href: string }[];
  done: boolean;
  why: string[];
  links: string[];
}

export interface Insight {
  kind: "lowest" | "weak-truth" | "unaddressed-pain" | "quick-win" | "evidence" | "no-touchpoint" | "no-owner" | "gap";
  text: string;
  /** Several insights of one kind as one card: the heading is `text`, each item links to its place. */
  items?: { text: string; target?: string }[];
  /** The step (or stage) it is about, for a link. */
  target?: string;
  /** The persona it belongs to: the persona filter hides it for the others. */
  persona?: string;
}

export interface RenderModel {
  locale: Locale;
  labels: Record<MessageKey, string>;
  journey: {
    id: string;
    title: string;
    description?: string;
    objective?: string;
    owner?: string;
    updated?: string;
    tags: string[];
    state: string;
    stateLabel: string;
  };
  /** The personas as the model has them, with channel names instead of ids. */
  /** `color`: the persona's line in the emotion curve and its swatch; `anchor`: its id in the HTML report. */
  /** `measured`: the persona's own figures from data entries with a `segment:`, with n and source. */
  personas: (Omit<Persona, "origin" | "idDerived" | "file" | "extensions" | "channels"> & { channels: string[]; color: string; anchor: string; measured: PersonaFigureView[] })[];
  multiPersona: boolean;
  /** Whether any stage has a goal or questions (a lane of the map). */
  hasStageGoals: boolean;
  stages: StageView[];
  steps: StepView[];
  metrics?: MetricsView;
  /** Every level that has metrics: the journey, then stages and steps in order. */
  metricsByLevel: { level: string; items: MetricItem[] }[];
  /** Figures computed from data files, with n, period, source and trend, and verbatims. */
  measured: MeasuredLevel[];
  opportunities: OpportunityView[];
  opportunityGroups: { quadrant: string; label: string; items: OpportunityView[] }[];
  insights: Insight[];
  /** Which lanes hold anything anywhere: an empty lane is left out of tables and grids. */
  lanes: Record<"does" | "thinks" | "feels" | "touchpoints" | "pains" | "gains" | "moment" | "evidence" | "owners" | "blueprint", boolean>;
  /** The columns of the step tables after the step's name: the lanes that hold anything, emotion and evidence always. */
  laneColumns: LaneColumn[];
  blueprintLanes: { lane: BlueprintLane; label: string }[];
}

/** Everything a template needs, computed once; templates only format. Pure. */
export function buildRenderModel(journey: Journey, localeOverride?: Locale, facts: JourneyFacts = journeyFacts(journey)): RenderModel {
  const locale = localeOverride ?? journey.locale;
  const t = translator(locale);
  const personaName = new Map(journey.personas.map((p) => [p.id, p.name]));
  const channel = new Map(journey.channels.map((c) => [c.id, c]));

  const measured = measuredLevels(journey, t, locale);
  const handTyped = measured.length > 0;
  let index = 0;
  const stages: StageView[] = journey.stages.map((stage) => {
    const steps = stage.steps.map((step): StepView => {
      const emotions: EmotionView[] = step.emotions.map((e) => ({
        persona: e.persona,
        personaName: personaName.get(e.persona) ?? e.persona,
        ...(e.score !== undefined && { score: e.score, face: FACES[e.score] }),
      }));
      const scores = new Set(emotions.map((e) => e.score));
      const only = [...scores][0];
      const metrics = metricsView(step.metrics, t, locale, handTyped);
      const measuredLabel = measuredEvidence(step.measured, t, locale);
      return {
        id: step.id,
        name: step.name,
        stageId: stage.id,
        stageName: stage.name,
        index: index++,
        personas: step.personas.map((id) => ({ id, name: personaName.get(id) ?? id })),
        ...(step.does !== undefined && { does: step.does }),
        ...(step.thinks !== undefined && { thinks: step.thinks }),
        ...(step.feels !== undefined && { feels: step.feels }),
        emotions,
        ...(scores.size === 1 && only !== undefined && { uniformScore: only }),
        touchpoints: step.touchpoints.map((tp) => {
          const c = channel.get(tp.channel);
          return {
            name: tp.name,
            channel: tp.channel,
            channelName: c?.name ?? tp.channel,
            ...(c?.kind !== undefined && { kind: c.kind, kindLabel: t(`kind.${c.kind}`) }),
            owned: tp.owned,
          };
        }),
        pains: step.pains.map((p) => {
          const by = facts.resolvedBy.get(p);
          return {
            id: p.id,
            anchor: anchorOf("pain", p.id),
            text: p.text,
            ...(p.severity !== undefined && { severity: p.severity }),
            ...(by && { resolvedLabel: t("resolvedBy", { opportunities: by.map((o) => o.title).join(", ") }) }),
          };
        }),
        gains: step.gains,
        ...(step.moment !== undefined && { moment: step.moment, momentLabel: t(`moment.${step.moment}`) }),
        ...(step.evidence !== undefined && { evidence: step.evidence }),
        evidenceLabel: measuredLabel ?? t(step.evidence ? `evidence.${step.evidence}` : "evidence.none"),
        ...(measuredLabel !== undefined && { measuredEvidence: measuredLabel }),
        blueprint: BLUEPRINT_LANES.map((lane) => ({ lane, label: t(`lane.${lane}`), items: step.blueprint[lane] })),
        blueprintItems: step.blueprint,
        owners: step.owners,
        hasBlueprint: step.owners.length > 0 || BLUEPRINT_LANES.some((lane) => step.blueprint[lane].length > 0),
        ...(metrics !== undefined && { metrics }),
      };
    });
    const metrics = metricsView(stage.metrics, t, locale, handTyped);
    const stageMeasured = measuredEvidence(stage.measured, t, locale);
    return {
      id: stage.id,
      anchor: anchorOf("stage", stage.id),
      name: stage.name,
      ...(stage.description !== undefined && { description: stage.description }),
      ...(stage.goal !== undefined && { goal: stage.goal }),
      questions: stage.questions,
      ...(metrics !== undefined && { metrics }),
      ...(stageMeasured !== undefined && { measuredEvidence: stageMeasured }),
      steps,
    };
  });
  const steps = stages.flatMap((s) => s.steps);

  const targetLabel = new Map<string, { label: string; kind: "stage" | "step" | "pain" }>();
  for (const s of stages) targetLabel.set(s.id, { label: s.name, kind: "stage" });
  for (const s of steps) targetLabel.set(s.id, { label: s.name, kind: "step" });
  for (const s of steps) for (const p of s.pains) if (!targetLabel.has(p.id)) targetLabel.set(p.id, { label: p.text, kind: "pain" });

  const opportunities = facts.opportunityOrder.map((o): OpportunityView => ({
    id: o.id,
    anchor: anchorOf("opportunity", o.id),
    title: o.title,
    ...(o.description !== undefined && { description: o.description }),
    ...(o.impact !== undefined && { impact: o.impact }),
    ...(o.effort !== undefined && { effort: o.effort }),
    ...(o.quadrant !== undefined && { quadrant: o.quadrant }),
    quadrantLabel: t(o.quadrant ? `quadrant.${o.quadrant}` : "quadrant.unrated"),
    ...(o.owner !== undefined && { owner: o.owner }),
    ...(o.status !== undefined && { status: o.status, statusLabel: t(`status.${o.status}`) }),
    addresses: o.addresses.map((id) => {
      const kind = targetLabel.get(id)?.kind ?? "step";
      return { id, label: targetLabel.get(id)?.label ?? id, kind, href: `#${anchorOf(kind, id)}` };
    }),
    done: o.status === "done",
    why: o.why,
    links: o.links.filter((l) => /^https?:\/\//i.test(l)),
  }));
  let rank = 0;
  for (const o of opportunities) if (o.impact !== undefined && o.effort !== undefined) o.number = ++rank;
  const opportunityGroups = QUADRANT_ORDER.map((q) => ({
    quadrant: q ?? "unrated",
    label: t(q ? `quadrant.${q}` : "quadrant.unrated"),
    items: opportunities.filter((o) => o.quadrant === q),
  })).filter((g) => g.items.length > 0);

  const metrics = metricsView(journey.metrics, t, locale, handTyped);
  const metricsByLevel = [
    ...(metrics ? [{ level: t("journeyLevel"), items: metrics.items }] : []),
    ...stages.flatMap((s) => [
      ...(s.metrics ? [{ level: `${t("stage")} · ${s.name}`, items: s.metrics.items }] : []),
      ...s.steps.filter((st) => st.metrics).map((st) => ({ level: `${t("step")} · ${st.name}`, items: st.metrics!.items })),
    ]),
  ];

  const any = (f: (s: StepView) => boolean) => steps.some(f);
  const lanes: RenderModel["lanes"] = {
    does: any((s) => s.does !== undefined),
    thinks: any((s) => s.thinks !== undefined),
    feels: any((s) => s.feels !== undefined),
    touchpoints: any((s) => s.touchpoints.length > 0),
    pains: any((s) => s.pains.length > 0),
    gains: any((s) => s.gains.length > 0),
    moment: any((s) => s.moment !== undefined),
    evidence: any((s) => s.evidence !== undefined),
    owners: any((s) => s.owners.length > 0),
    blueprint: any((s) => s.blueprint.some((b) => b.items.length > 0)),
  };
  const byPersona = personaFigures(journey, t, locale);
  return {
    locale,
    labels: MESSAGES[locale],
    journey: {
      id: journey.id,
      title: journey.title,
      ...(journey.description !== undefined && { description: journey.description }),
      ...(journey.objective !== undefined && { objective: journey.objective }),
      ...(journey.owner !== undefined && { owner: journey.owner }),
      ...(journey.updated !== undefined && { updated: journey.updated }),
      tags: journey.tags,
      state: journey.state,
      stateLabel: t(`state.${journey.state}`),
    },
    personas: journey.personas.map(({ origin: _o, idDerived: _d, file: _f, extensions: _e, channels, ...persona }, i) => ({
      ...persona,
      channels: channels.map((c) => channel.get(c)?.name ?? c),
      color: PERSONA_COLORS[i % PERSONA_COLORS.length]!,
      anchor: anchorOf("persona", persona.id),
      measured: byPersona.get(persona.id) ?? [],
    })),
    multiPersona: journey.personas.length > 1,
    hasStageGoals: stages.some((s) => s.goal !== undefined || s.questions.length > 0),
    stages,
    steps,
    ...(metrics !== undefined && { metrics }),
    metricsByLevel,
    measured,
    opportunities,
    opportunityGroups,
    insights: insights(facts, personaName, t, locale),
    lanes,
    laneColumns: LANE_COLUMNS.filter((key) => ALWAYS_SHOWN.has(key) || lanes[key as keyof typeof lanes]).map((key) => ({
      key,
      label: t(key),
      partial: key === "emotion" ? "emotion" : `cell-${key}`,
    })),
    blueprintLanes: BLUEPRINT_LANES.filter((lane) => any((s) => s.blueprint.some((b) => b.lane === lane && b.items.length > 0))).map((lane) => ({
      lane,
      label: t(`lane.${lane}`),
    })),
  };
}

/** In a map backed by data, hand-typed figures are marked as entered by hand. */
function metricsView(m: Metrics | undefined, t: Translate, locale: Locale, handTyped: boolean): MetricsView | undefined {
  if (!m) return undefined;
  const items: MetricItem[] = [];
  const mark = (list: MetricItem[]) => (handTyped ? list.map((i) => ({ ...i, note: i.note ? `${i.note} · ${t("handTyped")}` : t("handTyped") })) : list);
  if (m.nps) {
    const score = `${m.nps.score > 0 ? "+" : ""}${formatNumber(m.nps.score, locale)}`;
    const note = [t(`npsCategory.${m.nps.category}`)];
    if (m.nps.breakdown) {
      const b = m.nps.breakdown;
      note.push(t("npsComputed", { promoters: formatNumber(b.promoters, locale), passives: formatNumber(b.passives, locale), detractors: formatNumber(b.detractors, locale) }));
    }
    items.push({ label: t("nps"), value: score, note: note.join(" · ") });
  }
  if (m.csat) {
    items.push({ label: t("csat"), value: m.csat.scale === "percent" ? formatPercent(m.csat.value / 100, locale) : `${formatNumber(m.csat.value, locale)}/5` });
  }
  if (m.ces !== undefined) items.push({ label: t("ces"), value: `${formatNumber(m.ces.score, locale)}/${m.ces.scale}`, note: t("lowerIsBetter") });
  if (m.conversion !== undefined) items.push({ label: t("conversion"), value: formatPercent(m.conversion, locale) });
  for (const c of m.custom) {
    const unit = c.unit ? (c.unit === "%" && locale === "fr" ? " %" : c.unit === "%" ? "%" : ` ${c.unit}`) : "";
    const item: MetricItem = { label: c.name, value: `${formatNumber(c.value, locale)}${unit}` };
    const met = targetMet(c);
    if (c.target !== undefined && met !== undefined) {
      // The note says which way counts and whether it is met: colour alone is not enough.
      item.note = `${t("target")} ${c.better === "lower" ? "≤" : "≥"} ${formatNumber(c.target, locale)}${unit} · ${t(met ? "targetMet" : "targetMissed")}`;
      item.met = met;
    }
    items.push(item);
  }
  return items.length > 0 ? { items: mark(items) } : undefined;
}

const GROUPED = ["weak-truth", "unaddressed-pain", "quick-win", "no-touchpoint", "no-owner"] as const;

/** Insights of one kind, when there are several, become one card listing where each one is. */
function groupInsights(list: Insight[], t: Translate, items: (kind: (typeof GROUPED)[number]) => { text: string; target?: string }[]): Insight[] {
  const out: Insight[] = [];
  for (const insight of list) {
    const kind = GROUPED.find((k) => k === insight.kind);
    const count = list.filter((i) => i.kind === insight.kind).length;
    if (!kind || count < 2) out.push(insight);
    else if (!out.some((i) => i.kind === kind)) out.push({ kind, text: t(`insightGroup.${kind}`, { n: count }), items: items(kind) });
  }
  return out;
}

function insights(facts: JourneyFacts, personaName: Map<string, string>, t: Translate, locale: Locale): Insight[] {
  const out: Insight[] = [];
  for (const { persona, step, score } of facts.lowestByPersona) {
    out.push({ kind: "lowest", text: t("insight.lowest", { persona: persona.name, step: step.name, score }), target: step.id, persona: persona.id });
  }
  for (const { step } of facts.steps) {
    const scores = step.emotions.map((e) => e.score).filter((x): x is number => x !== undefined);
    if (step.moment === "truth" && scores.length > 0 && Math.min(...scores) <= 3) {
      out.push({ kind: "weak-truth", text: t("insight.weakTruth", { step: step.name, score: Math.min(...scores) }), target: step.id });
    }
  }
  for (const { pain, step } of facts.openPains) {
    out.push({ kind: "unaddressed-pain", text: t("insight.unaddressedPain", { pain: pain.text, step: step.name }), target: step.id });
  }
  for (const o of facts.opportunityOrder.filter((o) => facts.liveQuickWins.includes(o))) {
    out.push({ kind: "quick-win", text: t("insight.quickWin", { title: o.title }), target: anchorOf("opportunity", o.id) });
  }
  const weak = facts.weakEvidenceSteps.length;
  if (facts.steps.length > 0 && weak > 0) {
    out.push({ kind: "evidence", text: t("insight.evidence", { share: formatPercent(Math.round((weak / facts.steps.length) * 100) / 100, locale) }) });
  }
  for (const st of facts.stagesWithoutTouchpoint) out.push({ kind: "no-touchpoint", text: t("insight.noTouchpoint", { stage: st.name }), target: anchorOf("stage", st.id) });
  for (const s of facts.stepsWithoutOwner) out.push({ kind: "no-owner", text: t("insight.noOwner", { step: s.name }), target: s.id });
  const gap = facts.personaGap;
  const grouped = groupInsights(out, t, (k) => ({
    "weak-truth": facts.steps.filter(({ step }) => out.some((i) => i.kind === "weak-truth" && i.target === step.id)).map(({ step }) => ({ text: step.name, target: step.id })),
    "unaddressed-pain": facts.openPains.map(({ pain, step }) => ({ text: `${pain.text} (${step.name})`, target: step.id })),
    "quick-win": facts.opportunityOrder.filter((o) => facts.liveQuickWins.includes(o)).map((o) => ({ text: o.title, target: anchorOf("opportunity", o.id) })),
    "no-touchpoint": facts.stagesWithoutTouchpoint.map((st) => ({ text: st.name, target: anchorOf("stage", st.id) })),
    "no-owner": facts.stepsWithoutOwner.map((st) => ({ text: st.name, target: st.id })),
  })[k]);
  out.length = 0;
  out.push(...grouped);
  if (gap) {
    const name = (id: string) => personaName.get(id) ?? id;
    out.push({
      kind: "gap",
      text: t("insight.gap", { step: gap.step.name, low: name(gap.low.persona), lowScore: gap.low.score, high: name(gap.high.persona), highScore: gap.high.score }),
      target: gap.step.id,
    });
  }
  return out;
}
