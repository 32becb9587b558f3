import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { launch, type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBrowser } from "../src/render/image/browser.js";
import { EXAMPLES, ROOT, tempDir } from "./helpers/cli.js";
import { createServer } from "node:net";
import { allowedHosts, resolvePage } from "../src/serve/server.js";
import { cjm } from "./helpers/cli.js";
import { get, serve, type Served } from "./helpers/serve.js";

const SHOTS = path.join(ROOT, "test/.tmp/screenshots");
let browser: Browser;
let served: Served;
let dir: string;
let outside: string;

beforeAll(async () => {
  const executablePath = findBrowser(process.env);
  if (!executablePath) throw new Error("these tests need Chromium (apt-get install chromium), as CI installs it");
  dir = tempDir("cjm-serve-");
  cpSync(EXAMPLES, dir, { recursive: true });
  // A map outside the served folder, reached through a symbolic link inside it.
  outside = tempDir("cjm-outside-");
  writeFileSync(path.join(outside, "secret.yaml"), "cjm: 1\nid: secret\ntitle: Secret outside\npersonas: [{ name: A }]\nstages: [{ name: S, steps: [{ name: T, emotion: 3 }] }]\n");
  symlinkSync(path.join(outside, "secret.yaml"), path.join(dir, "linked.yaml"));
  served = await serve([".", "--port", "0"], dir);
  browser = await launch({
    executablePath,
    headless: true,
    userDataDir: tempDir("cjm-chromium-"),
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

async function open(pagePath: string, base = served.url): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warn") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${String(e)}`));
  page.on("request", (r) => {
    if (!r.url().startsWith(base)) problems.push(`request: ${r.url()}`);
  });
  await page.goto(base + pagePath, { waitUntil: "load" });
  return { page, problems };
}

describe("cjm serve", () => {
  it("serves the portfolio and each report, and a save updates the open page without a reload", async () => {
    const { page, problems } = await open("");
    expect(await page.$eval("h1", (h) => h.textContent)).toMatch(/portfolio|Portefeuille/i);
    const links = await page.$$eval("a[href$='.html']", (as) => as.map((a) => a.getAttribute("href")));
    expect(links).toContain("bank-onboarding.html");
    expect(links).not.toContain("linked.html");

    await page.goto(served.url + "bank-onboarding.html", { waitUntil: "load" });
    expect(await page.$eval("h1", (h) => h.textContent)).toContain("Opening a current account");
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.evaluate(() => window.scrollTo(0, 300));
    const file = path.join(dir, "bank-onboarding.yaml");
    const original = readFileSync(file, "utf8");
    writeFileSync(file, original.replace("title: Opening a current account", "title: Opening an account, live"));
    await page.waitForFunction(() => document.querySelector("h1")?.textContent?.includes("Opening an account, live"), { timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42); // no reload
    expect(await page.evaluate(() => window.scrollY)).toBe(300); // scroll kept

    // Break it: the last good page stays, with the diagnostics over it.
    const broken = original.replace("title: Opening a current account", "title: Opening an account, live").replace(/emotion: 4\b/, "emotion: 9");
    const brokenLine = broken.split("\n").findIndex((l) => l.includes("emotion: 9")) + 1;
    writeFileSync(file, broken);
    await page.waitForSelector("#cjm-overlay", { timeout: 15_000 });
    const overlay = await page.$eval("#cjm-overlay", (o) => o.textContent ?? "");
    expect(overlay).toContain(`bank-onboarding.yaml:${brokenLine}:`);
    expect(overlay).toContain("error[out-of-range]");
    const href = await page.$eval("#cjm-overlay a", (a) => a.getAttribute("href"));
    expect(href).toMatch(new RegExp(`^vscode://file/.*bank-onboarding\\.yaml:${brokenLine}:\\d+$`));
    expect(await page.$eval("h1", (h) => h.textContent)).toContain("Opening an account, live");
    await page.screenshot({ path: path.join(SHOTS, "serve-overlay.png") });
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

    // Fix it: the overlay goes.
    writeFileSync(file, original);
    await page.waitForFunction(() => !document.querySelector("#cjm-overlay") && document.querySelector("h1")?.textContent?.includes("Opening a current account"), { timeout: 15_000 });
    // The report's own views still work after the swap: the persona filter hides the other line.
    await page.click('label:has(input[data-persona="sam"])');
    expect(await page.$$eval('svg.curve polyline[data-persona="ruth"]', (ls) => ls.every((l) => getComputedStyle(l).display === "none"))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("updates on a persona file and on the config too", async () => {
    const { page, problems } = await open("bank-onboarding.html");
    const persona = path.join(dir, "personas/sam.yaml");
    const text = readFileSync(persona, "utf8");
    const name = /name: (.+)/.exec(text)![1]!;
    writeFileSync(persona, text.replace(`name: ${name}`, "name: Samira Live"));
    await page.waitForFunction(() => document.body.textContent?.includes("Samira Live"), { timeout: 15_000 });
    writeFileSync(persona, text);
    writeFileSync(path.join(dir, "cjm.config.yaml"), "locale: fr\n");
    await page.waitForFunction(() => document.documentElement.lang === "fr" || document.body.textContent?.includes("Parcours"), { timeout: 15_000 });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("sends its CSP as a header: the live script by hash, connect-src 'self', nothing else", async () => {
    const r = await get(served.port, "/bank-onboarding.html");
    expect(r.status).toBe(200);
    const csp = String(r.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("connect-src 'self'");
    expect(r.body.match(/<script>/g)?.length).toBe(2); // the live update, and the report's views
    expect(csp.match(/'sha256-/g)?.length).toBe(2);
    expect(r.body).not.toMatch(/<script[^>]+src=|https?:\/\/[^"]*\.js/);
  });

  it("rejects a Host header that is not the bound name (DNS rebinding)", async () => {
    for (const host of [`localhost:${served.port}`, `127.0.0.1:${served.port}`, `[::1]:${served.port}`]) {
      expect((await get(served.port, "/", host)).status, host).toBe(200);
    }
    for (const host of ["evil.example", `evil.example:${served.port}`, "localhost", `localhost:${served.port + 1}`, `127.0.0.1.evil.example:${served.port}`]) {
      const r = await get(served.port, "/", host);
      expect(r.status, `Host: ${host}`).toBe(403);
      expect(r.body).not.toContain("<html");
    }
    const none = await get(served.port, "/", "");
    expect(none.status).toBeGreaterThanOrEqual(400);
    expect(none.body).not.toContain("<html");
    const events = await get(served.port, "/__cjm/events", "evil.example");
    expect(events.status).toBe(403);
  });

  it("serves nothing outside the served folder: traversal in any encoding, symbolic links", async () => {
    for (const p of [
      "/../../etc/passwd",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/..%2f..%2fetc%2fpasswd",
      "/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
      "/..\\..\\etc\\passwd",
      "/personas/sam.yaml",
      "/bank-onboarding.yaml",
      "/linked.html",
      "/secret.html",
      "/%00",
    ]) {
      const r = await get(served.port, p);
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.body, p).not.toMatch(/root:|cjm: 1|Secret outside/);
    }
    expect(served.log()).toContain("`linked.yaml` leads outside the served folders");
  });

  it("listens on loopback only and stops cleanly on Ctrl-C", async () => {
    const other = await serve([".", "--port", "0"], dir);
    expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const result = await other.stop();
    expect(result.signal === null ? result.code : result.signal).toBe(130);
    expect(other.log()).not.toMatch(/internal error|\n\s+at /);
    await expect(get(other.port, "/")).rejects.toThrow(/ECONNREFUSED/);
  });

  it("re-renders when a persona file outside the served folder changes", async () => {
    const root = tempDir("cjm-serve-dep-");
    mkdirSync(path.join(root, "maps"));
    cpSync(path.join(EXAMPLES, "personas"), path.join(root, "personas"), { recursive: true });
    writeFileSync(path.join(root, "maps/bank-onboarding.yaml"), readFileSync(path.join(EXAMPLES, "bank-onboarding.yaml"), "utf8").replace("personas/sam.yaml", "../personas/sam.yaml"));
    const s = await serve(["maps", "--port", "0", "--root", "."], root);
    try {
      const { page } = await open("bank-onboarding.html", s.url);
      const persona = path.join(root, "personas/sam.yaml");
      const text = readFileSync(persona, "utf8");
      writeFileSync(persona, text.replace(/name: .+/, "name: Outside Sam"));
      await page.waitForFunction(() => document.body.textContent?.includes("Outside Sam"), { timeout: 15_000 });
      await page.close();
    } finally {
      await s.stop();
    }
  });

  it("re-renders when a template changes", async () => {
    const tdir = tempDir("cjm-serve-tpl-");
    cpSync(EXAMPLES, tdir, { recursive: true });
    mkdirSync(path.join(tdir, "tpl/html/partials"), { recursive: true });
    const header = readFileSync(path.join(ROOT, "templates/html/partials/header.hbs"), "utf8");
    writeFileSync(path.join(tdir, "tpl/html/partials/header.hbs"), header);
    const s = await serve([".", "--port", "0", "--templates", "tpl"], tdir);
    try {
      const { page } = await open("bank-onboarding.html".replace(/^/, ""), s.url);
      writeFileSync(path.join(tdir, "tpl/html/partials/header.hbs"), header.replace("<h1>", '<p class="team-banner">Template edited</p><h1>'));
      await page.waitForSelector(".team-banner", { timeout: 15_000 });
      await page.close();
    } finally {
      await s.stop();
    }
  });

  it("takes the next port when the default one is busy; a --port given that is busy is exit 2", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.once("error", () => resolve()).listen(4178, "127.0.0.1", () => resolve()));
    try {
      const s = await serve(["."], dir);
      expect(s.port).not.toBe(4178);
      expect(s.port).toBeGreaterThan(4178);
      await s.stop();
      const busy = await cjm(["serve", ".", "--port", String(served.port)], { cwd: dir });
      expect(busy.code).toBe(2);
      expect(busy.stderr).toContain(`port ${served.port} is in use`);
    } finally {
      blocker.close();
    }
  });
});

describe("the serve security rules (library)", () => {
  it("accepts the loopback names with the port, and --allow-host names only with --host", () => {
    const loop = allowedHosts({ host: "127.0.0.1", allowHosts: ["preview.local"], cwd: "/" }, 4000);
    expect([...loop].sort()).toEqual(["127.0.0.1:4000", "[::1]:4000", "localhost:4000"]);
    const lan = allowedHosts({ host: "0.0.0.0", allowHosts: ["preview.local"], cwd: "/" }, 4000);
    expect(lan.has("preview.local:4000")).toBe(true);
    expect(lan.has("evil.example:4000")).toBe(false);
    expect(lan.has("preview.local:4001")).toBe(false);
  });

  it("refuses .. in every encoding before looking a page up", () => {
    for (const p of ["/../x", "/a/../../x", "/%2e%2e/x", "/%2E%2E%2Fx", "/..%2fx", "/%252e%252e/x", "/a\\..\\x", "/%5c..", "/%00"]) {
      expect(resolvePage(p), p).toEqual({ status: 400 });
    }
    expect(resolvePage("/")).toEqual({ page: "index.html" });
    expect(resolvePage("/team%20a/map.html?x=1")).toEqual({ page: "team a/map.html" });
  });
});
