// The README's pictures of the interactive report and of `cjm serve`: the persona filter with one
// persona picked (its measured figures under its legend entry) and one stage collapsed, and the
// overlay a broken map shows over its last good page.
// `node scripts/screenshots-live.mjs [outDir]` (default docs/images). Needs Chromium and a build.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = path.resolve(process.argv[2] ?? path.join(root, "docs/images"));
const bin = path.join(root, "bin/cjm.cjs");
const { findBrowser } = await import(pathToFileURL(path.join(root, "dist/render/image/browser.js")).href);
const { launch } = await import("puppeteer-core");
const executablePath = findBrowser(process.env);
if (!executablePath) throw new Error("no Chromium found: apt-get install chromium, or set CJM_CHROME");
mkdirSync(outDir, { recursive: true });

const html = mkdtempSync(path.join(tmpdir(), "cjm-shots-"));
execFileSync(process.execPath, [bin, "render", "examples/checkout-measured.yaml", "--format", "html", "--out", html], { cwd: root, stdio: "inherit" });
const browser = await launch({
  executablePath,
  headless: true,
  userDataDir: mkdtempSync(path.join(tmpdir(), "cjm-chromium-")),
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
let serve;
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1440, height: 1000, deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(path.join(html, "checkout-measured.html")).href, { waitUntil: "load" });
  await page.click('label:has(input[data-persona="marie"])');
  await page.click('th.stage-head[data-stage="account"] .cjm-stage-toggle');
  const top = await page.$eval(".cjm-views", (e) => e.getBoundingClientRect().top + scrollY - 16);
  const bottom = await page.$eval("tr.lane-evidence", (e) => e.getBoundingClientRect().bottom + scrollY + 8);
  await page.screenshot({ path: path.join(outDir, "persona-filter.png"), clip: { x: 0, y: top, width: 1440, height: Math.min(1400, bottom - top) } });
  console.log(path.relative(root, path.join(outDir, "persona-filter.png")));

  const dir = mkdtempSync(path.join(tmpdir(), "cjm-serve-shot-"));
  cpSync(path.join(root, "examples"), dir, { recursive: true });
  serve = spawn(process.execPath, [bin, "serve", ".", "--port", "0"], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  const url = await new Promise((resolve, reject) => {
    let log = "";
    serve.stderr.setEncoding("utf8").on("data", (d) => {
      log += d;
      const m = /cjm serve: (http:\/\/\S+\/)/.exec(log);
      if (m) resolve(m[1]);
    });
    serve.on("exit", () => reject(new Error(log)));
  });
  await page.goto(`${url}bank-onboarding.html`, { waitUntil: "load" });
  const file = path.join(dir, "bank-onboarding.yaml");
  writeFileSync(file, readFileSync(file, "utf8").replace(/emotion: 4\b/, "emotion: 9").replace("channel: web", "channel: website"));
  await page.waitForSelector("#cjm-overlay", { timeout: 15_000 });
  await page.screenshot({ path: path.join(outDir, "serve-overlay.png") });
  console.log(path.relative(root, path.join(outDir, "serve-overlay.png")));
} finally {
  serve?.kill("SIGINT");
  await browser.close();
}
