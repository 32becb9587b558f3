import { RULES, type RuleCode } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

export type SeveritySetting = "off" | "warning" | "error";
export type SeverityOverrides = Partial<Record<RuleCode, SeveritySetting>>;

/** The lint rules, whose severity a project may change; the others always are errors. */
export const LINT_RULES = (Object.keys(RULES) as RuleCode[]).filter((code) => RULES[code].severity === "warning");

/** Rules a project must turn on (`hand-typed-metric`). */
const OFF_BY_DEFAULT = new Set<string>((Object.keys(RULES) as RuleCode[]).filter((code) => "defaultOff" in RULES[code]));

/** Whether a lint rule's findings are dropped: `off` in the config, or off by default and not switched on. */
export function isOff(code: string, overrides: SeverityOverrides | undefined): boolean {
  if (!LINT_RULES.includes(code as RuleCode)) return false;
  return (overrides?.[code as RuleCode] ?? (OFF_BY_DEFAULT.has(code) ? "off" : undefined)) === "off";
}

export function applySeverities(diagnostics: Diagnostic[], overrides: SeverityOverrides | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (isOff(d.code, overrides)) continue;
    const setting = overrides?.[d.code as RuleCode];
    if (setting === undefined || !LINT_RULES.includes(d.code as RuleCode)) out.push(d);
    else out.push({ ...d, severity: setting as Exclude<SeveritySetting, "off"> });
  }
  return out;
}
