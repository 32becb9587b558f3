import { child, type JourneyRule } from "./rule.js";

export const assumedMomentOfTruth: JourneyRule = {
  code: "assumed-moment-of-truth",
  severity: "warning",
  summary: "A moment of truth backed only by assumption",
  check({ facts, report }) {
    const assumed = facts.steps.filter(({ step }) => step.moment === "truth" && step.evidence === "assumed");
    for (const { step } of assumed) {
      report(
        { en: `moment of truth "${step.name}" rests on assumption only`, fr: `le moment de vérité "${step.name}" ne repose que sur une hypothèse` },
        child(step.origin, "evidence"),
        {
          help: {
            en: "back it with research (interviews, analytics) before acting on it",
            fr: "étayez-le par des études (entretiens, analytics) avant d'agir dessus",
          },
        },
      );
    }
  },
};
