import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { launch, type Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBrowser } from "../src/render/image/browser.js";
import { BIN, cjm, ROOT, tempDir } from "./helpers/cli.js";
import { pdfInfo, readPdf } from "./helpers/pdf.js";

let out: string;
let browser: Browser;
const ids = ["achat-smartphone", "bank-onboarding", "bank-onboarding-future"];

/** Chromium processes whose profile lives under `dir` (cjm puts its profile in TMPDIR). */
function chromiumUnder(dir: string): string[] {
  return execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" })
    .split("\n")
    .filter((l) => l.includes(dir) && /chrom/i.test(l));
}

beforeAll(async () => {
  const executablePath = findBrowser(process.env);
  if (!executablePath) throw new Error("these tests need Chromium (apt-get install chromium), as CI installs it");
  out = tempDir();
  const tmp = tempDir("cjm-tmp-");
  const r = await cjm(["render", "examples/", "--format", "svg,png,pdf,json", "--out", out], { env: { TMPDIR: tmp }, timeoutMs: 120_000 });
  expect(r.code, r.stderr).toBe(0);
  expect(chromiumUnder(tmp)).toEqual([]);
  browser = await launch({
    executablePath,
    headless: true,
    userDataDir: tempDir("cjm-test-chromium-"),
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

afterAll(async () => browser?.close());

describe("images from one browser", () => {
  it("writes an SVG and a PNG per diagram and a PDF per map", () => {
    const files = readdirSync(out).sort();
    for (const id of ids) {
      expect(files).toContain(`${id}.pdf`);
      expect(files).toContain(`${id}.flow.svg`);
      expect(files).toContain(`${id}.flow.png`);
      expect(files).toContain(`${id}.opportunities.svg`);
    }
    expect(files.filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("each SVG is self-contained and carries the step names as text", async () => {
    const page = await browser.newPage();
    for (const id of ids) {
      const journey = JSON.parse(readFileSync(path.join(out, `${id}.json`), "utf8"));
      const svg = readFileSync(path.join(out, `${id}.flow.svg`), "utf8");
      expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
      expect(svg).not.toMatch(/<script|@import|url\(\s*['"]?https?:|(?:xlink:)?href="https?:/i);
      const text = await page.evaluate((markup) => {
        const doc = new DOMParser().parseFromString(markup, "image/svg+xml");
        return doc.querySelector("parsererror") ? "PARSE ERROR" : doc.documentElement.textContent ?? "";
      }, svg);
      for (const stage of journey.stages) for (const step of stage.steps) expect(text.replace(/\s+/g, " ")).toContain(step.name);
    }
    await page.close();
  });

  it("PNGs decode in the browser at --scale 2", async () => {
    const page = await browser.newPage();
    // Mermaid's (the browser-free curve and matrix have their own test: pictures.test.ts).
    for (const name of readdirSync(out).filter((f) => f.endsWith(".png") && !/\.(curve|matrix)\.png$/.test(f))) {
      const png = readFileSync(path.join(out, name));
      const width = png.readUInt32BE(16);
      const height = png.readUInt32BE(20);
      const svg = readFileSync(path.join(out, name.replace(/\.png$/, ".svg")), "utf8");
      const viewBox = /viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"/.exec(svg)!;
      // The diagram at its natural size plus 8 px of margin each side, times the scale.
      expect(width, name).toBe((Math.ceil(Number(viewBox[1])) + 16) * 2);
      expect(height, name).toBeGreaterThan(Number(viewBox[2]));
      const decoded = await page.evaluate(async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        return [img.naturalWidth, img.naturalHeight];
      }, png.toString("base64"));
      expect(decoded).toEqual([width, height]);
    }
    await page.close();
  });

  it("the PDF is the report on A3 pages, with selectable text", async () => {
    const pdf = path.join(out, "achat-smartphone.pdf");
    const { pages, sizes, text } = await readPdf(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    // A3 landscape: 420 × 297 mm = 1190.55 × 841.89 pt.
    for (const [w, h] of sizes) {
      expect(Math.round(w)).toBe(1191);
      expect(Math.round(h)).toBe(842);
    }
    expect(text).toContain("Achat d'un smartphone en ligne");
    expect(text).toContain("Paie sur l'application");
  });

  it("the same map gives the same PDF bytes under another TZ and a later clock; SOURCE_DATE_EPOCH dates it", async () => {
    const first = readFileSync(path.join(out, "achat-smartphone.pdf"));
    const again = tempDir();
    const r = await cjm(["render", "examples/achat-smartphone.yaml", "--format", "pdf", "--out", again], { env: { TZ: "Pacific/Chatham" }, timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(again, "achat-smartphone.pdf")).equals(first)).toBe(true);
    const dated = tempDir();
    const d = await cjm(["render", "examples/achat-smartphone.yaml", "--format", "pdf", "--out", dated], { env: { SOURCE_DATE_EPOCH: "1767225600" }, timeoutMs: 60_000 });
    expect(d.code, d.stderr).toBe(0);
    const info = await pdfInfo(path.join(dated, "achat-smartphone.pdf"));
    expect(info["CreationDate"]).toBe("D:20260101000000+00'00'");
    expect(info["ModDate"]).toBe("D:20260101000000+00'00'");
    if (!process.env["SOURCE_DATE_EPOCH"]) expect((await pdfInfo(path.join(out, "achat-smartphone.pdf")))["CreationDate"]).toBe("D:20000101000000+00'00'");
  });

  it("the same map gives the same SVG bytes on every run", async () => {
    const again = tempDir();
    const r = await cjm(["render", "examples/bank-onboarding.yaml", "--format", "svg", "--out", again], { timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    for (const name of readdirSync(again)) expect(readFileSync(path.join(again, name), "utf8"), name).toBe(readFileSync(path.join(out, name), "utf8"));
  });
});

describe("when things go wrong", () => {
  it("no browser: exit 2 with a one-line how-to; the text formats and the browser-free pictures are still written", async () => {
    const dir = tempDir();
    const r = await cjm(["render", path.join(ROOT, "examples/bank-onboarding.yaml"), "--format", "markdown,svg", "--out", dir, "--root", ROOT], {
      env: { PATH: "/nonexistent", CJM_CHROME: "", PUPPETEER_EXECUTABLE_PATH: "" },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cjm: no Chromium or Chrome found for SVG, PNG and PDF output; the Mermaid diagrams as svg not written");
    expect(r.stderr).toContain("help: install one (Debian/Ubuntu: `apt-get install chromium`) or point CJM_CHROME at it");
    expect(readdirSync(dir).sort()).toEqual(["bank-onboarding.curve.svg", "bank-onboarding.matrix.svg", "bank-onboarding.md"]);
  });

  it("a diagram Mermaid cannot parse is a diagnostic naming the journey file and the step", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "tpl/mermaid"), { recursive: true });
    writeFileSync(path.join(dir, "tpl/mermaid/journey.hbs"), "journey\n  title T\n  section S\n{{#each sections}}{{#each tasks}}    {{mm name}}; 3: X\n{{/each}}{{/each}}");
    const r = await cjm(["render", path.join(ROOT, "examples/achat-smartphone.yaml"), "--format", "svg", "--templates", "tpl", "--out", "out", "--root", ROOT], { cwd: dir, timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error\[diagram-error\]: Mermaid cannot draw achat-smartphone\.journey\.mmd \(at step "Voit une publicité Instagram"\)/);
    expect(r.stderr).toMatch(/--> .*examples\/achat-smartphone\.yaml:\d+:\d+/);
    expect(existsSync(path.join(dir, "out", "achat-smartphone.journey.svg"))).toBe(false);
  });

  it("Ctrl-C during a batch closes the browser: exit 130, no Chromium left, no partial file", async () => {
    const dir = tempDir();
    const tmp = tempDir("cjm-tmp-");
    const source = readFileSync(path.join(ROOT, "test/fixtures/hostile.yaml"), "utf8");
    for (let i = 0; i < 40; i++) writeFileSync(path.join(dir, `m${i}.yaml`), source.replace("id: hostile", `id: m${i}`));
    const child = spawn(process.execPath, [BIN, "render", ".", "--format", "svg,png", "--out", "out"], { cwd: dir, env: { ...process.env, TMPDIR: tmp, NO_COLOR: "1" } });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    // Wait until the browser is up and drawing, then interrupt.
    for (let i = 0; i < 200 && !(existsSync(path.join(dir, "out")) && readdirSync(path.join(dir, "out")).some((f) => f.endsWith(".png"))); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(chromiumUnder(tmp).length).toBeGreaterThan(0);
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    await new Promise((r) => setTimeout(r, 300));
    expect(chromiumUnder(tmp)).toEqual([]);
    expect(readdirSync(path.join(dir, "out")).filter((f) => f.includes(".tmp"))).toEqual([]);
    expect(stderr).not.toContain("internal error");
  });
});
