import type { Diagnostic, Span } from "../diagnostics/diagnostic.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import type { Parsed } from "../load/parse.js";
import type { SavedView } from "../render/html/saved-view.js";
import type { InputRef } from "../load/read.js";
import type { Journey } from "../model/types.js";
import type { Output, OutputFormat, RenderChoices, RenderResult } from "../render/render.js";
import { summarize, type JourneySummary } from "../render/summary.js";
import type { TemplateSet } from "../render/templates.js";
import { checkInput, type CheckOptions } from "../validate/check.js";

export interface ProcessOptions extends CheckOptions {
  cwd: string;
  /** Text formats to render; none for `validate`. */
  formats: readonly OutputFormat[];
  render?: RenderChoices;
  /** Keep what the image stage needs (the journey, its diagrams and HTML). */
  keepArtifacts?: boolean;
  /** Saved views of the project config: each makes `<id>.<view>.html` when HTML is rendered. */
  views?: Record<string, SavedView>;
}

/** One input, checked and rendered: plain data, so it crosses a worker boundary as it is. */
export interface Processed {
  input: InputRef;
  skipped: boolean;
  /** A persona file given on its own, checked against the persona schema. */
  persona?: boolean;
  diagnostics: Diagnostic[];
  /** Text of the files read, for code frames. */
  sources: { name: string; text: string }[];
  /** Text outputs; empty when the map or its rendering has an error. */
  outputs: Output[];
  journey?: Journey;
  artifacts?: RenderResult["artifacts"];
  /** Where the map's `id:` is (or its top), to locate an output conflict. */
  idSpan?: Span;
  /** For the portfolio index, when the map is valid. */
  summary?: JourneySummary;
  /** Absolute paths of the other files it was built from (persona files): watch re-renders on them. */
  dependencies: string[];
  /** Set when `--cache` skipped the map: the outputs it wrote before, still on disk unchanged. */
  unchangedOutputs?: string[];
}

export interface Caches {
  personas: Map<string, Promise<Parsed | Diagnostic>>;
  templates: Map<string, Promise<TemplateSet>>;
}

export function newCaches(): Caches {
  return { personas: new Map(), templates: new Map() };
}

/** check → model → render for one input. Render diagnostics are placed in the file here, while
 * the parsed source is at hand. */
export async function processInput(input: InputRef, options: ProcessOptions, caches: Caches): Promise<Processed> {
  const checked = await checkInput(input, { ...options, personaCache: caches.personas });
  const processed: Processed = {
    input: stripBytes(input),
    skipped: checked.skipped,
    ...(checked.persona && { persona: true }),
    diagnostics: checked.diagnostics,
    sources: [],
    outputs: [],
    dependencies: [...checked.sources.slice(1).map((s) => s.absolutePath), ...checked.dataFiles],
  };
  // Source text is kept only where a code frame may be shown: a batch of a thousand clean maps
  // should not hold a thousand files in memory.
  const keepSources = () => {
    processed.sources = checked.sources.map((s) => ({ name: s.name, text: s.text }));
  };
  if (checked.diagnostics.length > 0 || options.keepArtifacts) keepSources();
  if (checked.journey) {
    const idSpan = checked.sources[0]?.locate("/id");
    if (idSpan) processed.idSpan = idSpan;
    const link = input.subdir ? `${input.subdir}/${checked.journey.id}` : checked.journey.id;
    processed.summary = summarize(checked.journey, link, checked.facts);
  }
  if (!checked.journey || options.formats.length === 0) {
    if (checked.journey && options.keepArtifacts) processed.journey = checked.journey;
    return processed;
  }
  // The renderers load only when a run renders: `cjm validate` starts without them.
  const { renderJourney } = await import("../render/render.js");
  const rendered = await renderJourney(checked.journey, options.formats, {
    ...options.render,
    ...(checked.facts !== undefined && { facts: checked.facts }),
    cache: caches.templates,
  });
  const byName = new Map(checked.sources.map((s) => [s.name, s]));
  for (const d of rendered.diagnostics) {
    if (!d.span && d.pointer !== undefined) {
      const span = byName.get(d.file)?.locate(d.pointer);
      if (span) d.span = span;
    }
  }
  processed.diagnostics = [...processed.diagnostics, ...rendered.diagnostics];
  if (rendered.diagnostics.length > 0) keepSources();
  // A journey whose rendering failed writes nothing at all, not a partial set.
  if (hasErrors(rendered.diagnostics)) return processed;
  const outputs = [...rendered.outputs];
  if (options.views && options.formats.includes("html")) {
    const { viewOfMap } = await import("../render/html/saved-view.js");
    const made: string[] = [];
    for (const name of Object.keys(options.views).sort()) {
      const view = viewOfMap(checked.journey, options.views[name]!);
      if (!view) continue;
      const page = await renderJourney(view.journey, ["html"], {
        ...options.render,
        cache: caches.templates,
        view: { ...(view.personas && { personas: view.personas }), hiddenLanes: view.hiddenLanes },
      });
      if (hasErrors(page.diagnostics)) {
        processed.diagnostics.push(...page.diagnostics);
        keepSources();
        return processed;
      }
      for (const o of page.outputs) if (o.path.endsWith(".html")) outputs.push({ ...o, path: `${checked.journey.id}.${name}.html` });
      made.push(name);
    }
    if (processed.summary && made.length > 0) processed.summary.views = made;
    if (processed.summary) processed.summary.ids = { personas: checked.journey.personas.map((p) => p.id), stages: checked.journey.stages.map((s) => s.id) };
  }
  processed.outputs = input.subdir ? outputs.map((o) => ({ ...o, path: `${input.subdir}/${o.path}` })) : outputs;
  if (options.keepArtifacts) {
    processed.journey = checked.journey;
    processed.artifacts = rendered.artifacts;
  }
  return processed;
}

function stripBytes(input: InputRef): InputRef {
  const { bytes: _bytes, ...rest } = input;
  return rest;
}
