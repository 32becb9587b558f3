/* Generated from schemas/journey.schema.json by `npm run gen:types`. Do not edit by hand. */

/**
 * Stable id of the map (a slug). Default: the file name without its extension.
 */
export type Slug = string;
/**
 * The map's title.
 */
export type Text = string;
/**
 * What the map covers.
 */
export type Text1 = string;
/**
 * Why the map exists: the question it answers.
 */
export type Text2 = string;
/**
 * Team or person responsible for the map.
 */
export type Text3 = string;
/**
 * Date of the last review, YYYY-MM-DD.
 */
export type IsoDate = string;
/**
 * A non-empty piece of text.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "text".
 */
export type Text4 = string;
/**
 * Stable id (a slug). Default: derived from name.
 */
export type Slug1 = string;
/**
 * A non-empty piece of text.
 */
export type Text5 = string;
/**
 * A non-empty piece of text.
 */
export type Text6 = string;
/**
 * A non-empty piece of text.
 */
export type Text7 = string;
/**
 * A non-empty piece of text.
 */
export type Text8 = string;
/**
 * A non-empty piece of text.
 */
export type Text9 = string;
/**
 * What the persona wants to achieve.
 */
export type TextList = Text4[];
/**
 * What annoys the persona.
 */
export type TextList1 = Text4[];
/**
 * What drives the persona's decisions.
 */
export type TextList2 = Text4[];
/**
 * An id: lowercase ASCII letters, digits and hyphens, starting with a letter.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "slug".
 */
export type Slug2 = string;
/**
 * Who travels the journey, at least one. Each item is a persona, or a path (relative to this file) to a YAML file holding one persona shared across maps.
 */
export type Personas1 = string;
/**
 * An id: lowercase ASCII letters, digits and hyphens, starting with a letter.
 */
export type Slug3 = string;
/**
 * A non-empty piece of text.
 */
export type Text10 = string;
/**
 * An id: lowercase ASCII letters, digits and hyphens, starting with a letter.
 */
export type Slug4 = string;
/**
 * A non-empty piece of text.
 */
export type Text11 = string;
/**
 * A non-empty piece of text.
 */
export type Text12 = string;
/**
 * A non-empty piece of text.
 */
export type Text13 = string;
/**
 * What the customer asks themself in this stage.
 */
export type TextList3 = Text4[];
/**
 * Customer satisfaction: a 1..5 average, or a percentage such as "82%".
 */
export type Csat = number;
/**
 * Customer satisfaction: a 1..5 average, or a percentage such as "82%".
 */
export type Csat1 = string;
/**
 * A customer effort score on the usual 1–7 scale.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "cesOnSeven".
 */
export type CesOnSeven = number;
/**
 * A non-empty piece of text.
 */
export type Text14 = string;
/**
 * A non-empty piece of text.
 */
export type Text15 = string;
/**
 * An id: lowercase ASCII letters, digits and hyphens, starting with a letter.
 */
export type Slug5 = string;
/**
 * A non-empty piece of text.
 */
export type Text16 = string;
/**
 * A non-empty piece of text.
 */
export type Text17 = string;
/**
 * A non-empty piece of text.
 */
export type Text18 = string;
/**
 * A non-empty piece of text.
 */
export type Text19 = string;
/**
 * How the customer feels at this step: 1 very negative, 3 neutral, 5 very positive; or a map from persona id to 1..5.
 */
export type Emotion = Emotion1 | Emotion2;
/**
 * How the customer feels at this step: 1 very negative, 3 neutral, 5 very positive; or a map from persona id to 1..5.
 */
export type Emotion1 = number;
/**
 * A whole number from 1 to 5.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "score".
 */
export type Score = number;
/**
 * An id: lowercase ASCII letters, digits and hyphens, starting with a letter.
 */
export type Slug6 = string;
/**
 * A non-empty piece of text.
 */
export type Text20 = string;
/**
 * Pain points: texts, or { id, text, severity }.
 */
export type Pain = Text21 | Pains;
/**
 * A non-empty piece of text.
 */
export type Text21 = string;
/**
 * An id: lowercase ASCII letters, digits and hyphens, starting with a letter.
 */
export type Slug7 = string;
/**
 * A non-empty piece of text.
 */
export type Text22 = string;
/**
 * A whole number from 1 to 5.
 */
export type Score1 = number;
/**
 * What works well.
 */
export type TextList4 = Text4[];
/**
 * What employees do in front of the customer.
 */
export type TextList5 = Text4[];
/**
 * What employees do out of the customer's sight.
 */
export type TextList6 = Text4[];
/**
 * Support processes and third parties.
 */
export type TextList7 = Text4[];
/**
 * Information systems behind the touchpoint.
 */
export type TextList8 = Text4[];
/**
 * Data collected at this step.
 */
export type TextList9 = Text4[];
/**
 * Teams or departments responsible.
 */
export type TextList10 = Text4[];
/**
 * An id: lowercase ASCII letters, digits and hyphens, starting with a letter.
 */
export type Slug8 = string;
/**
 * A non-empty piece of text.
 */
export type Text23 = string;
/**
 * A non-empty piece of text.
 */
export type Text24 = string;
/**
 * A whole number from 1 to 5.
 */
export type Score2 = number;
/**
 * A whole number from 1 to 5.
 */
export type Score3 = number;
/**
 * A non-empty piece of text.
 */
export type Text25 = string;
/**
 * The 5-whys chain, root cause last.
 */
export type TextList11 = Text4[];
/**
 * A web address starting with http:// or https://.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "link".
 */
export type Link = string;
/**
 * An id: lowercase ASCII letters, digits and hyphens, starting with a letter.
 */
export type Slug9 = string;
/**
 * When the data was collected; orders the waves.
 */
export type Period = string;
/**
 * An id: lowercase ASCII letters, digits and hyphens, starting with a letter.
 */
export type Slug10 = string;
/**
 * An id: lowercase ASCII letters, digits and hyphens, starting with a letter.
 */
export type Slug11 = string;
/**
 * A list of texts.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "textList".
 */
export type TextList12 = Text4[];
/**
 * A date written YYYY-MM-DD.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "date".
 */
export type IsoDate1 = string;
/**
 * Path, relative to this file, to a YAML or JSON file holding one persona. It may not be absolute nor leave the project folder.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "personaPath".
 */
export type PersonaPath = string;
/**
 * How the customer feels: 1 very negative, 3 neutral, 5 very positive; or a map from persona id to 1..5 when personas feel differently.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "emotion".
 */
export type Emotion3 = Score | EmotionMap;
/**
 * A pain point (irritant, friction): a text, or { id, text, severity }.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "pain".
 */
export type Pain1 = Text4 | PainDetail;
/**
 * CSAT as an average from 1 to 5.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "csatAverage".
 */
export type CsatAverage = number;
/**
 * CSAT as a percentage of satisfied customers, such as "82%".
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "csatPercent".
 */
export type CsatPercent = string;
/**
 * A quarter (`2026-Q3`), a month (`2026-09`) or a day (`2026-09-30`); waves are ordered by the period's first day.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "period".
 */
export type Period1 = string;

/**
 * One customer journey map in the cjm 1 format: personas, stages, steps with what the customer does, thinks and feels, touchpoints, pains, opportunities and metrics. Keys starting with x- are free data for other tools.
 */
export interface CjmJourneyMap {
  /**
   * The JSON Schema this file follows, for editors that read it from the file (the usual way to attach a schema to a JSON map), such as ./node_modules/cjm/schemas/journey.schema.json. cjm ignores it.
   */
  $schema?: string;
  /**
   * Format version. This build reads cjm: 1.
   */
  cjm: 1;
  id?: Slug;
  title: Text;
  description?: Text1;
  /**
   * Language of the report labels (en or fr, default en). The content stays as written.
   */
  locale?: "en" | "fr";
  /**
   * current for an as-is map that finds problems, future for a to-be map that designs the fix (default current).
   */
  state?: "current" | "future";
  objective?: Text2;
  owner?: Text3;
  updated?: IsoDate;
  /**
   * Free labels.
   */
  tags?: Text4[];
  /**
   * Who travels the journey, at least one. Each item is a persona, or a path (relative to this file) to a YAML file holding one persona shared across maps.
   *
   * @minItems 1
   *
   * Items: Who travels the journey, at least one. Each item is a persona, or a path (relative to this file) to a YAML file holding one persona shared across maps.
   */
  personas: [Personas | Personas1, ...(Personas | Personas1)[]];
  /**
   * Catalogue of the channels that touchpoints refer to.
   */
  channels?: Channel[];
  /**
   * The phases of the journey, in order, at least one.
   *
   * @minItems 1
   */
  stages: [Stage, ...Stage[]];
  /**
   * Improvement ideas, prioritised by impact and effort.
   */
  opportunities?: Opportunity[];
  metrics?: Metrics2;
  /**
   * Data files the figures are computed from: survey exports and funnels, each with its period. Several entries measuring the same metric at the same place with different periods are waves. See docs/metrics.md.
   */
  data?: DataSource[];
  /**
   * Path, relative to this file, to a YAML file of reference values (each with `source`, `year`, `method`, `scale`) the measured figures are compared with.
   */
  benchmarks?: string;
  /**
   * Free data for other tools, kept in the JSON output.
   *
   * This interface was referenced by `CjmJourneyMap`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | string
    | 1
    | "en"
    | "fr"
    | "current"
    | "future"
    | Text4[]
    | [Personas | Personas1, ...(Personas | Personas1)[]]
    | Channel[]
    | [Stage, ...Stage[]]
    | Opportunity[]
    | Metrics2
    | DataSource[]
    | undefined;
}
/**
 * Who travels the journey, at least one. Each item is a persona, or a path (relative to this file) to a YAML file holding one persona shared across maps.
 */
export interface Personas {
  /**
   * The JSON Schema this file follows, for editors that read it from the file (the usual way to attach a schema to a JSON map), such as ./node_modules/cjm/schemas/journey.schema.json. cjm ignores it.
   */
  $schema?: string;
  id?: Slug1;
  name: Text5;
  role?: Text6;
  /**
   * Age in years.
   */
  age?: number;
  segment?: Text7;
  quote?: Text8;
  description?: Text9;
  goals?: TextList;
  frustrations?: TextList1;
  motivations?: TextList2;
  /**
   * Ids of the channels the persona prefers.
   */
  channels?: Slug2[];
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Personas`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `Persona`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | string
    | number
    | TextList
    | TextList1
    | TextList2
    | Slug2[]
    | undefined;
}
/**
 * A channel touchpoints go through: website, email, app, store, call centre, word of mouth.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "channel".
 */
export interface Channel {
  id: Slug3;
  name: Text10;
  /**
   * digital, physical or human.
   */
  kind?: "digital" | "physical" | "human";
  /**
   * Whether the brand controls the channel (default true; false for reviews, social posts, word of mouth).
   */
  owned?: boolean;
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Channel`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | Slug3
    | "digital"
    | "physical"
    | "human"
    | boolean
    | undefined;
}
/**
 * A phase of the journey (awareness, consideration, purchase…).
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "stage".
 */
export interface Stage {
  id?: Slug4;
  name: Text11;
  description?: Text12;
  goal?: Text13;
  questions?: TextList3;
  metrics?: Metrics;
  /**
   * The steps of the stage, in order, at least one.
   *
   * @minItems 1
   */
  steps: [Step, ...Step[]];
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Stage`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | Slug4
    | TextList3
    | Metrics
    | [Step, ...Step[]]
    | undefined;
}
/**
 * Stage-level indicators.
 */
export interface Metrics {
  /**
   * Net Promoter Score: { score } or { promoters, passives, detractors }.
   */
  nps?: Nps | Nps1;
  /**
   * Customer satisfaction: a 1..5 average, or a percentage such as "82%".
   */
  csat?: Csat | Csat1;
  /**
   * Customer effort score (lower is better): a bare number is read on the 1–7 scale; `{ score, scale }` names another scale, e.g. `{ score: 2.1, scale: 5 }`.
   */
  ces?: CesOnSeven | CesScored;
  /**
   * Conversion rate, from 0 to 1.
   */
  conversion?: number;
  /**
   * Custom indicators.
   */
  custom?: CustomMetric[];
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Metrics`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `Metrics1`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `Metrics2`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `Metrics3`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | Nps
    | Nps1
    | Csat
    | Csat1
    | CesScored
    | CustomMetric[]
    | undefined;
}
/**
 * Net Promoter Score: { score } or { promoters, passives, detractors }.
 */
export interface Nps {
  /**
   * The Net Promoter Score, -100 to 100.
   */
  score: number;
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Nps`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `NpsScore`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | number
    | undefined;
}
/**
 * Net Promoter Score: { score } or { promoters, passives, detractors }.
 */
export interface Nps1 {
  /**
   * Respondents who answered 9 or 10.
   */
  promoters: number;
  /**
   * Respondents who answered 7 or 8.
   */
  passives: number;
  /**
   * Respondents who answered 0 to 6.
   */
  detractors: number;
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Nps1`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `NpsBreakdown`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | number
    | undefined;
}
/**
 * A customer effort score on a named scale: from 1 to `scale` (5 or 7 are the usual ones).
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "cesScored".
 */
export interface CesScored {
  /**
   * The score, from 1 to `scale`.
   */
  score: number;
  /**
   * The top of the scale: 5 for 1–5, 7 for 1–7, 10 for 1–10.
   */
  scale: 5 | 7 | 10;
}
/**
 * A custom indicator.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "customMetric".
 */
export interface CustomMetric {
  name: Text14;
  /**
   * Its current value.
   */
  value: number;
  unit?: Text15;
  /**
   * The value aimed for.
   */
  target?: number;
  /**
   * Which way is better: `higher` (the default: the target is met at or above it) or `lower` (met at or below it, as for a waiting time).
   */
  better?: "higher" | "lower";
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `CustomMetric`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | Text14
    | number
    | "higher"
    | "lower"
    | undefined;
}
/**
 * One thing the customer does, from their side.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "step".
 */
export interface Step {
  id?: Slug5;
  name: Text16;
  /**
   * Ids of the personas who take this step (default: all).
   *
   * @minItems 1
   */
  personas?: [Slug2, ...Slug2[]];
  does?: Text17;
  thinks?: Text18;
  feels?: Text19;
  emotion?: Emotion;
  /**
   * Where the customer meets the brand in this step.
   */
  touchpoints?: Touchpoint[];
  /**
   * Pain points: texts, or { id, text, severity }.
   */
  pains?: Pain[];
  gains?: TextList4;
  /**
   * truth (makes or breaks the journey), magic (exceeds expectations) or micro (the customer reaches for a phone).
   */
  moment?: "truth" | "magic" | "micro";
  /**
   * How well research backs the step: observed, reported, inferred or assumed.
   */
  evidence?: "observed" | "reported" | "inferred" | "assumed";
  blueprint?: Blueprint;
  owners?: TextList10;
  metrics?: Metrics1;
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Step`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | Slug5
    | [Slug2, ...Slug2[]]
    | Emotion
    | Touchpoint[]
    | Pain[]
    | TextList4
    | "truth"
    | "magic"
    | "micro"
    | "observed"
    | "reported"
    | "inferred"
    | "assumed"
    | Blueprint
    | TextList10
    | Metrics1
    | undefined;
}
/**
 * How the customer feels at this step: 1 very negative, 3 neutral, 5 very positive; or a map from persona id to 1..5.
 */
export interface Emotion2 {
  [k: string]: Score | undefined;
}
/**
 * Where the customer meets the brand in this step.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "touchpoint".
 */
export interface Touchpoint {
  channel: Slug6;
  name: Text20;
  /**
   * Whether the brand controls this touchpoint (default: the channel's owned).
   */
  owned?: boolean;
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Touchpoint`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | Slug6
    | boolean
    | undefined;
}
/**
 * Pain points: texts, or { id, text, severity }.
 */
export interface Pains {
  id?: Slug7;
  text: Text22;
  severity?: Score1;
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Pains`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `PainDetail`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | Slug7
    | Score1
    | undefined;
}
/**
 * Service-blueprint lanes for this step, below the line of visibility.
 */
export interface Blueprint {
  frontstage?: TextList5;
  backstage?: TextList6;
  support?: TextList7;
  systems?: TextList8;
  data?: TextList9;
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Blueprint`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `Blueprint1`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | TextList5
    | TextList6
    | TextList7
    | TextList8
    | TextList9
    | undefined;
}
/**
 * Step-level indicators.
 */
export interface Metrics1 {
  /**
   * Net Promoter Score: { score } or { promoters, passives, detractors }.
   */
  nps?: Nps | Nps1;
  /**
   * Customer satisfaction: a 1..5 average, or a percentage such as "82%".
   */
  csat?: Csat | Csat1;
  /**
   * Customer effort score (lower is better): a bare number is read on the 1–7 scale; `{ score, scale }` names another scale, e.g. `{ score: 2.1, scale: 5 }`.
   */
  ces?: CesOnSeven | CesScored;
  /**
   * Conversion rate, from 0 to 1.
   */
  conversion?: number;
  /**
   * Custom indicators.
   */
  custom?: CustomMetric[];
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Metrics`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `Metrics1`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `Metrics2`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `Metrics3`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | Nps
    | Nps1
    | Csat
    | Csat1
    | CesScored
    | CustomMetric[]
    | undefined;
}
/**
 * An improvement idea, placed on the impact/effort matrix.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "opportunity".
 */
export interface Opportunity {
  id?: Slug8;
  title: Text23;
  description?: Text24;
  /**
   * Ids of the steps, stages or pains the idea addresses.
   */
  addresses?: Slug2[];
  impact?: Score2;
  effort?: Score3;
  owner?: Text25;
  /**
   * idea, planned, in-progress, done or dropped.
   */
  status?: "idea" | "planned" | "in-progress" | "done" | "dropped";
  why?: TextList11;
  /**
   * Related web pages (http or https only).
   */
  links?: Link[];
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Opportunity`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | Slug8
    | Slug2[]
    | Score2
    | "idea"
    | "planned"
    | "in-progress"
    | "done"
    | "dropped"
    | TextList11
    | Link[]
    | undefined;
}
/**
 * Journey-level indicators.
 */
export interface Metrics2 {
  /**
   * Net Promoter Score: { score } or { promoters, passives, detractors }.
   */
  nps?: Nps | Nps1;
  /**
   * Customer satisfaction: a 1..5 average, or a percentage such as "82%".
   */
  csat?: Csat | Csat1;
  /**
   * Customer effort score (lower is better): a bare number is read on the 1–7 scale; `{ score, scale }` names another scale, e.g. `{ score: 2.1, scale: 5 }`.
   */
  ces?: CesOnSeven | CesScored;
  /**
   * Conversion rate, from 0 to 1.
   */
  conversion?: number;
  /**
   * Custom indicators.
   */
  custom?: CustomMetric[];
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Metrics`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `Metrics1`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `Metrics2`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `Metrics3`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | Nps
    | Nps1
    | Csat
    | Csat1
    | CesScored
    | CustomMetric[]
    | undefined;
}
/**
 * One data file: a survey export (`measures`) or a funnel (`funnel`).
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "dataSource".
 */
export interface DataSource {
  id: Slug9;
  /**
   * Path of the export, relative to this file and inside the project folder: `.csv`, `.tsv`, `.txt` or `.xlsx`.
   */
  file: string;
  period: Period;
  /**
   * The export's shape. Detected when left out.
   */
  format?:
    "qualtrics" | "surveymonkey" | "typeform" | "google-forms" | "csv" | "ga4-funnel" | "funnel";
  /**
   * What to compute from the export's columns.
   *
   * @minItems 1
   */
  measures?: [Measure | Quotes, ...(Measure | Quotes)[]];
  segment?: Segment;
  /**
   * A funnel export: each step label of the file, mapped to the step (or stage) id it measures, in funnel order.
   */
  funnel?: {
    [k: string]: Slug2 | undefined;
  };
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `DataSource`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | Slug9
    | "qualtrics"
    | "surveymonkey"
    | "typeform"
    | "google-forms"
    | "csv"
    | "ga4-funnel"
    | "funnel"
    | [Measure | Quotes, ...(Measure | Quotes)[]]
    | Segment
    | {
        [k: string]: Slug2 | undefined;
      }
    | undefined;
}
/**
 * A figure computed from one column: NPS (0..10), CSAT (top-two-box share and mean) or CES (mean).
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "measure".
 */
export interface Measure {
  /**
   * `nps`, `csat` or `ces`.
   */
  metric: "nps" | "csat" | "ces";
  /**
   * The column: its header as in the export (the question id or text; a repeated header is `name.1`, `name.2`…).
   */
  column: string;
  at: Slug10;
  /**
   * Points of the answer scale (1..scale). Default: 5 for CSAT, 7 for CES; NPS is always 0..10.
   */
  scale?: number;
  /**
   * Which way is better. Default `higher` (declare `lower` for an effort scale where 1 is easy).
   */
  better?: "higher" | "lower";
  /**
   * Answer codes meaning "no answer" (e.g. `-99`): skipped and counted.
   */
  missing?: (number | string)[];
  /**
   * Label answers without a leading number, mapped to their value.
   */
  values?: {
    [k: string]: number | undefined;
  };
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Measure`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | "nps"
    | "csat"
    | "ces"
    | string
    | number
    | "higher"
    | "lower"
    | (number | string)[]
    | {
        [k: string]: number | undefined;
      }
    | undefined;
}
/**
 * Verbatims from a free-text column, shown as quotes on their step (e-mail addresses and phone numbers redacted).
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "quotes".
 */
export interface Quotes {
  /**
   * The free-text column.
   */
  quotes: string;
  at: Slug11;
  /**
   * At most this many quotes (default 3), the first non-empty answers in file order.
   */
  limit?: number;
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Quotes`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | string
    | number
    | undefined;
}
/**
 * A column whose values map respondents to personas: figures are also computed per persona.
 */
export interface Segment {
  /**
   * The segment column.
   */
  column: string;
  /**
   * Each segment value, mapped to a persona id.
   */
  personas: {
    [k: string]: Slug2 | undefined;
  };
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Segment`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `Segment1`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | string
    | {
        [k: string]: Slug2 | undefined;
      }
    | undefined;
}
/**
 * A semi-fictional customer built on real data.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "persona".
 */
export interface Persona {
  /**
   * The JSON Schema this file follows, for editors that read it from the file (the usual way to attach a schema to a JSON map), such as ./node_modules/cjm/schemas/journey.schema.json. cjm ignores it.
   */
  $schema?: string;
  id?: Slug1;
  name: Text5;
  role?: Text6;
  /**
   * Age in years.
   */
  age?: number;
  segment?: Text7;
  quote?: Text8;
  description?: Text9;
  goals?: TextList;
  frustrations?: TextList1;
  motivations?: TextList2;
  /**
   * Ids of the channels the persona prefers.
   */
  channels?: Slug2[];
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Personas`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `Persona`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | string
    | number
    | TextList
    | TextList1
    | TextList2
    | Slug2[]
    | undefined;
}
/**
 * Emotion per persona: a map from persona id to 1..5.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "emotionMap".
 */
export interface EmotionMap {
  [k: string]: Score | undefined;
}
/**
 * A pain point with an id (for opportunities to address) and a severity.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "painDetail".
 */
export interface PainDetail {
  id?: Slug7;
  text: Text22;
  severity?: Score1;
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Pains`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `PainDetail`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | Slug7
    | Score1
    | undefined;
}
/**
 * Service-blueprint lanes under the line of visibility.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "blueprint".
 */
export interface Blueprint1 {
  frontstage?: TextList5;
  backstage?: TextList6;
  support?: TextList7;
  systems?: TextList8;
  data?: TextList9;
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Blueprint`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `Blueprint1`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | TextList5
    | TextList6
    | TextList7
    | TextList8
    | TextList9
    | undefined;
}
/**
 * An NPS given as a score.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "npsScore".
 */
export interface NpsScore {
  /**
   * The Net Promoter Score, -100 to 100.
   */
  score: number;
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Nps`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `NpsScore`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | number
    | undefined;
}
/**
 * An NPS given as promoters, passives and detractors (counts or percentages); the score is computed.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "npsBreakdown".
 */
export interface NpsBreakdown {
  /**
   * Respondents who answered 9 or 10.
   */
  promoters: number;
  /**
   * Respondents who answered 7 or 8.
   */
  passives: number;
  /**
   * Respondents who answered 0 to 6.
   */
  detractors: number;
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Nps1`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `NpsBreakdown`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | number
    | undefined;
}
/**
 * Indicators: NPS, CSAT, CES, conversion and custom KPIs.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "metrics".
 */
export interface Metrics3 {
  /**
   * Net Promoter Score: { score } or { promoters, passives, detractors }.
   */
  nps?: Nps | Nps1;
  /**
   * Customer satisfaction: a 1..5 average, or a percentage such as "82%".
   */
  csat?: Csat | Csat1;
  /**
   * Customer effort score (lower is better): a bare number is read on the 1–7 scale; `{ score, scale }` names another scale, e.g. `{ score: 2.1, scale: 5 }`.
   */
  ces?: CesOnSeven | CesScored;
  /**
   * Conversion rate, from 0 to 1.
   */
  conversion?: number;
  /**
   * Custom indicators.
   */
  custom?: CustomMetric[];
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Metrics`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `Metrics1`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `Metrics2`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `Metrics3`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | Nps
    | Nps1
    | Csat
    | Csat1
    | CesScored
    | CustomMetric[]
    | undefined;
}
/**
 * A column whose values say which persona a respondent is.
 *
 * This interface was referenced by `CjmJourneyMap`'s JSON-Schema
 * via the `definition` "segment".
 */
export interface Segment1 {
  /**
   * The segment column.
   */
  column: string;
  /**
   * Each segment value, mapped to a persona id.
   */
  personas: {
    [k: string]: Slug2 | undefined;
  };
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `Segment`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   *
   * This interface was referenced by `Segment1`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | string
    | {
        [k: string]: Slug2 | undefined;
      }
    | undefined;
}
