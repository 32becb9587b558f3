import { quadrantAxis } from "../../model/metrics.js";
import { fillPlaceholders } from "../../i18n/messages.js";
import type { RenderModel, StepView } from "../model.js";

/** What each Mermaid template receives. Computed here so that templates only lay text out. */
export interface JourneyDiagram {
  /** Output name suffix: `journey`, or `journey.<persona>` when personas feel differently. */
  name: string;
  title: string;
  /** The personas whose curve it draws (ids). */
  personas: string[];
  accTitle: string;
  accDescr: string;
  sections: { name: string; tasks: { name: string; score: number; actors: string[] }[] }[];
}

/**
 * One journey diagram for the map when every step's personas share one score; otherwise one per
 * persona, with the steps that persona takes. Steps with no score are left out (Mermaid needs one).
 */
export function journeyDiagrams(model: RenderModel): JourneyDiagram[] {
  const t = (key: keyof RenderModel["labels"]) => model.labels[key];
  const uniform = model.steps.every((s) => s.emotions.every((e) => e.score === undefined) || s.uniformScore !== undefined);
  const make = (name: string, title: string, personas: string[], pick: (s: StepView) => { score: number; actors: string[] } | undefined): JourneyDiagram => ({
    name,
    title,
    personas,
    accTitle: title,
    accDescr: fillPlaceholders(t("accJourney"), { title: model.journey.title }),
    sections: model.stages
      .map((stage) => ({
        name: stage.name,
        tasks: stage.steps.flatMap((s) => {
          const v = pick(s);
          return v ? [{ name: s.name, ...v }] : [];
        }),
      }))
      .filter((s) => s.tasks.length > 0),
  });
  if (uniform) {
    return [
      make("journey", model.journey.title, model.personas.map((p) => p.id), (s) =>
        s.uniformScore === undefined ? undefined : { score: s.uniformScore, actors: s.personas.map((p) => p.name) },
      ),
    ];
  }
  return model.personas.map((p) =>
    make(`journey.${p.id}`, `${model.journey.title} (${fillPlaceholders(t("forPersona"), { persona: p.name })})`, [p.id], (s) => {
      const score = s.emotions.find((e) => e.persona === p.id)?.score;
      return score === undefined ? undefined : { score, actors: [p.name] };
    }),
  );
}

const SHAPES: Record<string, [string, string]> = {
  digital: ["([", "])"],
  physical: ["[/", "/]"],
  human: ["((", "))"],
  other: ["[", "]"],
  pain: ["{{", "}}"],
};

export function flowDiagram(model: RenderModel) {
  const stepNode = new Map(model.steps.map((s, i) => [s.id, `s${i + 1}`]));
  const nodes: { nodeId: string; open: string; close: string; label: string; step: string; link: string }[] = [];
  const painIds: string[] = [];
  const unownedIds: string[] = [];
  for (const s of model.steps) {
    const from = stepNode.get(s.id)!;
    s.touchpoints.forEach((tp, k) => {
      const nodeId = `${from}t${k + 1}`;
      const [open, close] = SHAPES[tp.kind ?? "other"] ?? SHAPES["other"]!;
      nodes.push({ nodeId, open, close, label: `${tp.name} (${tp.channelName})`, step: from, link: tp.owned ? "---" : "-.-" });
      if (!tp.owned) unownedIds.push(nodeId);
    });
    s.pains.forEach((p, k) => {
      const nodeId = `${from}p${k + 1}`;
      const [open, close] = SHAPES["pain"]!;
      nodes.push({ nodeId, open, close, label: p.text, step: from, link: "---" });
      painIds.push(nodeId);
    });
  }
  const classes = [
    { name: "pain", ids: painIds },
    { name: "truth", ids: model.steps.filter((s) => s.moment === "truth").map((s) => stepNode.get(s.id)!) },
    { name: "magic", ids: model.steps.filter((s) => s.moment === "magic").map((s) => stepNode.get(s.id)!) },
    { name: "unowned", ids: unownedIds },
  ].filter((c) => c.ids.length > 0);
  return {
    accTitle: model.labels.flowDiagramTitle.replace("{title}", model.journey.title),
    accDescr: model.labels.accFlow,
    stages: model.stages.map((st, i) => ({ nodeId: `g${i + 1}`, name: st.name, steps: st.steps.map((s) => ({ nodeId: stepNode.get(s.id)!, name: s.name })) })),
    stepLinks: model.steps.slice(1).map((s, i) => ({ from: stepNode.get(model.steps[i]!.id)!, to: stepNode.get(s.id)! })),
    nodes,
    classes,
  };
}

/** The impact/effort matrix; undefined when no opportunity has both figures. */
export function opportunityDiagram(model: RenderModel) {
  const rated = model.opportunities.filter((o) => o.impact !== undefined && o.effort !== undefined);
  if (rated.length === 0) return undefined;
  // Each value on the side of the midline its quadrant puts it: effort 3 is high effort.
  const axis = quadrantAxis;
  // Mermaid cannot place labels: points carry their number (as in the HTML), the names go in a
  // legend; points of one cell are spread side by side so that none hides another.
  const inCell = new Map<string, number>();
  const spread = (o: (typeof rated)[number]) => {
    const key = `${o.effort}/${o.impact}`;
    const k = inCell.get(key) ?? 0;
    inCell.set(key, k + 1);
    const n = rated.filter((r) => `${r.effort}/${r.impact}` === key).length;
    const x = axis(o.effort!) + (k - (n - 1) / 2) * 0.035;
    // Stay on the quadrant's side of the midline.
    const low = o.effort! < 3;
    return Math.round(Math.min(low ? 0.49 : 0.99, Math.max(low ? 0.01 : 0.51, x)) * 1000) / 1000;
  };
  const l = model.labels;
  return {
    title: l.quadrantDiagramTitle,
    accTitle: l.quadrantDiagramTitle,
    accDescr: l.accQuadrant,
    lowEffort: l.lowEffort,
    highEffort: l.highEffort,
    lowImpact: l.lowImpact,
    highImpact: l.highImpact,
    majorProjects: l["quadrant.major-project"],
    quickWins: l["quadrant.quick-win"],
    fillIns: l["quadrant.fill-in"],
    thanklessTasks: l["quadrant.thankless-task"],
    points: rated.map((o, i) => ({ label: String(o.number ?? i + 1), x: spread(o), y: axis(o.impact!) })),
    legend: rated.map((o, i) => ({ number: o.number ?? i + 1, title: o.title })),
  };
}
