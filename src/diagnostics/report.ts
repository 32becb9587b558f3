import type { Diagnostic } from "./diagnostic.js";

/** Everything a formatter needs: the sorted diagnostics and the text of the files they point into. */
export interface DiagnosticReport {
  diagnostics: readonly Diagnostic[];
  /** File name → its text, for code frames. */
  sources: ReadonlyMap<string, string>;
  /** How many journey files were checked. */
  filesChecked: number;
  /** Persona files given on their own (checked against the persona schema). */
  personaFilesChecked?: number;
  /** Warnings left out by `--quiet`: the summary still counts them. */
  hiddenWarnings?: number;
  /** `--strict`: warnings fail the run, and the summary says so. */
  strict?: boolean;
}

export interface FormatOptions {
  color: boolean;
  toolVersion: string;
  /** The folder file names are relative to (the working directory): the machine formats resolve them. */
  cwd?: string;
  /** The repository root machine formats make paths relative to: the git top level, else the project root. */
  repoRoot?: string;
}

export type Formatter = (report: DiagnosticReport, options: FormatOptions) => string | Promise<string>;

export function counts(report: DiagnosticReport): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of report.diagnostics) {
    if (d.severity === "error") errors++;
    else warnings++;
  }
  return { errors, warnings };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The report `--quiet` shows: errors only, with the warnings it hides still counted. */
export function shownReport(report: DiagnosticReport, quiet: boolean, strict: boolean): DiagnosticReport {
  if (!quiet) return { ...report, strict };
  const errors = report.diagnostics.filter((d) => d.severity === "error");
  return { ...report, diagnostics: errors, hiddenWarnings: report.diagnostics.length - errors.length, strict };
}
