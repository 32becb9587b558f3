import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launch, type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBrowser } from "../src/render/image/browser.js";
import { VIEWS_SCRIPT } from "../src/render/html/views.js";
import { cjm, ROOT, tempDir } from "./helpers/cli.js";

const require = createRequire(import.meta.url);
const SHOTS = path.join(ROOT, "test/.tmp/screenshots");
let browser: Browser;
let out: string;

beforeAll(async () => {
  const executablePath = findBrowser(process.env);
  if (!executablePath) throw new Error("these tests need Chromium (apt-get install chromium), as CI installs it");
  out = tempDir();
  const r = await cjm(["render", "examples/bank-onboarding.yaml", "examples/achat-smartphone.yaml", "examples/checkout-measured.yaml", "--format", "html", "--out", out]);
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

describe("user templates (--templates) and the report's script", () => {
  const report = (script: string) =>
    [
      "<!doctype html>",
      '<html lang="{{locale}}">',
      "<head>",
      "{{> head title=journey.title scriptHash=viewsScriptHash}}",
      "<style>{{> styles}}</style>",
      "</head>",
      "<body>",
      '<h1 class="brand">{{journey.title}}</h1>',
      "<main>{{> personas}}{{> views}}{{> grid}}</main>",
      script,
      "</body>",
      "</html>",
      "",
    ].join("\n");
  const render = async (files: Record<string, string>) => {
    const dir = tempDir("cjm-tpl-script-");
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, "tpl", name)), { recursive: true });
      writeFileSync(path.join(dir, "tpl", name), text);
    }
    const r = await cjm(["render", path.join(ROOT, "examples/bank-onboarding.yaml"), "--root", ROOT, "--templates", "tpl", "--format", "html", "--out", "out"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const file = path.join(dir, "out/bank-onboarding.html");
    return { file, html: readFileSync(file, "utf8") };
  };
  const policies = (html: string) => [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)].map((m) => m[1]!);
  const visit = async (file: string) => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(String(e)));
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    return { page, problems };
  };
  const hash = `'sha256-${createHash("sha256").update(VIEWS_SCRIPT).digest("base64")}'`;

  it("a user template that includes the script partial keeps a working script, allowed by its hash in the injected CSP too", async () => {
    // Replacing one partial only (the built-in report.hbs still includes `{{> script}}`), and a whole report that includes it.
    for (const files of [{ "html/partials/header.hbs": '<header><h1 class="brand">{{journey.title}}</h1></header>\n' }, { "html/report.hbs": report("{{> script}}") }]) {
      const { file, html } = await render(files);
      expect(html).toContain('<h1 class="brand">');
      const csp = policies(html);
      expect(csp.length).toBe(2); // cjm's, injected first, and the head partial's: both are enforced
      for (const policy of csp) expect(policy).toContain(`script-src ${hash}`);
      const { page, problems } = await visit(file);
      expect(await page.$eval(".cjm-views", (e) => (e as HTMLElement).hidden)).toBe(false);
      await page.click('label:has(input[data-persona="sam"])');
      expect(await displayed(page, 'svg.curve polyline[data-persona="ruth"]')).toEqual(["ruth:false"]);
      await page.click('th.stage-head[data-stage="awareness"] .cjm-stage-toggle');
      expect(await page.$eval('th.stage-head[data-stage="awareness"] .cjm-stage-toggle', (b) => b.getAttribute("aria-expanded"))).toBe("false");
      expect(problems, Object.keys(files)[0]).toEqual([]);
      await page.close();
    }
  });

  it("a user template without it keeps a script-free CSP: its own script is refused, the page shows everything", async () => {
    const { file, html } = await render({ "html/report.hbs": report("<script>window.pwned = 1</script>") });
    expect(html).not.toContain(VIEWS_SCRIPT);
    const [injected] = policies(html);
    expect(injected).toMatch(/^default-src 'none'; style-src/);
    expect(injected).not.toContain("script-src");
    const { page, problems } = await visit(file);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(problems.join(" ")).toMatch(/Content Security Policy/);
    expect(await page.$eval(".cjm-views", (e) => getComputedStyle(e).display)).toBe("none");
    expect((await displayed(page, "svg.curve polyline")).every((l) => l.endsWith("true"))).toBe(true);
    await page.close();
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
    // The insights that belong to one persona follow the filter too.
    expect(await displayed(page, "li.insight[data-persona]")).toEqual(["sam:true", "ruth:false"]);
    await page.screenshot({ path: path.join(SHOTS, "persona-filter.png"), clip: { x: 0, y: 0, width: 1366, height: 900 } });
    // Back to everyone, with the keyboard: the controls are real radio buttons.
    await page.focus('input[name="cjm-persona"][value=""]');
    await page.keyboard.press("Space");
    expect((await displayed(page, "svg.curve polyline")).every((l) => l.endsWith("true"))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("hides lanes, collapses a stage to a narrow labelled column from its header (the curve follows) and presents one stage per screen", async () => {
    const { page, problems } = await open("bank-onboarding.html");
    await page.click('input[name="cjm-lane"][value="backstage"]');
    expect(await displayed(page, 'tr[data-lane="backstage"]')).toEqual(["backstage:false"]);
    expect(await displayed(page, 'tr[data-lane="frontstage"]')).toEqual(["frontstage:true"]);
    const width = () => page.$eval("svg.curve", (s) => Number(s.getAttribute("width")));
    const before = await width();
    const toggle = 'th.stage-head[data-stage="awareness"] button.cjm-stage-toggle';
    expect(await page.$eval(toggle, (b) => [b.getAttribute("aria-expanded"), b.getAttribute("aria-label"), getComputedStyle(b).display !== "none"])).toEqual(["true", "Awareness", true]);
    // With the keyboard: the toggle is a real button in the stage header.
    await page.focus(toggle);
    await page.keyboard.press("Enter");
    expect(await page.$eval(toggle, (b) => [b.getAttribute("aria-expanded"), b.getAttribute("title")])).toEqual(["false", "Expand this stage"]);
    // The stage keeps one narrow column, labelled with its name; its two steps' columns are gone.
    const head = await page.$eval('th.stage-head[data-stage="awareness"]', (h) => ({ width: Math.round(h.getBoundingClientRect().width), span: (h as HTMLTableCellElement).colSpan, label: getComputedStyle(h.querySelector(".stage-name")!).display !== "none" ? h.querySelector(".stage-name")!.textContent : "" }));
    expect(head).toEqual({ width: 44, span: 1, label: "Awareness" });
    const awareness = () => page.$$eval('th.step-head[data-stage="awareness"]', (hs) => hs.map((h) => `${Math.round(h.getBoundingClientRect().width)}:${getComputedStyle(h).visibility}`));
    expect(await awareness()).toEqual(["44:hidden", "0:visible"]);
    expect(await page.$eval('th.step-head[data-stage="consideration"]', (h) => Math.round(h.getBoundingClientRect().left - h.closest("table")!.getBoundingClientRect().left))).toBe(150 + 44);
    expect(await width()).toBe(before - 2 * 200 + 44);
    const points = () => page.$$eval("svg.curve circle.point", (cs) => cs.filter((c) => getComputedStyle(c).display !== "none").map((c) => `${c.getAttribute("data-i")}@${c.getAttribute("cx")}`));
    const shown = await points();
    expect(shown.some((p) => p.startsWith("0@") || p.startsWith("1@"))).toBe(false); // the collapsed stage's points
    // Step 2 (the first of "consideration") is centred in its column, right of the narrow one.
    // (Two personas: their points sit 3 px either side of the centre.)
    expect(shown.filter((p) => p.startsWith("2@")).map((p) => Number(p.split("@")[1]))).toEqual([44 + 100 - 3, 44 + 100 + 3]);
    await page.keyboard.press("Enter");
    expect(await page.$eval(toggle, (b) => b.getAttribute("aria-expanded"))).toBe("true");
    expect(await width()).toBe(before);
    expect(await awareness()).toEqual(["200:visible", "200:visible"]);
    // A link to a step of a collapsed stage (an insight, an opportunity) expands it.
    await page.click(toggle);
    expect(await page.$eval(toggle, (b) => b.getAttribute("aria-expanded"))).toBe("false");
    await page.click('.insights a[href="#branch-window"]');
    expect(await page.$eval(toggle, (b) => b.getAttribute("aria-expanded"))).toBe("true");
    expect(await awareness()).toEqual(["200:visible", "200:visible"]);

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

  it("the persona filter hides the other persona's figures beside the curve, in the figure cards and its insights; the CSP holds", async () => {
    const { page, problems } = await open("checkout-measured.html");
    await page.evaluate(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener("securitypolicyviolation", (e) => (window as unknown as { violations: string[] }).violations.push(e.violatedDirective));
    });
    const figures = () => displayed(page, ".legend-item, .persona-figure, li.insight[data-persona], .lane-emotion .score");
    const all = await figures();
    expect(all.filter((f) => f.startsWith("paul:")).length).toBeGreaterThan(4);
    expect(all.every((f) => f.endsWith(":true"))).toBe(true);
    // Marie's own figures sit under her legend entry: NPS and CSAT of her segment, with n and source.
    expect(await page.$eval('.legend-item[data-persona="marie"] .legend-figures', (e) => e.textContent)).toBe("Whole journey: NPS +20 · n = 275 · 2026-Q3 · survey-q3Enters payment details: CSAT 73% · n = 271 · 2026-Q3 · survey-q3");
    await page.click('label:has(input[data-persona="marie"])');
    const after = await figures();
    expect(after.filter((f) => f.startsWith("paul:"))).toEqual(all.filter((f) => f.startsWith("paul:")).map(() => "paul:false"));
    expect(after.filter((f) => f.startsWith("marie:")).every((f) => f === "marie:true")).toBe(true);
    expect(await displayed(page, 'svg.curve polyline[data-persona="paul"]')).toEqual(["paul:false"]);
    // The figures for the whole sample stay: they belong to no persona.
    expect(await page.$eval(".measured .metric .value", (e) => getComputedStyle(e).display !== "none")).toBe(true);
    await page.click('label:has(input[name="cjm-persona"][value=""])');
    expect((await figures()).every((f) => f.endsWith(":true"))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("with JavaScript off shows everything and no control", async () => {
    const { page } = await open("bank-onboarding.html", false);
    expect(await page.$eval(".cjm-views", (e) => getComputedStyle(e).display)).toBe("none");
    expect(await page.$$eval(".cjm-stage-toggle", (bs) => bs.map((b) => getComputedStyle(b).display))).toEqual(["none", "none", "none", "none"]);
    expect(await page.$$eval("th.step-head", (hs) => hs.every((h) => h.getBoundingClientRect().width === 200))).toBe(true);
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
    for (const [file, persona] of [["bank-onboarding.html", "sam"], ["achat-smartphone.html", ""], ["checkout-measured.html", "paul"]] as const) {
      const { page, problems } = await open(file, true, true);
      await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
      // With a persona chosen and a stage collapsed, as a reader leaves the page.
      if (persona) await page.click(`label:has(input[data-persona="${persona}"])`);
      await page.click("th.stage-head .cjm-stage-toggle");
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
