import { FIELD_FR, forClashes, idOrigin, KIND_FR, THE_KIND_FR } from "./ids.js";
import type { JourneyRule } from "./rule.js";

export const idCollision: JourneyRule = {
  code: "id-collision",
  severity: "error",
  summary: "Two names give the same derived id",
  check(context) {
    forClashes(context, true, ({ kind, field, item, first }, { related, where }) =>
      context.report(
        {
          en: `${kind} ${field} "${item.label}" gives the id \`${item.id}\`, already taken by ${kind} "${first.label}" (${where})`,
          fr: `le ${FIELD_FR[field] ?? field} "${item.label}" (${KIND_FR[kind] ?? kind}) donne l'id \`${item.id}\`, déjà pris par ${THE_KIND_FR[kind] ?? kind} "${first.label}" (${where})`,
        },
        idOrigin(item.origin, item.idDerived, field),
        { help: { en: "give one of the two an explicit `id:`", fr: "donnez à l'un des deux un `id:` explicite" }, related: [related] },
      ),
    );
  },
};
