// The pictures people paste into slides, drawn without a browser: the emotion curve and the
// opportunity matrix the HTML report draws (the same SVG code), as standalone files
// (`<id>.curve.svg`, `<id>.matrix.svg`), and as PNG through resvg with the fonts cjm ships (never
// the machine's), so CI without Chromium still gets them, the same bytes on every machine.
import { readFileSync } from "node:fs";
import { packageFile } from "../../load/package-files.js";
import { emotionCurveSvg, escapeXml, matrixSvg, STEP_WIDTH } from "../html/svg.js";
import type { RenderModel } from "../model.js";
import type { Output } from "../render.js";

/** Noto Sans for text; DejaVu Sans for the symbols Noto lacks (◆ ★ ▲ →), by resvg's fallback. */
export const PICTURE_FONT_FILES = ["fonts/NotoSans-Regular.ttf", "fonts/NotoSans-Bold.ttf", "fonts/DejaVuSans.ttf"];
const FONT_FAMILY = "Noto Sans";

let style: string | undefined;

/**
 * The report's own rules for the curve and the matrix (templates/html/partials/styles.hbs, light
 * theme), with its colour variables filled in: one definition of the look, and standalone SVG
 * viewers and resvg do not know CSS variables.
 */
function pictureStyle(): string {
  if (style !== undefined) return style;
  const css = readFileSync(packageFile("templates/html/partials/styles.hbs"), "utf8");
  const root = /^:root\s*\{([^}]*)\}/m.exec(css)?.[1] ?? "";
  const vars = new Map([...root.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
  const rules = css
    .split("\n")
    .filter((line) => /^\.(curve|matrix) [^{]*\{[^}]*\}\s*$/.test(line))
    .map((line) => line.replace(/var\(--([\w-]+)\)/g, (_, name: string) => vars.get(name) ?? "currentColor"));
  style = [`svg { font-family: "${FONT_FAMILY}", sans-serif; }`, ...rules].join("\n");
  return style;
}

const LABEL = 12;

/** Words on at most two lines of about `max` characters, the second cut with an ellipsis. */
function twoLines(text: string, max: number): string[] {
  const lines: string[] = [""];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1]!;
    if ((last ? `${last} ${word}` : word).length <= max) lines[lines.length - 1] = last ? `${last} ${word}` : word;
    else if (lines.length < 2) lines.push(word);
    else {
      lines[1] = `${lines[1]!.slice(0, max - 1)}…`;
      break;
    }
  }
  return lines.map((l) => (l.length > max ? `${l.slice(0, max - 1)}…` : l));
}

/** What the report's grid says around the curve, for a picture that stands alone: the stages
 * above, the step names below, a legend of the personas. */
function curveFrame(model: RenderModel): { top: string; bottom: string; topHeight: number; bottomHeight: number } {
  const top: string[] = [];
  const bottom: string[] = [];
  model.steps.forEach((step, i) => {
    if (i === 0 || step.stageId !== model.steps[i - 1]!.stageId) {
      const span = model.steps.slice(i).findIndex((s) => s.stageId !== step.stageId);
      const count = span < 0 ? model.steps.length - i : span;
      top.push(`<text x="${i * STEP_WIDTH + 8}" y="${LABEL + 2}" font-size="${LABEL + 1}" font-weight="700" fill="#1c1f24">${escapeXml(twoLines(step.stageName, Math.floor((count * STEP_WIDTH) / 8))[0]!)}</text>`);
    }
    twoLines(step.name, 28).forEach((line, k) => {
      bottom.push(`<text x="${i * STEP_WIDTH + STEP_WIDTH / 2}" y="${LABEL + 4 + k * (LABEL + 4)}" font-size="${LABEL}" text-anchor="middle" fill="#4b5360">${escapeXml(line)}</text>`);
    });
  });
  model.personas.forEach((persona, p) => {
    const color = persona.color;
    const y = 2 * (LABEL + 4) + 2 + p * (LABEL + 6);
    top.push(`<circle cx="${8 + 5}" cy="${y - 4}" r="5" fill="${color}"/><text x="${8 + 16}" y="${y}" font-size="${LABEL}" fill="#1c1f24">${escapeXml(persona.name)}</text>`);
  });
  return { top: top.join(""), bottom: bottom.join(""), topHeight: 2 * (LABEL + 4) + model.personas.length * (LABEL + 6) + 4, bottomHeight: 2 * (LABEL + 4) + 6 };
}

/** A picture from the report's SVG: the style inside, a white background, a margin. */
function standalone(svg: string, kind: "curve" | "matrix", frame?: ReturnType<typeof curveFrame>): string {
  const open = /^<svg [^>]*>/.exec(svg)![0];
  const width = Number(/ width="(\d+(?:\.\d+)?)"/.exec(open)![1]);
  const height = Number(/ height="(\d+(?:\.\d+)?)"/.exec(open)![1]);
  const margin = 16;
  const above = frame?.topHeight ?? 0;
  const below = frame?.bottomHeight ?? 0;
  const w = width + margin * 2;
  const h = height + above + below + margin * 2;
  const inner = svg.slice(open.length, -"</svg>".length);
  const titled = /^(<title[^>]*>.*?<\/title><desc[^>]*>.*?<\/desc>)/s.exec(inner);
  const head = titled?.[1] ?? "";
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" class="${kind}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-labelledby="${kind}-title ${kind}-title-desc">` +
    `${head}<style>${pictureStyle()}</style><rect width="100%" height="100%" fill="#ffffff"/>` +
    (frame ? `<g transform="translate(${margin} ${margin})">${frame.top}</g>` : "") +
    `<g transform="translate(${margin} ${margin + above})">${inner.slice(head.length)}</g>` +
    (frame ? `<g transform="translate(${margin} ${margin + above + height})">${frame.bottom}</g>` : "") +
    `</svg>\n`
  );
}

export interface PictureOptions {
  svg: boolean;
  png: boolean;
  /** Pixel density of PNG output (2 = twice the SVG size). */
  scale?: number;
}

/** The curve (always) and the matrix (when an opportunity is rated), as SVG and/or PNG outputs. */
export async function renderPictures(model: RenderModel, journeyId: string, options: PictureOptions): Promise<Output[]> {
  const pictures: { kind: "curve" | "matrix"; svg: string }[] = [
    { kind: "curve", svg: standalone(emotionCurveSvg(model, "curve-title"), "curve", curveFrame(model)) },
  ];
  const matrix = matrixSvg(model, "matrix-title");
  if (matrix) pictures.push({ kind: "matrix", svg: standalone(matrix, "matrix") });
  const outputs: Output[] = [];
  if (options.svg) for (const p of pictures) outputs.push({ path: `${journeyId}.${p.kind}.svg`, content: p.svg });
  if (options.png) {
    const { Resvg } = await import("@resvg/resvg-js");
    const fontFiles = PICTURE_FONT_FILES.map((f) => packageFile(f));
    for (const p of pictures) {
      const resvg = new Resvg(p.svg, {
        fitTo: { mode: "zoom", value: options.scale ?? 2 },
        font: { loadSystemFonts: false, fontFiles, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
        background: "#ffffff",
      });
      outputs.push({ path: `${journeyId}.${p.kind}.png`, content: new Uint8Array(resvg.render().asPng()) });
    }
  }
  return outputs;
}
