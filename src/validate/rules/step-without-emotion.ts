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
        report({ en: `step "${step.name}" has no emotion, so the curve has a hole`, fr: `l'étape "${step.name}" n'a pas d'émotion : la courbe a un trou` }, child(step.origin, "name"), {
          help: { en: "add `emotion:` from 1 (very negative) to 5 (very positive)", fr: "ajoutez `emotion:` de 1 (très négatif) à 5 (très positif)" },
        });
      } else if (missing.length > 0) {
        const who = missing.map((m) => `\`${m}\``).join(", ");
        report({ en: `step "${step.name}" has no emotion for ${who}`, fr: `l'étape "${step.name}" n'a pas d'émotion pour ${who}` }, child(step.origin, "emotion"), {
          help: { en: `add a score from 1 to 5 for ${who} under \`emotion:\``, fr: `ajoutez sous \`emotion:\` une note de 1 à 5 pour ${who}` },
        });
      }
    }
  },
};
