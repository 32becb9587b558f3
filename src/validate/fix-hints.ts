import { pathOf, type Diagnostic, type Texts } from "../diagnostics/diagnostic.js";
import { personaByName } from "./rules/dangling-reference.js";

/**
 * `help:` lines for mistakes whose fix is knowable from the value written: `nps: -18`,
 * `conversion: 35%`, a persona named by its name, `steps` written as a mapping. Schema
 * diagnostics are generic; these look at the data and say what to write instead.
 */
export function addFixHints(diagnostics: readonly Diagnostic[], data: unknown): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.pointer === undefined) return d;
    const path = pathOf(d.pointer);
    const last = path[path.length - 1];
    const value = valueAt(data, path);
    const help = hint(d, path, last, value, data);
    return help ? { ...d, help: help.en, fr: { message: d.fr?.message ?? d.message, help: help.fr } } : d;
  });
}

function hint(d: Diagnostic, path: string[], last: string | undefined, value: unknown, data: unknown): Texts | undefined {
  if (last === "nps" && typeof value === "number") {
    return {
      en: `an NPS score is written \`nps: { score: ${value} }\`; or give the counts, \`{ promoters, passives, detractors }\``,
      fr: `un score NPS s'écrit \`nps: { score: ${value} }\` ; ou donnez les effectifs, \`{ promoters, passives, detractors }\``,
    };
  }
  if (last === "conversion" && typeof value === "string" && /^\s*\d+([.,]\d+)?\s*%\s*$/.test(value)) {
    const share = Math.round((Number(value.replace(",", ".").replace("%", "").trim()) / 100) * 10000) / 10000;
    return { en: `write the share as a number from 0 to 1: \`conversion: ${share}\``, fr: `écrivez la part comme un nombre de 0 à 1 : \`conversion: ${share}\`` };
  }
  if (last === "conversion" && typeof value === "number" && value > 1 && value <= 100) {
    const share = Math.round(value * 100) / 10000;
    return { en: `conversion is a share from 0 to 1: \`conversion: ${share}\` for ${value}%`, fr: `la conversion est une part de 0 à 1 : \`conversion: ${share}\` pour ${value} %` };
  }
  if (last === "ces" && typeof value === "number" && d.code === "out-of-range") {
    return value > 7 && value <= 10
      ? { en: `a bare CES is read on 1–7; on a 1–10 scale write \`ces: { score: ${value}, scale: 10 }\``, fr: `un CES seul se lit sur 1–7 ; sur une échelle de 1 à 10, écrivez \`ces: { score: ${value}, scale: 10 }\`` }
      : {
          en: "a bare CES is read on 1–7; name another scale with `{ score, scale }` (scale 5, 7 or 10)",
          fr: "un CES seul se lit sur 1–7 ; nommez une autre échelle avec `{ score, scale }` (échelle 5, 7 ou 10)",
        };
  }
  if (last === "steps" && d.code === "wrong-type" && isObject(value)) {
    return { en: "`steps` is a list: start each step with `- `, as in `- name: Pays online`", fr: "`steps` est une liste : commencez chaque étape par `- `, comme dans `- name: Paie en ligne`" };
  }
  if (last === "stages" && d.code === "wrong-type" && isObject(value)) {
    return { en: "`stages` is a list: start each stage with `- `, as in `- name: Purchase`", fr: "`stages` est une liste : commencez chaque phase par `- `, comme dans `- name: Achat`" };
  }
  // A step's persona written as the persona's name: `personas: [Karim]`.
  if (d.code === "invalid-id" && typeof value === "string" && path[path.length - 2] === "personas" && path.includes("steps") && isObject(data)) {
    const personas = Array.isArray(data["personas"]) ? data["personas"].filter(isObject) : [];
    const named = personas
      .filter((p) => typeof p["name"] === "string")
      .map((p) => ({ id: typeof p["id"] === "string" ? p["id"] : "", name: p["name"] as string }))
      .filter((p) => p.id !== "");
    const match = personaByName(named, value);
    if (match) {
      return {
        en: `did you mean \`${match.id}\`? (the id of persona "${match.name}"; steps name personas by id)`,
        fr: `vouliez-vous dire \`${match.id}\` ? (l'id du persona "${match.name}" ; les étapes désignent les personas par leur id)`,
      };
    }
  }
  return undefined;
}

function valueAt(data: unknown, path: readonly string[]): unknown {
  let v = data;
  for (const key of path) {
    if (Array.isArray(v)) v = v[Number(key)];
    else if (isObject(v)) v = v[key];
    else return undefined;
  }
  return v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
