import { accessSync, constants, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "puppeteer-core";
import { processAlive } from "../../write/process-alive.js";

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

/**
 * One headless browser and one warm page with Mermaid loaded once: every diagram of a run is
 * rendered there (about 20 ms each instead of a browser start per diagram).
 */
export class MermaidPage {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    private readonly profile: string,
  ) {}

  static async start(executablePath: string): Promise<MermaidPage> {
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
      ],
    });
    try {
      // The tab the browser opens with, and a host page that loads Mermaid from disk by URL: about
      // half the time of injecting the 3 MB script over the DevTools protocol.
      const page = (await browser.pages())[0] ?? (await browser.newPage());
      const require = createRequire(import.meta.url);
      const host = path.join(profile, "mermaid-host.html");
      // Only the host page and Mermaid's script load here: diagrams and PNG holders request nothing.
      const allowed = new Set([pathToFileURL(host).href, pathToFileURL(require.resolve("mermaid/dist/mermaid.min.js")).href]);
      await page.setRequestInterception(true);
      page.on("request", (request) => {
        const url = request.url();
        (allowed.has(url) || url.startsWith("data:") ? request.continue() : request.abort("blockedbyclient")).catch(() => undefined);
      });
      writeFileSync(
        host,
        `<!doctype html><html><head><meta charset="utf-8"><script src="${pathToFileURL(require.resolve("mermaid/dist/mermaid.min.js")).href}"></script></head><body></body></html>`,
      );
      await page.goto(pathToFileURL(host).href, { waitUntil: "load" });
      await page.evaluate(() => {
        const w = window as unknown as { mermaid: { initialize(o: object): void } };
        w.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", deterministicIds: true, handDrawnSeed: 1 });
      });
      return new MermaidPage(browser, page, profile);
    } catch (e) {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
      throw e;
    }
  }

  /** Parses a diagram with Mermaid's own parser: undefined when it parses, else Mermaid's message. */
  async parse(code: string): Promise<string | undefined> {
    return this.page.evaluate(async (text) => {
      const w = window as unknown as { mermaid: { parse(t: string): Promise<unknown> } };
      try {
        await w.mermaid.parse(text);
        return undefined;
      } catch (e) {
        return String((e as Error)?.message ?? e);
      }
    }, code);
  }

  /**
   * Parses and renders in one call to the page (one round trip a diagram): the SVG, or Mermaid's
   * message when the diagram does not parse.
   */
  async draw(code: string, id: string): Promise<{ svg: string } | { error: string }> {
    return this.page.evaluate(
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

  get browserPage(): Page {
    return this.page;
  }

  /** Closes the browser and waits for its process to be gone (killed after 3 s): no orphan Chromium. */
  async close(): Promise<void> {
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
