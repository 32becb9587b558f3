import type { JourneyRule } from "./rule.js";

export const unaddressedPain: JourneyRule = {
  code: "unaddressed-pain",
  severity: "warning",
  summary: "A pain that no opportunity addresses",
  check({ facts, report }) {
    for (const { pain, step, dropped } of facts.openPains) {
      const ids = dropped.map((o) => `\`${o.id}\``).join(", ");
      const help =
        dropped.length > 0
          ? {
              en: `only dropped opportunities (${ids}) name it, and a dropped opportunity addresses nothing`,
              fr: `seules des opportunités abandonnées (${ids}) le citent, et une opportunité abandonnée ne traite rien`,
            }
          : {
              en: `list \`${pain.id}\` (or the step \`${step.id}\`) in an opportunity's \`addresses\``,
              fr: `citez \`${pain.id}\` (ou l'étape \`${step.id}\`) dans le \`addresses\` d'une opportunité`,
            };
      report({ en: `pain "${pain.text}" is addressed by no opportunity`, fr: `l'irritant "${pain.text}" n'est traité par aucune opportunité` }, pain.origin, { help });
    }
  },
};
