import type { Diagnostic, Span } from "../diagnostic.js";
import { counts, plural, type DiagnosticReport, type FormatOptions } from "../report.js";

interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  cyan(s: string): string;
  green(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const plain: Paint = { red: id, yellow: id, blue: id, cyan: id, green: id, bold: id, dim: id };

function id(s: string): string {
  return s;
}

/**
 * rustc-style output: `error[code]: message`, `--> file:line:col`, the line with a caret under the
 * problem, and `= help:` lines. Colour only when asked (a TTY without NO_COLOR).
 */
export async function formatPretty(report: DiagnosticReport, options: FormatOptions): Promise<string> {
  const paint = options.color ? await chalkPaint() : plain;
  const blocks = report.diagnostics.map((d) => formatOne(d, report.sources.get(d.file), paint));
  const { errors, warnings: shownWarnings } = counts(report);
  const hidden = report.hiddenWarnings ?? 0;
  const warnings = shownWarnings + hidden;
  const files = plural(report.filesChecked, "journey");
  let summary: string;
  if (errors === 0 && warnings === 0) summary = paint.green(`✔ ${files} checked: no problems`);
  else {
    const warningText = hidden > 0 ? `${plural(warnings, "warning")} (not shown: --quiet)` : plural(warnings, "warning");
    const parts = [errors > 0 ? paint.red(plural(errors, "error")) : "", warnings > 0 ? paint.yellow(warningText) : ""].filter(Boolean);
    const fails = errors > 0 || report.strict === true;
    summary = `${fails ? paint.red("✖") : paint.yellow("⚠")} ${parts.join(", ")} in ${files}${errors === 0 && report.strict ? "; --strict fails on warnings" : ""}`;
  }
  return [...blocks, summary].join("\n\n") + "\n";
}

function formatOne(d: Diagnostic, text: string | undefined, paint: Paint): string {
  const color = d.severity === "error" ? paint.red : paint.yellow;
  const lines = [`${paint.bold(color(`${d.severity}[${d.code}]`))}${paint.bold(`: ${d.message}`)}`];
  const where = d.span ? `${d.file}:${d.span.start.line}:${d.span.start.col}` : d.file;
  const frame = d.span && text !== undefined ? codeFrame(text, d.span) : undefined;
  const gutter = " ".repeat(frame ? String(d.span!.start.line).length : 1);
  lines.push(`${gutter}${paint.blue("-->")} ${where}`);
  if (frame) {
    lines.push(`${gutter} ${paint.blue("|")}`);
    lines.push(`${paint.blue(String(d.span!.start.line))} ${paint.blue("|")} ${frame.line}`);
    lines.push(`${gutter} ${paint.blue("|")} ${color(frame.caret)}`);
  }
  if (d.help) lines.push(`${gutter} ${paint.blue("=")} ${paint.bold("help")}: ${d.help}`);
  for (const r of d.related ?? []) {
    const at = r.span ? `${r.file}:${r.span.start.line}:${r.span.start.col}` : r.file;
    lines.push(`${gutter} ${paint.blue("=")} ${paint.bold("note")}: ${r.message} ${paint.dim(`at ${at}`)}`);
  }
  return lines.join("\n");
}

const MAX_FRAME = 120;

/** The source line of a span, tabs shown as spaces and long lines cut around the span, and its caret. */
export function codeFrame(text: string, span: Span): { line: string; caret: string } | undefined {
  const all = text.split(/\r?\n/);
  const raw = all[span.start.line - 1];
  if (raw === undefined) return undefined;
  const chars = [...raw.replace(/\t/g, " ")].map((c) => (c < " " || c === "\u007f" ? "�" : c));
  let start = Math.max(0, Math.min(span.start.col - 1, chars.length));
  let end = span.end.line === span.start.line ? Math.max(start + 1, span.end.col - 1) : chars.length;
  end = Math.max(start + 1, Math.min(end, chars.length, start + MAX_FRAME));
  let offset = 0;
  if (chars.length > MAX_FRAME) {
    offset = Math.max(0, Math.min(start - 20, chars.length - MAX_FRAME));
  }
  const shown = chars.slice(offset, offset + MAX_FRAME);
  start -= offset;
  end = Math.min(end - offset, shown.length + 1);
  const prefix = offset > 0 ? "…" : "";
  const suffix = offset + MAX_FRAME < chars.length ? "…" : "";
  return {
    line: prefix + shown.join("").trimEnd() + suffix,
    caret: " ".repeat(start + prefix.length) + "^".repeat(Math.max(1, end - start)),
  };
}

async function chalkPaint(): Promise<Paint> {
  const { Chalk } = await import("chalk");
  const c = new Chalk({ level: 1 });
  return { red: c.red, yellow: c.yellow, blue: c.blue, cyan: c.cyan, green: c.green, bold: c.bold, dim: c.dim };
}
