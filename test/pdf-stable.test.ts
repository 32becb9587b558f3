import { describe, expect, it } from "vitest";
import { FIXED_PDF_EPOCH, stablePdf } from "../src/render/image/pdf-stable.js";

const bytes = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));
const text = (b: Uint8Array) => Buffer.from(b).toString("latin1");

/** A PDF's varying parts as Chromium writes them (dates, trailer /ID, XMP UUIDs) around binary bytes. */
function chromiumLike(date: string, zone: string, id: string, uuid: string): string {
  return (
    `%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<</Producer (Skia/PDF m156)\n/CreationDate (D:${date}${zone})\n/ModDate (D:${date}${zone})>>\nendobj\n` +
    `2 0 obj\n<</Type /Metadata /Subtype /XML>>stream\n<xmp:CreateDate>2026-12-01T09:37:19+01:00</xmp:CreateDate>` +
    `<xmpMM:DocumentID>uuid:${uuid}</xmpMM:DocumentID><xmpMM:InstanceID>uuid:${uuid}</xmpMM:InstanceID>\nendstream\nendobj\n` +
    `3 0 obj\n<</Length 4>>stream\n\x00\xff\x80\x7f\nendstream\nendobj\n` +
    `trailer\n<</Size 4 /ID [<${id}><${id}>]>>\n%%EOF\n`
  );
}

describe("stablePdf", () => {
  const a = chromiumLike("20261201093719", "+00'00'", "0A1B2C3D4E5F60718293A4B5C6D7E8F9", "1b4e28ba-2fa1-11d2-883f-0016d3cca427");
  const b = chromiumLike("20261201183722", "+09'00'", "FFEEDDCCBBAA99887766554433221100", "9c5b94b1-35ad-49bb-b118-8e8fc24abf80");

  it("two prints at different times and time zones give the same bytes, of the same length", () => {
    const sa = stablePdf(bytes(a));
    expect(text(sa)).toBe(text(stablePdf(bytes(b))));
    expect(sa.length).toBe(bytes(a).length);
    expect(text(sa)).toContain("/CreationDate (D:20000101000000+00'00')");
    expect(text(sa)).toContain("<xmp:CreateDate>2000-01-01T00:00:00+00:00</xmp:CreateDate>");
    expect(text(sa)).not.toContain("0A1B2C3D");
    expect(text(sa)).not.toContain("1b4e28ba");
    expect(text(sa)).toMatch(/uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}</);
    expect(text(sa)).toMatch(/\/ID \[<[0-9A-F]{32}><[0-9A-F]{32}>\]/);
    // Binary stream bytes pass through untouched.
    expect(text(sa)).toContain("\x00\xff\x80\x7f");
  });

  it("SOURCE_DATE_EPOCH sets the date", () => {
    expect(text(stablePdf(bytes(a), 1767225600))).toContain("/ModDate (D:20260101000000+00'00')");
    expect(FIXED_PDF_EPOCH).toBe(Date.UTC(2000, 0, 1) / 1000);
  });

  it("different documents keep different ids", () => {
    const other = a.replace("Skia/PDF m156", "Skia/PDF m157");
    const idOf = (s: string) => /\/ID \[<([0-9A-F]+)>/.exec(text(stablePdf(bytes(s))))![1];
    expect(idOf(other)).not.toBe(idOf(a));
  });

  it("tag ids named after DOM nodes are ranked 1, 2, 3…: another counter start or gap gives the same bytes, the /IDTree stays in order", () => {
    const tagged = (ids: number[]) => {
      const n = ids.map((i) => `(node${String(i).padStart(8, "0")})`);
      return a.replace("trailer", `4 0 obj\n<</Type /StructTreeRoot /IDTree <</Names [${n[0]} 5 0 R ${n[1]} 6 0 R ${n[2]} 7 0 R]>>>>\nendobj\n5 0 obj\n<</S /TH /ID ${n[0]}>>\nendobj\n6 0 obj\n<</S /TD /A [<</O /Table /Headers [${n[0]} ${n[2]}]>>]>>\nendobj\ntrailer`);
    };
    const first = text(stablePdf(bytes(tagged([132, 135, 147]))));
    expect(text(stablePdf(bytes(tagged([830, 833, 844]))))).toBe(first);
    expect(first).toContain("/Names [(node00000001) 5 0 R (node00000002) 6 0 R (node00000003) 7 0 R]");
    expect(first).toContain("/Headers [(node00000001) (node00000003)]");
    expect(first.length).toBe(tagged([132, 135, 147]).length);
    // Another structure is another document.
    expect(text(stablePdf(bytes(tagged([132, 147, 135]))))).not.toBe(first);
  });
});
