import type { Severity } from "./diagnostic.js";
import { JOURNEY_RULES } from "../validate/rules/index.js";
import type { JourneyRuleCode } from "../validate/rules/rule.js";

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
  // Data files (src/data/)
  "data-file-missing": { severity: "error", summary: "A data file named in `data:` does not exist or is not a regular file" },
  "data-outside-root": { severity: "error", summary: "A data path is absolute or leaves the project folder" },
  "data-file-invalid": { severity: "error", summary: "A data file is empty, binary, not text, malformed CSV or an unreadable .xlsx" },
  "data-column-missing": { severity: "error", summary: "A column (or funnel step) named in `data:` is not in the data file" },
  "data-value-out-of-scale": { severity: "error", summary: "An answer in a data file is outside the measure's scale (located at the cell)" },
  "data-conflict": { severity: "error", summary: "Two figures for one metric, place and period, or a hand-typed and a measured one" },
  "input-outside-root": { severity: "error", summary: "An input found by a folder search or a glob is a symbolic link out of its project" },
  "config-path": { severity: "error", summary: "A config's `out:` or `templates:` leaves the config's folder" },
  // Schema
  "unsupported-version": { severity: "error", summary: "`cjm:` names a format version this build does not read" },
  "missing-field": { severity: "error", summary: "A required field is missing" },
  "unknown-key": { severity: "error", summary: "A key the format does not know (use an `x-` prefix for free data)" },
  "wrong-type": { severity: "error", summary: "A value has the wrong type" },
  "invalid-value": { severity: "error", summary: "A value is not one of those allowed" },
  "out-of-range": { severity: "error", summary: "A number is outside its allowed range" },
  "empty-value": { severity: "error", summary: "A text or list that must not be empty is empty" },
  "invalid-id": { severity: "error", summary: "An id is not a slug" },
  "invalid-date": { severity: "error", summary: "A date is not written YYYY-MM-DD, or names a day that does not exist" },
  "unsafe-link": { severity: "error", summary: "A link is not an http or https URL" },
  // References, ids and lint: src/validate/rules/<code>.ts, one file each
  ...journeyRuleTable(),
  // Rendering
  "template-error": { severity: "error", summary: "A template fails to compile or run" },
  "diagram-error": { severity: "error", summary: "Mermaid cannot draw a diagram" },
  "output-conflict": { severity: "error", summary: "Two inputs would write the same output file" },
  "invalid-model": { severity: "error", summary: "A JSON journey model read by `cjm index` is broken" },
  "output-unwritable": { severity: "error", summary: "An output file of this map could not be written (the other maps are still written)" },
  "internal-error": { severity: "error", summary: "cjm failed on this file: a bug to report" },
  // Import (`cjm import`): about the file being imported
  "import-no-journey": { severity: "error", summary: "The file holds no Mermaid `journey` diagram" },
  "import-malformed-line": { severity: "error", summary: "A line of the imported file cannot be read (a Mermaid task without `:` or score, a CSV quote never closed)" },
  "import-score-clamped": { severity: "warning", summary: "A Mermaid score outside 1..5 (or not whole) was clamped; the original is kept as `x-mermaid-score`" },
  "import-dropped": { severity: "warning", summary: "Something the map has no place for was left out (a section with no task)" },
  "import-empty-sheet": { severity: "error", summary: "The spreadsheet has no header row or no step row" },
  "import-unknown-column": { severity: "warning", summary: "A spreadsheet column cjm does not know; kept as `x-` data on each step" },
  "import-bad-cell": { severity: "error", summary: "A spreadsheet cell holds a value its column does not allow" },
} as const satisfies Record<string, { severity: Severity; summary: string; defaultOff?: true }>;

export type RuleCode = keyof typeof RULES;

function journeyRuleTable(): Record<JourneyRuleCode, { severity: Severity; summary: string; defaultOff?: true }> {
  return Object.fromEntries(
    JOURNEY_RULES.map((r) => [r.code, { severity: r.severity, summary: r.summary, ...(r.defaultOff && { defaultOff: true as const }) }]),
  ) as Record<JourneyRuleCode, { severity: Severity; summary: string; defaultOff?: true }>;
}
