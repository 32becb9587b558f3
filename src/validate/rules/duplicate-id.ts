import type { RelatedLocation } from "../../diagnostics/diagnostic.js";
import { idClashes, idOrigin, type IdClash } from "./ids.js";
import type { JourneyRule, RuleContext } from "./rule.js";

/** The first of two items sharing an id, as a related location; also "file:line" for the message. */
export function firstOf(clash: IdClash, context: RuleContext): { related: RelatedLocation; where: string } {
  const { first, field, kind, item } = clash;
  const at = idOrigin(first.origin, first.idDerived, field);
  const span = context.locate(at);
  const related: RelatedLocation = {
    file: at.file,
    pointer: at.pointer,
    message: `the first ${kind} with id \`${item.id}\`${first.idDerived ? ` (from ${field} "${first.label}")` : ""}`,
  };
  if (span) related.span = span;
  return { related, where: `${at.file}:${span?.start.line ?? "?"}` };
}

export const duplicateId: JourneyRule = {
  code: "duplicate-id",
  severity: "error",
  summary: "Two items of one kind share an id",
  check(context) {
    for (const clash of idClashes(context.journey)) {
      if (clash.derived) continue;
      const { related, where } = firstOf(clash, context);
      const { kind, field, item } = clash;
      context.report(`${kind} id \`${item.id}\` is used twice (first at ${where})`, idOrigin(item.origin, false, field), {
        help: `ids must be unique among ${kind === "opportunity" ? "opportunitie" : kind}s`,
        related: [related],
      });
    }
  },
};
