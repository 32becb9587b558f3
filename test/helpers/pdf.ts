import { readFileSync } from "node:fs";

/** What a reader sees in a PDF, read with PDF.js (no poppler needed): pages, their size in points, the text. */
export async function readPdf(file: string): Promise<{ pages: number; sizes: [number, number][]; text: string }> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false, isEvalSupported: false }).promise;
  const sizes: [number, number][] = [];
  const texts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    sizes.push([x1 - x0, y1 - y0]);
    const content = await page.getTextContent();
    texts.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(""));
  }
  await doc.destroy();
  return { pages: doc.numPages, sizes, text: texts.join("\n") };
}

/** The document information dictionary as PDF.js reads it (CreationDate, ModDate, Producer…). */
export async function pdfInfo(file: string): Promise<Record<string, unknown>> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), isEvalSupported: false }).promise;
  const { info } = await doc.getMetadata();
  await doc.destroy();
  return info as Record<string, unknown>;
}
