import path from "node:path";
import { hasErrors } from "../../../diagnostics/diagnostic.js";
import { loadFormatter } from "../../../diagnostics/formatters/index.js";
import { readModels } from "../../../load/models.js";
import { localize } from "../../../diagnostics/diagnostic.js";
import { messageLanguage } from "../../../i18n/lang.js";
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
  if (args.length === 0) throw new UsageError("give the folders the shards were rendered to", "e.g. `cjm index site/`");
  if (options.out === undefined && args.length > 1) {
    throw new UsageError("with several folders, say where the index goes: `--out <dir>`", "e.g. `cjm index shard-1 shard-2 --out site` (links are relative to it)");
  }
  const outDir = path.resolve(io.cwd, options.out ?? args[0]!);
  const found = await readModels(args, io.cwd, outDir);
  if (found.missing.length > 0) throw new UsageError(`${found.missing.map((m) => `\`${m}\``).join(", ")}: no such folder`, "give the folders `cjm render --out` wrote to");
  if (found.diagnostics.length > 0) {
    const pretty = await loadFormatter("pretty");
    const lang = messageLanguage(io.lang, io.env);
    const diagnostics = found.diagnostics.map((d) => localize(d, lang));
    io.stderr(await pretty({ diagnostics, sources: new Map(), filesChecked: found.summaries.length + found.diagnostics.length }, { color: colorEnabled(io, io.stderrIsTTY), toolVersion: VERSION, lang }));
  }
  if (found.summaries.length === 0) {
    throw new UsageError(`no journey model found in ${args.map((a) => `\`${a}\``).join(", ")}`, "render the maps with `--format json` (as well as html or markdown): the index is built from the models");
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
      throw new UsageError(`cannot write \`${path.relative(io.cwd, target) || target}\`: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, "check that the output folder is writable (`--out <dir>`)");
    }
  }
  if (!options.quiet) io.stderr(`indexed ${found.summaries.length} journey${found.summaries.length === 1 ? "" : "s"} into ${path.relative(io.cwd, outDir) || "."}/index.html and index.md\n`);
  return hasErrors(found.diagnostics) || hasErrors(portfolio.diagnostics) ? EXIT.invalid : EXIT.ok;
}
