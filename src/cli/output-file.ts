import { stat } from "node:fs/promises";
import path from "node:path";
import { createAtomic, writeAtomic } from "../write/atomic.js";
import { UsageError, type Io } from "./io.js";

/**
 * Writes a command's result to standard output (no `-o`, or `-o -`) or to a file, which is never
 * overwritten unless `--force` is given.
 */
export async function writeOutput(io: Io, target: string | undefined, data: string | Uint8Array, force: boolean): Promise<string | undefined> {
  if (target === undefined || target === "-") {
    io.stdout(data);
    return undefined;
  }
  const absolute = path.resolve(io.cwd, target);
  try {
    if (force) await writeAtomic(absolute, data);
    else await createAtomic(absolute, data);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      throw new UsageError(
        { en: `\`${target}\` already exists; cjm does not overwrite it`, fr: `\`${target}\` existe déjà ; cjm ne l'écrase pas` },
        { en: "give `--force` to replace it, or choose another name with `-o`", fr: "donnez `--force` pour le remplacer, ou choisissez un autre nom avec `-o`" },
      );
    }
    if (code === "EISDIR" || (await isDirectory(absolute))) {
      throw new UsageError({ en: `\`${target}\` is a folder`, fr: `\`${target}\` est un dossier` }, { en: "give a file name with `-o`", fr: "donnez un nom de fichier avec `-o`" });
    }
    throw new UsageError({ en: `cannot write \`${target}\`: ${(e as Error).message}`, fr: `impossible d'écrire \`${target}\` : ${(e as Error).message}` });
  }
  return absolute;
}

export async function isDirectory(absolute: string): Promise<boolean> {
  try {
    return (await stat(absolute)).isDirectory();
  } catch {
    return false;
  }
}
