import type { HTTPRequest, Page } from "puppeteer-core";
import { bilingual, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Journey } from "../../model/types.js";
import { CSP } from "../csp.js";
import { dropNonText, mermaidText } from "../escape.js";
import type { DiagramOutput, Output, OutputFormat } from "../render.js";
import { drawOn, MermaidPage, type MermaidPageOptions } from "./browser.js";
import { stablePdf } from "./pdf-stable.js";

export interface ImageOptions {
  /** Pixel density of PNG output (2 = twice the CSS size). */
  scale: number;
  /** How long one report may take to load and print (default 30 s). */
  printTimeLimitMs?: number;
  /** The HTML comes from user templates: a failure to print is theirs (`template-error`). */
  userTemplates?: boolean;
  /** The date stamped in PDFs, in seconds (SOURCE_DATE_EPOCH); default a fixed one. */
  sourceDateEpoch?: number;
}

export const PRINT_TIME_LIMIT_MS = 30_000;

/** Printed pages are served from a name that never resolves; nothing else is let through. */
const PRINT_ORIGIN = "https://cjm.invalid";

class PrintTimeout extends Error {}

/**
 * Renders images in one browser: Mermaid diagrams to SVG and PNG on one warm page (Mermaid is
 * loaded once), HTML reports to PDF on a second page. Created only when an image format is asked.
 */
export class ImageRenderer {
  private printPage: Page | undefined;
  /** The front tab of the first window: PNG screenshots and PDFs take turns at it. */
  private front: Promise<unknown> = Promise.resolve();
  /** The Mermaid pages whose viewport is set for PNG screenshots. */
  private readonly pngReady = new Set<Page>();

  private constructor(
    private readonly mermaid: MermaidPage,
    private readonly options: ImageOptions,
  ) {}

  static async start(executablePath: string, options: ImageOptions & MermaidPageOptions): Promise<ImageRenderer> {
    return new ImageRenderer(await MermaidPage.start(executablePath, { cacheFolder: options.cacheFolder }), options);
  }

  /** Draws on a second Mermaid page too (a run with enough diagrams to pay for loading Mermaid twice). */
  async addPage(): Promise<void> {
    await this.mermaid.addPage();
  }

  /**
   * SVG (and PNG) of every diagram, PDF of the report: whatever `formats` asks. Mermaid failures are
   * diagnostics that name the journey file and, when Mermaid gives a line, the step on it.
   */
  async render(
    journey: Journey,
    diagrams: readonly DiagramOutput[],
    html: string | undefined,
    formats: readonly OutputFormat[],
  ): Promise<{ outputs: Output[]; diagnostics: Diagnostic[] }> {
    const outputs: Output[] = [];
    const diagnostics: Diagnostic[] = [];
    if (formats.includes("svg") || formats.includes("png")) {
      // Each diagram on whichever Mermaid page is free; the results are taken in the diagrams' order.
      const drawn = await Promise.all(
        diagrams.map((d) =>
          this.mermaid
            .withPage(async (page) => {
              const base = d.path.replace(/\.mmd$/, "");
              const result = await drawOn(page, d.code, svgId(base));
              return "error" in result ? { d, error: result.error } : { d, base, svg: normalizeSvg(result.svg) };
            })
            .then(async (r): Promise<{ d: DiagramOutput; error: string } | { d: DiagramOutput; base: string; svg: string; png: Uint8Array | undefined }> =>
              "error" in r ? { d: r.d, error: r.error } : { ...r, png: formats.includes("png") ? await this.mermaid.withFirstPage((page) => this.png(page, r.svg)) : undefined },
            ),
        ),
      );
      for (const result of drawn) {
        if ("error" in result) {
          diagnostics.push(diagramDiagnostic(journey, result.d, result.error));
          continue;
        }
        if (formats.includes("svg")) outputs.push({ path: `${result.base}.svg`, content: result.svg });
        if (result.png) outputs.push({ path: `${result.base}.png`, content: result.png });
      }
    }
    if (formats.includes("pdf") && html !== undefined) {
      try {
        outputs.push({ path: `${journey.id}.pdf`, content: await this.atFront(() => this.pdf(html)) });
      } catch (e) {
        if (!(e instanceof PrintTimeout)) throw e;
        diagnostics.push({
          severity: "error",
          code: this.options.userTemplates ? "template-error" : "internal-error",
          ...bilingual(
            { en: `the HTML report did not load and print within ${e.message}`, fr: `le rapport HTML ne s'est pas chargé et imprimé en ${e.message}` },
            this.options.userTemplates
              ? { en: "check the HTML templates of `--templates`: a page that never finishes loading?", fr: "vérifiez les gabarits HTML de `--templates` : une page qui ne finit jamais de charger ?" }
              : { en: "this is a bug in cjm; please report it with the file", fr: "c'est un bogue de cjm ; signalez-le avec le fichier" },
          ),
          file: journey.file,
        });
      }
    }
    return { outputs, diagnostics };
  }

  private async png(page: Page, svg: string): Promise<Uint8Array> {
    if (!this.pngReady.has(page)) {
      await page.setViewport({ width: 1200, height: 800, deviceScaleFactor: this.options.scale });
      this.pngReady.add(page);
    }
    await page.evaluate((markup) => {
      let holder = document.getElementById("cjm-png");
      if (!holder) {
        holder = document.createElement("div");
        holder.id = "cjm-png";
        holder.style.cssText = "position:absolute;left:0;top:0;background:#fff;display:inline-block;padding:8px";
        document.body.appendChild(holder);
      }
      holder.innerHTML = markup;
      const svg = holder.querySelector("svg");
      if (svg) {
        // Mermaid sizes its SVG with max-width: draw it at its natural size.
        const box = svg.viewBox.baseVal;
        svg.removeAttribute("style");
        svg.setAttribute("width", String(Math.ceil(box.width)));
        svg.setAttribute("height", String(Math.ceil(box.height)));
      }
    }, svg);
    const shoot = async () => {
      // A screenshot needs a frame, and a tab behind the PDF page gets none: bring this one forward
      // (the second Mermaid page has a window of its own).
      if (this.printPage && page === this.mermaid.browserPage) await page.bringToFront();
      const holder = await page.$("#cjm-png");
      return holder!.screenshot({ type: "png" });
    };
    // Screenshots and prints take turns even on the second page: DevTools numbers the DOM nodes it
    // touches from one counter per renderer process, and a PDF names its tags after those numbers.
    const png = await this.atFront(shoot);
    await page.evaluate(() => document.getElementById("cjm-png")?.remove());
    return new Uint8Array(png);
  }

  /** Runs `work` when the PNGs and PDFs before it are done with the front tab. */
  private atFront<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.front.then(work);
    this.front = turn.catch(() => undefined);
    return turn;
  }

  private printed = 0;
  private printing = "";

  /**
   * The page that prints reports: JavaScript off, every request but the report itself (served by
   * interception, with the CSP as a response header) and `data:` refused.
   */
  private async openPrintPage(): Promise<Page> {
    const page = await this.mermaid.browserPage.browser().newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on("request", (request: HTTPRequest) => {
      const url = request.url();
      const self = request.isNavigationRequest() && request.frame() === page.mainFrame() && url === this.printUrl();
      const answer = self
        ? request.respond({
            status: 200,
            headers: { "content-security-policy": CSP, "cache-control": "no-store", "x-content-type-options": "nosniff" },
            contentType: "text/html; charset=utf-8",
            body: this.printing,
          })
        : url.startsWith("data:")
          ? request.continue()
          : request.abort("blockedbyclient");
      answer.catch(() => undefined);
    });
    return page;
  }

  private printUrl(): string {
    return `${PRINT_ORIGIN}/report-${this.printed}.html`;
  }

  private async pdf(html: string): Promise<Uint8Array> {
    const limit = this.options.printTimeLimitMs ?? PRINT_TIME_LIMIT_MS;
    // Opening the page is cjm's own work, outside the limit: only loading and printing the
    // template's HTML is timed (an attempt dropped mid-`newPage` would leave puppeteer's timers).
    const page = (this.printPage ??= await this.openPrintPage());
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PrintTimeout(limit >= 1000 ? `${Math.round(limit / 1000)} s` : `${limit} ms`)), limit);
    });
    const work = (async () => {
      this.printed++;
      this.printing = html;
      // A run that also draws PNGs brings the Mermaid page forward for each screenshot: print from
      // the front tab always, so a report prints in the same state alone as in a batch.
      await page.bringToFront();
      await page.goto(this.printUrl(), { waitUntil: "load", timeout: 0 });
      return page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, timeout: 0 });
    })();
    try {
      return stablePdf(new Uint8Array(await Promise.race([work, timeout])), this.options.sourceDateEpoch);
    } catch (e) {
      if (e instanceof PrintTimeout) {
        // The page may be stuck: close it (which ends its navigation); the next report gets a fresh one.
        work.catch(() => undefined);
        this.printPage = undefined;
        void page.close().catch(() => undefined);
      }
      throw e;
    } finally {
      clearTimeout(timer);
      this.printing = this.printing === html ? "" : this.printing;
    }
  }

  async close(): Promise<void> {
    await this.mermaid.close();
  }
}

/** Mermaid's SVG ids come from the id given: stable per output file, so runs give the same bytes. */
function svgId(base: string): string {
  return `cjm-${base.replace(/[^A-Za-z0-9-]/g, "-")}`;
}

/**
 * A standalone SVG file that parses as XML: the browser serialises Mermaid's DOM as HTML, which
 * leaves `<br>` open and writes a no-break space as `&nbsp;` (an entity XML does not know); code
 * points XML forbids, raw or as references, are dropped. Plus the XML prolog.
 */
export function normalizeSvg(svg: string): string {
  const xml = dropNonText(svg)
    .replace(/<br>/g, "<br/>")
    .replace(/&nbsp;/g, "&#160;")
    .replace(/&#(x[0-9a-f]+|\d+);/gi, (ref, n: string) => (xmlChar(n.startsWith("x") || n.startsWith("X") ? parseInt(n.slice(1), 16) : Number(n)) ? ref : ""));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}\n`;
}

/** XML 1.0's Char production. */
function xmlChar(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

function diagramDiagnostic(journey: Journey, d: DiagramOutput, problem: string): Diagnostic {
  const line = /line (\d+)/i.exec(problem)?.[1];
  const text = line ? d.code.split("\n")[Number(line) - 1] ?? "" : "";
  const step = journey.stages.flatMap((s) => s.steps).find((s) => text.includes(mermaidText(s.name)));
  const diagnostic: Diagnostic = {
    severity: "error",
    code: "diagram-error",
    ...bilingual(
      {
        en: `Mermaid cannot draw ${d.path}${step ? ` (at step "${step.name}")` : ""}: ${problem.split("\n")[0]}`,
        fr: `Mermaid ne peut pas dessiner ${d.path}${step ? ` (à l'étape "${step.name}")` : ""} : ${problem.split("\n")[0]}`,
      },
      {
        en: "this is a bug in cjm's escaping if the map validated: please report it with the file",
        fr: "si la carte a passé la validation, c'est un bogue d'échappement de cjm : signalez-le avec le fichier",
      },
    ),
    file: journey.file,
  };
  if (step) diagnostic.pointer = step.origin.pointer;
  return diagnostic;
}
