import type { RuleCode } from "../diagnostics/codes.js";
import { constants, type Stats } from "node:fs";
import { lstat, open, readlink, realpath, type FileHandle } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
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
  const problem = (code: RuleCode, message: string, help?: string): ReadResult => {
    const d: Diagnostic = { severity: "error", code, message, file: input.name, span: { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } } };
    if (help) d.help = help;
    return { diagnostic: d };
  };
  if (input.bytes) {
    // Standard input, read up to one byte past the cap.
    if (input.bytes.length <= maxBytes) return { bytes: input.bytes };
    return problem("file-too-large", `standard input is over the ${(maxBytes / 1024 / 1024).toFixed(1)} MB cap`, "a journey map is a few kilobytes; raise the cap with `--max-size` if this one is not");
  }
  let handle: FileHandle | undefined;
  try {
    // Non-blocking: opening a FIFO for reading must not wait for a writer.
    handle = await open(input.absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = await handle.stat();
    if (info.isDirectory()) return problem("file-unreadable", "is a directory, not a journey file");
    if (!info.isFile()) return problem("file-unreadable", "is not a regular file");
    if (within !== undefined && !(await openedInside(handle, info, input.absolutePath, within))) {
      return problem("file-unreadable", "changed while it was read (a symbolic link swapped?); it was not read");
    }
    if (info.size > maxBytes) {
      return problem(
        "file-too-large",
        `file is ${(info.size / 1024 / 1024).toFixed(1)} MB, over the ${(maxBytes / 1024 / 1024).toFixed(1)} MB cap`,
        "a journey map is a few kilobytes; split the file, or raise the cap with `--max-size`",
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
    if (total > maxBytes) return problem("file-too-large", `file is over the ${(maxBytes / 1024 / 1024).toFixed(1)} MB cap`);
    return { bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, total) };
  } catch (e) {
    return problem("file-unreadable", systemMessage(e));
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

export function systemMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or folder";
    case "EACCES":
    case "EPERM":
      return "permission denied: cjm may not read this file";
    case "ELOOP":
      return "too many symbolic links (a link loop?)";
    case "ENOTDIR":
      return "a part of the path is not a folder";
    case "EISDIR":
      return "is a directory, not a journey file";
    default:
      return `cannot be read (${code ?? (e as Error)?.message ?? String(e)})`;
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
