import type { JourneyRule } from "./rule.js";

export const unaddressedPain: JourneyRule = {
  code: "unaddressed-pain",
  severity: "warning",
  summary: "A pain that no opportunity addresses",
  check({ facts, report }) {
    for (const { pain, step, dropped } of facts.openPains) {
      const help =
        dropped.length > 0
          ? `only dropped opportunities (${dropped.map((o) => `\`${o.id}\``).join(", ")}) name it, and a dropped opportunity addresses nothing`
          : `list \`${pain.id}\` (or the step \`${step.id}\`) in an opportunity's \`addresses\``;
      report(`pain "${pain.text}" is addressed by no opportunity`, pain.origin, { help });
    }
  },
};
