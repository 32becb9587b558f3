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
