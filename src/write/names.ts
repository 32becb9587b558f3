import { createHash } from "node:crypto";

/**
 * The longest file name cjm writes, in bytes: file systems stop at 255, and the temporary file
 * beside each target (`.<name>.<pid>.<random>.tmp`) needs about 30 more.
 */
export const MAX_NAME_BYTES = 200;

/**
 * An output path whose every segment fits the file-name limit: a longer segment keeps its first
 * bytes (cut on a character boundary), then `~` and a hash of the whole segment, then its last
 * extension. The same path always gives the same name; two long names that share a beginning differ.
 */
export function boundedPath(relative: string): string {
  return relative.split("/").map(boundedName).join("/");
}

export function boundedName(name: string): string {
  if (Buffer.byteLength(name) <= MAX_NAME_BYTES) return name;
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? "";
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 12);
  const room = MAX_NAME_BYTES - Buffer.byteLength(`~${hash}${ext}`);
  let head = "";
  for (const c of name.slice(0, name.length - ext.length)) {
    if (Buffer.byteLength(head + c) > room) break;
    head += c;
  }
  return `${head}~${hash}${ext}`;
}
