// One analysis of an open journey file for the language server: the pipeline's own check (load
// with positions, schema, persona files, rules, facts) plus the index of ids. Nothing is checked
// here a second way: diagnostics are exactly what `cjm validate` reports.
import path from "node:path";
import { localize, type Diagnostic, type Span } from "../diagnostics/diagnostic.js";
import type { Lang } from "../i18n/lang.js";
import type { FileReader } from "../load/personas.js";
import type { SourceFile } from "../load/source.js";
import type { JourneyFacts } from "../model/facts.js";
import type { Journey } from "../model/types.js";
import { checkInput } from "../validate/check.js";
import type { SeverityOverrides } from "../validate/severity.js";
import { symbolIndex, type PersonaFileData, type Place, type SymbolIndex } from "./symbols.js";

export interface Analysis {
  file: string;
  diagnostics: Diagnostic[];
  /** The files read (the map first, then its persona files), with their YAML positions. */
  sources: Map<string, SourceFile>;
  index: SymbolIndex;
  /** Present when the map has no error. */
  journey?: Journey;
  facts?: JourneyFacts;
  /** The file parsed as YAML (navigation works even when the schema or rules fail). */
  parsed: boolean;
}

export interface AnalysisOptions {
  cwd: string;
  readFile: FileReader;
  severities?: SeverityOverrides;
  /** The project config's `stale-data` days and benchmarks file. */
  staleDays?: number;
  benchmarks?: { file: string; config: string };
  root?: string;
  /** The language of the diagnostics' messages (default English). */
  lang?: Lang;
}

export async function analyse(file: string, text: string, options: AnalysisOptions): Promise<Analysis> {
  const result = await checkInput(
    { name: file, absolutePath: file, bytes: new TextEncoder().encode(text) },
    {
      cwd: options.cwd,
      readFile: options.readFile,
      ...(options.severities !== undefined && { severities: options.severities }),
      ...(options.staleDays !== undefined && { staleDays: options.staleDays }),
      ...(options.benchmarks !== undefined && { benchmarks: options.benchmarks }),
      ...(options.root !== undefined && { root: options.root }),
    },
  );
  const sources = new Map<string, SourceFile>();
  for (const s of result.sources) sources.set(path.resolve(options.cwd, s.name), s);
  const data = result.data ?? toData(sources.get(file));
  const personaFiles: PersonaFileData[] = [];
  const declared = Array.isArray((data as { personas?: unknown })?.personas) ? (data as { personas: unknown[] }).personas : [];
  declared.forEach((p, i) => {
    if (typeof p !== "string") return;
    const personaFile = path.resolve(path.dirname(file), p);
    const source = sources.get(personaFile);
    personaFiles[i] = source ? { file: personaFile, data: toData(source) } : undefined;
  });
  const diagnostics = result.diagnostics.map((d) => ({ ...localize(d, options.lang ?? "en"), file: path.resolve(options.cwd, d.file) }));
  return {
    file,
    diagnostics,
    sources,
    index: symbolIndex(file, data, personaFiles),
    ...(result.journey && { journey: result.journey }),
    ...(result.facts && { facts: result.facts }),
    parsed: data !== undefined,
  };
}

function toData(source: SourceFile | undefined): unknown {
  if (!source?.document || source.document.errors.length > 0) return undefined;
  try {
    return source.document.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

/** The span of a place, in the analysis's files. */
export function spanOf(analysis: Analysis, place: Place): Span | undefined {
  return analysis.sources.get(place.file)?.locate(place.pointer, place.at);
}
