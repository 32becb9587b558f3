import { visibleControls as v } from "../../text/controls.js";
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
  // Each file's lines are indexed once, however many diagnostics point into it.
  const frameSources = new Map<string, FrameSource>();
  const frameSource = (file: string) => {
    let f = frameSources.get(file);
    const text = report.sources.get(file);
    if (!f && text !== undefined) frameSources.set(file, (f = new FrameSource(text)));
    return f;
  };
  const blocks = report.diagnostics.map((d) => formatOne(d, frameSource(d.file), paint));
  const { errors, warnings: shownWarnings } = counts(report);
  const hidden = report.hiddenWarnings ?? 0;
  const warnings = shownWarnings + hidden;
  const personaFiles = report.personaFilesChecked ?? 0;
  const files = [report.filesChecked > 0 || personaFiles === 0 ? plural(report.filesChecked, "journey") : "", personaFiles > 0 ? plural(personaFiles, "persona file") : ""].filter(Boolean).join(" and ");
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

function formatOne(d: Diagnostic, source: FrameSource | undefined, paint: Paint): string {
  const color = d.severity === "error" ? paint.red : paint.yellow;
  const lines = [`${paint.bold(color(`${d.severity}[${d.code}]`))}${paint.bold(`: ${v(d.message)}`)}`];
  const where = v(d.span ? `${d.file}:${d.span.start.line}:${d.span.start.col}` : d.file);
  const frame = d.span && source !== undefined ? source.frame(d.span) : undefined;
  const gutter = " ".repeat(frame ? String(d.span!.start.line).length : 1);
  lines.push(`${gutter}${paint.blue("-->")} ${where}`);
  if (frame) {
    lines.push(`${gutter} ${paint.blue("|")}`);
    lines.push(`${paint.blue(String(d.span!.start.line))} ${paint.blue("|")} ${frame.line}`);
    lines.push(`${gutter} ${paint.blue("|")} ${color(frame.caret)}`);
  }
  if (d.help) lines.push(`${gutter} ${paint.blue("=")} ${paint.bold("help")}: ${v(d.help)}`);
  for (const r of d.related ?? []) {
    const at = v(r.span ? `${r.file}:${r.span.start.line}:${r.span.start.col}` : r.file);
    lines.push(`${gutter} ${paint.blue("=")} ${paint.bold("note")}: ${v(r.message)} ${paint.dim(`at ${at}`)}`);
  }
  return lines.join("\n");
}

const MAX_FRAME = 120;

/**
 * A file's text with its line starts found once, and each line's characters (as shown in a frame)
 * built once: a thousand diagnostics on one 2 MB line cost one pass over it, not a thousand.
 */
export class FrameSource {
  private starts: number[] | undefined;
  private readonly lines = new Map<number, string[]>();

  constructor(private readonly text: string) {}

  /** The characters of line `n` (1-based) as shown: tabs as spaces, control characters as �. */
  chars(n: number): string[] | undefined {
    const known = this.lines.get(n);
    if (known) return known;
    if (!this.starts) {
      this.starts = [0];
      for (let i = this.text.indexOf("\n"); i !== -1; i = this.text.indexOf("\n", i + 1)) this.starts.push(i + 1);
    }
    const start = this.starts[n - 1];
    if (start === undefined) return undefined;
    const next = this.starts[n];
    let raw = this.text.slice(start, next === undefined ? this.text.length : next - 1);
    if (raw.endsWith("\r")) raw = raw.slice(0, -1);
    const chars = [...raw.replace(/\t/g, " ")].map((c) => (c < " " || c === "\u007f" ? "�" : c));
    this.lines.set(n, chars);
    return chars;
  }

  frame(span: Span): { line: string; caret: string } | undefined {
    const chars = this.chars(span.start.line);
    return chars && frameOf(chars, span);
  }
}

/** The source line of a span, tabs shown as spaces and long lines cut around the span, and its caret. */
export function codeFrame(text: string, span: Span): { line: string; caret: string } | undefined {
  return new FrameSource(text).frame(span);
}

function frameOf(chars: string[], span: Span): { line: string; caret: string } {
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
