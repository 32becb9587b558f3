import { child, type JourneyRule } from "./rule.js";

export const stepWithoutEmotion: JourneyRule = {
  code: "step-without-emotion",
  severity: "warning",
  summary: "A step has no emotion, so the curve has a hole",
  check({ journey, facts, report }) {
    const personaIds = new Set(journey.personas.map((p) => p.id));
    for (const { step } of facts.steps) {
      // An emotion given under an id that names no persona is one dangling-reference, not also a hole.
      if (typeof step.emotion === "object" && Object.keys(step.emotion).some((key) => !personaIds.has(key))) continue;
      const missing = step.emotions.filter((e) => e.score === undefined).map((e) => e.persona);
      if (step.emotion === undefined) {
        report(`step "${step.name}" has no emotion, so the curve has a hole`, child(step.origin, "name"), {
          help: "add `emotion:` from 1 (very negative) to 5 (very positive)",
        });
      } else if (missing.length > 0) {
        report(`step "${step.name}" has no emotion for ${missing.map((m) => `\`${m}\``).join(", ")}`, child(step.origin, "emotion"));
      }
    }
  },
};
