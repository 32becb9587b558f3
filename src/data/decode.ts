import { isUtf8 } from "node:buffer";
import type { TableProblem } from "./types.js";

export type Encoding = "utf-8" | "utf-16le" | "utf-16be";

/** The text encoding from the first bytes: a BOM, or the NUL pattern of BOM-less UTF-16. */
export function sniffEncoding(head: Uint8Array): { encoding: Encoding; bomBytes: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", bomBytes: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", bomBytes: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", bomBytes: 2 };
  const n = Math.min(head.length, 512) & ~1;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  if (n >= 4 && oddNul > n / 4 && evenNul === 0) return { encoding: "utf-16le", bomBytes: 0 };
  if (n >= 4 && evenNul > n / 4 && oddNul === 0) return { encoding: "utf-16be", bomBytes: 0 };
  return { encoding: "utf-8", bomBytes: 0 };
}

/**
 * Decodes chunks of a data file to text with LF line ends (CRLF and lone CR become LF, also in
 * quoted cells, so line numbers are counted one way). Refuses invalid UTF-8 and binary data.
 */
export class TextStream {
  private decoder: TextDecoder | undefined;
  private skip = 0;
  private pendingCr = false;
  problem: TableProblem | undefined;

  push(chunk: Uint8Array, last = false): string {
    if (!this.decoder) {
      const { encoding, bomBytes } = sniffEncoding(chunk);
      this.decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
      this.skip = bomBytes;
    }
    if (this.skip > 0) {
      chunk = chunk.subarray(this.skip);
      this.skip = 0;
    }
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: !last });
    } catch {
      this.problem = {
        code: "data-file-invalid",
        message: { en: "the data file is not valid UTF-8 or UTF-16 text", fr: "le fichier de données n'est pas un texte UTF-8 ou UTF-16 valide" },
        help: { en: "export it again as CSV UTF-8 (or Unicode text)", fr: "exportez-le de nouveau en CSV UTF-8 (ou en texte Unicode)" },
      };
      return "";
    }
    if (text.includes("\u0000")) {
      this.problem = {
        code: "data-file-invalid",
        message: { en: "the data file holds binary data, not text", fr: "le fichier de données contient des données binaires, pas du texte" },
        help: { en: "give a CSV, TSV or .xlsx export", fr: "donnez un export CSV, TSV ou .xlsx" },
      };
      return "";
    }
    if (this.pendingCr) text = "\r" + text;
    this.pendingCr = !last && text.endsWith("\r");
    if (this.pendingCr) text = text.slice(0, -1);
    return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
  }
}

/**
 * UTF-8 chunks checked as they are, not decoded: valid UTF-8 (a character split between chunks
 * waits for the next one), no NUL byte (binary data), the BOM dropped. Line ends are left as
 * they are (the CSV parser takes CRLF, LF and CR alike).
 */
export class Utf8Bytes {
  private started = false;
  private carry: Buffer | undefined;
  problem: TableProblem | undefined;

  push(chunk: Uint8Array, last = false): Buffer {
    let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.carry) {
      buf = Buffer.concat([this.carry, buf]);
      this.carry = undefined;
    }
    if (!this.started && (buf.length >= 3 || last)) {
      this.started = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    if (!last) {
      const end = this.started ? completeLength(buf) : 0;
      if (end < buf.length) {
        this.carry = Buffer.from(buf.subarray(end));
        buf = buf.subarray(0, end);
      }
    }
    if (!isUtf8(buf)) {
      this.problem = {
        code: "data-file-invalid",
        message: { en: "the data file is not valid UTF-8 or UTF-16 text", fr: "le fichier de données n'est pas un texte UTF-8 ou UTF-16 valide" },
        help: { en: "export it again as CSV UTF-8 (or Unicode text)", fr: "exportez-le de nouveau en CSV UTF-8 (ou en texte Unicode)" },
      };
      return Buffer.alloc(0);
    }
    if (buf.includes(0)) {
      this.problem = {
        code: "data-file-invalid",
        message: { en: "the data file holds binary data, not text", fr: "le fichier de données contient des données binaires, pas du texte" },
        help: { en: "give a CSV, TSV or .xlsx export", fr: "donnez un export CSV, TSV ou .xlsx" },
      };
      return Buffer.alloc(0);
    }
    return buf;
  }
}

/** The length of `buf` up to its last complete UTF-8 character (a split one waits for more bytes). */
function completeLength(buf: Buffer): number {
  let i = buf.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && (buf[i]! & 0xc0) === 0x80) {
    i--;
    continuation++;
  }
  if (i < 0) return buf.length;
  const lead = buf[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return i + need <= buf.length ? buf.length : i;
}
