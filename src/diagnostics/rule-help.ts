import type { RuleCode } from "./codes.js";

/**
 * How to fix each rule, for SARIF's `help` (code-scanning dashboards show it beside the alert).
 * cjm has no public home page yet, so the help travels in the report rather than behind a link;
 * docs/rules.md (shipped in the package) has the same table.
 */
export const RULE_HELP: Record<RuleCode, string> = {
  "file-unreadable": "Check that the path exists and that the user running cjm may read it.",
  "file-too-large": "A journey map is a few kilobytes: split the file, or raise the cap with `--max-size <megabytes>`.",
  "empty-file": "Start the file with `cjm: 1`, a `title`, `personas` and `stages`; `cjm init` writes a starter map.",
  "invalid-utf8": "Save the file as UTF-8 (most editors offer it under *Save with encoding*).",
  "binary-file": "Journey maps are text: check that the path names the YAML file, not an export or an image.",
  "control-character": "Remove the character, or write it as an escape (`\"\\t\"`, `\"\\u0007\"`) inside a double-quoted string.",
  "yaml-syntax": "Fix the YAML at the position shown: a missing colon, a bad indent or an unclosed quote are the usual causes.",
  "duplicate-key": "Keep one of the two keys: YAML does not say which value wins.",
  "yaml-tag": "Remove the tag (`!!binary`, `!foo`): a journey holds plain text, numbers, lists and mappings.",
  "alias-bomb": "Write the data out instead of repeating it through nested aliases (`*name`).",
  "too-deep": "Flatten the structure: no field of a journey nests that deep.",
  "multiple-documents": "Keep one journey per file: remove the `---` separator and move the second document to its own file.",
  "not-a-mapping": "Write the journey as keys and values at the top level (`cjm: 1`, `title: …`).",
  "persona-path": "Give a path relative to the map, inside the project, to an existing persona file.",
  "unsupported-version": "Write `cjm: 1`, the format version this build reads, or update cjm.",
  "missing-field": "Add the field the message names.",
  "unknown-key": "Fix the spelling (the message suggests the nearest known key), or prefix free data with `x-`.",
  "wrong-type": "Give a value of the type the message names (text, number, list or mapping).",
  "invalid-value": "Use one of the values the message lists.",
  "out-of-range": "Give a number inside the range the message names (emotions and scores are whole numbers from 1 to 5).",
  "empty-value": "Fill in the value, or remove the field.",
  "invalid-id": "Write ids as slugs: lowercase letters, digits and dashes (`mobile-checkout`).",
  "invalid-date": "Write dates as `YYYY-MM-DD` (`2026-03-31`).",
  "unsafe-link": "Link to an `http://` or `https://` URL.",
  "duplicate-id": "Give one of the two items another `id:`.",
  "id-collision": "Two names give the same derived id: give one of them an explicit `id:` (the other place is listed with the result).",
  "dangling-reference": "Use an id defined in the file (the message suggests the nearest), or define the missing item.",
  "ambiguous-reference": "The id names several kinds of item: give one of them another `id:`.",
  "persona-not-on-step": "Add the persona to the step's `personas`, or remove its emotion.",
  "step-without-emotion": "Give the step an `emotion` (1 very negative … 5 very positive), one per persona when they differ.",
  "unaddressed-pain": "Add an opportunity whose `addresses` lists the pain, or turn the rule off in `cjm.config.yaml`.",
  "stage-without-touchpoint": "Add the `touchpoints` where the customer meets the brand in this stage.",
  "assumed-moment-of-truth": "Back the moment of truth with research: set `evidence` to `observed`, `reported` or `inferred`.",
  "missing-objective": "Add an `objective:` saying what question the map answers.",
  "template-error": "Fix the template at the position shown, or remove it from `--templates` to use the built-in one.",
  "diagram-too-large": "Split the map, or leave the diagram out with `--diagrams`.",
  "diagram-error": "Report the map: cjm should never write a diagram Mermaid cannot draw.",
  "output-conflict": "Give one of the two maps another `id:` so that their outputs get different names.",
  "invalid-model": "Re-render the map with `cjm render --format json` (of the same cjm version) instead of editing the model by hand.",
  "internal-error": "This is a bug in cjm: report it with the file that caused it.",
};
