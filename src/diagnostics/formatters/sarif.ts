import { RULES, type RuleCode } from "../codes.js";
import type { DiagnosticReport, FormatOptions } from "../report.js";

/** SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, GitLab, Azure DevOps). */
export function formatSarif(report: DiagnosticReport, options: FormatOptions): string {
  const codes = (Object.keys(RULES) as RuleCode[]).sort();
  const index = new Map(codes.map((c, i) => [c as string, i]));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "cjm",
            version: options.toolVersion,
            informationUri: "https://www.npmjs.com/package/cjm",
            rules: codes.map((code) => ({
              id: code,
              name: code.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: RULES[code].summary },
              defaultConfiguration: { level: RULES[code].severity },
              helpUri: `https://www.npmjs.com/package/cjm#rule-${code}`,
            })),
          },
        },
        columnKind: "unicodeCodePoints",
        results: report.diagnostics.map((d) => ({
          ruleId: d.code,
          ...(index.has(d.code) && { ruleIndex: index.get(d.code) }),
          level: d.severity,
          message: { text: d.help ? `${d.message} (help: ${d.help})` : d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(d.file) },
                ...(d.span && {
                  region: {
                    startLine: d.span.start.line,
                    startColumn: d.span.start.col,
                    endLine: d.span.end.line,
                    endColumn: Math.max(d.span.end.col, d.span.start.line === d.span.end.line ? d.span.start.col : 1),
                  },
                }),
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}
