import { pointerOf, type Diagnostic, type RelatedLocation, type Span } from "../diagnostics/diagnostic.js";
import type { JourneyFacts } from "../model/facts.js";
import type { Journey, Origin } from "../model/types.js";
import { closest } from "./suggest.js";

export type Locate = (origin: Origin, at?: "key" | "value") => Span | undefined;

interface Named {
  id: string;
  idDerived: boolean;
  label: string;
  origin: Origin;
}

/**
 * The rules a JSON Schema cannot express: unique ids, references that resolve, derived-id
 * collisions; then the lint warnings. Runs on the normalised model, pointing back into the files.
 */
export function checkJourney(journey: Journey, facts: JourneyFacts, locate: Locate): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (
    severity: Diagnostic["severity"],
    code: string,
    message: string,
    origin: Origin,
    extra: { help?: string | undefined; related?: RelatedLocation[]; at?: "key" | "value" } = {},
  ) => {
    const d: Diagnostic = { severity, code, message, file: origin.file, pointer: origin.pointer };
    const span = locate(origin, extra.at);
    if (span) d.span = span;
    if (extra.help) d.help = extra.help;
    if (extra.related?.length) d.related = extra.related;
    out.push(d);
  };
  const idOrigin = (o: Origin, derived: boolean, field: string): Origin => ({
    file: o.file,
    pointer: `${o.pointer}/${derived ? field : "id"}`,
  });

  // Unique ids, per kind.
  const steps = journey.stages.flatMap((s) => s.steps);
  const pains = steps.flatMap((s) => s.pains);
  const kinds: [string, string, Named[]][] = [
    ["persona", "name", journey.personas.map((p) => ({ ...p, label: p.name }))],
    ["channel", "name", journey.channels.map((c) => ({ ...c, idDerived: false, label: c.name }))],
    ["stage", "name", journey.stages.map((s) => ({ ...s, label: s.name }))],
    ["step", "name", steps.map((s) => ({ ...s, label: s.name }))],
    ["opportunity", "title", journey.opportunities.map((o) => ({ ...o, label: o.title }))],
    // Pains written without an id may share their text: only explicit ids must be unique.
    ["pain", "text", pains.filter((p) => !p.idDerived).map((p) => ({ ...p, label: p.text }))],
  ];
  for (const [kind, field, items] of kinds) {
    const seen = new Map<string, Named>();
    for (const item of items) {
      const first = seen.get(item.id);
      if (!first) {
        seen.set(item.id, item);
        continue;
      }
      const derived = item.idDerived || first.idDerived;
      const firstAt = idOrigin(first.origin, first.idDerived, field);
      const firstSpan = locate(firstAt);
      const related: RelatedLocation = {
        file: firstAt.file,
        pointer: firstAt.pointer,
        message: `the first ${kind} with id \`${item.id}\`${first.idDerived ? ` (from ${field} "${first.label}")` : ""}`,
      };
      if (firstSpan) related.span = firstSpan;
      const firstWhere = `${firstAt.file}:${firstSpan?.start.line ?? "?"}`;
      if (derived) {
        report(
          "error",
          "id-collision",
          `${kind} ${field} "${item.label}" gives the id \`${item.id}\`, already taken by ${kind} "${first.label}" (${firstWhere})`,
          idOrigin(item.origin, item.idDerived, field),
          { help: `give one of the two an explicit \`id:\``, related: [related] },
        );
      } else {
        report("error", "duplicate-id", `${kind} id \`${item.id}\` is used twice (first at ${firstWhere})`, idOrigin(item.origin, false, field), {
          help: `ids must be unique among ${kind === "opportunity" ? "opportunitie" : kind}s`,
          related: [related],
        });
      }
    }
  }

  // References.
  const personaIds = journey.personas.map((p) => p.id);
  const channelIds = journey.channels.map((c) => c.id);
  const dangling = (what: string, id: string, known: string[], origin: Origin, at?: "key") =>
    report("error", "dangling-reference", `${what} \`${id}\` is not defined in this map`, origin, {
      help: referenceHelp(id, known, what),
      ...(at && { at }),
    });

  for (const p of journey.personas) {
    p.channels.forEach((c, i) => {
      if (!channelIds.includes(c)) dangling("channel", c, channelIds, child(p.origin, "channels", i));
    });
  }
  for (const st of steps) {
    if (st.personasExplicit) {
      st.personas.forEach((id, i) => {
        if (!personaIds.includes(id)) dangling("persona", id, personaIds, child(st.origin, "personas", i));
      });
    }
    if (st.emotion !== undefined && typeof st.emotion === "object") {
      for (const key of Object.keys(st.emotion)) {
        const at = child(st.origin, "emotion", key);
        if (!personaIds.includes(key)) dangling("persona", key, personaIds, at, "key");
        else if (!st.personas.includes(key)) {
          report("error", "persona-not-on-step", `emotion given for persona \`${key}\`, who does not take this step`, at, {
            at: "key",
            help: `the step's personas are ${st.personas.map((p) => `\`${p}\``).join(", ")}; add \`${key}\` to \`personas\` or remove this line`,
          });
        }
      }
    }
    st.touchpoints.forEach((tp) => {
      if (!channelIds.includes(tp.channel)) dangling("channel", tp.channel, channelIds, child(tp.origin, "channel"));
    });
  }

  const targets = new Map<string, string[]>();
  const addTarget = (id: string, what: string) => targets.set(id, [...(targets.get(id) ?? []), what]);
  journey.stages.forEach((s) => addTarget(s.id, `stage "${s.name}"`));
  steps.forEach((s) => addTarget(s.id, `step "${s.name}"`));
  pains.forEach((p) => addTarget(p.id, `pain "${p.text}"`));
  for (const o of journey.opportunities) {
    o.addresses.forEach((id, i) => {
      const found = targets.get(id);
      const at = child(o.origin, "addresses", i);
      if (!found) dangling("step, stage or pain", id, [...targets.keys()], at);
      else if (found.length > 1) {
        report("error", "ambiguous-reference", `\`${id}\` names ${found.length} things: ${found.join(", ")}`, at, {
          help: "give the one you mean an explicit, distinct `id:`",
        });
      }
    });
  }

  // Lint warnings.
  if (journey.objective === undefined) {
    report("warning", "missing-objective", "the map does not say what question it answers", { file: journey.file, pointer: "" }, {
      help: "add `objective:`, e.g. `objective: Why do customers drop out at payment?`",
    });
  }
  for (const stage of facts.stagesWithoutTouchpoint) {
    report("warning", "stage-without-touchpoint", `stage "${stage.name}" has no touchpoint: where does the customer meet the brand?`, child(stage.origin, "name"));
  }
  for (const { step: st } of facts.steps) {
    const missing = st.emotions.filter((e) => e.score === undefined).map((e) => e.persona);
    if (st.emotion === undefined) {
      report("warning", "step-without-emotion", `step "${st.name}" has no emotion, so the curve has a hole`, child(st.origin, "name"), {
        help: "add `emotion:` from 1 (very negative) to 5 (very positive)",
      });
    } else if (missing.length > 0) {
      report("warning", "step-without-emotion", `step "${st.name}" has no emotion for ${missing.map((m) => `\`${m}\``).join(", ")}`, child(st.origin, "emotion"));
    }
    if (st.moment === "truth" && st.evidence === "assumed") {
      report("warning", "assumed-moment-of-truth", `moment of truth "${st.name}" rests on assumption only`, child(st.origin, "evidence"), {
        help: "back it with research (interviews, analytics) before acting on it",
      });
    }
  }
  for (const { pain, step: st, dropped } of facts.openPains) {
    const help =
      dropped.length > 0
        ? `only dropped opportunities (${dropped.map((o) => `\`${o.id}\``).join(", ")}) name it, and a dropped opportunity addresses nothing`
        : `list \`${pain.id}\` (or the step \`${st.id}\`) in an opportunity's \`addresses\``;
    report("warning", "unaddressed-pain", `pain "${pain.text}" is addressed by no opportunity`, pain.origin, { help });
  }
  return out;
}

function child(origin: Origin, ...path: (string | number)[]): Origin {
  return { file: origin.file, pointer: origin.pointer + pointerOf(path) };
}

function referenceHelp(id: string, known: string[], what: string): string {
  const guess = closest(id, known);
  if (guess) return `did you mean \`${guess}\`?`;
  if (known.length === 0) return `the map defines no ${what} ids`;
  const shown = known.slice(0, 8).map((k) => `\`${k}\``).join(", ");
  return `known ids: ${shown}${known.length > 8 ? ", …" : ""}`;
}
