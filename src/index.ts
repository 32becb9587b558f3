/**
 * cjm as a library: InputRef → Loaded → Checked {journey, facts, diagnostics} → Rendered → Written
 * (src/pipeline), run by `checkPaths()` and `renderPaths()`. The CLI in `src/cli` is a thin layer
 * over these functions; none of them exits the process or prints.
 */
export type { Diagnostic, Position, Severity, Span, RelatedLocation } from "./diagnostics/diagnostic.js";
export { hasErrors, localize, sortDiagnostics } from "./diagnostics/diagnostic.js";
export { RULES, type RuleCode } from "./diagnostics/codes.js";
export type { DiagnosticReport, FormatOptions, Formatter } from "./diagnostics/report.js";
export { loadFormatter, REPORTERS, type ReporterName } from "./diagnostics/formatters/index.js";
export { parseSource, type Parsed } from "./load/parse.js";
export { discoverInputs } from "./load/discover.js";
export type { InputRef } from "./load/read.js";
export { SourceFile } from "./load/source.js";
export { checkInput, type CheckOptions, type CheckResult } from "./validate/check.js";
export { checkPaths, buildReport, type CheckPathsResult } from "./pipeline/check.js";
export { renderPaths, type RenderSettings, type RunHooks } from "./pipeline/render.js";
export type { Loaded, Checked, Rendered, Written } from "./pipeline/stages.js";
export { UsageError } from "./pipeline/errors.js";
export { journeyFacts, type JourneyFacts } from "./model/facts.js";
export { journeySchema } from "./validate/validators.js";
export { slugify } from "./model/slug.js";
export { computeNps, npsCategory, quadrantOf } from "./model/metrics.js";
export type * from "./model/types.js";
export { starterMap, STAGE_SETS, type StageSet } from "./init/starter.js";
export { renderJourney, OUTPUT_FORMATS, DIAGRAM_KINDS, type OutputFormat, type Output, type RenderOptions, type RenderResult } from "./render/render.js";
export { buildRenderModel, type RenderModel } from "./render/model.js";
export { diffJourneys, type JourneyDiff } from "./diff/diff.js";
export { diffMarkdown, diffJson, diffPretty } from "./diff/format.js";

import { checkInput } from "./validate/check.js";
import { localize, type Diagnostic } from "./diagnostics/diagnostic.js";
import type { Lang } from "./i18n/lang.js";
import type { Journey } from "./model/types.js";

/** Parses and checks journey text (YAML or JSON) held in memory. Persona paths resolve from `cwd`; messages are in `lang` (default English). */
export async function validateText(
  text: string,
  options: { name?: string; cwd?: string; lang?: Lang } = {},
): Promise<{ journey?: Journey; diagnostics: Diagnostic[] }> {
  const cwd = options.cwd ?? process.cwd();
  const name = options.name ?? "<input>";
  const result = await checkInput({ name, absolutePath: `${cwd}/${name}`, bytes: new TextEncoder().encode(text) }, { cwd });
  const diagnostics = result.diagnostics.map((d) => localize(d, options.lang ?? "en"));
  return result.journey ? { journey: result.journey, diagnostics } : { diagnostics };
}
