import type { JourneyRule } from "./rule.js";

export const missingObjective: JourneyRule = {
  code: "missing-objective",
  severity: "warning",
  summary: "The map does not say what question it answers",
  check({ journey, report }) {
    if (journey.objective !== undefined) return;
    report({ en: "the map does not say what question it answers", fr: "la carte ne dit pas à quelle question elle répond" }, { file: journey.file, pointer: "" }, {
      help: {
        en: "add `objective:`, e.g. `objective: Why do customers drop out at payment?`",
        fr: "ajoutez `objective:`, par exemple `objective: Pourquoi les clients abandonnent-ils au paiement ?`",
      },
    });
  },
};
