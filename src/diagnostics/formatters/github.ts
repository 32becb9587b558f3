import { say } from "../../i18n/lang.js";
import type { Diagnostic } from "../diagnostic.js";
import { dropControls, visibleControls } from "../../text/controls.js";
import { repositoryPath } from "../locations.js";
import { counts, plural, type DiagnosticReport, type FormatOptions } from "../report.js";

/** GitHub shows at most this many annotations of each kind (error, warning) per step. */
export const ANNOTATIONS_SHOWN = 10;

/**
 * GitHub Actions workflow commands: one `::error` or `::warning` annotation per diagnostic, shown on
 * the pull request's lines. Paths are relative to the repository root (the runner resolves them
 * from there, whatever the step's `working-directory`). Past 10 of a kind GitHub drops the rest: one
 * `::notice` then gives the totals, and the others follow as plain log lines (the full list goes
 * to the step summary, see `githubStepSummary`).
 */
export function formatGithub(report: DiagnosticReport, options: FormatOptions): string {
  const shown = { error: 0, warning: 0 };
  const annotations: string[] = [];
  const rest: string[] = [];
  for (const d of report.diagnostics) {
    if (shown[d.severity]++ < ANNOTATIONS_SHOWN) annotations.push(annotation(d, options));
    // Prefixed: a line of the log that starts with `::` would be read as a workflow command.
    else rest.push(`cjm: ${place(d, options)}: ${d.severity}[${d.code}]: ${oneLine(d.message)}\n`);
  }
  if (rest.length === 0) return annotations.join("");
  const { errors, warnings } = counts(report);
  const notice = `${plural(errors, "error")} and ${plural(warnings, "warning")} in ${plural(report.filesChecked, "journey")}; GitHub shows the first ${ANNOTATIONS_SHOWN} of each kind, the full list is in the job summary and below`;
  return [...annotations, `::notice title=${prop("cjm")}::${data(notice)}\n`, ...rest].join("");
}

/**
 * The full list as Markdown for `$GITHUB_STEP_SUMMARY`, when annotations were cut; undefined when
 * every problem got its annotation.
 */
export function githubStepSummary(report: DiagnosticReport, options: FormatOptions): string | undefined {
  const { errors, warnings } = counts(report);
  if (errors <= ANNOTATIONS_SHOWN && warnings <= ANNOTATIONS_SHOWN) return undefined;
  const rows = report.diagnostics.map((d) => `| ${cell(place(d, options))} | ${d.severity} | \`${d.code}\` | ${cell(d.message)}${d.help ? `<br>${say(options.lang ?? "en", "help")}: ${cell(d.help)}` : ""} |`);
  return [
    `### cjm: ${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(report.filesChecked, "journey")}`,
    "",
    "| where | severity | rule | problem |",
    "|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

function annotation(d: Diagnostic, options: FormatOptions): string {
  const file = fileFor(d, options);
  const props = file !== undefined ? [`file=${prop(file)}`] : [];
  if (d.span && file !== undefined) {
    props.push(`line=${d.span.start.line}`, `col=${d.span.start.col}`);
    props.push(`endLine=${d.span.end.line}`);
    if (d.span.end.line === d.span.start.line) props.push(`endColumn=${d.span.end.col}`);
  }
  props.push(`title=${prop(`cjm ${d.code}`)}`);
  // A map's text can carry control characters (YAML escapes): the log viewer would act on them.
  const text = d.help ? `${visibleControls(d.message)}\n${say(options.lang ?? "en", "help")}: ${visibleControls(d.help)}` : visibleControls(d.message);
  return `::${d.severity} ${props.join(",")}::${data(text)}\n`;
}

/** Repository-relative where possible; the runner turns absolute paths inside the workspace into relative ones. */
function fileFor(d: Diagnostic, options: FormatOptions): string | undefined {
  const where = repositoryPath(d.file, options);
  return where.relative ?? where.absolute;
}

function place(d: Diagnostic, options: FormatOptions): string {
  const file = fileFor(d, options) ?? d.file;
  return d.span ? `${file}:${d.span.start.line}:${d.span.start.col}` : file;
}

function oneLine(s: string): string {
  return visibleControls(s.replace(/[\r\n]+/g, " "));
}

/** A GFM table cell: no cell break, no raw HTML, no new row. */
function cell(s: string): string {
  return dropControls(s)
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/`/g, "\\`")
    .replace(/\r\n|\r|\n/g, "<br>");
}

function data(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function prop(s: string): string {
  return data(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
