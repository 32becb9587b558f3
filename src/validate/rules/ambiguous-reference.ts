import { addressTargets, KIND_FR } from "./ids.js";
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
          context.report(
            { en: `\`${id}\` names ${found.length} things: ${found.join(", ")}`, fr: `\`${id}\` désigne ${found.length} éléments : ${found.map(fr).join(", ")}` },
            child(o.origin, "addresses", i),
            { help: { en: "give the one you mean an explicit, distinct `id:`", fr: "donnez à celui que vous visez un `id:` explicite et distinct" } },
          );
        }
      });
    }
  },
};

/** `stage "Buy"` in French (`addressTargets` words them in English, kind first). */
function fr(target: string): string {
  const space = target.indexOf(" ");
  const kind = target.slice(0, space);
  return `${KIND_FR[kind] ?? kind} ${target.slice(space + 1)}`;
}
