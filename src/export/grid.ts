import { columnHeader, emotionHeader, type GridKey } from "../import/grid-columns.js";
import { BLUEPRINT_LANES, type Journey, type Locale, type Step } from "../model/types.js";

/** A cell value: text, or a number (a spreadsheet keeps emotions as numbers). */
export type GridValue = string | number;

/** The grid of a map: a header row, then one row per step, stage by stage. */
export interface Grid {
  header: string[];
  rows: GridValue[][];
}

/** Placeholder for "nothing on this line" in a column whose lines pair with another's. */
export const NONE = "-";

function extensionText(value: unknown): GridValue {
  if (typeof value === "string" || typeof value === "number") return value;
  return JSON.stringify(value);
}

/**
 * The map as a grid (what `cjm import csv|xlsx` reads back): a column only when some step uses
 * it; list fields one item per line; touchpoints and their channels, pains and their ids and
 * severities on paired lines; one emotion column per persona.
 */
export function journeyGrid(journey: Journey, locale: Locale): Grid {
  const steps = journey.stages.flatMap((stage) => stage.steps.map((step) => ({ stage, step })));
  const any = (f: (s: Step) => boolean) => steps.some(({ step }) => f(step));
  const columns: { header: string; value: (s: (typeof steps)[number]) => GridValue }[] = [];
  const add = (key: GridKey, value: (s: (typeof steps)[number]) => GridValue) => columns.push({ header: columnHeader(key, locale), value });
  const lines = (list: readonly string[]) => list.join("\n");

  add("stage", ({ stage }) => stage.name);
  add("stageId", ({ stage }) => stage.id);
  add("step", ({ step }) => step.name);
  add("stepId", ({ step }) => step.id);
  if (any((s) => s.personasExplicit)) add("personas", ({ step }) => (step.personasExplicit ? step.personas.join(", ") : ""));
  for (const field of ["does", "thinks", "feels"] as const) if (any((s) => s[field] !== undefined)) add(field, ({ step }) => step[field] ?? "");
  // One emotion column per persona, always: the header row is where the grid keeps persona ids.
  for (const persona of journey.personas) {
    columns.push({
      header: emotionHeader(persona.id, locale),
      value: ({ step }) => step.emotions.find((e) => e.persona === persona.id)?.score ?? "",
    });
  }
  if (any((s) => s.touchpoints.length > 0)) {
    add("touchpoint", ({ step }) => lines(step.touchpoints.map((t) => t.name)));
    add("channel", ({ step }) => lines(step.touchpoints.map((t) => t.channel)));
  }
  if (any((s) => s.pains.length > 0)) {
    add("pain", ({ step }) => lines(step.pains.map((p) => p.text)));
    if (any((s) => s.pains.some((p) => !p.idDerived))) add("painId", ({ step }) => (step.pains.some((p) => !p.idDerived) ? lines(step.pains.map((p) => (p.idDerived ? NONE : p.id))) : ""));
    if (any((s) => s.pains.some((p) => p.severity !== undefined))) {
      add("painSeverity", ({ step }) => (step.pains.some((p) => p.severity !== undefined) ? lines(step.pains.map((p) => (p.severity === undefined ? NONE : String(p.severity)))) : ""));
    }
  }
  if (any((s) => s.gains.length > 0)) add("gain", ({ step }) => lines(step.gains));
  if (any((s) => s.moment !== undefined)) add("moment", ({ step }) => step.moment ?? "");
  if (any((s) => s.evidence !== undefined)) add("evidence", ({ step }) => step.evidence ?? "");
  if (any((s) => s.owners.length > 0)) add("owner", ({ step }) => lines(step.owners));
  for (const lane of BLUEPRINT_LANES) if (any((s) => s.blueprint[lane].length > 0)) add(lane, ({ step }) => lines(step.blueprint[lane]));
  const extensionKeys = [...new Set(steps.flatMap(({ step }) => Object.keys(step.extensions ?? {})))].sort();
  for (const key of extensionKeys) {
    columns.push({ header: key, value: ({ step }) => (step.extensions?.[key] === undefined ? "" : extensionText(step.extensions[key])) });
  }
  return { header: columns.map((c) => c.header), rows: steps.map((s) => columns.map((c) => c.value(s))) };
}
