import { bilingual, type Diagnostic } from "../diagnostics/diagnostic.js";
import { dropControls, mapStrings } from "../text/controls.js";
import type { JourneyFacts } from "../model/facts.js";
import type { Journey, Locale } from "../model/types.js";
import { emotionCurveSvg, matrixSvg, STEP_WIDTH } from "./html/svg.js";
import { VIEWS_SCRIPT, VIEWS_SCRIPT_HASH } from "./html/views.js";
import { viewCss } from "./html/saved-view.js";
import { flowDiagram, journeyDiagrams, opportunityDiagram } from "./mermaid/diagrams.js";
import { buildRenderModel, type RenderModel } from "./model.js";
import { loadTemplateSet, renderTemplate, type TemplateFormat, type TemplateSet } from "./templates.js";

/** Every output format, text and image. `--format` takes a comma-separated list of these. */
export const OUTPUT_FORMATS = ["markdown", "mermaid", "html", "json", "svg", "png", "pdf"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const DEFAULT_FORMATS: OutputFormat[] = ["markdown", "mermaid"];
/** Formats drawn by a browser. */
export const IMAGE_FORMATS: OutputFormat[] = ["svg", "png", "pdf"];

/** Mermaid replaces larger diagrams with a placeholder image: cjm refuses them instead. */
export { MERMAID_MAX_TEXT } from "../validate/rules/diagram-too-large.js";
import { MERMAID_MAX_TEXT } from "../validate/rules/diagram-too-large.js";

export interface Output {
  /** File name relative to the output folder: `<id>.md`, `<id>.journey.mmd`… */
  path: string;
  content: string | Uint8Array;
}

interface DiagramView {
  /** The file name part: `<id>.<name>.mmd`. */
  name: string;
  title: string;
  context: object;
  /** A journey diagram: the personas whose curve it draws. */
  personas?: string[];
}

/** The Mermaid diagram kinds, each a view built from the render model and its template;
 * `--diagrams` picks among them (default: all, in this order). */
const DIAGRAMS = {
  journey: {
    template: "journey",
    views: (model: RenderModel): DiagramView[] => journeyDiagrams(model).map((d) => ({ name: d.name, title: d.title, context: d, personas: d.personas })),
  },
  flow: { template: "flow", views: (model: RenderModel): DiagramView[] => [{ name: "flow", title: model.labels.flow, context: flowDiagram(model) }] },
  opportunities: {
    template: "opportunities",
    views: (model: RenderModel): DiagramView[] => {
      const matrix = opportunityDiagram(model);
      return matrix ? [{ name: "opportunities", title: matrix.title, context: matrix }] : [];
    },
  },
} satisfies Record<string, { template: string; views: (model: RenderModel) => DiagramView[] }>;

export type DiagramKind = keyof typeof DIAGRAMS;
export const DIAGRAM_KINDS = Object.keys(DIAGRAMS) as DiagramKind[];

/** What a user chooses about rendering (flags and config): one object from the command line to the renderers. */
export interface RenderChoices {
  locale?: Locale;
  diagrams?: readonly DiagramKind[];
  /** A folder whose `<format>/*.hbs` files replace the built-in templates of the same name. */
  templatesDir?: string;
  /** Pixel density of the browser-free PNG pictures (`--scale`). */
  scale?: number;
}

export interface RenderOptions extends RenderChoices {
  /** The journey's facts, when the checker already worked them out. */
  facts?: JourneyFacts;
  /** Template sets already loaded for this run. */
  cache?: Map<string, Promise<TemplateSet>>;
  /** A saved view: the HTML report starts with these personas and lanes shown. */
  view?: { personas?: string[]; hiddenLanes: string[] };
}

export interface RenderResult {
  outputs: Output[];
  diagnostics: Diagnostic[];
  /** What the image stage draws: the Mermaid diagrams (for SVG/PNG) and the HTML report (for PDF). */
  artifacts: { diagrams: DiagramOutput[]; html?: string };
}

export interface DiagramOutput {
  path: string;
  title: string;
  code: string;
  /** The names of a quadrant chart's numbered points, shown under it in the Markdown report. */
  legend?: { number: number; title: string }[];
  /** Under a journey diagram: each of its personas' measured figures (data entries with a `segment:`). */
  personaFigures?: { persona: string; name: string; figures: RenderModel["personas"][number]["measured"] }[];
}

/**
 * Renders one valid journey to the text formats asked for. Pure apart from reading templates: the
 * caller writes the outputs (atomically) only when there is no error.
 */
export async function renderJourney(journey: Journey, formats: readonly OutputFormat[], options: RenderOptions = {}): Promise<RenderResult> {
  // Files for people carry no control characters (the JSON output keeps the text exact).
  const model = mapStrings(buildRenderModel(journey, options.locale, options.facts), dropControls);
  const diagnostics: Diagnostic[] = [];
  const outputs: Output[] = [];
  const cache = options.cache ?? new Map<string, Promise<TemplateSet>>();
  const templates = (format: TemplateFormat) => {
    let set = cache.get(format);
    if (!set) cache.set(format, (set = loadTemplateSet(format, options.templatesDir)));
    return set;
  };

  const needDiagrams = ["mermaid", "markdown", "svg", "png"].some((f) => formats.includes(f as OutputFormat));
  let html: string | undefined;
  const kinds = options.diagrams ?? DIAGRAM_KINDS;
  const diagrams = needDiagrams ? await mermaidDiagrams(journey, model, await templates("mermaid"), diagnostics, kinds) : [];
  if (formats.includes("mermaid")) outputs.push(...diagrams.map((d) => ({ path: d.path, content: d.code })));
  if (formats.includes("markdown")) {
    const r = await renderTemplate(await templates("markdown"), "report", { ...model, diagrams }, journey.file);
    if ("diagnostic" in r) diagnostics.push(r.diagnostic);
    else outputs.push({ path: `${journey.id}.md`, content: finalNewline(dropControls(r.text)) });
  }
  if (formats.includes("html") || formats.includes("pdf")) {
    const context = {
      ...model,
      diagrams,
      stepWidth: STEP_WIDTH,
      gridWidth: 150 + STEP_WIDTH * model.steps.length,
      curveSvg: emotionCurveSvg(model, "curve-title"),
      matrixSvg: matrixSvg(model, "matrix-title"),
      viewLanes: viewLanes(model).map((l) => ({ ...l, checked: !options.view?.hiddenLanes.includes(l.key) })),
      viewPersonas: model.personas.map((p) => ({ id: p.id, name: p.name, checked: options.view?.personas?.length === 1 && options.view.personas[0] === p.id })),
      allPersonasChecked: options.view?.personas?.length !== 1,
      viewCss: options.view ? viewCss(options.view.personas, options.view.hiddenLanes) : "",
      viewsScript: VIEWS_SCRIPT,
      viewsScriptHash: VIEWS_SCRIPT_HASH,
    };
    const r = await renderTemplate(await templates("html"), "report", context, journey.file);
    if ("diagnostic" in r) diagnostics.push(r.diagnostic);
    else {
      html = finalNewline(dropControls(r.text));
      if (formats.includes("html")) outputs.push({ path: `${journey.id}.html`, content: html });
    }
  }
  if (formats.includes("json")) outputs.push({ path: `${journey.id}.json`, content: journeyJson(journey) });
  if (formats.includes("svg") || formats.includes("png")) {
    // The curve and the matrix need no browser: written even where Chromium is missing.
    const { renderPictures } = await import("./picture/pictures.js");
    outputs.push(...(await renderPictures(model, journey.id, { svg: formats.includes("svg"), png: formats.includes("png"), ...(options.scale !== undefined && { scale: options.scale }) })));
  }
  return { outputs, diagnostics, artifacts: { diagrams, ...(html !== undefined && { html }) } };
}

async function mermaidDiagrams(
  journey: Journey,
  model: RenderModel,
  set: TemplateSet,
  diagnostics: Diagnostic[],
  kinds: readonly DiagramKind[],
): Promise<DiagramOutput[]> {
  // In the table's order, whatever the order asked for.
  const wanted = DIAGRAM_KINDS.filter((k) => kinds.includes(k)).flatMap((k) => DIAGRAMS[k].views(model).map((v) => ({ ...v, template: DIAGRAMS[k].template })));
  const out: DiagramOutput[] = [];
  for (const w of wanted) {
    const r = await renderTemplate(set, w.template, { ...w.context, labels: model.labels }, journey.file);
    if ("diagnostic" in r) {
      diagnostics.push(r.diagnostic);
      continue;
    }
    const code = finalNewline(dropControls(r.text).replace(/\n{2,}/g, "\n"));
    if (code.length > MERMAID_MAX_TEXT) {
      diagnostics.push({
        severity: "error",
        code: "diagram-too-large",
        ...bilingual(
          {
            en: `the ${w.name} diagram is ${code.length} characters, over Mermaid's limit of ${MERMAID_MAX_TEXT}; Mermaid would draw a placeholder instead`,
            fr: `le diagramme ${w.name} fait ${code.length} caractères, au-delà de la limite de Mermaid (${MERMAID_MAX_TEXT}) ; Mermaid dessinerait un espace réservé à la place`,
          },
          { en: "split the map into several maps, or shorten the longest names", fr: "découpez la carte en plusieurs cartes, ou raccourcissez les noms les plus longs" },
        ),
        file: journey.file,
      });
      continue;
    }
    const legend = "legend" in w.context ? (w.context as { legend: DiagramOutput["legend"] }).legend : undefined;
    const personaFigures = model.personas
      .filter((p) => w.personas?.includes(p.id) && p.measured.length > 0)
      .map((p) => ({ persona: p.id, name: p.name, figures: p.measured }));
    out.push({ path: `${journey.id}.${w.name}.mmd`, title: w.title, code, ...(legend && { legend }), ...(personaFigures.length > 0 && { personaFigures }) });
  }
  return out;
}

/** The normalised journey as JSON: ids derived, defaults applied, `x-` data kept; no source positions. */
/** The lanes of the HTML grid a reader may hide, by the keys views name them with, in grid order. */
function viewLanes(model: RenderModel): { key: string; label: string }[] {
  const l = model.labels;
  const lanes: { key: string; label: string }[] = [];
  if (model.hasStageGoals) lanes.push({ key: "goal", label: l["lane.goal"] });
  for (const key of ["does", "thinks", "feels"] as const) if (model.lanes[key]) lanes.push({ key, label: l[key] });
  lanes.push({ key: "curve", label: l["lane.curve"] }, { key: "emotion", label: l.emotion });
  for (const key of ["touchpoints", "pains", "gains"] as const) if (model.lanes[key]) lanes.push({ key, label: l[key] });
  for (const b of model.blueprintLanes) lanes.push({ key: b.lane, label: b.label });
  if (model.lanes.owners) lanes.push({ key: "owners", label: l.owners });
  lanes.push({ key: "evidence", label: l.evidence });
  return lanes;
}

export function journeyJson(journey: Journey): string {
  const { file: _where, ...rest } = journey;
  return JSON.stringify(rest, (key, value: unknown) => (key === "origin" ? undefined : value), 2) + "\n";
}

/** LF line ends and exactly one final newline (a loop: `/\n*$/` tries every offset of a large page). */
function finalNewline(text: string): string {
  const lf = text.includes("\r\n") ? text.replace(/\r\n/g, "\n") : text;
  let end = lf.length;
  while (end > 0 && lf.charCodeAt(end - 1) === 10) end--;
  return `${lf.slice(0, end)}\n`;
}
