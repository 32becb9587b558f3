import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launch, type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBrowser } from "../src/render/image/browser.js";
import { cjm, ROOT, tempDir } from "./helpers/cli.js";

const require = createRequire(import.meta.url);
const SHOTS = path.join(ROOT, "test/.tmp/screenshots");
let browser: Browser;
let out: string;

beforeAll(async () => {
  const executablePath = findBrowser(process.env);
  if (!executablePath) throw new Error("these tests need Chromium (apt-get install chromium), as CI installs it");
  out = tempDir();
  const r = await cjm(["render", "examples/bank-onboarding.yaml", "examples/achat-smartphone.yaml", "--format", "html", "--out", out]);
  expect(r.code, r.stderr).toBe(0);
  browser = await launch({
    executablePath,
    headless: true,
    userDataDir: tempDir("cjm-chromium-"),
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => browser?.close());

describe("saved views (cjm.config.yaml `views:`)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir("cjm-views-");
    cpSync(path.join(ROOT, "examples"), dir, { recursive: true });
    writeFileSync(path.join(dir, "cjm.config.yaml"), "views:\n  ops: { lanes: [backstage, support, systems] }\n  marketing: { personas: [sam] }\n  early: { stages: [awareness, consideration] }\n");
    const r = await cjm(["render", ".", "--format", "html", "--out", "site"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
  });

  it("renders each as <id>.<view>.html, linked from the index", () => {
    const index = readFileSync(path.join(dir, "site/index.html"), "utf8");
    for (const view of ["early", "marketing", "ops"]) expect(index).toContain(`href="bank-onboarding.${view}.html"`);
    expect(index).not.toContain("achat-smartphone.marketing.html"); // that map has no persona sam
  });

  it("holds with JavaScript off, and the controls start from it with JavaScript on", async () => {
    const at = (f: string) => pathToFileURL(path.join(dir, "site", f)).href;
    const off = await browser.newPage();
    await off.setJavaScriptEnabled(false);
    await off.goto(at("bank-onboarding.marketing.html"));
    expect(await displayed(off, "svg.curve polyline")).toEqual(expect.arrayContaining(["sam:true", "ruth:false"]));
    await off.goto(at("bank-onboarding.ops.html"));
    const lanes = await displayed(off, "tr[data-lane]");
    expect(lanes.filter((l) => l.endsWith(":true")).map((l) => l.split(":")[0])).toEqual(["backstage", "support", "systems"]);
    await off.goto(at("bank-onboarding.early.html"));
    expect(await off.$$eval("th.stage-head", (hs) => hs.map((h) => h.getAttribute("data-stage")))).toEqual(["awareness", "consideration"]);
    await off.close();

    const on = await browser.newPage();
    const errors: string[] = [];
    on.on("pageerror", (e) => errors.push(String(e)));
    await on.goto(at("bank-onboarding.ops.html"));
    expect(await on.$eval('input[name="cjm-lane"][value="does"]', (i) => (i as HTMLInputElement).checked)).toBe(false);
    expect(await displayed(on, 'tr[data-lane="does"]')).toEqual(["does:false"]);
    await on.click('input[name="cjm-lane"][value="does"]');
    expect(await displayed(on, 'tr[data-lane="does"]')).toEqual(["does:true"]);
    await on.goto(at("bank-onboarding.marketing.html"));
    expect(await on.$eval('input[data-persona="sam"]', (i) => (i as HTMLInputElement).checked)).toBe(true);
    expect(await displayed(on, 'svg.curve polyline[data-persona="ruth"]')).toEqual(["ruth:false"]);
    expect(errors).toEqual([]);
    await on.close();
  });

  it("a view naming an unknown persona or stage, or a lane that does not exist, is a config error: exit 2", async () => {
    for (const [config, text] of [
      ["views:\n  bad: { personas: [nobody] }\n", "view `bad` names persona `nobody`, which no map has"],
      ["views:\n  bad: { stages: [nowhere] }\n", "view `bad` names stage `nowhere`, which no map has"],
      ["views:\n  bad: { lanes: [nolane] }\n", "found `nolane`"],
    ] as const) {
      writeFileSync(path.join(dir, "cjm.config.yaml"), config);
      const r = await cjm(["render", ".", "--format", "html", "--out", "bad-site"], { cwd: dir });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(text);
    }
  });
});

async function open(file: string, js = true, bypassCsp = false): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  // Only to inject axe: the page's CSP refuses every script but its own.
  if (bypassCsp) await page.setBypassCSP(true);
  const problems: string[] = [];
  const url = pathToFileURL(path.join(out, file)).href;
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("request", (r) => r.url() !== url && problems.push(`request ${r.url()}`));
  await page.setJavaScriptEnabled(js);
  await page.setViewport({ width: 1366, height: 900 });
  await page.goto(url, { waitUntil: "load" });
  return { page, problems };
}

const displayed = (page: Page, selector: string) =>
  page.$$eval(selector, (els) => els.map((e) => `${e.getAttribute("data-persona") ?? e.getAttribute("data-lane") ?? e.getAttribute("data-stage")}:${getComputedStyle(e).display !== "none" && !(e as HTMLElement).hidden}`));

describe("interactive views in the HTML report", () => {
  it("clicking a persona control hides the other personas' lines, points, scores and cards", async () => {
    const { page, problems } = await open("bank-onboarding.html");
    expect(await page.$eval(".cjm-views", (e) => (e as HTMLElement).hidden)).toBe(false);
    expect(await displayed(page, "svg.curve polyline")).toEqual(expect.arrayContaining(["sam:true", "ruth:true"]));
    await page.click('label:has(input[data-persona="sam"])');
    const lines = await displayed(page, "svg.curve polyline");
    expect(lines.filter((l) => l.startsWith("ruth:"))).toEqual(lines.filter((l) => l.startsWith("ruth:")).map(() => "ruth:false"));
    expect(lines.filter((l) => l.startsWith("sam:")).every((l) => l === "sam:true")).toBe(true);
    expect((await displayed(page, "svg.curve circle.point[data-persona='ruth']")).every((l) => l.endsWith("false"))).toBe(true);
    expect((await displayed(page, ".lane-emotion .score[data-persona='ruth']")).every((l) => l.endsWith("false"))).toBe(true);
    expect(await displayed(page, "article.persona")).toEqual(["sam:true", "ruth:false"]);
    await page.screenshot({ path: path.join(SHOTS, "persona-filter.png"), clip: { x: 0, y: 0, width: 1366, height: 900 } });
    // Back to everyone, with the keyboard: the controls are real radio buttons.
    await page.focus('input[name="cjm-persona"][value=""]');
    await page.keyboard.press("Space");
    expect((await displayed(page, "svg.curve polyline")).every((l) => l.endsWith("true"))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("hides lanes, hides stages (the curve follows) and presents one stage per screen", async () => {
    const { page, problems } = await open("bank-onboarding.html");
    await page.click('input[name="cjm-lane"][value="backstage"]');
    expect(await displayed(page, 'tr[data-lane="backstage"]')).toEqual(["backstage:false"]);
    expect(await displayed(page, 'tr[data-lane="frontstage"]')).toEqual(["frontstage:true"]);
    const width = () => page.$eval("svg.curve", (s) => Number(s.getAttribute("width")));
    const before = await width();
    await page.click('input[name="cjm-stage"][value="awareness"]');
    expect(await displayed(page, 'th.stage-head[data-stage="awareness"]')).toEqual(["awareness:false"]);
    expect(await width()).toBe(before - 2 * 200);
    const xs = await page.$$eval("svg.curve circle.point", (cs) => cs.filter((c) => getComputedStyle(c).display !== "none").map((c) => Number(c.getAttribute("cx"))));
    expect(Math.max(...xs)).toBeLessThan(before - 2 * 200);
    await page.click('input[name="cjm-stage"][value="awareness"]');
    expect(await width()).toBe(before);

    await page.click(".cjm-present-toggle");
    const visibleStages = () => page.$$eval("th.stage-head", (hs) => hs.filter((h) => getComputedStyle(h).display !== "none").map((h) => h.getAttribute("data-stage")));
    expect(await visibleStages()).toEqual(["awareness"]);
    await page.keyboard.press("ArrowRight");
    expect(await visibleStages()).toEqual(["consideration"]);
    expect(await page.$eval(".cjm-present-status", (s) => s.textContent)).toContain("2 / ");
    await page.keyboard.press("ArrowLeft");
    expect(await visibleStages()).toEqual(["awareness"]);
    await page.keyboard.press("Escape");
    expect((await visibleStages()).length).toBeGreaterThan(3);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("with JavaScript off shows everything and no control", async () => {
    const { page } = await open("bank-onboarding.html", false);
    expect(await page.$eval(".cjm-views", (e) => getComputedStyle(e).display)).toBe("none");
    expect((await displayed(page, "svg.curve polyline")).every((l) => l.endsWith("true"))).toBe(true);
    expect((await displayed(page, "article.persona")).every((l) => l.endsWith("true"))).toBe(true);
    await page.close();
  });

  it("runs one script, allowed by its hash; any other script is refused by the CSP", async () => {
    const html = readFileSync(path.join(out, "bank-onboarding.html"), "utf8");
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts.length).toBe(1);
    expect(html.match(/<script/g)?.length).toBe(1);
    const hash = createHash("sha256").update(scripts[0]!).digest("base64");
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect(scripts[0]).not.toMatch(/fetch|XMLHttpRequest|import\(|eval|new Function|innerHTML/);
    const { page } = await open("bank-onboarding.html");
    const result = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener("securitypolicyviolation", (e) => violations.push(e.violatedDirective));
      const s = document.createElement("script");
      s.textContent = "window.pwned = 1";
      document.body.appendChild(s);
      await new Promise((r) => setTimeout(r, 100));
      return { pwned: (window as unknown as { pwned?: number }).pwned, violations };
    });
    expect(result.pwned).toBeUndefined();
    expect(result.violations.join(" ")).toMatch(/script-src/);
    await page.close();
  });

  it("stays clean for axe with the controls shown, in both languages", async () => {
    for (const file of ["bank-onboarding.html", "achat-smartphone.html"]) {
      const { page, problems } = await open(file, true, true);
      await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(o?: object): Promise<{ violations: { id: string; impact: string; nodes: { html: string }[] }[] }> } }).axe;
        // As for the report without controls: nothing serious anywhere, and nothing at all in the controls.
        return (await axe.run({ resultTypes: ["violations"] })).violations
          .filter((v) => v.impact === "serious" || v.impact === "critical" || v.nodes.some((n) => /cjm-|name="cjm/.test(n.html)))
          .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.html).join(" | ").slice(0, 300)}`);
      });
      expect(violations, file).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    }
  });
});
