import { child, type JourneyRule } from "./rule.js";

export const assumedMomentOfTruth: JourneyRule = {
  code: "assumed-moment-of-truth",
  severity: "warning",
  summary: "A moment of truth backed only by assumption",
  check({ facts, report }) {
    const assumed = facts.steps.filter(({ step }) => step.moment === "truth" && step.evidence === "assumed");
    for (const { step } of assumed) {
      report(`moment of truth "${step.name}" rests on assumption only`, child(step.origin, "evidence"), {
        help: "back it with research (interviews, analytics) before acting on it",
      });
    }
  },
};
