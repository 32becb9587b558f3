import type { Locale } from "../model/types.js";

/**
 * The columns of a journey grid (one row per step), named as cjm's own labels name them in each
 * language: stage = phase, step = étape. Import also takes the plural and the other language.
 */
export const GRID_COLUMNS = [
  { key: "stage", en: "stage", fr: "phase", also: ["stages", "phases"] },
  { key: "stageId", en: "stage id", fr: "id phase", also: [] },
  { key: "step", en: "step", fr: "étape", also: ["steps", "étapes"] },
  { key: "stepId", en: "step id", fr: "id étape", also: [] },
  { key: "personas", en: "personas", fr: "personas", also: ["persona"] },
  { key: "does", en: "does", fr: "fait", also: [] },
  { key: "thinks", en: "thinks", fr: "pense", also: [] },
  { key: "feels", en: "feels", fr: "ressent", also: [] },
  { key: "emotion", en: "emotion", fr: "émotion", also: [] },
  { key: "touchpoint", en: "touchpoint", fr: "point de contact", also: ["touchpoints", "points de contact"] },
  { key: "channel", en: "channel", fr: "canal", also: ["channels", "canaux"] },
  { key: "pain", en: "pain", fr: "irritant", also: ["pains", "irritants"] },
  { key: "painId", en: "pain id", fr: "id irritant", also: [] },
  { key: "painSeverity", en: "pain severity", fr: "gravité irritant", also: ["gravité"] },
  { key: "gain", en: "gain", fr: "satisfaction", also: ["gains", "satisfactions"] },
  { key: "moment", en: "moment", fr: "moment", also: [] },
  { key: "evidence", en: "evidence", fr: "preuve", also: [] },
  { key: "owner", en: "owner", fr: "responsable", also: ["owners", "responsables"] },
  { key: "frontstage", en: "frontstage", fr: "front-office", also: [] },
  { key: "backstage", en: "backstage", fr: "back-office", also: [] },
  { key: "support", en: "support", fr: "processus support", also: ["support processes"] },
  { key: "systems", en: "systems", fr: "systèmes", also: [] },
  { key: "data", en: "data", fr: "données", also: [] },
] as const;

export type GridKey = (typeof GRID_COLUMNS)[number]["key"];

/** Header text compared loosely: case, accents, spaces, `_` and `-` do not matter. */
export function foldHeader(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\s_-]+/g, " ")
    .trim();
}

const BY_NAME = new Map<string, { key: GridKey; locale: Locale | undefined }>();
for (const c of GRID_COLUMNS) {
  const en = foldHeader(c.en);
  const fr = foldHeader(c.fr);
  BY_NAME.set(en, { key: c.key, locale: en === fr ? undefined : "en" });
  if (!BY_NAME.has(fr)) BY_NAME.set(fr, { key: c.key, locale: "fr" });
  for (const a of c.also) if (!BY_NAME.has(foldHeader(a))) BY_NAME.set(foldHeader(a), { key: c.key, locale: undefined });
}

export type HeaderMeaning =
  | { kind: "column"; key: GridKey; locale: Locale | undefined }
  /** `emotion: sam` / `émotion (sam)`: the emotion of one persona. */
  | { kind: "emotion"; persona: string; locale: Locale | undefined }
  /** `x-…`: free data kept on each step. */
  | { kind: "extension"; key: string }
  | { kind: "unknown" }
  | { kind: "empty" };

export function headerMeaning(text: string): HeaderMeaning {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "empty" };
  if (/^x-/i.test(trimmed)) return { kind: "extension", key: trimmed };
  const emotion = /^([eé])motion\s*(?::|\()\s*([^()]+?)\s*\)?$/i.exec(trimmed.normalize("NFC"));
  if (emotion) return { kind: "emotion", persona: emotion[2]!, locale: /é/i.test(emotion[1]!) ? "fr" : "en" };
  const known = BY_NAME.get(foldHeader(trimmed));
  return known ? { kind: "column", ...known } : { kind: "unknown" };
}

export function columnHeader(key: GridKey, locale: Locale): string {
  return GRID_COLUMNS.find((c) => c.key === key)![locale];
}

export function emotionHeader(persona: string, locale: Locale): string {
  return locale === "fr" ? `émotion : ${persona}` : `emotion: ${persona}`;
}
