import { defaultJobs, processAll } from "./pool.js";
import type { Processed } from "./process.js";
import { localize, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Lang } from "../i18n/lang.js";
import type { DiagnosticReport } from "../diagnostics/report.js";
import { discoverInputs } from "../load/discover.js";
import { parseSource } from "../load/parse.js";
import type { InputRef } from "../load/read.js";
import type { CheckOptions } from "../validate/check.js";

export interface FoundInputs {
  inputs: InputRef[];
  /** Problems with the paths themselves (a folder that cannot be listed). */
  pathDiagnostics: Diagnostic[];
  /** Paths given that exist nowhere: a usage problem, not bad input. */
  missing: string[];
}

/** Files, folders and globs expanded to inputs, sorted; `-` is standard input (bytes given). */
export async function findInputs(paths: readonly string[], cwd: string, stdin?: Uint8Array): Promise<FoundInputs> {
  const discovered = await discoverInputs(paths.filter((p) => p !== "-"), cwd);
  const inputs: InputRef[] = [...discovered.inputs];
  if (paths.includes("-")) inputs.unshift({ name: "<stdin>", absolutePath: `${cwd}/<stdin>`, bytes: stdin ?? new Uint8Array() });
  const missing = discovered.diagnostics.filter((d) => /no such file|matches no file/.test(d.message)).map((d) => d.file);
  return { inputs, pathDiagnostics: discovered.diagnostics.filter((d) => !missing.includes(d.file)), missing };
}

/** What a report needs of each input. */
export type Reported = Pick<Processed, "skipped" | "diagnostics" | "sources"> & { persona?: boolean };

export interface CheckPathsResult {
  results: Processed[];
  pathDiagnostics: Diagnostic[];
  missing: string[];
}

/** Checks every journey named by `paths` (the library's one-call entry; the CLI adds rendering). */
export async function checkPaths(
  paths: readonly string[],
  given: CheckOptions & { cwd?: string; stdin?: Uint8Array; jobs?: number | "auto"; onResult?: (result: Processed) => void; onFound?: (inputs: number) => void } = {},
): Promise<CheckPathsResult> {
  // The library's defaults: the process's working folder, one thread.
  const options = { ...given, cwd: given.cwd ?? process.cwd() };
  const found = await findInputs(paths, options.cwd, options.stdin);
  options.onFound?.(found.inputs.length);
  const { stdin: _stdin, jobs, onResult, onFound: _onFound, ...check } = options;
  const results = await processAll(found.inputs, { ...check, formats: [] }, jobs === "auto" ? defaultJobs(found.inputs.length) : (jobs ?? 1), onResult);
  return { results, pathDiagnostics: found.pathDiagnostics, missing: found.missing };
}

/**
 * One report for a run: diagnostics sorted and de-duplicated (a broken shared persona file is told
 * once), their messages in `lang` (the run's language: diagnostics are made in both).
 */
export function buildReport(
  run: { results: readonly Reported[]; pathDiagnostics: readonly Diagnostic[] },
  extra: readonly Diagnostic[] = [],
  lang: Lang = "en",
): DiagnosticReport {
  const sources = new Map<string, string>();
  for (const r of run.results) for (const s of r.sources) sources.set(s.name, s.text);
  // Diagnostics of later stages (the image stage) carry a pointer: place them in their file.
  const placed = extra.map((d) => {
    const text = sources.get(d.file);
    if (d.span || d.pointer === undefined || text === undefined) return d;
    const span = parseSource(new TextEncoder().encode(text), d.file, d.file).source.locate(d.pointer);
    return span ? { ...d, span } : d;
  });
  const all: Diagnostic[] = [...run.pathDiagnostics, ...placed];
  for (const r of run.results) all.push(...r.diagnostics);
  const seen = new Set<string>();
  const unique = all.map((d) => localize(d, lang)).filter((d) => {
    const key = `${d.file}|${d.code}|${d.span?.start.line}:${d.span?.start.col}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    diagnostics: sortDiagnostics(unique),
    sources,
    filesChecked: run.results.filter((r) => !r.skipped && !r.persona).length,
    personaFilesChecked: run.results.filter((r) => r.persona).length,
  };
}
