import type { RuleCode } from "../diagnostics/codes.js";
import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from "node:fs";
import { lstat, open, readlink, realpath, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { bilingual, type Diagnostic, type Texts } from "../diagnostics/diagnostic.js";
import { LIMITS } from "./limits.js";
import { inside } from "./root.js";

/** One input to check: a file on disk, or standard input (its bytes already read). */
export interface InputRef {
  /** The name shown in messages: relative to the working directory where possible. */
  name: string;
  absolutePath: string;
  /** Found by searching a directory: skipped quietly unless it declares `cjm:`. */
  discovered?: boolean;
  /** Sub-folder below the folder (or glob base) it was found in: outputs mirror it. */
  subdir?: string;
  /** Bytes of standard input. */
  bytes?: Uint8Array;
}

export type ReadResult = { bytes: Uint8Array } | { diagnostic: Diagnostic };

/**
 * Reads a file, refusing before reading what is over the size cap, a directory, or anything the
 * system will not open. Never throws for the user's files. The file is opened first and the opened
 * file checked (`fstat`): what is read is what was checked, even if the path changes meanwhile.
 * With `within`, the opened file must also lie inside that (real) folder.
 */
export async function readInput(input: InputRef, maxBytes: number = LIMITS.maxFileBytes, within?: string): Promise<ReadResult> {
  const problem = (code: RuleCode, message: Texts, help?: Texts): ReadResult => ({
    diagnostic: { severity: "error", code, ...bilingual(message, help), file: input.name, span: { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } } },
  });
  const cap = `${(maxBytes / 1024 / 1024).toFixed(1)} MB`;
  const split: Texts = {
    en: "a journey map is a few kilobytes; split the file, or raise the cap with `--max-size`",
    fr: "une carte de parcours fait quelques kilo-octets ; découpez le fichier, ou relevez la limite avec `--max-size`",
  };
  if (input.bytes) {
    // Standard input, read up to one byte past the cap.
    if (input.bytes.length <= maxBytes) return { bytes: input.bytes };
    return problem("file-too-large", { en: `standard input is over the ${cap} cap`, fr: `l'entrée standard dépasse la limite de ${cap}` }, split);
  }
  let handle: FileHandle | undefined;
  try {
    // Non-blocking: opening a FIFO for reading must not wait for a writer.
    handle = await open(input.absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = await handle.stat();
    if (info.isDirectory()) return problem("file-unreadable", systemTexts({ code: "EISDIR" }));
    if (!info.isFile()) return problem("file-unreadable", { en: "is not a regular file", fr: "n'est pas un fichier ordinaire" }, { en: "give cjm a .yaml file", fr: "donnez à cjm un fichier .yaml" });
    if (within !== undefined && !(await openedInside(handle, info, input.absolutePath, within))) {
      return problem("file-unreadable", {
        en: "changed while it was read (a symbolic link swapped?); it was not read",
        fr: "a changé pendant sa lecture (un lien symbolique remplacé ?) ; il n'a pas été lu",
      });
    }
    if (info.size > maxBytes) {
      return problem(
        "file-too-large",
        { en: `file is ${(info.size / 1024 / 1024).toFixed(1)} MB, over the ${cap} cap`, fr: `le fichier fait ${(info.size / 1024 / 1024).toFixed(1)} MB, au-delà de la limite de ${cap}` },
        split,
      );
    }
    // Read at most one byte past the cap: a file that grew since stat is still refused.
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, total);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total === buffer.length) break;
    }
    if (total > maxBytes) return problem("file-too-large", { en: `file is over the ${cap} cap`, fr: `le fichier dépasse la limite de ${cap}` }, split);
    return { bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, total) };
  } catch (e) {
    return problem("file-unreadable", systemTexts(e));
  } finally {
    await handle?.close();
  }
}

/**
 * Whether the opened file lies inside `within`: on Linux the kernel names the opened file
 * (`/proc/self/fd/N`); elsewhere the path's real target must still be the very file opened
 * (device and inode).
 */
async function openedInside(handle: FileHandle, info: Stats, absolutePath: string, within: string): Promise<boolean> {
  const opened = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => undefined);
  if (opened !== undefined && path.isAbsolute(opened)) return inside(within, opened);
  const real = await realpath(absolutePath).catch(() => undefined);
  const now = real === undefined ? undefined : await lstat(real).catch(() => undefined);
  return real !== undefined && now !== undefined && now.dev === info.dev && now.ino === info.ino && inside(within, real);
}

/**
 * The bytes of `file` when it is a regular file that `accept` takes (its stat of the opened file),
 * else undefined: missing, a folder, a FIFO or a device is never waited on (opened non-blocking),
 * and with `noFollow` a symbolic link is not followed. Synchronous, for loops over thousands of
 * small files (each asynchronous read is several trips to libuv's thread pool).
 */
export function readRegularFileSync(file: string, accept: (info: Stats) => boolean, noFollow = false): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | (noFollow ? constants.O_NOFOLLOW : 0));
    const info = fstatSync(fd);
    return info.isFile() && accept(info) ? readFileSync(fd) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function systemMessage(e: unknown): string {
  return systemTexts(e).en;
}

/** Why the system would not let a file be read, in each language. */
export function systemTexts(e: unknown): Texts {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case "ENOENT":
      return { en: "no such file or folder", fr: "fichier ou dossier introuvable" };
    case "EACCES":
    case "EPERM":
      return { en: "permission denied: cjm may not read this file", fr: "permission refusée : cjm n'a pas le droit de lire ce fichier" };
    case "ELOOP":
      return { en: "too many symbolic links (a link loop?)", fr: "trop de liens symboliques (une boucle de liens ?)" };
    case "ENOTDIR":
      return { en: "a part of the path is not a folder", fr: "une partie du chemin n'est pas un dossier" };
    case "EISDIR":
      return { en: "is a directory, not a journey file", fr: "est un dossier, pas un fichier de parcours" };
    default: {
      const why = code ?? (e as Error)?.message ?? String(e);
      return { en: `cannot be read (${why})`, fr: `ne peut pas être lu (${why})` };
    }
  }
}

/** The name to show for a path: relative to `cwd` when inside it, with forward slashes. */
export function displayName(absolutePath: string, cwd: string): string {
  const rel = path.relative(cwd, absolutePath);
  const shown = rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : absolutePath;
  return shown.split(path.sep).join("/");
}

/**
 * A file found in a directory is a journey only if it declares the format version at top level:
 * a `cjm:` line in YAML; in JSON, a top-level `"cjm"` key holding a number (`package.json` has a
 * `"cjm"` key among its dependencies, and a tool's settings may sit under one: neither is a map).
 */
export function declaresCjm(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)));
  if (!/^\uFEFF?\s*\{/.test(head)) return /^\uFEFF?cjm[ \t]*:/m.test(head);
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ""));
  } catch {
    // Broken JSON is reported when it starts as a map does, with the version first.
    return /^\uFEFF?\s*\{\s*"?cjm"?\s*:\s*[0-9]/.test(head);
  }
  return typeof data === "object" && data !== null && !Array.isArray(data) && typeof (data as Record<string, unknown>)["cjm"] === "number";
}
