import { forClashes, idOrigin } from "./ids.js";
import type { JourneyRule } from "./rule.js";

export const idCollision: JourneyRule = {
  code: "id-collision",
  severity: "error",
  summary: "Two names give the same derived id",
  check(context) {
    forClashes(context, true, ({ kind, field, item, first }, { related, where }) =>
      context.report(
        `${kind} ${field} "${item.label}" gives the id \`${item.id}\`, already taken by ${kind} "${first.label}" (${where})`,
        idOrigin(item.origin, item.idDerived, field),
        { help: "give one of the two an explicit `id:`", related: [related] },
      ),
    );
  },
};
