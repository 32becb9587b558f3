import { child, type JourneyRule } from "./rule.js";

export const personaNotOnStep: JourneyRule = {
  code: "persona-not-on-step",
  severity: "error",
  summary: "An emotion is given for a persona that does not take the step",
  check(context) {
    const personaIds = new Set(context.journey.personas.map((p) => p.id));
    for (const { step } of context.facts.steps) {
      if (step.emotion === undefined || typeof step.emotion !== "object") continue;
      for (const key of Object.keys(step.emotion)) {
        // An unknown persona is a dangling-reference instead.
        if (!personaIds.has(key) || step.personas.includes(key)) continue;
        const personas = step.personas.map((p) => `\`${p}\``).join(", ");
        context.report(
          { en: `emotion given for persona \`${key}\`, who does not take this step`, fr: `émotion donnée pour le persona \`${key}\`, qui ne fait pas cette étape` },
          child(step.origin, "emotion", key),
          {
            at: "key",
            help: {
              en: `the step's personas are ${personas}; add \`${key}\` to \`personas\` or remove this line`,
              fr: `les personas de l'étape sont ${personas} ; ajoutez \`${key}\` à \`personas\` ou retirez cette ligne`,
            },
          },
        );
      }
    }
  },
};
