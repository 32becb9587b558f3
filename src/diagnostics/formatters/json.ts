import { counts, type DiagnosticReport, type FormatOptions } from "../report.js";

/**
 * A stable machine shape (documented in README, "JSON output"): `{ version, tool, summary,
 * diagnostics }`, each diagnostic with `severity`, `code`, `message`, `file`, `line`, `column`,
 * `endLine`, `endColumn`, `pointer` and, when given, `help` and `related`.
 */
export function formatJson(report: DiagnosticReport, options: FormatOptions): string {
  const { errors, warnings } = counts(report);
  return (
    JSON.stringify(
      {
        version: 1,
        tool: { name: "cjm", version: options.toolVersion },
        summary: { files: report.filesChecked, errors, warnings },
        diagnostics: report.diagnostics.map((d) => ({
          severity: d.severity,
          code: d.code,
          message: d.message,
          file: d.file,
          line: d.span?.start.line ?? null,
          column: d.span?.start.col ?? null,
          endLine: d.span?.end.line ?? null,
          endColumn: d.span?.end.col ?? null,
          pointer: d.pointer ?? null,
          ...(d.help !== undefined && { help: d.help }),
          ...(d.related !== undefined && {
            related: d.related.map((r) => ({ file: r.file, line: r.span?.start.line ?? null, column: r.span?.start.col ?? null, message: r.message })),
          }),
        })),
      },
      null,
      2,
    ) + "\n"
  );
}
