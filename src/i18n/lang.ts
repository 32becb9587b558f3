/** The language of cjm's own messages (diagnostic frames, summaries, CLI lines). Report labels follow `--locale` instead. */
export type Lang = "en" | "fr";

/**
 * `--lang` when given, else the environment as POSIX reads it: LC_ALL, then LC_MESSAGES, then
 * LANG (the first one set and not empty); French when it names French, English otherwise.
 */
export function messageLanguage(flag: string | undefined, env: Record<string, string | undefined>): Lang {
  if (flag === "fr" || flag === "en") return flag;
  const value = [env["LC_ALL"], env["LC_MESSAGES"], env["LANG"]].find((v) => v !== undefined && v !== "");
  return value !== undefined && /^fr([_.@-]|$)/i.test(value) ? "fr" : "en";
}

/** cjm's own words around diagnostics and runs, in each language. Rule codes never change. */
const WORDS = {
  en: {
    error: ["{n} error", "{n} errors"],
    warning: ["{n} warning", "{n} warnings"],
    journey: ["{n} journey", "{n} journeys"],
    personaFile: ["{n} persona file", "{n} persona files"],
    file: ["{n} file", "{n} files"],
    and: " and ",
    in: "in",
    checked: "{files} checked: no problems",
    hidden: "(not shown: --quiet)",
    strictFails: "; --strict fails on warnings",
    help: "help",
    note: "note",
    at: "at",
    wrote: "wrote {files} to {dir}",
  },
  fr: {
    error: ["{n} erreur", "{n} erreurs"],
    warning: ["{n} avertissement", "{n} avertissements"],
    journey: ["{n} parcours", "{n} parcours"],
    personaFile: ["{n} fichier de persona", "{n} fichiers de persona"],
    file: ["{n} fichier", "{n} fichiers"],
    and: " et ",
    in: "dans",
    checked: "{files} vérifié(s) : aucun problème",
    hidden: "(non affichés : --quiet)",
    strictFails: " ; --strict échoue sur les avertissements",
    help: "aide",
    note: "note",
    at: "à",
    wrote: "{files} écrit(s) dans {dir}",
  },
} as const satisfies Record<Lang, Record<string, string | readonly [string, string]>>;

type Word = keyof (typeof WORDS)["en"];

/** A word or phrase in `lang`; counted ones take `n` (French: singular for 0 and 1). */
export function say(lang: Lang, word: Word, params: Record<string, string | number> = {}): string {
  const entry = WORDS[lang][word] as string | readonly [string, string];
  const n = Number(params["n"] ?? 0);
  const text = typeof entry === "string" ? entry : (lang === "fr" ? n <= 1 : n === 1) ? entry[0] : entry[1];
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
