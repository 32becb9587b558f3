import type * as Input from "./journey.generated.js";

export type { Input };

/** Where an entity was written: the file and the JSON pointer of its mapping in that file. */
export interface Origin {
  file: string;
  pointer: string;
}

export type Locale = "en" | "fr";
export type MapState = "current" | "future";
export type ChannelKind = "digital" | "physical" | "human";
export type Moment = "truth" | "magic" | "micro";
export type Evidence = "observed" | "reported" | "inferred" | "assumed";
export type OpportunityStatus = "idea" | "planned" | "in-progress" | "done" | "dropped";
export type Quadrant = "quick-win" | "major-project" | "fill-in" | "thankless-task";
export type NpsCategory = "needs-improvement" | "good" | "great" | "excellent";
export type BlueprintLane = "frontstage" | "backstage" | "support" | "systems" | "data";
export const BLUEPRINT_LANES: readonly BlueprintLane[] = ["frontstage", "backstage", "support", "systems", "data"];

/** `x-` keys of a mapping, kept as written for other tools. */
export type Extensions = Record<string, unknown>;

export interface Persona {
  id: string;
  idDerived: boolean;
  name: string;
  role?: string;
  age?: number;
  segment?: string;
  quote?: string;
  description?: string;
  goals: string[];
  frustrations: string[];
  motivations: string[];
  channels: string[];
  /** The persona file it came from, relative to the map, when it was not written inline. */
  file?: string;
  extensions?: Extensions;
  origin: Origin;
}

export interface Channel {
  id: string;
  name: string;
  kind?: ChannelKind;
  owned: boolean;
  extensions?: Extensions;
  origin: Origin;
}

export interface Touchpoint {
  channel: string;
  name: string;
  /** As written, or else the channel's `owned`, or else true. */
  owned: boolean;
  extensions?: Extensions;
  origin: Origin;
}

export interface Pain {
  id: string;
  idDerived: boolean;
  text: string;
  severity?: number;
  extensions?: Extensions;
  origin: Origin;
}

export interface PersonaEmotion {
  persona: string;
  score?: number;
}

export interface Step {
  id: string;
  idDerived: boolean;
  name: string;
  /** Who takes the step: as written, or every persona of the map. */
  personas: string[];
  personasExplicit: boolean;
  does?: string;
  thinks?: string;
  feels?: string;
  /** The emotion as written (one score, or a score per persona). */
  emotion?: number | Record<string, number>;
  /** One entry per persona of the step, in the map's persona order. */
  emotions: PersonaEmotion[];
  touchpoints: Touchpoint[];
  pains: Pain[];
  gains: string[];
  moment?: Moment;
  evidence?: Evidence;
  blueprint: Record<BlueprintLane, string[]>;
  owners: string[];
  metrics?: Metrics;
  /** Figures computed from data files, and verbatims. */
  measured?: Measured;
  extensions?: Extensions;
  origin: Origin;
}

export interface Stage {
  id: string;
  idDerived: boolean;
  name: string;
  description?: string;
  goal?: string;
  questions: string[];
  metrics?: Metrics;
  measured?: Measured;
  steps: Step[];
  extensions?: Extensions;
  origin: Origin;
}

export interface Opportunity {
  id: string;
  idDerived: boolean;
  title: string;
  description?: string;
  addresses: string[];
  impact?: number;
  effort?: number;
  /** Derived from impact and effort, when both are given. */
  quadrant?: Quadrant;
  owner?: string;
  status?: OpportunityStatus;
  why: string[];
  links: string[];
  extensions?: Extensions;
  origin: Origin;
}

export interface Nps {
  /** The score, given or computed: % promoters − % detractors, −100..100. */
  score: number;
  category: NpsCategory;
  /** Present when the score was computed from respondents. */
  breakdown?: { promoters: number; passives: number; detractors: number; total: number };
}

export interface Csat {
  /** As written: an average on 1..5, or a percentage of satisfied customers. */
  scale: "average" | "percent";
  value: number;
}

export interface CustomMetric {
  name: string;
  value: number;
  unit?: string;
  target?: number;
  /** Which way is better (default higher): met/missed follows it everywhere. */
  better: "higher" | "lower";
}

/** A customer effort score on its scale (1..scale; a bare number is on 1..7). Lower is better. */
export interface Ces {
  score: number;
  scale: number;
}

export interface Metrics {
  nps?: Nps;
  csat?: Csat;
  ces?: Ces;
  conversion?: number;
  custom: CustomMetric[];
  extensions?: Extensions;
}

/** A journey map once loaded, checked and normalised: what renderers, diff and the library use. */
export interface Journey {
  id: string;
  title: string;
  description?: string;
  locale: Locale;
  state: MapState;
  objective?: string;
  owner?: string;
  updated?: string;
  tags: string[];
  personas: Persona[];
  channels: Channel[];
  stages: Stage[];
  opportunities: Opportunity[];
  metrics?: Metrics;
  measured?: Measured;
  /** The map's `benchmarks:` file, read: reference values the reports cite. */
  benchmarks?: Benchmark[];
  extensions?: Extensions;
  /** The file the map was read from, as the user named it. */
  file: string;
}

/** Where a measured figure comes from: the data entry, its file and what was used of it. */
export interface FigureSource {
  id: string;
  file: string;
  sha256: string;
  rowsUsed: number;
  rowsSkipped: number;
  /** Rows skipped, by reason ("partial response", "empty answer", "missing code"). */
  skipped: Record<string, number>;
}

export type MeasuredMetric = "nps" | "csat" | "ces" | "conversion";

/** A figure computed from a data file (see docs/metrics.md for each definition). */
export interface MeasuredFigure {
  metric: MeasuredMetric;
  /** NPS in points, CSAT in % (top-two-box), CES the mean, conversion a share 0..1 of the previous funnel step. */
  value: number;
  n: number;
  period: string;
  better: "higher" | "lower";
  /** 95 % margin of error, in the figure's units. */
  margin?: number;
  /** The answer scale (CSAT, CES). */
  scale?: number;
  /** CSAT: the mean answer. */
  mean?: number;
  promoters?: number;
  passives?: number;
  detractors?: number;
  /** Funnel steps: users at this step, share of the first step, lost since the previous one. */
  count?: number;
  fromFirst?: number;
  abandonment?: number;
  /** Per persona, when the data entry has a `segment`. */
  personas?: { persona: string; value: number; n: number; margin?: number }[];
  source: FigureSource;
  /** Earlier waves of the same figure at the same place, oldest first. */
  waves?: MeasuredFigure[];
  /** Against the previous wave. */
  change?: { delta: number; from: string; beyondMargin: boolean; improved: boolean };
  /** Reference value from the `benchmarks:` file. */
  benchmark?: Benchmark;
  origin: Origin;
}

export interface Verbatim {
  /** Redacted: e-mail addresses and phone numbers removed. */
  text: string;
  source: string;
  period: string;
}

export interface Measured {
  figures: MeasuredFigure[];
  quotes: Verbatim[];
}

export interface Benchmark {
  metric: MeasuredMetric;
  value: number;
  source: string;
  year: number;
  method: string;
  scale?: string;
  label?: string;
}
