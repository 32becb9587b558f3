import type { OutputFormat } from "../render.js";

/**
 * The files the image stage writes for one journey, known before the browser draws anything, so
 * they are checked with the text outputs before any file is written. Must match `images.ts`.
 */
export function imagePaths(journeyId: string, diagrams: readonly { path: string }[], hasHtml: boolean, formats: readonly OutputFormat[]): string[] {
  const paths: string[] = [];
  for (const d of diagrams) {
    const base = d.path.replace(/\.mmd$/, "");
    if (formats.includes("svg")) paths.push(`${base}.svg`);
    if (formats.includes("png")) paths.push(`${base}.png`);
  }
  if (formats.includes("pdf") && hasHtml) paths.push(`${journeyId}.pdf`);
  return paths;
}
