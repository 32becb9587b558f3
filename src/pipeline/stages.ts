/**
 * The stages one input goes through, as types: InputRef → Loaded → Checked → Rendered → Written.
 *
 * - `InputRef`: a file found by discovery (or standard input), not yet read (src/load/read.ts).
 * - `Loaded`: its bytes parsed as YAML with positions (src/load/parse.ts).
 * - `Checked`: schema, persona files, normalised journey, its facts, rule diagnostics
 *   (src/validate/check.ts).
 * - `Rendered`: the text outputs, plain data that crosses worker threads (./process.ts).
 * - `Written`: a whole run: outputs claimed and written, images drawn, the portfolio, one report
 *   (./render.ts).
 */
export type { InputRef } from "../load/read.js";
export type { Parsed as Loaded } from "../load/parse.js";
export type { CheckResult as Checked } from "../validate/check.js";
export type { Processed as Rendered } from "./process.js";
export type { RenderRun as Written } from "./render.js";
