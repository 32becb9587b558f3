import type { JourneyRule } from "./rule.js";

export const missingObjective: JourneyRule = {
  code: "missing-objective",
  severity: "warning",
  summary: "The map does not say what question it answers",
  check({ journey, report }) {
    if (journey.objective !== undefined) return;
    report("the map does not say what question it answers", { file: journey.file, pointer: "" }, {
      help: "add `objective:`, e.g. `objective: Why do customers drop out at payment?`",
    });
  },
};
