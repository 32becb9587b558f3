import type { Diagnostic, Severity } from "../diagnostics/diagnostic.js";
import type { RuleCode } from "../diagnostics/codes.js";

/** A diagnostic about a line (and column) of a file being imported: `.mmd` lines, sheet cells. */
export function importDiagnostic(
  severity: Severity,
  code: RuleCode,
  file: string,
  line: number,
  col: number,
  message: string,
  help?: string,
  width = 1,
): Diagnostic {
  return {
    severity,
    code,
    message,
    file,
    span: { start: { line, col }, end: { line, col: col + Math.max(1, width) } },
    ...(help !== undefined && { help }),
  };
}
