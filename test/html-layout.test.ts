import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launch, type Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBrowser } from "../src/render/image/browser.js";
import { cjm, ROOT, tempDir } from "./helpers/cli.js";

/** Issue 15's HTML items, measured in a real Chromium: matrix labels, word wrapping, faces. */
let browser: Browser;
let out: string;

const FIVE = `cjm: 1
title: Five on one impact
objective: o
personas: [{ name: Ann }]
stages:
  - name: S
    steps: [{ name: X, emotion: 3 }]
opportunities:
${[1, 2, 3, 4, 5].map((i) => `  - { title: "Opportunity ${i} with a fairly long name", impact: 4, effort: 2 }`).join("\n")}
  - { title: Effort three, impact: 2, effort: 3 }
  - { title: Impact three, impact: 3, effort: 1 }
`;

/** Fourteen steps of long French words: on A3 the columns get narrow. */
const NARROW = `cjm: 1
title: Réparation d'un smartphone
locale: fr
objective: Pourquoi les clients rappellent-ils ?
personas: [{ name: Zoé }]
stages:
  - name: Intervention
    steps:
${Array.from({ length: 14 }, (_, i) => `      - { name: "Planification intervention ${i}", does: Téléphone au responsabilisation, thinks: Incompréhensiblement, emotion: 3, evidence: observed }`).join("\n")}
opportunities:
  - { title: Recommandation, status: planned, impact: 3, effort: 2 }
`;

beforeAll(async () => {
  const executablePath = findBrowser(process.env);
  if (!executablePath) throw new Error("these tests need Chromium (apt-get install chromium), as CI installs it");
  out = tempDir();
  writeFileSync(path.join(out, "five.yaml"), FIVE);
  writeFileSync(path.join(out, "narrow.yaml"), NARROW);
  for (const file of [path.join(out, "five.yaml"), path.join(out, "narrow.yaml"), path.join(ROOT, "examples/achat-smartphone.yaml")]) {
    const r = await cjm(["render", file, "--format", "html", "--out", out, "--root", path.dirname(file)]);
    expect(r.code, r.stderr).toBe(0);
  }
  browser = await launch({
    executablePath,
    headless: true,
    userDataDir: tempDir("cjm-chromium-"),
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}, 120_000);

afterAll(async () => browser?.close());

async function open(id: string, width = 1366) {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  await page.goto(pathToFileURL(path.join(out, `${id}.html`)).href, { waitUntil: "load" });
  return page;
}

describe("the opportunity matrix", () => {
  it("five opportunities on one impact: every label whole, no two label boxes intersect, none covers a point", async () => {
    const page = await open("five");
    const boxes = await page.evaluate(() =>
      [...document.querySelectorAll<SVGGElement>(".matrix .opp")].map((g) => {
        const label = g.querySelector<SVGTextElement>(".opp-label");
        const circle = g.querySelector<SVGCircleElement>("circle")!.getBBox();
        const b = label?.getBBox();
        return { title: g.querySelector("title")!.textContent, text: label ? [...label.querySelectorAll("tspan")].map((t) => t.textContent).join(" ") : null, label: b && { x: b.x, y: b.y, w: b.width, h: b.height }, circle: { x: circle.x, y: circle.y, w: circle.width, h: circle.height } };
      }),
    );
    await page.close();
    expect(boxes).toHaveLength(7);
    const hit = (a: { x: number; y: number; w: number; h: number }, b: typeof a) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    for (const [i, a] of boxes.entries()) {
      // Every label shown is the whole title (never cut with "…"), and all seven fit here.
      expect(a.text, a.title!).toBe(a.title);
      for (const [j, b] of boxes.entries()) {
        if (i === j) continue;
        expect(hit(a.label!, b.label!), `${a.title} / ${b.title}`).toBe(false);
        expect(hit(a.label!, b.circle), `${a.title} over point of ${b.title}`).toBe(false);
        expect(hit(a.circle, b.circle), `points of ${a.title} and ${b.title}`).toBe(false);
      }
    }
  });

  it("boundary values sit on the side their quadrant puts them: effort 3 right of the midline, impact 3 above it", async () => {
    const page = await open("five");
    const at = await page.evaluate(() => {
      const mid = document.querySelector<SVGRectElement>(".matrix .q-major-project")!.getBBox();
      const point = (title: string) => {
        const g = [...document.querySelectorAll(".matrix .opp")].find((e) => e.querySelector("title")!.textContent === title)!;
        const c = g.querySelector<SVGCircleElement>("circle")!;
        return { cx: c.cx.baseVal.value, cy: c.cy.baseVal.value, r: c.r.baseVal.value };
      };
      return { midX: mid.x, midY: mid.y + mid.height, effort3: point("Effort three"), impact3: point("Impact three") };
    });
    await page.close();
    expect(at.effort3.cx - at.effort3.r).toBeGreaterThan(at.midX);
    expect(at.impact3.cy + at.impact3.r).toBeLessThan(at.midY);
  });
});

describe("the map grid", () => {
  it("headers and cells break between words, never inside one (fourteen steps of long French words, printed on A3)", async () => {
    // A3 landscape less 10 mm margins, at 96 px per inch: about 1512 px of line.
    const page = await open("narrow", 1512);
    await page.emulateMediaType("print");
    const broken = await page.evaluate(() => {
      const found: string[] = [];
      for (const cell of document.querySelectorAll(".grid th, .grid td")) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? "";
          // A word, or the part of one up to a hyphen (a break after a hyphen is a word boundary).
          for (const m of text.matchAll(/[^\s-]+-?/g)) {
            const range = document.createRange();
            range.setStart(node, m.index!);
            range.setEnd(node, m.index! + m[0].length);
            const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            if (lines.size > 1) found.push(m[0]);
          }
        }
      }
      return found;
    });
    await page.close();
    expect(broken).toEqual([]);
  });

  it("emotion faces are drawn in SVG, not emoji (a CI machine without an emoji font prints them)", async () => {
    const html = readFileSync(path.join(out, "achat-smartphone.html"), "utf8");
    expect(html).not.toMatch(/[😠🙁😐🙂😄]/u);
    const page = await open("achat-smartphone");
    const faces = await page.evaluate(() => [...document.querySelectorAll(".grid .score .face-icon")].map((s) => s.getBoundingClientRect().width));
    await page.close();
    expect(faces.length).toBeGreaterThan(5);
    for (const w of faces) expect(w).toBe(16);
  });
});
