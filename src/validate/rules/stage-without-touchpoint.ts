import { child, type JourneyRule } from "./rule.js";

export const stageWithoutTouchpoint: JourneyRule = {
  code: "stage-without-touchpoint",
  severity: "warning",
  summary: "A stage where the customer meets no touchpoint",
  check({ facts, report }) {
    for (const stage of facts.stagesWithoutTouchpoint) {
      report(
        {
          en: `stage "${stage.name}" has no touchpoint: where does the customer meet the brand?`,
          fr: `la phase "${stage.name}" n'a aucun point de contact : où le client rencontre-t-il la marque ?`,
        },
        child(stage.origin, "name"),
        {
          help: {
            en: "add a `touchpoints:` entry to one of its steps (a channel and what happens there)",
            fr: "ajoutez une entrée `touchpoints:` à l'une de ses étapes (un canal et ce qui s'y passe)",
          },
        },
      );
    }
  },
};
