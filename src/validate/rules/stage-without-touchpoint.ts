import { child, type JourneyRule } from "./rule.js";

export const stageWithoutTouchpoint: JourneyRule = {
  code: "stage-without-touchpoint",
  severity: "warning",
  summary: "A stage where the customer meets no touchpoint",
  check({ facts, report }) {
    for (const stage of facts.stagesWithoutTouchpoint) {
      report(`stage "${stage.name}" has no touchpoint: where does the customer meet the brand?`, child(stage.origin, "name"));
    }
  },
};
