import path from "node:path";
import { hasErrors } from "../../../diagnostics/diagnostic.js";
import { loadFormatter } from "../../../diagnostics/formatters/index.js";
import { readModels } from "../../../load/models.js";
import { localize } from "../../../diagnostics/diagnostic.js";
import { messageLanguage, say } from "../../../i18n/lang.js";
import type { Locale } from "../../../model/types.js";
import { renderPortfolio, reportLinks } from "../../../render/portfolio.js";
import { writeAtomic } from "../../../write/atomic.js";
import { colorEnabled, EXIT, UsageError, type Io } from "../../io.js";
import { VERSION } from "../../../version.js";
import type { CommandInput } from "../../options.js";

interface IndexOptions {
  out?: string;
  locale?: Locale;
  quiet?: boolean;
}

/**
 * `cjm index <dirs…>`: one portfolio (index.html, index.md) from the JSON models that `cjm render
 * --format json` wrote, typically by the shards of a CI matrix (`--shard i/n`), each into its own
 * folder or all into one. Links point from the index's folder to each report.
 */
export async function indexCommand(io: Io, { args, options }: CommandInput<IndexOptions>): Promise<number> {
  if (args.length === 0) {
    throw new UsageError(
      { en: "give the folders the shards were rendered to", fr: "donnez les dossiers où les lots ont été rendus" },
      { en: "e.g. `cjm index site/`", fr: "par exemple `cjm index site/`" },
    );
  }
  if (options.out === undefined && args.length > 1) {
    throw new UsageError(
      { en: "with several folders, say where the index goes: `--out <dir>`", fr: "avec plusieurs dossiers, dites où va l'index : `--out <dossier>`" },
      { en: "e.g. `cjm index shard-1 shard-2 --out site` (links are relative to it)", fr: "par exemple `cjm index shard-1 shard-2 --out site` (les liens sont relatifs à ce dossier)" },
    );
  }
  const outDir = path.resolve(io.cwd, options.out ?? args[0]!);
  const found = await readModels(args, io.cwd, outDir);
  if (found.missing.length > 0) {
    const names = found.missing.map((m) => `\`${m}\``).join(", ");
    throw new UsageError(
      { en: `${names}: no such folder`, fr: `${names} : dossier introuvable` },
      { en: "give the folders `cjm render --out` wrote to", fr: "donnez les dossiers où `cjm render --out` a écrit" },
    );
  }
  if (found.diagnostics.length > 0) {
    const pretty = await loadFormatter("pretty");
    const lang = messageLanguage(io.lang, io.env);
    const diagnostics = found.diagnostics.map((d) => localize(d, lang));
    io.stderr(await pretty({ diagnostics, sources: new Map(), filesChecked: found.summaries.length + found.diagnostics.length }, { color: colorEnabled(io, io.stderrIsTTY), toolVersion: VERSION, lang }));
  }
  if (found.summaries.length === 0) {
    const where = args.map((a) => `\`${a}\``).join(", ");
    throw new UsageError(
      { en: `no journey model found in ${where}`, fr: `aucun modèle de parcours trouvé dans ${where}` },
      {
        en: "render the maps with `--format json` (as well as html or markdown): the index is built from the models",
        fr: "rendez les cartes avec `--format json` (en plus de html ou markdown) : l'index est construit à partir des modèles",
      },
    );
  }
  const portfolio = await renderPortfolio(found.summaries, {
    ...(options.locale !== undefined && { locale: options.locale }),
    ...reportLinks(found.formats),
  });
  for (const output of portfolio.outputs) {
    const target = path.join(outDir, output.path);
    try {
      await writeAtomic(target, output.content);
    } catch (e) {
      const shown = path.relative(io.cwd, target) || target;
      const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      throw new UsageError(
        { en: `cannot write \`${shown}\`: ${why}`, fr: `impossible d'écrire \`${shown}\` : ${why}` },
        { en: "check that the output folder is writable (`--out <dir>`)", fr: "vérifiez qu'on peut écrire dans le dossier de sortie (`--out <dossier>`)" },
      );
    }
  }
  if (!options.quiet) {
    const lang = messageLanguage(io.lang, io.env);
    const where = path.relative(io.cwd, outDir) || ".";
    const n = found.summaries.length;
    io.stderr(lang === "fr"
      ? `${say(lang, "journey", { n })} ${n <= 1 ? "indexé" : "indexés"} dans ${where}/index.html et index.md\n`
      : `indexed ${say(lang, "journey", { n })} into ${where}/index.html and index.md\n`);
  }
  return hasErrors(found.diagnostics) || hasErrors(portfolio.diagnostics) ? EXIT.invalid : EXIT.ok;
}
