import { sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { DiagnosticReport } from "../diagnostics/report.js";
import { discoverInputs } from "../load/discover.js";
import type { InputRef } from "../load/read.js";
import type { SourceFile } from "../load/source.js";
import { checkInput, type CheckOptions, type CheckResult } from "./check.js";

export interface CheckPathsResult {
  results: CheckResult[];
  /** Problems with the paths themselves (a folder that cannot be listed, a path that is not there). */
  pathDiagnostics: Diagnostic[];
  /** Paths given that exist nowhere: a usage problem, not bad input. */
  missing: string[];
}

/**
 * Checks every journey named by `paths` (files, folders, globs; `-` is standard input, whose bytes
 * the caller passes). Persona files shared by several maps are read once.
 */
export async function checkPaths(
  paths: readonly string[],
  options: CheckOptions & { cwd: string; stdin?: Uint8Array },
): Promise<CheckPathsResult> {
  const fileArgs = paths.filter((p) => p !== "-");
  const discovered = await discoverInputs(fileArgs, options.cwd);
  const inputs: InputRef[] = [...discovered.inputs];
  if (paths.includes("-")) {
    inputs.unshift({ name: "<stdin>", absolutePath: `${options.cwd}/<stdin>`, bytes: options.stdin ?? new Uint8Array() });
  }
  const missing = discovered.diagnostics.filter((d) => /no such file|matches no file/.test(d.message)).map((d) => d.file);
  const pathDiagnostics = discovered.diagnostics.filter((d) => !missing.includes(d.file));
  const personaCache = options.personaCache ?? new Map();
  const results: CheckResult[] = [];
  for (const input of inputs) {
    results.push(await checkInput(input, { ...options, personaCache }));
  }
  return { results, pathDiagnostics, missing };
}

/** One report for a run: diagnostics sorted and de-duplicated (a broken shared persona file is told once). */
export function buildReport(run: CheckPathsResult, extra: readonly Diagnostic[] = []): DiagnosticReport {
  const sources = new Map<string, string>();
  const files = new Map<string, SourceFile>();
  for (const r of run.results) for (const s of r.sources) files.set(s.name, s);
  // Diagnostics from later stages (renderers) carry a pointer: place them in the file here.
  const placed = extra.map((d) => {
    const span = d.span ?? (d.pointer !== undefined ? files.get(d.file)?.locate(d.pointer) : undefined);
    return span ? { ...d, span } : d;
  });
  const all: Diagnostic[] = [...run.pathDiagnostics, ...placed];
  for (const r of run.results) {
    for (const s of r.sources) sources.set(s.name, s.text);
    all.push(...r.diagnostics);
  }
  const seen = new Set<string>();
  const unique = all.filter((d) => {
    const key = `${d.file}|${d.code}|${d.span?.start.line}:${d.span?.start.col}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    diagnostics: sortDiagnostics(unique),
    sources,
    filesChecked: run.results.filter((r) => !r.skipped).length,
  };
}
