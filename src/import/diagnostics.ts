import { bilingual, type Diagnostic, type Severity, type Texts } from "../diagnostics/diagnostic.js";
import type { RuleCode } from "../diagnostics/codes.js";

/** A diagnostic about a line (and column) of a file being imported: `.mmd` lines, sheet cells. */
export function importDiagnostic(
  severity: Severity,
  code: RuleCode,
  file: string,
  line: number,
  col: number,
  message: Texts,
  help?: Texts,
  width = 1,
): Diagnostic {
  return {
    severity,
    code,
    ...bilingual(message, help),
    file,
    span: { start: { line, col }, end: { line, col: col + Math.max(1, width) } },
  };
}
