import type { Texts } from "../../diagnostics/diagnostic.js";
import type { Journey } from "../../model/types.js";

/** A saved view of `cjm.config.yaml`: the lanes, personas and stages shown (all when left out). */
export interface SavedView {
  lanes?: string[];
  personas?: string[];
  stages?: string[];
}

export const VIEW_LANES = ["goal", "does", "thinks", "feels", "curve", "emotion", "touchpoints", "pains", "gains", "frontstage", "backstage", "support", "systems", "data", "owners", "evidence"] as const;

/** What a view asks of one map: `undefined` when the map has none of its personas or stages. */
export function viewOfMap(journey: Journey, view: SavedView): { journey: Journey; personas?: string[]; hiddenLanes: string[] } | undefined {
  let shown = journey;
  if (view.stages) {
    const stages = journey.stages.filter((s) => view.stages!.includes(s.id));
    if (stages.length === 0) return undefined;
    shown = { ...journey, stages };
  }
  let personas: string[] | undefined;
  if (view.personas) {
    personas = journey.personas.filter((p) => view.personas!.includes(p.id)).map((p) => p.id);
    if (personas.length === 0) return undefined;
  }
  const hiddenLanes = view.lanes ? VIEW_LANES.filter((l) => !view.lanes!.includes(l)) : [];
  return { journey: shown, ...(personas && { personas }), hiddenLanes };
}

/**
 * The view as CSS, so it holds with JavaScript off: the lanes and personas it leaves out hidden.
 * Ids are slugs and lane keys a fixed list, safe in selectors. The script, once running, takes
 * over (`html.cjm-js`), so the controls can show them again.
 */
export function viewCss(personas: readonly string[] | undefined, hiddenLanes: readonly string[]): string {
  const rules: string[] = [];
  for (const lane of hiddenLanes) rules.push(`html:not(.cjm-js) tr[data-lane="${lane}"] { display: none; }`);
  if (personas) {
    const keep = personas.map((p) => `:not([data-persona="${p}"])`).join("");
    rules.push(`html:not(.cjm-js) [data-persona]${keep}:not(input) { display: none; }`);
  }
  return rules.join("\n");
}

/** Persona and stage ids a view names that no rendered map has: a config error. */
export function unknownViewIds(views: Record<string, SavedView>, maps: readonly { personas: string[]; stages: string[] }[]): Texts[] {
  const personas = new Set(maps.flatMap((m) => m.personas));
  const stages = new Set(maps.flatMap((m) => m.stages));
  const problems: Texts[] = [];
  for (const [name, view] of Object.entries(views).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const p of view.personas ?? []) {
      if (!personas.has(p)) problems.push({ en: `view \`${name}\` names persona \`${p}\`, which no map has`, fr: `la vue \`${name}\` nomme la persona \`${p}\`, qu'aucune carte n'a` });
    }
    for (const s of view.stages ?? []) {
      if (!stages.has(s)) problems.push({ en: `view \`${name}\` names stage \`${s}\`, which no map has`, fr: `la vue \`${name}\` nomme la phase \`${s}\`, qu'aucune carte n'a` });
    }
  }
  return problems;
}
