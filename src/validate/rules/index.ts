import { bilingual, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { JourneyFacts } from "../../model/facts.js";
import type { Journey } from "../../model/types.js";
import { ambiguousReference } from "./ambiguous-reference.js";
import { assumedMomentOfTruth } from "./assumed-moment-of-truth.js";
import { danglingReference } from "./dangling-reference.js";
import { diagramTooLarge } from "./diagram-too-large.js";
import { duplicateId } from "./duplicate-id.js";
import { idCollision } from "./id-collision.js";
import { missingObjective } from "./missing-objective.js";
import { npsNoResponses } from "./nps-no-responses.js";
import { personaNotOnStep } from "./persona-not-on-step.js";
import type { JourneyRule, RuleContext } from "./rule.js";
import { stageWithoutTouchpoint } from "./stage-without-touchpoint.js";
import { stepWithoutEmotion } from "./step-without-emotion.js";
import { unaddressedPain } from "./unaddressed-pain.js";
import { handTypedMetric } from "./hand-typed-metric.js";
import { metricRegression } from "./metric-regression.js";
import { smallSample } from "./small-sample.js";
import { staleData } from "./stale-data.js";

export type { JourneyRule, RuleContext } from "./rule.js";

/**
 * Every rule the JSON Schema cannot express: unique ids, references that resolve, then the lint
 * warnings. A new rule is a file beside this one, listed here.
 */
export const JOURNEY_RULES: readonly JourneyRule[] = [
  duplicateId,
  idCollision,
  danglingReference,
  ambiguousReference,
  personaNotOnStep,
  npsNoResponses,
  stepWithoutEmotion,
  unaddressedPain,
  stageWithoutTouchpoint,
  assumedMomentOfTruth,
  missingObjective,
  smallSample,
  metricRegression,
  staleData,
  handTypedMetric,
  diagramTooLarge,
];

/** A diagnostic before its span is known, with the part of the node it points at. */
export type PendingDiagnostic = Diagnostic & { at?: "key" | "value" };

/** Runs every rule on a normalised journey. Spans are left to the caller, which resolves them once per file. */
export function checkJourney(
  journey: Journey,
  facts: JourneyFacts,
  locate: RuleContext["locate"],
  dates: { today: string; staleDays: number } = { today: "9999-12-31", staleDays: Infinity },
): PendingDiagnostic[] {
  const out: PendingDiagnostic[] = [];
  for (const rule of JOURNEY_RULES) {
    rule.check({
      journey,
      facts,
      locate,
      ...dates,
      report(message, origin, extra = {}) {
        const d: PendingDiagnostic = { severity: rule.severity, code: rule.code, ...bilingual(message, extra.help), file: origin.file, pointer: origin.pointer };
        if (extra.at) d.at = extra.at;
        if (extra.related?.length) d.related = extra.related;
        out.push(d);
      },
    });
  }
  return out;
}
