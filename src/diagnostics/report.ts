import type { Diagnostic } from "./diagnostic.js";

/** Everything a formatter needs: the sorted diagnostics and the text of the files they point into. */
export interface DiagnosticReport {
  diagnostics: readonly Diagnostic[];
  /** File name → its text, for code frames. */
  sources: ReadonlyMap<string, string>;
  /** How many journey files were checked. */
  filesChecked: number;
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
