import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launch, type Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBrowser } from "../src/render/image/browser.js";
import { VIEWS_SCRIPT, VIEWS_SCRIPT_HASH } from "../src/render/html/views.js";
import { cjm, ROOT, tempDir } from "./helpers/cli.js";

const require = createRequire(import.meta.url);
const SHOTS = path.join(ROOT, "test/.tmp/screenshots");
const CASES = [
  { id: "achat-smartphone", file: "examples/achat-smartphone.yaml" },
  { id: "bank-onboarding", file: "examples/bank-onboarding.yaml" },
  { id: "bank-onboarding-future", file: "examples/bank-onboarding-future.yaml" },
  { id: "hostile", file: "test/fixtures/hostile.yaml" },
];

let browser: Browser;
let out: string;

beforeAll(async () => {
  const executablePath = findBrowser(process.env);
  if (!executablePath) throw new Error("these tests need Chromium (apt-get install chromium), as CI installs it");
  out = tempDir();
  for (const c of CASES) {
    const r = await cjm(["render", c.file, "--format", "html,json", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
  }
  browser = await launch({
    executablePath,
    headless: true,
    userDataDir: tempDir("cjm-chromium-"),
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => browser?.close());

describe("the HTML report in a real Chromium", () => {
  for (const c of CASES) {
    it(`${c.id}: no error, no request, nothing executed; the map matches the YAML; axe finds nothing serious`, async () => {
      const journey = JSON.parse(readFileSync(path.join(out, `${c.id}.json`), "utf8"));
      const page = await browser.newPage();
      const consoleErrors: string[] = [];
      const requests: string[] = [];
      const dialogs: string[] = [];
      const url = pathToFileURL(path.join(out, `${c.id}.html`)).href;
      page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
      page.on("pageerror", (e) => consoleErrors.push(String(e)));
      page.on("request", (r) => r.url() !== url && requests.push(r.url()));
      page.on("dialog", async (d) => {
        dialogs.push(d.message());
        await d.dismiss();
      });
      await page.setViewport({ width: 1366, height: 800 });
      await page.goto(url, { waitUntil: "load" });

      const dom = await page.evaluate(() => ({
        scripts: [...document.querySelectorAll("script")].map((s) => (s.src ? `src=${s.src}` : s.textContent)),
        handlers: [...document.querySelectorAll("*")].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}@${a.name}`)),
        hrefs: [...document.querySelectorAll("[href]")].map((a) => a.getAttribute("href") ?? ""),
        iframes: document.querySelectorAll("iframe, object, embed, img").length,
        stageHeads: [...document.querySelectorAll("th.stage-head")].map((th) => ({ text: th.textContent, span: Number(th.getAttribute("colspan")) })),
        stepHeads: [...document.querySelectorAll("th.step-head")].map((th) => th.id),
        stepNames: [...document.querySelectorAll("th.step-head")].map((th) => (th.childNodes[1]?.textContent ?? "").trim()),
        points: [...document.querySelectorAll("svg.curve circle.point")].map((p) => `${p.getAttribute("data-step")}/${p.getAttribute("data-persona")}`),
        h1: document.querySelector("h1")?.textContent,
        csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content"),
        // Decorative pictures (aria-hidden, like the emotion faces) need no title.
        svgTitles: [...document.querySelectorAll("svg:not([aria-hidden=true])")].every((s) => s.querySelector(":scope > title") && s.querySelector(":scope > desc")),
      }));
      expect(consoleErrors).toEqual([]);
      expect(requests).toEqual([]);
      expect(dialogs).toEqual([]);
      // One script: the views (persona filter, lanes, stages, present), the one the CSP allows by hash.
      expect(dom.scripts).toEqual([VIEWS_SCRIPT]);
      expect(dom.csp).toContain(`script-src '${VIEWS_SCRIPT_HASH}'`);
      expect(dom.handlers).toEqual([]);
      expect(dom.iframes).toBe(0);
      for (const href of dom.hrefs) expect(href).toMatch(/^(#|https?:\/\/)/);
      expect(dom.csp).toContain("default-src 'none'");
      expect(dom.h1).toBe(journey.title);
      expect(dom.svgTitles).toBe(true);

      const steps = journey.stages.flatMap((s: { steps: unknown[] }) => s.steps);
      expect(dom.stageHeads.map((h) => h.text)).toEqual(journey.stages.map((s: { name: string }) => s.name));
      expect(dom.stageHeads.map((h) => h.span)).toEqual(journey.stages.map((s: { steps: unknown[] }) => s.steps.length));
      expect(dom.stepHeads).toEqual(steps.map((s: { id: string }) => s.id));
      expect(dom.stepNames).toEqual(steps.map((s: { name: string }) => s.name));
      const scored = steps.flatMap((s: { id: string; emotions: { persona: string; score?: number }[] }) =>
        s.emotions.filter((e) => e.score !== undefined).map((e) => `${s.id}/${e.persona}`),
      );
      expect(dom.points.sort()).toEqual(scored.sort());

      await page.setBypassCSP(true);
      await page.reload({ waitUntil: "load" });
      await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(o?: object): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
        const result = await axe.run({ resultTypes: ["violations"] });
        return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`);
      });
      expect(violations).toEqual([]);

      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
        const file = path.join(SHOTS, `${c.id}.${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        const png = readFileSync(file);
        expect(png.subarray(1, 4).toString()).toBe("PNG");
        expect(png.readUInt32BE(16)).toBe(1366);
      }
      await page.close();
    });
  }

  it("dark mode passes axe's contrast check too", async () => {
    const page = await browser.newPage();
    await page.setBypassCSP(true);
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
    await page.goto(pathToFileURL(path.join(out, "bank-onboarding.html")).href);
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(o?: object): Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
      return (await axe.run({ runOnly: ["color-contrast"] })).violations.map((v) => v.id);
    });
    expect(violations).toEqual([]);
    await page.close();
  });

  it("prints on A3 landscape pages", async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(out, "achat-smartphone.html")).href);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const text = Buffer.from(pdf).toString("latin1");
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text);
    expect(box).not.toBeNull();
    // A3 landscape is 420 × 297 mm = 1190.55 × 841.89 pt.
    expect(Math.round(Number(box![1]))).toBe(1191);
    expect(Math.round(Number(box![2]))).toBe(842);
    await page.close();
  });
});

describe("HTML output", () => {
  it("is one self-contained file: inline CSS, no external reference", () => {
    const html = readFileSync(path.join(out, "bank-onboarding.html"), "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<link|<script[^>]|@import|url\(/i);
    expect(html.match(/<script>/g)?.length).toBe(1);
    expect(html).toContain("<style>");
  });

  it("French labels for a French map", () => {
    const html = readFileSync(path.join(out, "achat-smartphone.html"), "utf8");
    expect(html).toContain('<html lang="fr">');
    for (const label of ["Points de contact", "Irritants", "Ligne de visibilité", "Gains rapides", "Enseignements"]) expect(html).toContain(label);
  });

  it("user text is escaped, never raw", () => {
    const html = readFileSync(path.join(out, "hostile.html"), "utf8");
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<b>html</b>");
    expect(html).toContain("&lt;script&gt;alert(");
  });

  it("writes nothing to stdout but the report with --out -", async () => {
    const dir = tempDir();
    const r = await cjm(["render", path.join(ROOT, "examples/bank-onboarding.yaml"), "--format", "html", "--out", "-", "--root", ROOT], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("<!doctype html>")).toBe(true);
    writeFileSync(path.join(dir, "x.html"), r.stdout);
  });
});
