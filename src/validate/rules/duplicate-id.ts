import { forClashes, idOrigin } from "./ids.js";
import type { JourneyRule } from "./rule.js";

export const duplicateId: JourneyRule = {
  code: "duplicate-id",
  severity: "error",
  summary: "Two items of one kind share an id",
  check(context) {
    forClashes(context, false, ({ kind, field, item }, { related, where }) =>
      context.report(`${kind} id \`${item.id}\` is used twice (first at ${where})`, idOrigin(item.origin, false, field), {
        help: `ids must be unique among ${kind === "opportunity" ? "opportunitie" : kind}s`,
        related: [related],
      }),
    );
  },
};
