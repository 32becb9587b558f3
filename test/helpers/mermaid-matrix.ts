import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launch, type Browser, type Page } from "puppeteer-core";

const require = createRequire(import.meta.url);

/**
 * The Mermaid versions hosts embed, installed side by side as npm aliases (package.json): the
 * oldest still common (GitLab, IDE previews), an early 11, the one cjm ships, the newest.
 */
export const MERMAID_PACKAGES = ["mermaid10", "mermaid11-4", "mermaid", "mermaid12"] as const;
export type MermaidPackage = (typeof MERMAID_PACKAGES)[number];

export function mermaidVersion(pkg: MermaidPackage): string {
  return (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), "utf8")) as { version: string }).version;
}

/** What a reader of the drawn SVG gets, read in the browser from the DOM. */
export interface Drawn {
  svg: string;
  /** Every text node of the SVG, in document order, joined by spaces. */
  text: string;
  title: string | null;
  desc: string | null;
  /** Every `<title>` in the SVG (a journey's legend has one per actor, unwrapped). */
  titles: string[];
  /** Element names present. */
  tags: string[];
  /** `on*` attributes, and `href`s that are not a local `#fragment`. */
  suspicious: string[];
}

/** One Chromium for the whole matrix; one page per Mermaid version, each loading its own dist file. */
export class MermaidMatrix {
  private constructor(
    private readonly browser: Browser,
    private readonly pages: Map<MermaidPackage, Page>,
    private readonly profile: string,
  ) {}

  static async start(executablePath: string): Promise<MermaidMatrix> {
    const profile = mkdtempSync(path.join(tmpdir(), "cjm-matrix-"));
    const browser = await launch({
      executablePath,
      headless: true,
      userDataDir: profile,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    const pages = new Map<MermaidPackage, Page>();
    for (const pkg of MERMAID_PACKAGES) {
      const page = pages.size === 0 ? ((await browser.pages())[0] ?? (await browser.newPage())) : await browser.newPage();
      const host = path.join(profile, `${pkg}.html`);
      const script = pathToFileURL(require.resolve(`${pkg}/dist/mermaid.min.js`)).href;
      writeFileSync(host, `<!doctype html><html><head><meta charset="utf-8"><script src="${script}"></script></head><body></body></html>`);
      await page.goto(pathToFileURL(host).href, { waitUntil: "load" });
      pages.set(pkg, page);
    }
    return new MermaidMatrix(browser, pages, profile);
  }

  /** Parses, then renders as cjm does (strict security level): the SVG as a reader gets it, or Mermaid's error. */
  async draw(pkg: MermaidPackage, code: string, id: string): Promise<Drawn | { error: string }> {
    return this.pages.get(pkg)!.evaluate(
      async (text, svgId) => {
        type M = { initialize(o: object): void; parse(t: string): Promise<unknown>; render(id: string, t: string): Promise<{ svg: string }> };
        const mermaid = (window as unknown as { mermaid: M }).mermaid;
        mermaid.initialize({ startOnLoad: false, securityLevel: "strict", deterministicIds: true, deterministicIDSeed: svgId });
        let svg: string;
        try {
          await mermaid.parse(text);
          svg = (await mermaid.render(svgId, text)).svg;
        } catch (e) {
          return { error: String((e as Error)?.message ?? e) };
        } finally {
          document.getElementById(svgId)?.remove();
          document.getElementById(`d${svgId}`)?.remove();
        }
        const holder = document.createElement("div");
        holder.innerHTML = svg;
        const root = holder.querySelector("svg")!;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        const parts: string[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (n.parentElement?.closest("style, title, desc")) continue;
          parts.push(n.textContent ?? "");
        }
        const all = [root, ...root.querySelectorAll("*")];
        const suspicious: string[] = [];
        for (const el of all) {
          for (const a of el.getAttributeNames()) {
            const v = el.getAttribute(a) ?? "";
            if (/^on/i.test(a) || (/href$/i.test(a) && !v.startsWith("#"))) suspicious.push(`${el.localName} ${a}=${v}`);
          }
        }
        return {
          svg,
          text: parts.join(" "),
          title: root.querySelector(":scope > title")?.textContent ?? null,
          desc: root.querySelector(":scope > desc")?.textContent ?? null,
          titles: [...root.querySelectorAll("title")].map((t) => t.textContent ?? ""),
          tags: [...new Set(all.map((e) => e.localName))].sort(),
          suspicious,
        };
      },
      code,
      id,
    );
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    rmSync(this.profile, { recursive: true, force: true });
  }
}
