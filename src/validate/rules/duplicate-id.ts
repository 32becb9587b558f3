import { forClashes, idOrigin, KIND_FR, KINDS_FR } from "./ids.js";
import type { JourneyRule } from "./rule.js";

export const duplicateId: JourneyRule = {
  code: "duplicate-id",
  severity: "error",
  summary: "Two items of one kind share an id",
  check(context) {
    forClashes(context, false, ({ kind, field, item }, { related, where }) =>
      context.report(
        { en: `${kind} id \`${item.id}\` is used twice (first at ${where})`, fr: `l'id \`${item.id}\` (${KIND_FR[kind] ?? kind}) est utilisé deux fois (d'abord à ${where})` },
        idOrigin(item.origin, false, field),
        {
          help: { en: `ids must be unique among ${kind === "opportunity" ? "opportunitie" : kind}s`, fr: `les ids doivent être uniques parmi les ${KINDS_FR[kind] ?? kind}` },
          related: [related],
        },
      ),
    );
  },
};
