import type { Texts } from "../diagnostics/diagnostic.js";
import type { Lang } from "../i18n/lang.js";

/**
 * A mistake in how cjm was called, or a broken environment (no browser, an output folder that
 * cannot be written): the CLI prints one clear line and exits 2. Bad input is never this: it is a
 * diagnostic. Its message and help come in every language of cjm's messages (`Texts` requires both);
 * `message` and `help` are the English ones, `in(lang)` the ones the run prints.
 */
export class UsageError extends Error {
  readonly help?: string;
  constructor(
    readonly texts: Texts,
    readonly helpTexts?: Texts,
  ) {
    super(texts.en);
    if (helpTexts) this.help = helpTexts.en;
  }

  /** The message and help line in `lang`. */
  in(lang: Lang): { message: string; help?: string } {
    return { message: this.texts[lang], ...(this.helpTexts && { help: this.helpTexts[lang] }) };
  }
}

/** Paths given on the command line that name nothing: a usage error (exit 2). */
export function missingPaths(missing: readonly string[]): UsageError {
  const names = missing.map((m) => `\`${m}\``).join(", ");
  return new UsageError(
    { en: `${names}: no such file or folder`, fr: `${names} : fichier ou dossier introuvable` },
    {
      en: "give journey files (.yaml, .yml, .json), folders to search, or `-` for standard input",
      fr: "donnez des fichiers de parcours (.yaml, .yml, .json), des dossiers où chercher, ou `-` pour l'entrée standard",
    },
  );
}
