import type { Lang } from "../i18n/lang.js";
import type { RuleCode } from "./codes.js";

/** A position in a file, 1-based, as editors show it. */
export interface Position {
  line: number;
  col: number;
}

export interface Span {
  start: Position;
  end: Position;
}

export type Severity = "error" | "warning";

/** A place another part of a diagnostic points to (the other side of a collision, say). */
export interface RelatedLocation {
  file: string;
  pointer?: string;
  span?: Span;
  message: string;
  /** The same in French (see `Diagnostic.fr`). */
  fr?: string;
}

/**
 * The one problem type of cjm: the loader, the schema, the semantic rules and the renderers all
 * report through it. `pointer` is a JSON pointer into the file's data; `span` is resolved from it
 * while the parsed document is at hand.
 */
export interface Diagnostic {
  severity: Severity;
  code: RuleCode;
  message: string;
  file: string;
  pointer?: string;
  span?: Span;
  help?: string;
  related?: RelatedLocation[];
  /**
   * The message and help in French, written beside the English where the diagnostic is made.
   * `localize` keeps the run's language when the report is built; outputs never show this field.
   */
  fr?: { message: string; help?: string };
}

/** A text in each language cjm speaks (rules report these; the run's language picks one). */
export interface Texts {
  en: string;
  fr: string;
}

/** A diagnostic with message, help and notes in `lang`, and no other language left in it. */
export function localize(d: Diagnostic, lang: Lang): Diagnostic {
  const { fr, related, ...rest } = d;
  const out: Diagnostic = { ...rest };
  if (lang === "fr" && fr) {
    out.message = fr.message;
    if (fr.help !== undefined) out.help = fr.help;
  }
  if (related) out.related = related.map(({ fr: rf, ...r }) => (lang === "fr" && rf !== undefined ? { ...r, message: rf } : r));
  return out;
}

/** English fields and the French beside them, from two texts (a rule's message and help). */
export function bilingual(message: Texts, help?: Texts): Pick<Diagnostic, "message" | "help" | "fr"> {
  return {
    message: message.en,
    ...(help && { help: help.en }),
    fr: { message: message.fr, ...(help && { help: help.fr }) },
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Sort by file, line, column, code: reports read top to bottom and are the same on every run. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      (a.span?.start.line ?? 0) - (b.span?.start.line ?? 0) ||
      (a.span?.start.col ?? 0) - (b.span?.start.col ?? 0) ||
      compareStrings(a.code, b.code) ||
      compareStrings(a.message, b.message),
  );
}

/** Code-point order, independent of the machine's locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function pointerOf(path: readonly (string | number)[]): string {
  return path.map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

export function pathOf(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}
