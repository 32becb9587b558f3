import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { JourneyFacts } from "../model/facts.js";
import type { Journey, Locale } from "../model/types.js";
import { emotionCurveSvg, matrixSvg, PERSONA_COLORS, STEP_WIDTH } from "./html/svg.js";
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
export const MERMAID_MAX_TEXT = 50_000;

export interface Output {
  /** File name relative to the output folder: `<id>.md`, `<id>.journey.mmd`… */
  path: string;
  content: string | Uint8Array;
}

/** The Mermaid diagram kinds; `--diagrams` picks among them (default: all). */
export const DIAGRAM_KINDS = ["journey", "flow", "opportunities"] as const;
export type DiagramKind = (typeof DIAGRAM_KINDS)[number];

export interface RenderOptions {
  locale?: Locale;
  diagrams?: readonly DiagramKind[];
  /** A folder whose `<format>/*.hbs` files replace the built-in templates of the same name. */
  templatesDir?: string;
  /** The journey's facts, when the checker already worked them out. */
  facts?: JourneyFacts;
  /** Template sets already loaded for this run. */
  cache?: Map<string, Promise<TemplateSet>>;
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
}

/**
 * Renders one valid journey to the text formats asked for. Pure apart from reading templates: the
 * caller writes the outputs (atomically) only when there is no error.
 */
export async function renderJourney(journey: Journey, formats: readonly OutputFormat[], options: RenderOptions = {}): Promise<RenderResult> {
  const model = buildRenderModel(journey, options.locale, options.facts);
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
    else outputs.push({ path: `${journey.id}.md`, content: finalNewline(r.text) });
  }
  if (formats.includes("html") || formats.includes("pdf")) {
    const context = {
      ...model,
      diagrams,
      stepWidth: STEP_WIDTH,
      gridWidth: 150 + STEP_WIDTH * model.steps.length,
      personaColors: model.personas.map((_, i) => PERSONA_COLORS[i % PERSONA_COLORS.length]),
      curveSvg: emotionCurveSvg(model, "curve-title"),
      matrixSvg: matrixSvg(model, "matrix-title"),
    };
    const r = await renderTemplate(await templates("html"), "report", context, journey.file);
    if ("diagnostic" in r) diagnostics.push(r.diagnostic);
    else {
      html = finalNewline(r.text);
      if (formats.includes("html")) outputs.push({ path: `${journey.id}.html`, content: html });
    }
  }
  if (formats.includes("json")) outputs.push({ path: `${journey.id}.json`, content: journeyJson(journey) });
  return { outputs, diagnostics, artifacts: { diagrams, ...(html !== undefined && { html }) } };
}

async function mermaidDiagrams(
  journey: Journey,
  model: RenderModel,
  set: TemplateSet,
  diagnostics: Diagnostic[],
  kinds: readonly DiagramKind[],
): Promise<DiagramOutput[]> {
  const wanted: { name: string; template: string; title: string; context: object }[] = [];
  if (kinds.includes("journey")) wanted.push(...journeyDiagrams(model).map((d) => ({ name: d.name, template: "journey", title: d.title, context: d })));
  if (kinds.includes("flow")) wanted.push({ name: "flow", template: "flow", title: model.labels.flow, context: flowDiagram(model) });
  const matrix = kinds.includes("opportunities") ? opportunityDiagram(model) : undefined;
  if (matrix) wanted.push({ name: "opportunities", template: "opportunities", title: matrix.title, context: matrix });
  const out: DiagramOutput[] = [];
  for (const w of wanted) {
    const r = await renderTemplate(set, w.template, { ...w.context, labels: model.labels }, journey.file);
    if ("diagnostic" in r) {
      diagnostics.push(r.diagnostic);
      continue;
    }
    const code = finalNewline(r.text.replace(/\n{2,}/g, "\n"));
    if (code.length > MERMAID_MAX_TEXT) {
      diagnostics.push({
        severity: "error",
        code: "diagram-too-large",
        message: `the ${w.name} diagram is ${code.length} characters, over Mermaid's limit of ${MERMAID_MAX_TEXT}; Mermaid would draw a placeholder instead`,
        file: journey.file,
        help: "split the map into several maps, or shorten the longest names",
      });
      continue;
    }
    out.push({ path: `${journey.id}.${w.name}.mmd`, title: w.title, code });
  }
  return out;
}

/** The normalised journey as JSON: ids derived, defaults applied, `x-` data kept; no source positions. */
export function journeyJson(journey: Journey): string {
  const { file: _where, ...rest } = journey;
  return JSON.stringify(rest, (key, value: unknown) => (key === "origin" ? undefined : value), 2) + "\n";
}

function finalNewline(text: string): string {
  return text.replace(/\r\n/g, "\n").replace(/\n*$/, "\n");
}
