import { mermaidActor, mermaidText } from "../../render/escape.js";
import type { JourneyRule } from "./rule.js";

/** Mermaid draws a "Maximum text size in diagram exceeded" placeholder past this many characters. */
export const MERMAID_MAX_TEXT = 50_000;
/** Mermaid's flowchart refuses more edges than this (`maxEdges`), at render time only. */
export const MERMAID_MAX_EDGES = 500;

/**
 * Mermaid's limits, counted from the model while validating (no template, no renderer loaded), so
 * that a map that validates also renders, and nothing is written for one that would not. The text
 * count is a lower bound of what the templates write (labels as escaped, the fixed words left
 * out); the renderer still measures the exact text.
 */
export const diagramTooLarge: JourneyRule = {
  code: "diagram-too-large",
  severity: "error",
  summary: "A Mermaid diagram is over Mermaid's limits (50,000 characters, or 500 flowchart links)",
  check({ journey, facts, report }) {
    const steps = facts.steps.map((s) => s.step);
    const at = { file: journey.file, pointer: "/stages" };
    const edges = Math.max(0, steps.length - 1) + steps.reduce((n, s) => n + s.touchpoints.length + s.pains.length, 0);
    if (edges > MERMAID_MAX_EDGES) {
      report(
        {
          en: `the flow diagram would have ${edges} links (${steps.length} steps in a row, plus one per touchpoint and pain), over Mermaid's limit of ${MERMAID_MAX_EDGES}`,
          fr: `le diagramme de flux aurait ${edges} liens (${steps.length} étapes à la suite, plus un par point de contact et par irritant), au-delà de la limite de Mermaid (${MERMAID_MAX_EDGES})`,
        },
        at,
        { help: { en: "split the map into several maps (one per stage group, say)", fr: "découpez la carte en plusieurs cartes (une par groupe de phases, par exemple)" } },
      );
    }
    // Flow: every stage, step, touchpoint and pain label once, each on its own line.
    const flowText =
      journey.stages.reduce((n, st) => n + mermaidText(st.name).length + 20, 0) +
      steps.reduce(
        (n, s) =>
          n +
          mermaidText(s.name).length + 16 +
          s.touchpoints.reduce((m, tp) => m + mermaidText(tp.name).length + 20, 0) +
          s.pains.reduce((m, p) => m + mermaidText(p.text).length + 20, 0),
        0,
      );
    // Journey: each step once per diagram, with its actors (one diagram, or one per persona).
    // Each persona's actor name measured once (the first persona of an id, as a lookup would find).
    const actorLength = new Map<string, number>();
    for (const p of journey.personas) if (!actorLength.has(p.id)) actorLength.set(p.id, mermaidActor(p.name).length);
    const journeyText = steps.reduce(
      (n, s) => n + mermaidText(s.name).length + 8 + s.personas.reduce((m, id) => m + (actorLength.get(id) ?? mermaidActor(id).length), 0),
      0,
    );
    for (const [name, size] of [["flow", flowText], ["journey", journeyText]] as const) {
      if (size > MERMAID_MAX_TEXT) {
        report(
          {
            en: `the ${name} diagram would be over ${size} characters, over Mermaid's limit of ${MERMAID_MAX_TEXT}; Mermaid would draw a placeholder instead`,
            fr: `le diagramme ${name === "flow" ? "de flux" : "de parcours"} dépasserait ${size} caractères, au-delà de la limite de Mermaid (${MERMAID_MAX_TEXT}) ; Mermaid dessinerait un espace réservé à la place`,
          },
          at,
          { help: { en: "split the map into several maps, or shorten the longest names", fr: "découpez la carte en plusieurs cartes, ou raccourcissez les noms les plus longs" } },
        );
      }
    }
  },
};
