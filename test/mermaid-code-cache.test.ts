// Mermaid's compiled code kept in the user cache folder, and the second Mermaid page: real
// Chromium, the real CLI, the bytes a user gets.
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launch } from "puppeteer-core";
import { beforeAll, describe, expect, it } from "vitest";
import { findBrowser, MermaidPage } from "../src/render/image/browser.js";
import { cjm, hashTree, tempDir } from "./helpers/cli.js";

const MAGIC = "cjm-mermaid-code-1\n";
let executablePath: string;

beforeAll(() => {
  const found = findBrowser(process.env);
  if (!found) throw new Error("these tests need Chromium (apt-get install chromium), as CI installs it");
  executablePath = found;
});

/** The one cache file under `cacheDir`, or undefined. */
function cacheFileIn(cacheDir: string): string | undefined {
  const dir = path.join(cacheDir, "mermaid");
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".bin"));
  } catch {
    return undefined;
  }
  expect(names.length).toBeLessThanOrEqual(1);
  return names[0] && path.join(dir, names[0]);
}

/** The V8 data of a cache file whose header and checksum are right, else undefined. */
function intactData(file: string): Buffer | undefined {
  const bytes = readFileSync(file);
  if (bytes.subarray(0, MAGIC.length).toString("latin1") !== MAGIC) return undefined;
  const data = bytes.subarray(MAGIC.length + 32);
  return createHash("sha256").update(data).digest().equals(bytes.subarray(MAGIC.length, MAGIC.length + 32)) ? data : undefined;
}

/** Whether this Chromium's V8 deserialises `data` as Mermaid's compiled code (from a trace of the load). */
async function v8TakesIt(data: Buffer): Promise<boolean> {
  const require = createRequire(import.meta.url);
  const scriptUrl = pathToFileURL(require.resolve("mermaid/dist/mermaid.min.js")).href;
  const dir = tempDir("cjm-test-chromium-");
  const browser = await launch({
    executablePath,
    headless: true,
    userDataDir: dir,
    // As cjm drives it: the protocol's compilation cache is refused to a client on a port.
    pipe: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-features=ScriptStreaming"],
  });
  try {
    const host = path.join(dir, "host.html");
    // UTF-8 as cjm's host page: decoded otherwise, the script is another source to V8, which refuses the code.
    writeFileSync(host, '<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    // As cjm loads it: through request interception.
    await page.setRequestInterception(true);
    page.on("request", (request) => void request.continue());
    await page.goto(pathToFileURL(host).href);
    const session = await page.createCDPSession();
    await session.send("Page.enable");
    await session.send("Page.addCompilationCache", { url: scriptUrl, data: data.toString("base64") });
    const trace = path.join(dir, "trace.json");
    await page.tracing.start({ path: trace, categories: ["devtools.timeline", "v8", "disabled-by-default-v8.compile", "disabled-by-default-devtools.timeline"] });
    await page.evaluate(
      (url) =>
        new Promise((resolve, reject) => {
          const tag = document.createElement("script");
          tag.src = url;
          tag.onload = resolve;
          tag.onerror = reject;
          document.head.appendChild(tag);
        }),
      scriptUrl,
    );
    await page.tracing.stop();
    const events = (JSON.parse(readFileSync(trace, "utf8")) as { traceEvents: { name: string }[] }).traceEvents;
    return events.some((e) => e.name === "V8.FinalizeDeserialization");
  } finally {
    await browser.close();
  }
}

describe("Mermaid's compiled code is kept in the user cache folder", () => {
  it("a first run writes it, a second uses it (V8 takes the data), a corrupt file is replaced; the SVGs are the same bytes every time", async () => {
    const cacheDir = tempDir("cjm-cache-");
    const runs: Record<string, string>[] = [];
    const render = async () => {
      const out = tempDir();
      const r = await cjm(["render", "examples/bank-onboarding.yaml", "--format", "svg", "--out", out], { env: { CJM_CACHE_DIR: cacheDir }, timeoutMs: 90_000 });
      expect(r.code, r.stderr).toBe(0);
      runs.push(hashTree(out));
    };

    expect(cacheFileIn(cacheDir)).toBeUndefined();
    await render();
    const file = cacheFileIn(cacheDir)!;
    expect(file).toBeDefined();
    const data = intactData(file)!;
    expect(data.length).toBeGreaterThan(100_000);
    // What cjm stored is code this Chromium's V8 accepts, and garbage is not (the check can fail).
    expect(await v8TakesIt(data)).toBe(true);
    expect(await v8TakesIt(Buffer.alloc(data.length, 7))).toBe(false);

    // The second run reads the file and does not write it again.
    const before = statSync(file);
    await render();
    const after = statSync(file);
    expect([after.ino, after.mtimeMs, after.size]).toEqual([before.ino, before.mtimeMs, before.size]);

    // A corrupt file (torn, foreign) is ignored and replaced by an intact one.
    writeFileSync(file, Buffer.concat([Buffer.from(MAGIC), Buffer.alloc(32), data.subarray(0, 1000)]));
    await render();
    expect(cacheFileIn(cacheDir)).toBe(file);
    expect(intactData(file)).toBeDefined();

    expect(Object.keys(runs[0]!).filter((n) => /\.(flow|journey\.\w+|opportunities)\.svg$/.test(n)).length).toBeGreaterThanOrEqual(3);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  }, 240_000);

  it("MermaidPage says where the code came from: compiled and handed to the cache, then taken from it", async () => {
    const cacheDir = tempDir("cjm-cache-");
    const first = await MermaidPage.start(executablePath, { cacheFolder: cacheDir });
    const a = await first.draw("journey\n  title T\n  section S\n    Step: 3: Me\n", "cjm-t");
    await first.close();
    const second = await MermaidPage.start(executablePath, { cacheFolder: cacheDir });
    const b = await second.draw("journey\n  title T\n  section S\n    Step: 3: Me\n", "cjm-t");
    await second.close();
    expect([first.codeCacheUse, second.codeCacheUse]).toEqual(["produced", "used"]);
    expect(b).toEqual(a);
  }, 120_000);

  it("a cache folder that cannot be written still renders, the same bytes, and leaves nothing there", async () => {
    const base = tempDir("cjm-cache-");
    // Below a plain file: nothing can be created there, even as root.
    writeFileSync(path.join(base, "file"), "");
    const readOnly = path.join(base, "ro");
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o555);
    const outs: Record<string, string>[] = [];
    for (const cacheDir of [path.join(base, "file", "cjm"), readOnly, path.join(base, "missing", "deeper")]) {
      const out = tempDir();
      const r = await cjm(["render", "examples/achat-smartphone.yaml", "--format", "svg", "--out", out], { env: { CJM_CACHE_DIR: cacheDir }, timeoutMs: 90_000 });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/error|EACCES|ENOTDIR/i);
      outs.push(hashTree(out));
    }
    expect(outs[1]).toEqual(outs[0]);
    expect(outs[2]).toEqual(outs[0]);
    expect(readdirSync(base).sort()).toEqual(["file", "missing", "ro"]);
    chmodSync(readOnly, 0o755);
  }, 240_000);
});

describe("two Mermaid pages", () => {
  it("give the same files, byte for byte, as one page (SVG, PNG, PDF); a map's PDF is the same alone as in a batch", async () => {
    const trees: Record<string, string>[] = [];
    for (const pages of ["1", "2"]) {
      const out = tempDir();
      const r = await cjm(["render", "examples/", "--format", "svg,png,pdf", "--out", out], { env: { CJM_IMAGE_PAGES: pages }, timeoutMs: 120_000 });
      expect(r.code, r.stderr).toBe(0);
      trees.push(hashTree(out));
    }
    const names = Object.keys(trees[0]!);
    expect(names.filter((n) => n.endsWith(".pdf")).length).toBe(4);
    expect(names.filter((n) => /\.(flow|opportunities)\.png$/.test(n)).length).toBe(8);
    expect(Object.keys(trees[1]!).sort()).toEqual([...names].sort());
    expect(names.filter((n) => trees[1]![n] !== trees[0]![n])).toEqual([]);
    const alone = tempDir();
    const r = await cjm(["render", "examples/checkout-measured.yaml", "--format", "pdf", "--out", alone], { env: { CJM_IMAGE_PAGES: "2" }, timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(hashTree(alone)["checkout-measured.pdf"]).toBe(trees[0]!["checkout-measured.pdf"]);
  }, 300_000);
});
