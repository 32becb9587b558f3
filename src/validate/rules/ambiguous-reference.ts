import { addressTargets } from "./ids.js";
import { child, type JourneyRule } from "./rule.js";

export const ambiguousReference: JourneyRule = {
  code: "ambiguous-reference",
  severity: "error",
  summary: "An id that names several things",
  check(context) {
    const targets = addressTargets(context.journey);
    for (const o of context.journey.opportunities) {
      o.addresses.forEach((id, i) => {
        const found = targets.get(id);
        if (found && found.length > 1) {
          context.report(`\`${id}\` names ${found.length} things: ${found.join(", ")}`, child(o.origin, "addresses", i), {
            help: "give the one you mean an explicit, distinct `id:`",
          });
        }
      });
    }
  },
};
