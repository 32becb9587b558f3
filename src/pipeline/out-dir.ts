import { mkdirSync, rmdirSync, statSync } from "node:fs";
import path from "node:path";
import { UsageError } from "./errors.js";

/**
 * Checks, before anything is rendered, that `--out` can be made: the nearest existing ancestor
 * must be a folder in which a folder can be created. Node's recursive mkdir spins forever on some
 * paths (`/proc/nope`); one plain mkdir of the first missing level (removed again) fails at once.
 */
export function checkOutDir(outDir: string, cwd: string): void {
  const shown = path.relative(cwd, outDir) || outDir;
  let existing = outDir;
  let firstMissing: string | undefined;
  for (;;) {
    try {
      const stat = statSync(existing);
      if (!stat.isDirectory()) {
        throw new UsageError(
          existing === outDir
            ? { en: `--out \`${shown}\` is a file, not a folder`, fr: `--out \`${shown}\` est un fichier, pas un dossier` }
            : { en: `--out \`${shown}\` cannot be created: \`${existing}\` is a file`, fr: `--out \`${shown}\` ne peut pas être créé : \`${existing}\` est un fichier` },
          { en: "give a folder for the outputs, e.g. `--out out`", fr: "donnez un dossier pour les sorties, par exemple `--out out`" },
        );
      }
      break;
    } catch (e) {
      if (e instanceof UsageError) throw e;
      const parent = path.dirname(existing);
      if (parent === existing) break;
      firstMissing = existing;
      existing = parent;
    }
  }
  if (firstMissing === undefined) return;
  try {
    mkdirSync(firstMissing);
    rmdirSync(firstMissing);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new UsageError(
      { en: `--out \`${shown}\` cannot be created in \`${existing}\` (${code})`, fr: `--out \`${shown}\` ne peut pas être créé dans \`${existing}\` (${code})` },
      { en: "give a folder you can write to, e.g. `--out out`", fr: "donnez un dossier où vous pouvez écrire, par exemple `--out out`" },
    );
  }
}
