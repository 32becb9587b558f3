import { pointerOf, type RelatedLocation, type Severity, type Span, type Texts } from "../../diagnostics/diagnostic.js";
import type { JourneyFacts } from "../../model/facts.js";
import type { Journey, Origin } from "../../model/types.js";

/** What a rule may say about a place: help, related places, and whether to point at the key. */
export interface ReportExtra {
  help?: Texts | undefined;
  related?: RelatedLocation[];
  at?: "key" | "value";
}

export interface RuleContext {
  journey: Journey;
  facts: JourneyFacts;
  /** The span of an origin, for messages that name another place ("first at map.yaml:12"). */
  locate(origin: Origin, at?: "key" | "value"): Span | undefined;
  /** A finding, its message (and help) in English and French: the run's language picks one. */
  report(message: Texts, origin: Origin, extra?: ReportExtra): void;
  /** Today (`YYYY-MM-DD`) and the age data may reach, for `stale-data`. */
  today: string;
  staleDays: number;
}

/** A rule the JSON Schema cannot express, checked on the normalised journey. One file each. */
/** The codes of the rules in this folder (the file names). */
export type JourneyRuleCode =
  | "duplicate-id"
  | "id-collision"
  | "dangling-reference"
  | "ambiguous-reference"
  | "persona-not-on-step"
  | "nps-no-responses"
  | "diagram-too-large"
  | "missing-objective"
  | "stage-without-touchpoint"
  | "step-without-emotion"
  | "assumed-moment-of-truth"
  | "unaddressed-pain"
  | "small-sample"
  | "metric-regression"
  | "stale-data"
  | "hand-typed-metric";

export interface JourneyRule {
  code: JourneyRuleCode;
  severity: Severity;
  /** One line: what it means (docs/rules.md's table, SARIF's rule list). */
  summary: string;
  /** Reported only when a project turns it on. */
  defaultOff?: true;
  check(context: RuleContext): void;
}

export function child(origin: Origin, ...path: (string | number)[]): Origin {
  return { file: origin.file, pointer: origin.pointer + pointerOf(path) };
}
