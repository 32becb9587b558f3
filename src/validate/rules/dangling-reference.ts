import type { Texts } from "../../diagnostics/diagnostic.js";
import type { Origin } from "../../model/types.js";
import { slugify } from "../../model/slug.js";
import { closest } from "../suggest.js";
import { addressTargets } from "./ids.js";
import { child, type JourneyRule } from "./rule.js";

export const danglingReference: JourneyRule = {
  code: "dangling-reference",
  severity: "error",
  summary: "An id that names nothing in the file",
  check(context) {
    const { journey } = context;
    const personaIds = journey.personas.map((p) => p.id);
    const channelIds = journey.channels.map((c) => c.id);
    const dangling = (what: What, id: string, known: string[], origin: Origin, at?: "key") => {
      // A persona named by its name (or first name) rather than its id: say which id that is.
      const byName = what === "persona" ? personaByName(journey.personas, id) : undefined;
      if (byName) {
        context.report(notDefined(what, id), origin, {
          help: {
            en: `did you mean \`${byName.id}\`? (the id of persona "${byName.name}"; steps name personas by id)`,
            fr: `vouliez-vous dire \`${byName.id}\` ? (l'id du persona "${byName.name}" ; les étapes désignent les personas par leur id)`,
          },
          ...(at && { at }),
        });
      } else context.report(notDefined(what, id), origin, { help: referenceHelp(id, known, what), ...(at && { at }) });
    };
    for (const p of journey.personas) {
      p.channels.forEach((c, i) => {
        if (!channelIds.includes(c)) dangling("channel", c, channelIds, child(p.origin, "channels", i));
      });
    }
    for (const { step } of context.facts.steps) {
      if (step.personasExplicit) {
        step.personas.forEach((id, i) => {
          if (!personaIds.includes(id)) dangling("persona", id, personaIds, child(step.origin, "personas", i));
        });
      }
      if (step.emotion !== undefined && typeof step.emotion === "object") {
        for (const key of Object.keys(step.emotion)) {
          if (!personaIds.includes(key)) dangling("persona", key, personaIds, child(step.origin, "emotion", key), "key");
        }
      }
      for (const tp of step.touchpoints) {
        if (!channelIds.includes(tp.channel)) dangling("channel", tp.channel, channelIds, child(tp.origin, "channel"));
      }
    }
    const targets = addressTargets(journey);
    for (const o of journey.opportunities) {
      o.addresses.forEach((id, i) => {
        if (!targets.has(id)) dangling("target", id, [...targets.keys()], child(o.origin, "addresses", i));
      });
    }
  },
};

type What = "persona" | "channel" | "target";
const WHAT: Record<What, Texts> = {
  persona: { en: "persona", fr: "aucun persona" },
  channel: { en: "channel", fr: "aucun canal" },
  target: { en: "step, stage or pain", fr: "aucune étape, phase ni aucun irritant" },
};

function notDefined(what: What, id: string): Texts {
  return { en: `${WHAT[what].en} \`${id}\` is not defined in this map`, fr: `\`${id}\` ne désigne ${WHAT[what].fr} de cette carte` };
}

function referenceHelp(id: string, known: string[], what: What): Texts {
  const guess = closest(id, known);
  if (guess) return { en: `did you mean \`${guess}\`?`, fr: `vouliez-vous dire \`${guess}\` ?` };
  if (known.length === 0) return { en: `the map defines no ${WHAT[what].en} ids`, fr: `la carte ne définit ${WHAT[what].fr}` };
  const shown = known.slice(0, 8).map((k) => `\`${k}\``).join(", ") + (known.length > 8 ? ", …" : "");
  return { en: `known ids: ${shown}`, fr: `ids connus : ${shown}` };
}

/** The persona whose name, or first word of it, gives `written` (accents and case folded). */
export function personaByName<P extends { id: string; name: string }>(personas: readonly P[], written: string): P | undefined {
  const want = slugify(written);
  if (!want) return undefined;
  return (
    personas.find((p) => slugify(p.name) === want) ??
    personas.find((p) => slugify(p.name.split(/\s+/)[0] ?? "") === want) ??
    personas.find((p) => p.id.startsWith(`${want}-`))
  );
}
