import { accessSync, constants, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, CDPSession, Page } from "puppeteer-core";
import { processAlive } from "../../write/process-alive.js";
import { codeCacheFile, readCodeCache, writeCodeCache } from "./code-cache.js";

/** Profiles are `cjm-chromium-<pid of the cjm that owns it>-<random>` in the temporary folder. */
const PROFILE_PREFIX = "cjm-chromium-";
const PROFILE_NAME = /^cjm-chromium-(\d+)-[A-Za-z0-9]{6}$/;

/** Removes the profiles that a killed cjm left behind: only those whose owning process is gone. */
export function removeStaleProfiles(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = PROFILE_NAME.exec(name)?.[1];
    if (pid !== undefined && Number(pid) !== process.pid && !processAlive(Number(pid))) {
      rmSync(path.join(dir, name), { recursive: true, force: true });
    }
  }
}

const CANDIDATES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

/** The browser to drive: `CJM_CHROME`, `PUPPETEER_EXECUTABLE_PATH`, else the first one on the PATH. */
export function findBrowser(env: Record<string, string | undefined>): string | undefined {
  for (const explicit of [env["CJM_CHROME"], env["PUPPETEER_EXECUTABLE_PATH"]]) {
    if (explicit) return explicit;
  }
  for (const dir of (env["PATH"] ?? "").split(path.delimiter)) {
    for (const name of CANDIDATES) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

export class BrowserMissingError extends Error {
  /** The message and help line in each language of cjm's messages. */
  readonly texts = { en: "no Chromium or Chrome found for SVG, PNG and PDF output", fr: "aucun Chromium ni Chrome trouvé pour les sorties SVG, PNG et PDF" };
  readonly helpTexts = {
    en: "install one (Debian/Ubuntu: `apt-get install chromium`) or point CJM_CHROME at it",
    fr: "installez-en un (Debian/Ubuntu : `apt-get install chromium`) ou indiquez son chemin dans CJM_CHROME",
  };
  readonly help = this.helpTexts.en;
  constructor() {
    super("no Chromium or Chrome found for SVG, PNG and PDF output");
  }
}

export interface MermaidPageOptions {
  /** cjm's user cache folder: Mermaid's compiled code is kept there between runs (none: compiled each run). */
  cacheFolder?: string | undefined;
}

/** How the first page got Mermaid's compiled code: from the cache file, compiled and handed to the cache, or compiled. */
export type CodeCacheUse = "used" | "produced" | "off";

/**
 * One headless browser and warm pages with Mermaid loaded once each: every diagram of a run is
 * rendered there (about 20 ms each instead of a browser start per diagram). A second page, in its
 * own renderer process, lets two diagrams be drawn at once on two cores.
 */
export class MermaidPage {
  /** Pages free to draw on; `waiting` are the draws that wait for one. */
  private readonly free: Page[];
  private readonly waiting: ((page: Page) => void)[] = [];
  /** Work that needs the first page itself (PNG screenshots), waiting for it. */
  private readonly waitingForFirst: ((page: Page) => void)[] = [];
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    private readonly profile: string,
    private readonly host: string,
    private readonly script: string,
    /** The compiled code (base64) to seed more pages with, when there is some. */
    private readonly codeCache: string | undefined,
    /** How the first page got Mermaid's code (the tests read it). */
    readonly codeCacheUse: CodeCacheUse,
  ) {
    this.free = [page];
  }

  static async start(executablePath: string, options: MermaidPageOptions = {}): Promise<MermaidPage> {
    const { launch } = await import("puppeteer-core");
    removeStaleProfiles(tmpdir());
    const profile = mkdtempSync(path.join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
    const browser = await launch({
      executablePath,
      headless: true,
      userDataDir: profile,
      // DevTools over a pipe, not a port: when cjm dies (even by SIGKILL) the pipe closes and the
      // browser exits with it.
      pipe: true,
      // cjm's own handlers close the browser on Ctrl-C and SIGTERM, then remove the profile.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--font-render-hinting=none",
        // The Mermaid page stays in the background while a PDF page prints: keep it running.
        "--disable-background-timer-throttling",
        "--disable-backgrounding-occluded-windows",
        "--disable-renderer-backgrounding",
        // A script compiled while it streams in never looks at the DevTools compilation cache:
        // Mermaid is compiled on the page's thread, from the cached code when there is some.
        ...(options.cacheFolder !== undefined ? ["--disable-features=ScriptStreaming"] : []),
      ],
    });
    try {
      const require = createRequire(import.meta.url);
      const script = require.resolve("mermaid/dist/mermaid.min.js");
      const host = path.join(profile, "mermaid-host.html");
      writeFileSync(host, `<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>`);
      let cacheFile: string | undefined;
      let cached: string | undefined;
      if (options.cacheFolder !== undefined) {
        try {
          cacheFile = codeCacheFile(options.cacheFolder, readFileSync(script), await browser.version());
          cached = readCodeCache(cacheFile);
        } catch {
          cacheFile = undefined;
        }
      }
      // The tab the browser opens with.
      const page = (await browser.pages())[0] ?? (await browser.newPage());
      const produced = await loadMermaid(page, host, script, cached, cacheFile !== undefined && cached === undefined);
      const mermaid = new MermaidPage(browser, page, profile, host, script, cached ?? produced, cached ? "used" : produced ? "produced" : "off");
      if (cacheFile && produced) {
        const file = cacheFile;
        mermaid.writing = new Promise<void>((resolve) => setImmediate(() => {
          writeCodeCache(file, produced);
          resolve();
        }));
      }
      return mermaid;
    } catch (e) {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
      throw e;
    }
  }

  /**
   * A second page with Mermaid, in its own browser context (so its own renderer process, on the
   * other core), seeded with the same compiled code; draws go to whichever page is free.
   */
  async addPage(): Promise<void> {
    const context = await this.browser.createBrowserContext();
    const page = await context.newPage();
    await loadMermaid(page, this.host, this.script, this.codeCache, false);
    this.release(page);
  }

  /** Runs `work` on a free Mermaid page (waits for one): one diagram on one page at a time. */
  async withPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
    const page = this.free.pop() ?? (await new Promise<Page>((resolve) => this.waiting.push(resolve)));
    try {
      return await work(page);
    } finally {
      this.release(page);
    }
  }

  /**
   * Runs `work` on the first page, when it is free: a page in a second browser context lays a PNG
   * holder out a pixel taller (measured: 1040 against 1042 px), so every screenshot is taken on the
   * first page and the files are the same bytes whatever the page count.
   */
  async withFirstPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
    const at = this.free.indexOf(this.page);
    const page = at >= 0 ? this.free.splice(at, 1)[0]! : await new Promise<Page>((resolve) => this.waitingForFirst.push(resolve));
    try {
      return await work(page);
    } finally {
      this.release(page);
    }
  }

  private release(page: Page): void {
    const first = page === this.page ? this.waitingForFirst.shift() : undefined;
    if (first) return first(page);
    const next = this.waiting.shift();
    if (next) next(page);
    else this.free.push(page);
  }

  /** Parses a diagram with Mermaid's own parser: undefined when it parses, else Mermaid's message. */
  async parse(code: string): Promise<string | undefined> {
    return this.withPage((page) => page.evaluate(async (text) => {
      const w = window as unknown as { mermaid: { parse(t: string): Promise<unknown> } };
      try {
        await w.mermaid.parse(text);
        return undefined;
      } catch (e) {
        return String((e as Error)?.message ?? e);
      }
    }, code));
  }

  /**
   * Parses and renders in one call to the page (one round trip a diagram): the SVG, or Mermaid's
   * message when the diagram does not parse.
   */
  async draw(code: string, id: string): Promise<{ svg: string } | { error: string }> {
    return this.withPage((page) => drawOn(page, code, id));
  }

  /** The first page: PNG screenshots and the PDF page's browser. */
  get browserPage(): Page {
    return this.page;
  }

  /** Closes the browser and waits for its process to be gone (killed after 3 s): no orphan Chromium. */
  async close(): Promise<void> {
    await this.writing;
    const proc = this.browser.process();
    // A page stuck mid-print can hold up a polite close: past 5 s the process is killed below.
    await Promise.race([this.browser.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          proc.kill("SIGKILL");
          resolve();
        }, 3000);
        proc.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    rmSync(this.profile, { recursive: true, force: true });
  }
}

/**
 * Loads Mermaid into `page` from disk by URL (about half the time of injecting the 3 MB script over
 * the protocol), with only the host page and the script let through. With `cached`, V8 takes its
 * compiled code from there; with `produce`, it returns the code V8 compiled (base64), if any.
 */
async function loadMermaid(page: Page, host: string, script: string, cached: string | undefined, produce: boolean): Promise<string | undefined> {
  const hostUrl = pathToFileURL(host).href;
  const scriptUrl = pathToFileURL(script).href;
  // Diagrams and PNG holders request nothing.
  const allowed = new Set([hostUrl, scriptUrl]);
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const url = request.url();
    (allowed.has(url) || url.startsWith("data:") ? request.continue() : request.abort("blockedbyclient")).catch(() => undefined);
  });
  await page.goto(hostUrl, { waitUntil: "load" });
  // The compilation cache belongs to the document: seeded (or asked for) after the navigation,
  // before the script is added.
  // The session stays attached until the script has run: detaching drops what it seeded.
  let session: CDPSession | undefined;
  let produced: Promise<string | undefined> = Promise.resolve(undefined);
  if (cached !== undefined || produce) {
    try {
      session = await page.createCDPSession();
      // The page agent looks at scripts only while enabled.
      await session.send("Page.enable");
      if (cached !== undefined) await session.send("Page.addCompilationCache", { url: scriptUrl, data: cached });
      else {
        const events = session;
        produced = new Promise((resolve) => {
          events.once("Page.compilationCacheProduced", (event: { url: string; data: string }) => resolve(event.url === scriptUrl ? event.data : undefined));
        });
        await session.send("Page.produceCompilationCache", { scripts: [{ url: scriptUrl }] });
      }
    } catch {
      // an older browser without these commands: compiled as usual
      produced = Promise.resolve(undefined);
    }
  }
  await page.evaluate(
    (url) =>
      new Promise<void>((resolve, reject) => {
        const tag = document.createElement("script");
        tag.src = url;
        tag.onload = () => resolve();
        tag.onerror = () => reject(new Error(`cannot load ${url}`));
        document.head.appendChild(tag);
      }),
    scriptUrl,
  );
  // The event is sent as the script finishes running, before its load event: it has arrived by now,
  // or is not coming (the browser judged the script not worth it).
  const code = await Promise.race([produced, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 200).unref())]);
  await session?.detach().catch(() => undefined);
  await page.evaluate(() => {
    const w = window as unknown as { mermaid: { initialize(o: object): void } };
    w.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", deterministicIds: true, handDrawnSeed: 1 });
  });
  return code;
}

/** Parses and renders in one call to the page: the SVG, or Mermaid's message when it does not parse. */
export function drawOn(page: Page, code: string, id: string): Promise<{ svg: string } | { error: string }> {
  return page.evaluate(
      async (text, svgId) => {
        const w = window as unknown as { mermaid: { initialize(o: object): void; parse(t: string): Promise<unknown>; render(id: string, t: string): Promise<{ svg: string }> } };
        try {
          await w.mermaid.parse(text);
        } catch (e) {
          return { error: String((e as Error)?.message ?? e) };
        }
        w.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", deterministicIds: true, deterministicIDSeed: svgId, handDrawnSeed: 1 });
        const { svg } = await w.mermaid.render(svgId, text);
        document.getElementById(svgId)?.remove();
        return { svg };
      },
      code,
      id,
  );
}
