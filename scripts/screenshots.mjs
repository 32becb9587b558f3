// Renders the examples to HTML and takes a PNG screenshot of each report in headless Chromium.
// `node scripts/screenshots.mjs [outDir]` (default docs/images): the README's pictures come from here.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = path.resolve(process.argv[2] ?? path.join(root, "docs/images"));
const { findBrowser } = await import(pathToFileURL(path.join(root, "dist/render/image/browser.js")).href);
const { launch } = await import("puppeteer-core");

const html = mkdtempSync(path.join(tmpdir(), "cjm-shots-"));
execFileSync(process.execPath, [path.join(root, "bin/cjm.cjs"), "render", "examples/", "--format", "html", "--out", html], { cwd: root, stdio: "inherit" });
const executablePath = findBrowser(process.env);
if (!executablePath) throw new Error("no Chromium found: apt-get install chromium, or set CJM_CHROME");
mkdirSync(outDir, { recursive: true });
const browser = await launch({
  executablePath,
  headless: true,
  userDataDir: mkdtempSync(path.join(tmpdir(), "cjm-chromium-")),
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  const shots = [
    { file: "bank-onboarding.html", scheme: "light", name: "report.png" },
    { file: "achat-smartphone.html", scheme: "dark", name: "report-dark.png" },
    // The figures computed from the example's survey exports and funnel.
    { file: "checkout-measured.html", scheme: "light", name: "report-measured.png", selector: "section.measured" },
  ];
  for (const shot of shots) {
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: shot.scheme }]);
    await page.setViewport({ width: 1440, height: 1700, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(path.join(html, shot.file)).href, { waitUntil: "load" });
    if (shot.selector) await (await page.$(shot.selector)).screenshot({ path: path.join(outDir, shot.name) });
    else await page.screenshot({ path: path.join(outDir, shot.name) });
    console.log(path.relative(root, path.join(outDir, shot.name)));
  }
} finally {
  await browser.close();
}
