import { bilingual, pointerOf, type Diagnostic, type Texts } from "../diagnostics/diagnostic.js";
import type { RuleCode } from "../diagnostics/codes.js";
import type { Lang } from "../i18n/lang.js";
import type { SourceFile } from "../load/source.js";

type Path = (string | number)[];

/**
 * Schema checks JSON Schema cannot express, on the data as written: dates that do not exist, a CES
 * above its own scale. They guard every type themselves, so they run on the valid parts of a file
 * even when other parts fail the schema: one pass.
 */
export function checkData(data: unknown, source: SourceFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (code: RuleCode, message: Texts, path: Path, help?: Texts) => {
    const pointer = pointerOf(path);
    const d: Diagnostic = { severity: "error", code, ...bilingual(message, help), file: source.name, pointer };
    const span = source.locate(pointer);
    if (span) d.span = span;
    out.push(d);
  };
  if (!isObject(data)) return out;

  if (typeof data["updated"] === "string") {
    const updated = data["updated"];
    const problem = impossibleDate(updated);
    if (problem) {
      report(
        "invalid-date",
        { en: `\`${updated}\` is not a date: ${problem}`, fr: `\`${updated}\` n'est pas une date : ${impossibleDate(updated, "fr")}` },
        ["updated"],
        { en: "write a real day as YYYY-MM-DD, e.g. `2026-02-28`", fr: "écrivez un jour qui existe, au format AAAA-MM-JJ, par exemple `2026-02-28`" },
      );
    }
  }

  const metrics = (m: unknown, path: Path) => {
    if (!isObject(m)) return;
    const ces = m["ces"];
    if (isObject(ces) && typeof ces["score"] === "number" && typeof ces["scale"] === "number" && ces["score"] > ces["scale"]) {
      const [score, scale] = [ces["score"], ces["scale"]];
      report("out-of-range", { en: `CES ${score} is above its scale (1 to ${scale})`, fr: `le CES ${score} dépasse son échelle (1 à ${scale})` }, [...path, "ces", "score"], {
        en: `a score on the 1–${scale} scale lies from 1 to ${scale}; is \`scale\` right?`,
        fr: `une note sur l'échelle 1–${scale} va de 1 à ${scale} ; \`scale\` est-il juste ?`,
      });
    }
  };
  metrics(data["metrics"], ["metrics"]);
  const stages = data["stages"];
  if (Array.isArray(stages)) {
    stages.forEach((stage, i) => {
      if (!isObject(stage)) return;
      metrics(stage["metrics"], ["stages", i, "metrics"]);
      const steps = stage["steps"];
      if (Array.isArray(steps)) steps.forEach((step, j) => isObject(step) && metrics(step["metrics"], ["stages", i, "steps", j, "metrics"]));
    });
  }
  return out;
}

/** Why a well-formed `YYYY-MM-DD` names no day (the schema checks the shape), or undefined. */
export function impossibleDate(text: string, lang: Lang = "en"): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return undefined;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return lang === "fr" ? `${MOIS[month - 1]} ${year} a ${days} jours` : `${MONTHS[month - 1]} ${year} has ${days} days`;
  return undefined;
}

const MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
