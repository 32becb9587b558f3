import { firstOf } from "./duplicate-id.js";
import { idClashes, idOrigin } from "./ids.js";
import type { JourneyRule } from "./rule.js";

export const idCollision: JourneyRule = {
  code: "id-collision",
  severity: "error",
  summary: "Two names give the same derived id",
  check(context) {
    for (const clash of idClashes(context.journey)) {
      if (!clash.derived) continue;
      const { related, where } = firstOf(clash, context);
      const { kind, field, item, first } = clash;
      context.report(
        `${kind} ${field} "${item.label}" gives the id \`${item.id}\`, already taken by ${kind} "${first.label}" (${where})`,
        idOrigin(item.origin, item.idDerived, field),
        { help: "give one of the two an explicit `id:`", related: [related] },
      );
    }
  },
};
