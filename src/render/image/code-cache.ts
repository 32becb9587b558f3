// V8's compiled code of Mermaid's 3 MB script, kept between runs through the DevTools protocol
// (`Page.produceCompilationCache` / `Page.addCompilationCache`): a warm run skips most of
// compiling Mermaid. The data lives in cjm's user cache folder, one file per cjm, Mermaid script
// and Chromium; it is written whole under a temporary name and renamed, so concurrent runs never
// see half a file. Any failure (missing, read-only, corrupt, foreign) only means "compile as usual".
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { writeCacheFile } from "../../cache/folder.js";
import { VERSION } from "../../version.js";

/** What a cache file starts with: its format, then the sha256 of the rest (a torn or foreign file fails it). */
const MAGIC = Buffer.from("cjm-mermaid-code-1\n");
const HASH_BYTES = 32;

function sha256(data: Uint8Array | string): Buffer {
  return createHash("sha256").update(data).digest();
}

/** The cache file for this cjm, this Mermaid script (its bytes) and this Chromium (`browser.version()`). */
export function codeCacheFile(folder: string, script: Uint8Array, chromium: string): string {
  const key = sha256(`${VERSION}\n${sha256(script).toString("hex")}\n${chromium}\n${process.arch}`).toString("hex").slice(0, 32);
  return path.join(folder, "mermaid", `${key}.bin`);
}

/** The cached data as the protocol takes it (base64), or undefined when absent or not intact. */
export function readCodeCache(file: string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const head = MAGIC.length + HASH_BYTES;
  if (bytes.length <= head || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = bytes.subarray(head);
  return sha256(data).equals(bytes.subarray(MAGIC.length, head)) ? data.toString("base64") : undefined;
}

/** Writes the data (base64, from `Page.compilationCacheProduced`) atomically; other versions' files go. */
export function writeCodeCache(file: string, base64: string): void {
  const data = Buffer.from(base64, "base64");
  writeCacheFile(file, Buffer.concat([MAGIC, sha256(data), data]), (name) => name.endsWith(".bin"));
}
