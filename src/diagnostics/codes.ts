import type { Severity } from "./diagnostic.js";

/**
 * Every rule code cjm reports, with its default severity and a one-line summary. docs/rules.md
 * documents the same table (a test keeps them in step), and SARIF output lists it as the tool's rules.
 */
export const RULES = {
  // Reading and parsing
  "file-unreadable": { severity: "error", summary: "The file or folder cannot be read" },
  "file-too-large": { severity: "error", summary: "The file is over the size cap" },
  "empty-file": { severity: "error", summary: "The file holds no journey" },
  "invalid-utf8": { severity: "error", summary: "The file is not valid UTF-8 text" },
  "binary-file": { severity: "error", summary: "The file holds binary data" },
  "control-character": { severity: "error", summary: "A raw control character YAML does not allow (write it as an escape in double quotes)" },
  "yaml-syntax": { severity: "error", summary: "The YAML (or JSON) does not parse" },
  "duplicate-key": { severity: "error", summary: "A key appears twice in one mapping" },
  "yaml-tag": { severity: "error", summary: "A YAML tag (`!!binary`, `!foo`) is used; journeys hold plain data" },
  "alias-bomb": { severity: "error", summary: "YAML aliases expand to too much data" },
  "too-deep": { severity: "error", summary: "The document is nested deeper than a journey can be" },
  "multiple-documents": { severity: "error", summary: "The file holds more than one YAML document" },
  "not-a-mapping": { severity: "error", summary: "The top level is not a mapping of keys to values" },
  "persona-path": { severity: "error", summary: "A persona path is absolute, leaves the project, or names no file" },
  // Schema
  "unsupported-version": { severity: "error", summary: "`cjm:` names a format version this build does not read" },
  "missing-field": { severity: "error", summary: "A required field is missing" },
  "unknown-key": { severity: "error", summary: "A key the format does not know (use an `x-` prefix for free data)" },
  "wrong-type": { severity: "error", summary: "A value has the wrong type" },
  "invalid-value": { severity: "error", summary: "A value is not one of those allowed" },
  "out-of-range": { severity: "error", summary: "A number is outside its allowed range" },
  "empty-value": { severity: "error", summary: "A text or list that must not be empty is empty" },
  "invalid-id": { severity: "error", summary: "An id is not a slug" },
  "invalid-date": { severity: "error", summary: "A date is not written YYYY-MM-DD" },
  "unsafe-link": { severity: "error", summary: "A link is not an http or https URL" },
  // Semantics
  "duplicate-id": { severity: "error", summary: "Two items of one kind share an id" },
  "id-collision": { severity: "error", summary: "Two names give the same derived id" },
  "dangling-reference": { severity: "error", summary: "An id that names nothing in the file" },
  "ambiguous-reference": { severity: "error", summary: "An id that names several things" },
  "persona-not-on-step": { severity: "error", summary: "An emotion is given for a persona that does not take the step" },
  // Lint (warnings)
  "step-without-emotion": { severity: "warning", summary: "A step has no emotion, so the curve has a hole" },
  "unaddressed-pain": { severity: "warning", summary: "A pain that no opportunity addresses" },
  "stage-without-touchpoint": { severity: "warning", summary: "A stage where the customer meets no touchpoint" },
  "assumed-moment-of-truth": { severity: "warning", summary: "A moment of truth backed only by assumption" },
  "missing-objective": { severity: "warning", summary: "The map does not say what question it answers" },
  // Rendering
  "template-error": { severity: "error", summary: "A template fails to compile or run" },
  "diagram-too-large": { severity: "error", summary: "A Mermaid diagram is over Mermaid's size limit" },
  "diagram-error": { severity: "error", summary: "Mermaid cannot draw a diagram" },
  "output-conflict": { severity: "error", summary: "Two inputs would write the same output file" },
  "invalid-model": { severity: "error", summary: "A JSON journey model read by `cjm index` is broken" },
  "internal-error": { severity: "error", summary: "cjm failed on this file: a bug to report" },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type RuleCode = keyof typeof RULES;
