import { pathOf, type Diagnostic } from "../diagnostics/diagnostic.js";
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
    return help ? { ...d, help } : d;
  });
}

function hint(d: Diagnostic, path: string[], last: string | undefined, value: unknown, data: unknown): string | undefined {
  if (last === "nps" && typeof value === "number") return `an NPS score is written \`nps: { score: ${value} }\`; or give the counts, \`{ promoters, passives, detractors }\``;
  if (last === "conversion" && typeof value === "string" && /^\s*\d+([.,]\d+)?\s*%\s*$/.test(value)) {
    const share = Number(value.replace(",", ".").replace("%", "").trim()) / 100;
    return `write the share as a number from 0 to 1: \`conversion: ${Math.round(share * 10000) / 10000}\``;
  }
  if (last === "conversion" && typeof value === "number" && value > 1 && value <= 100) return `conversion is a share from 0 to 1: \`conversion: ${Math.round(value * 100) / 10000}\` for ${value}%`;
  if (last === "ces" && typeof value === "number" && d.code === "out-of-range") {
    return value > 7 && value <= 10 ? `a bare CES is read on 1–7; on a 1–10 scale write \`ces: { score: ${value}, scale: 10 }\`` : "a bare CES is read on 1–7; name another scale with `{ score, scale }` (scale 5, 7 or 10)";
  }
  if (last === "steps" && d.code === "wrong-type" && isObject(value)) return "`steps` is a list: start each step with `- `, as in `- name: Pays online`";
  if (last === "stages" && d.code === "wrong-type" && isObject(value)) return "`stages` is a list: start each stage with `- `, as in `- name: Purchase`";
  // A step's persona written as the persona's name: `personas: [Karim]`.
  if (d.code === "invalid-id" && typeof value === "string" && path[path.length - 2] === "personas" && path.includes("steps") && isObject(data)) {
    const personas = Array.isArray(data["personas"]) ? data["personas"].filter(isObject) : [];
    const named = personas
      .filter((p) => typeof p["name"] === "string")
      .map((p) => ({ id: typeof p["id"] === "string" ? p["id"] : "", name: p["name"] as string }))
      .filter((p) => p.id !== "");
    const match = personaByName(named, value);
    if (match) return `did you mean \`${match.id}\`? (the id of persona "${match.name}"; steps name personas by id)`;
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
