import { say } from "../../i18n/lang.js";
import { createHash } from "node:crypto";
import { RULES, type RuleCode } from "../codes.js";
import type { RelatedLocation, Span } from "../diagnostic.js";
import { encodePathUri, fileUri, repositoryPath } from "../locations.js";
import type { DiagnosticReport, FormatOptions } from "../report.js";
import { RULE_HELP } from "../rule-help.js";

const SRCROOT = "%SRCROOT%";

/**
 * SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, GitLab, Azure DevOps), checked
 * against the official OASIS schema by the tests. Columns are UTF-16 code units (what JavaScript
 * string offsets and editors count); files inside the repository are URIs relative to its root
 * (`%SRCROOT%`), others `file://` URIs. No `helpUri`: cjm has no public home page yet, so each
 * rule's help is in the report.
 */
export function formatSarif(report: DiagnosticReport, options: FormatOptions): string {
  const codes = (Object.keys(RULES) as RuleCode[]).sort();
  const index = new Map(codes.map((c, i) => [c as string, i]));
  const seen = new Map<string, number>();
  const sarif = {
    $schema: "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "cjm",
            version: options.toolVersion,
            rules: codes.map((code) => ({
              id: code,
              name: code.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: RULES[code].summary },
              fullDescription: { text: `${RULES[code].summary} (\`${code}\`, ${RULES[code].severity} by default).` },
              help: {
                text: `${RULE_HELP[code]} The severity of a lint rule can be changed in cjm.config.yaml (rules: { ${code}: off | warning | error }).`,
                markdown: `**${RULES[code].summary}**\n\n${RULE_HELP[code]}\n\nThe severity of a lint rule can be changed in \`cjm.config.yaml\`:\n\n\`\`\`yaml\nrules:\n  ${code}: warning   # off, warning or error\n\`\`\``,
              },
              defaultConfiguration: { level: RULES[code].severity },
            })),
          },
        },
        automationDetails: { id: "cjm/" },
        columnKind: "utf16CodeUnits",
        results: report.diagnostics.map((d) => {
          const where = repositoryPath(d.file, options);
          // Stable across edits elsewhere in the file and across languages: never the message.
          const base = `${d.code}|${where.relative ?? where.absolute ?? d.file}|${d.pointer ?? `${d.span?.start.line ?? 0}:${d.span?.start.col ?? 0}`}`;
          const nth = (seen.get(base) ?? 0) + 1;
          seen.set(base, nth);
          return {
            ruleId: d.code,
            ...(index.has(d.code) && { ruleIndex: index.get(d.code) }),
            level: d.severity,
            message: { text: d.help ? `${d.message} (${say(options.lang ?? "en", "help")}: ${d.help})` : d.message },
            locations: [location(d.file, d.span, options)],
            ...(d.related?.length && {
              relatedLocations: d.related.map((r: RelatedLocation, i) => ({ id: i + 1, ...location(r.file, r.span, options), message: { text: r.message } })),
            }),
            partialFingerprints: { "cjmLocation/v1": `${sha256(base)}:${nth}` },
          };
        }),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}

/** A SARIF empty run: what `--format sarif` prints when the command line itself is wrong. */
export function emptySarif(options: FormatOptions): string {
  return formatSarif({ diagnostics: [], sources: new Map(), filesChecked: 0 }, options);
}

function location(file: string, span: Span | undefined, options: FormatOptions) {
  const where = repositoryPath(file, options);
  const artifactLocation =
    where.relative !== undefined
      ? { uri: encodePathUri(where.relative), ...(options.cwd !== undefined && { uriBaseId: SRCROOT }) }
      : where.absolute !== undefined
        ? { uri: fileUri(where.absolute) }
        : { description: { text: file } };
  return {
    physicalLocation: {
      artifactLocation,
      ...(span && {
        region: {
          startLine: span.start.line,
          startColumn: span.start.col,
          endLine: span.end.line,
          endColumn: Math.max(span.end.col, span.start.line === span.end.line ? span.start.col : 1),
        },
      }),
    },
  };
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

