import type { RenderModel } from "../model.js";
import { quadrantAxis } from "../../model/metrics.js";

/** Text for SVG and HTML built by cjm itself: the five characters that matter, escaped. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.codePointAt(0)};`);
}

/** Width of one step column of the map grid; the curve's points sit at the column centres. */
export const STEP_WIDTH = 200;


const CURVE_HEIGHT = 190;
const TOP = 18;
const BOTTOM = 22;

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * The emotion curve across every step: a line per persona on the 1–5 scale, faces on the scale,
 * the neutral line marked, moments of truth, magic and micro-moments marked on the points. A step
 * with no score breaks the line instead of inventing a value.
 */
export function emotionCurveSvg(model: RenderModel, titleId: string): string {
  const steps = model.steps;
  const width = Math.max(1, steps.length) * STEP_WIDTH;
  const plot = CURVE_HEIGHT - TOP - BOTTOM;
  const y = (score: number) => round(TOP + ((5 - score) / 4) * plot);
  const x = (i: number) => i * STEP_WIDTH + STEP_WIDTH / 2;
  const l = model.labels;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="curve" width="${width}" height="${CURVE_HEIGHT}" viewBox="0 0 ${width} ${CURVE_HEIGHT}" role="img" aria-labelledby="${titleId} ${titleId}-desc">`,
    `<title id="${titleId}">${escapeXml(l.emotionCurve)}</title>`,
    `<desc id="${titleId}-desc">${escapeXml(curveDescription(model))}</desc>`,
  );
  for (let score = 1; score <= 5; score++) {
    parts.push(`<line class="gridline${score === 3 ? " neutral" : ""}" x1="0" x2="${width}" y1="${y(score)}" y2="${y(score)}"/>`);
    parts.push(faceSvg(14, y(score), score));
  }
  for (let i = 1; i < steps.length; i++) {
    const stageChange = steps[i]!.stageId !== steps[i - 1]!.stageId;
    if (stageChange) parts.push(`<line class="stage-edge" data-i="${i}" x1="${i * STEP_WIDTH}" x2="${i * STEP_WIDTH}" y1="0" y2="${CURVE_HEIGHT}"/>`);
  }
  model.personas.forEach((persona, p) => {
    const color = persona.color;
    const offset = model.personas.length > 1 ? (p - (model.personas.length - 1) / 2) * 6 : 0;
    const segments: string[][] = [];
    let current: string[] = [];
    steps.forEach((step, i) => {
      const emotion = step.emotions.find((e) => e.persona === persona.id);
      // A step the persona does not take is skipped; one they take with no score breaks the line.
      if (!emotion) return;
      if (emotion.score === undefined) {
        if (current.length) segments.push(current);
        current = [];
        return;
      }
      current.push(`${x(i) + offset},${y(emotion.score)}`);
    });
    if (current.length) segments.push(current);
    for (const seg of segments) {
      if (seg.length > 1) parts.push(`<polyline class="line" data-persona="${escapeXml(persona.id)}" points="${seg.join(" ")}" stroke="${color}"/>`);
    }
    steps.forEach((step, i) => {
      const score = step.emotions.find((e) => e.persona === persona.id)?.score;
      if (score === undefined) return;
      const cx = x(i) + offset;
      const label = `${persona.name}, ${step.name}: ${score}/5`;
      parts.push(
        `<circle class="point" data-i="${i}" data-step="${escapeXml(step.id)}" data-persona="${escapeXml(persona.id)}" cx="${cx}" cy="${y(score)}" r="6" fill="${color}"><title>${escapeXml(label)}</title></circle>`,
      );
    });
  });
  steps.forEach((step, i) => {
    if (!step.moment) return;
    const scores = step.emotions.map((e) => e.score).filter((s): s is number => s !== undefined);
    const top = scores.length ? y(Math.max(...scores)) - 14 : TOP;
    const glyph = step.moment === "truth" ? "◆" : step.moment === "magic" ? "★" : "▲";
    parts.push(`<text class="moment moment-${step.moment}" data-i="${i}" x="${x(i)}" y="${Math.max(12, top)}" text-anchor="middle">${glyph}<title>${escapeXml(step.momentLabel ?? "")}</title></text>`);
  });
  parts.push("</svg>");
  return parts.join("");
}

const FACE_COLORS = ["", "#c0392b", "#d35400", "#7f8c8d", "#27ae60", "#1e8449"];

/** A face drawn in SVG (no emoji font needed): the mouth bends with the score. */
function faceSvg(cx: number, cy: number, score: number): string {
  const bend = (score - 3) * 2.2;
  return (
    `<g class="face" aria-hidden="true"><circle cx="${cx}" cy="${cy}" r="8" fill="${FACE_COLORS[score]}"/>` +
    `<circle cx="${cx - 3}" cy="${cy - 2.5}" r="1.2" fill="#fff"/><circle cx="${cx + 3}" cy="${cy - 2.5}" r="1.2" fill="#fff"/>` +
    `<path d="M ${cx - 4} ${round(cy + 3 - bend / 2)} Q ${cx} ${round(cy + 3 + bend)} ${cx + 4} ${round(cy + 3 - bend / 2)}" stroke="#fff" stroke-width="1.4" fill="none" stroke-linecap="round"/></g>`
  );
}

/** The same face as a small inline picture for the map's emotion row: no emoji font is needed to print it. */
export function faceIcon(score: number): string {
  if (!Number.isInteger(score) || score < 1 || score > 5) return "";
  return `<svg class="face-icon" width="16" height="16" viewBox="4 4 20 20" aria-hidden="true" focusable="false">${faceSvg(14, 14, score)}</svg>`;
}

function curveDescription(model: RenderModel): string {
  return model.steps
    .map((s) => {
      const scores = s.emotions.filter((e) => e.score !== undefined);
      const text = model.multiPersona ? scores.map((e) => `${e.personaName} ${e.score}/5`).join(", ") : scores.map((e) => `${e.score}/5`).join("");
      return `${s.name}: ${text || "–"}`;
    })
    .join("; ");
}

const MATRIX = 420;
/** Label text: 12px; the width is estimated generously per character (no measuring outside a browser). */
const LABEL_CHAR = 7.4;
const LABEL_LINE = 14;
const LABEL_WRAP = 22;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Labels for points, none overlapping another label or point: each title wrapped at word
 * boundaries (never cut), then tried right, left, above and below its point, nearest first, and
 * further out; a label that finds no free place is left out (the number, the tooltip and the table
 * beside the matrix still name it).
 */
export function placeLabels(points: readonly { x: number; y: number; text: string }[], size: number): ({ x: number; y: number; lines: string[] } | undefined)[] {
  const taken: Box[] = points.map((p) => ({ x: p.x - 11, y: p.y - 11, w: 22, h: 22 }));
  const free = (b: Box) => b.x >= 2 && b.y >= 2 && b.x + b.w <= size - 2 && b.y + b.h <= size - 2 && !taken.some((t) => t.x < b.x + b.w && b.x < t.x + t.w && t.y < b.y + b.h && b.y < t.y + t.h);
  return points.map((p) => {
    const lines = wrapWords(p.text, LABEL_WRAP);
    const w = Math.ceil(Math.max(...lines.map((l) => [...l].length)) * LABEL_CHAR);
    const h = lines.length * LABEL_LINE + 4;
    for (const gap of [14, 30, 48]) {
      const candidates: Box[] = [
        { x: p.x + gap, y: p.y - h / 2, w, h },
        { x: p.x - gap - w, y: p.y - h / 2, w, h },
        { x: p.x - w / 2, y: p.y - gap - h, w, h },
        { x: p.x - w / 2, y: p.y + gap, w, h },
      ];
      const box = candidates.find(free);
      if (box) {
        taken.push(box);
        // The first baseline: 12px text in a box with 2px above.
        return { x: round(box.x), y: round(box.y + 13), lines };
      }
    }
    return undefined;
  });
}

/** Lines of at most `width` characters, broken between words; a longer word keeps a line of its own. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && [...line].length + 1 + [...word].length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [""];
}
const PAD = 48;

/** The impact/effort matrix: four labelled quadrants and a numbered, labelled point per idea. */
export function matrixSvg(model: RenderModel, titleId: string): string | undefined {
  const rated = model.opportunities.filter((o) => o.impact !== undefined && o.effort !== undefined);
  if (rated.length === 0) return undefined;
  const l = model.labels;
  const side = MATRIX - PAD * 2;
  // Each value on the side of the midline its quadrant puts it (effort 3 is high effort).
  const px = (effort: number) => round(PAD + quadrantAxis(effort) * side);
  const py = (impact: number) => round(PAD + side - quadrantAxis(impact) * side);
  const half = side / 2;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="matrix" width="${MATRIX}" height="${MATRIX}" viewBox="0 0 ${MATRIX} ${MATRIX}" role="img" aria-labelledby="${titleId} ${titleId}-desc">`,
    `<title id="${titleId}">${escapeXml(l.quadrantDiagramTitle)}</title>`,
    `<desc id="${titleId}-desc">${escapeXml(rated.map((o) => `${o.title}: ${l.impact} ${o.impact}, ${l.effort} ${o.effort} (${o.quadrantLabel})`).join("; "))}</desc>`,
    `<rect class="q q-quick-win" x="${PAD}" y="${PAD}" width="${half}" height="${half}"/>`,
    `<rect class="q q-major-project" x="${PAD + half}" y="${PAD}" width="${half}" height="${half}"/>`,
    `<rect class="q q-fill-in" x="${PAD}" y="${PAD + half}" width="${half}" height="${half}"/>`,
    `<rect class="q q-thankless-task" x="${PAD + half}" y="${PAD + half}" width="${half}" height="${half}"/>`,
    `<text class="q-label" x="${PAD + 8}" y="${PAD + 18}">${escapeXml(l["quadrant.quick-win"])}</text>`,
    `<text class="q-label" x="${PAD + side - 8}" y="${PAD + 18}" text-anchor="end">${escapeXml(l["quadrant.major-project"])}</text>`,
    `<text class="q-label" x="${PAD + 8}" y="${PAD + side - 8}">${escapeXml(l["quadrant.fill-in"])}</text>`,
    `<text class="q-label" x="${PAD + side - 8}" y="${PAD + side - 8}" text-anchor="end">${escapeXml(l["quadrant.thankless-task"])}</text>`,
    `<text class="axis" x="${PAD + half}" y="${MATRIX - 12}" text-anchor="middle">${escapeXml(l.effort)} →</text>`,
    `<text class="axis" x="16" y="${PAD + half}" text-anchor="middle" transform="rotate(-90 16 ${PAD + half})">${escapeXml(l.impact)} →</text>`,
  ];
  // Points sharing a cell sit side by side around it (rows of three), not on top of each other.
  const inCell = new Map<string, number>();
  const points = rated.map((o, i) => {
    const key = `${o.effort}/${o.impact}`;
    const k = inCell.get(key) ?? 0;
    inCell.set(key, k + 1);
    const sharing = rated.filter((r) => `${r.effort}/${r.impact}` === key).length;
    const row = Math.floor(k / 3);
    const inRow = Math.min(3, sharing - row * 3);
    const cx = round(px(o.effort!) + (k % 3 - (inRow - 1) / 2) * 22);
    const cy = round(py(o.impact!) + row * 22);
    return { o, i, cx, cy };
  });
  const labels = placeLabels(points.map((p) => ({ x: p.cx, y: p.cy, text: p.o.title })), MATRIX);
  points.forEach(({ o, i, cx, cy }, n) => {
    const label = labels[n];
    parts.push(
      `<g class="opp${o.done ? " opp-done" : ""}" data-opportunity="${escapeXml(o.id)}"><title>${escapeXml(o.done ? `${o.title} (${o.statusLabel})` : o.title)}</title>`,
      `<circle cx="${cx}" cy="${cy}" r="10"/>`,
      `<text class="num" x="${cx}" y="${cy + 4}" text-anchor="middle">${o.number ?? i + 1}</text>`,
      label
        ? `<text class="opp-label" x="${label.x}" y="${label.y}">${label.lines.map((line, k) => `<tspan x="${label.x}" dy="${k === 0 ? 0 : LABEL_LINE}">${escapeXml(line)}</tspan>`).join("")}</text></g>`
        : "</g>",
    );
  });
  parts.push("</svg>");
  return parts.join("");
}
