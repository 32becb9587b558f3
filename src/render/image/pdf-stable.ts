import { createHash } from "node:crypto";

/** When no SOURCE_DATE_EPOCH is given: 2000-01-01T00:00:00Z, the same on every machine. */
export const FIXED_PDF_EPOCH = 946_684_800;

/**
 * Same input, same bytes: Chromium stamps each PDF with the time of printing (`/CreationDate`,
 * `/ModDate`, and XMP dates when tagged), a trailer `/ID` and XMP UUIDs. Each is replaced by a
 * value of exactly the same length (so the cross-reference offsets stay right): the dates by
 * `epochSeconds` in UTC (SOURCE_DATE_EPOCH), the ids by a hash of the rest of the file. Tagged
 * PDFs also name each structure element after its DOM node, `(node00000132)`, from a counter the
 * renderer process shares with every page it ever held: renumbered 1, 2, 3… in their order (same
 * width, and the `/IDTree` stays sorted), a report's bytes do not depend on what was drawn before it.
 */
export function stablePdf(pdf: Uint8Array, epochSeconds: number = FIXED_PDF_EPOCH): Uint8Array {
  // latin1 maps each byte to one char and back: binary streams pass through untouched.
  let text = Buffer.from(pdf).toString("latin1");
  const when = new Date(epochSeconds * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const ymdhms = `${pad(when.getUTCFullYear(), 4)}${pad(when.getUTCMonth() + 1)}${pad(when.getUTCDate())}${pad(when.getUTCHours())}${pad(when.getUTCMinutes())}${pad(when.getUTCSeconds())}`;
  text = text.replace(/\/(CreationDate|ModDate) ?\(D:(\d{14})([^)]*)\)/g, (all, key: string, _d: string, zone: string) => {
    const utc = zone.length === 7 ? "+00'00'" : zone.length === 1 ? "Z" : zone.length === 6 ? "+00'00" : zone.length === 0 ? "" : undefined;
    return utc === undefined ? all : all.replace(/D:\d{14}[^)]*/, `D:${ymdhms}${utc}`);
  });
  // XMP dates: 2026-12-01T09:37:19+00:00 (or …Z, or with fractions): same length, same shape.
  const iso = when.toISOString(); // 2000-01-01T00:00:00.000Z
  text = text.replace(/<(xmp:CreateDate|xmp:ModifyDate|xmp:MetadataDate)>([^<]{19})([^<]*)<\/\1>/g, (_all, tag: string, _d: string, rest: string) => {
    const tail = rest.length === 6 ? "+00:00" : rest.length === 1 ? "Z" : rest.length === 5 ? ".000Z" : rest.replace(/\d/g, "0");
    return `<${tag}>${iso.slice(0, 19)}${tail}</${tag}>`;
  });
  // Ranked, not shifted: the counter also moves for nodes the PDF does not name (other pages of
  // the process, the accessibility tree built while loading), which left gaps that varied by run.
  const nodes = [...new Set([...text.matchAll(/\(node(\d{8})\)/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
  const rank = new Map(nodes.map((n, i) => [n, i + 1]));
  text = text.replace(/\(node(\d{8})\)/g, (_all, n: string) => `(node${String(rank.get(Number(n))).padStart(8, "0")})`);
  // The ids: hashed from the file with them blanked, so they still tell different documents apart.
  const idPattern = /(\/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>\s*\])|(uuid:)([0-9a-fA-F-]{36})/g;
  const blanked = text.replace(idPattern, (all) => all.replace(/[0-9A-Fa-f]/g, "0"));
  const digest = createHash("sha256").update(blanked, "latin1").digest("hex");
  let n = 0;
  const hex = (length: number) => {
    let out = "";
    while (out.length < length) out += createHash("sha256").update(`${digest}:${n++}`).digest("hex");
    return out.slice(0, length);
  };
  text = text.replace(idPattern, (all, open?: string, a?: string, mid?: string, b?: string, close?: string, uuid?: string, u?: string) => {
    if (uuid !== undefined && u !== undefined) {
      const h = hex(32);
      return `${uuid}${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
    }
    if (open !== undefined && a !== undefined && b !== undefined) return `${open}${hex(a.length).toUpperCase()}${mid}${hex(b.length).toUpperCase()}${close}`;
    return all;
  });
  return new Uint8Array(Buffer.from(text, "latin1"));
}
