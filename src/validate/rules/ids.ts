import type { RelatedLocation } from "../../diagnostics/diagnostic.js";
import type { Journey, Origin } from "../../model/types.js";
import type { RuleContext } from "./rule.js";

interface Named {
  id: string;
  idDerived: boolean;
  label: string;
  origin: Origin;
}

export interface IdClash {
  kind: string;
  /** The field the id is derived from (`name`, `title`, `text`). */
  field: string;
  item: Named;
  first: Named;
  /** One of the two ids was derived from a name rather than written. */
  derived: boolean;
}

/** The kinds and fields of `IdClash` in French (cjm's French vocabulary: phase, étape, irritant…). */
export const KIND_FR: Record<string, string> = { persona: "persona", channel: "canal", stage: "phase", step: "étape", opportunity: "opportunité", pain: "irritant" };
export const KINDS_FR: Record<string, string> = { persona: "personas", channel: "canaux", stage: "phases", step: "étapes", opportunity: "opportunités", pain: "irritants" };
export const FIELD_FR: Record<string, string> = { name: "nom", title: "titre", text: "texte" };
/** With its article: "l'étape", "la phase". */
export const THE_KIND_FR: Record<string, string> = { persona: "le persona", channel: "le canal", stage: "la phase", step: "l'étape", opportunity: "l'opportunité", pain: "l'irritant" };

const clashes = new WeakMap<Journey, IdClash[]>();

/** Ids used twice within one kind, worked out once per journey for `duplicate-id` and `id-collision`. */
function idClashes(journey: Journey): IdClash[] {
  let found = clashes.get(journey);
  if (found) return found;
  found = [];
  const steps = journey.stages.flatMap((s) => s.steps);
  const kinds: [string, string, Named[]][] = [
    ["persona", "name", journey.personas.map((p) => ({ ...p, label: p.name }))],
    ["channel", "name", journey.channels.map((c) => ({ ...c, idDerived: false, label: c.name }))],
    ["stage", "name", journey.stages.map((s) => ({ ...s, label: s.name }))],
    ["step", "name", steps.map((s) => ({ ...s, label: s.name }))],
    ["opportunity", "title", journey.opportunities.map((o) => ({ ...o, label: o.title }))],
    // Pains written without an id may share their text: only explicit ids must be unique.
    ["pain", "text", steps.flatMap((s) => s.pains).filter((p) => !p.idDerived).map((p) => ({ ...p, label: p.text }))],
  ];
  for (const [kind, field, items] of kinds) {
    const seen = new Map<string, Named>();
    for (const item of items) {
      const first = seen.get(item.id);
      if (!first) seen.set(item.id, item);
      else found.push({ kind, field, item, first, derived: item.idDerived || first.idDerived });
    }
  }
  clashes.set(journey, found);
  return found;
}

/** Where the id of an item is (or, when derived, the field it came from). */
export function idOrigin(o: Origin, derived: boolean, field: string): Origin {
  return { file: o.file, pointer: `${o.pointer}/${derived ? field : "id"}` };
}

const targetCache = new WeakMap<Journey, Map<string, string[]>>();

/** What an opportunity's `addresses` may name: stage, step and pain ids, each with what it names. */
export function addressTargets(journey: Journey): Map<string, string[]> {
  let targets = targetCache.get(journey);
  if (targets) return targets;
  targets = new Map<string, string[]>();
  const add = (id: string, what: string) => targets!.set(id, [...(targets!.get(id) ?? []), what]);
  const steps = journey.stages.flatMap((s) => s.steps);
  journey.stages.forEach((s) => add(s.id, `stage "${s.name}"`));
  steps.forEach((s) => add(s.id, `step "${s.name}"`));
  steps.flatMap((s) => s.pains).forEach((p) => add(p.id, `pain "${p.text}"`));
  targetCache.set(journey, targets);
  return targets;
}

/** Calls `each` for the clashes with derived ids (`id-collision`) or without (`duplicate-id`),
 * with the first item as a related location and as "file:line" for the message. */
export function forClashes(context: RuleContext, derived: boolean, each: (clash: IdClash, first: { related: RelatedLocation; where: string }) => void): void {
  for (const clash of idClashes(context.journey)) {
    if (clash.derived !== derived) continue;
    const { first, field, kind, item } = clash;
    const at = idOrigin(first.origin, first.idDerived, field);
    const span = context.locate(at);
    const related: RelatedLocation = {
      file: at.file,
      pointer: at.pointer,
      message: `the first ${kind} with id \`${item.id}\`${first.idDerived ? ` (from ${field} "${first.label}")` : ""}`,
      fr: `le premier élément (${KIND_FR[kind] ?? kind}) d'id \`${item.id}\`${first.idDerived ? ` (tiré du ${FIELD_FR[field] ?? field} "${first.label}")` : ""}`,
    };
    if (span) related.span = span;
    each(clash, { related, where: `${at.file}:${span?.start.line ?? "?"}` });
  }
}
