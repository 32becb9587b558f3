import type { Origin } from "../../model/types.js";
import { slugify } from "../../model/slug.js";
import { closest } from "../suggest.js";
import { addressTargets } from "./ids.js";
import { child, type JourneyRule, type RuleContext } from "./rule.js";

export const danglingReference: JourneyRule = {
  code: "dangling-reference",
  severity: "error",
  summary: "An id that names nothing in the file",
  check(context) {
    const { journey } = context;
    const personaIds = journey.personas.map((p) => p.id);
    const channelIds = journey.channels.map((c) => c.id);
    const dangling = (what: string, id: string, known: string[], origin: Origin, at?: "key") => {
      // A persona named by its name (or first name) rather than its id: say which id that is.
      const byName = what === "persona" ? personaByName(journey.personas, id) : undefined;
      if (byName) {
        context.report(`${what} \`${id}\` is not defined in this map`, origin, {
          help: `did you mean \`${byName.id}\`? (the id of persona "${byName.name}"; steps name personas by id)`,
          ...(at && { at }),
        });
      } else report(context, what, id, known, origin, at);
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
        if (!targets.has(id)) dangling("step, stage or pain", id, [...targets.keys()], child(o.origin, "addresses", i));
      });
    }
  },
};

function report(context: RuleContext, what: string, id: string, known: string[], origin: Origin, at?: "key") {
  context.report(`${what} \`${id}\` is not defined in this map`, origin, { help: referenceHelp(id, known, what), ...(at && { at }) });
}

function referenceHelp(id: string, known: string[], what: string): string {
  const guess = closest(id, known);
  if (guess) return `did you mean \`${guess}\`?`;
  if (known.length === 0) return `the map defines no ${what} ids`;
  const shown = known.slice(0, 8).map((k) => `\`${k}\``).join(", ");
  return `known ids: ${shown}${known.length > 8 ? ", …" : ""}`;
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
