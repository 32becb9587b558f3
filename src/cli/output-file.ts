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
    if (code === "EEXIST") throw new UsageError(`\`${target}\` already exists; cjm does not overwrite it`, "give `--force` to replace it, or choose another name with `-o`");
    if (code === "EISDIR" || (await isDirectory(absolute))) throw new UsageError(`\`${target}\` is a folder`, "give a file name with `-o`");
    throw new UsageError(`cannot write \`${target}\`: ${(e as Error).message}`);
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
