import { realpath } from "node:fs/promises";
import path from "node:path";
import { processAll } from "../pipeline/pool.js";
import type { Processed, ProcessOptions } from "../pipeline/process.js";
import { hasErrors, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { InputRef } from "../load/read.js";
import type { Locale } from "../model/types.js";
import { renderPortfolio } from "../render/portfolio.js";
import type { JourneySummary } from "../render/summary.js";
import { findInputs } from "../pipeline/check.js";

/** One page the server can send: made in memory by the render pipeline, never read by URL from disk. */
export interface Page {
  content: string;
  /** The map it shows, for its overlay; none for the index. */
  source?: string;
}

export interface SiteOptions {
  cwd: string;
  paths: readonly string[];
}

/** What a build renders with: read again before each build, so a config change applies. */
export interface BuildSettings {
  process: Omit<ProcessOptions, "formats" | "cwd">;
  locale?: Locale;
  templatesDir?: string;
}

/** A map's current problems, shown over its last good page. */
export interface MapProblems {
  file: string;
  absolutePath: string;
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
}

/**
 * The served site: every map's HTML report and the portfolio index, rendered through the same
 * functions `cjm render` uses (processAll, renderPortfolio). A map that breaks keeps its last good
 * page; its diagnostics are kept beside it until it is fixed.
 */
export class Site {
  readonly pages = new Map<string, Page>();
  /** Problems by map (absolute path); a map with none is absent. */
  readonly problems = new Map<string, MapProblems>();
  /** Problems by output page, so each page shows the overlay of its own map. */
  private readonly pageOf = new Map<string, string>();
  private readonly summaries = new Map<string, JourneySummary>();
  version = 0;

  constructor(private readonly options: SiteOptions) {}

  /** The served roots, resolved through symlinks: no input outside them is served. */
  private async roots(): Promise<string[]> {
    const out: string[] = [];
    for (const p of this.options.paths) {
      try {
        const real = await realpath(path.resolve(this.options.cwd, p));
        out.push(real);
      } catch {
        // a missing path is reported by the first build
      }
    }
    return out;
  }

  private async inside(input: InputRef, roots: string[]): Promise<boolean> {
    try {
      const real = await realpath(input.absolutePath);
      return roots.some((r) => real === r || real.startsWith(r + path.sep));
    } catch {
      return false;
    }
  }

  /** Rebuilds everything; returns the inputs that were left out because they lead outside the roots. */
  async build(settings: BuildSettings): Promise<{ results: Processed[]; missing: string[]; outside: string[] }> {
    const found = await findInputs(this.options.paths, this.options.cwd);
    const roots = await this.roots();
    const inputs: InputRef[] = [];
    const outside: string[] = [];
    for (const input of found.inputs) {
      if (await this.inside(input, roots)) inputs.push(input);
      else outside.push(input.name);
    }
    const results = await processAll(inputs, { ...settings.process, cwd: this.options.cwd, formats: ["html"] }, 1);
    const seen = new Set<string>();
    for (const r of results) {
      if (r.skipped) continue;
      const key = r.input.absolutePath;
      seen.add(key);
      const bad = hasErrors(r.diagnostics) || r.outputs.length === 0;
      if (bad) {
        this.problems.set(key, {
          file: r.input.name,
          absolutePath: key,
          diagnostics: sortDiagnostics(r.diagnostics.filter((d) => d.severity === "error")),
          sources: new Map(r.sources.map((s) => [s.name, s.text] as const)),
        });
        // Never valid yet: a page that holds only the overlay, so the link from the index works.
        const placeholder = `${r.input.subdir ? `${r.input.subdir}/` : ""}${path.basename(key, path.extname(key))}.html`;
        if (![...this.pageOf.entries()].some(([, src]) => src === key)) {
          this.pages.set(placeholder, { content: emptyPage(r.input.name), source: key });
          this.pageOf.set(placeholder, key);
        }
        continue;
      }
      this.problems.delete(key);
      for (const output of r.outputs) {
        if (!output.path.endsWith(".html")) continue;
        this.pages.set(output.path, { content: text(output.content), source: key });
        this.pageOf.set(output.path, key);
      }
      if (r.summary) this.summaries.set(key, r.summary);
    }
    // A map deleted or renamed: its pages and problems go.
    for (const [page, source] of this.pageOf) {
      if (!seen.has(source)) {
        this.pages.delete(page);
        this.pageOf.delete(page);
        this.problems.delete(source);
        this.summaries.delete(source);
      }
    }
    if (this.summaries.size > 0) {
      const portfolio = await renderPortfolio([...this.summaries.values()], {
        ...(settings.locale !== undefined && { locale: settings.locale }),
        ...(settings.templatesDir !== undefined && { templatesDir: settings.templatesDir }),
        htmlLinks: "html",
        markdownLinks: "html",
      });
      for (const output of portfolio.outputs) if (output.path === "index.html") this.pages.set("index.html", { content: text(output.content) });
    } else {
      this.pages.set("index.html", { content: emptyPage("") });
    }
    this.version++;
    return { results, missing: found.missing, outside };
  }

  /** The problems to show on a page: its own map's, and on the index every map's. */
  problemsFor(pagePath: string): MapProblems[] {
    const source = this.pages.get(pagePath)?.source;
    if (source === undefined) return [...this.problems.values()];
    const own = this.problems.get(source);
    return own ? [own] : [];
  }
}

function text(content: string | Uint8Array): string {
  return typeof content === "string" ? content : new TextDecoder().decode(content);
}

function emptyPage(file: string): string {
  const title = file === "" ? "cjm serve" : file.replace(/[&<>"']/g, (c) => `&#${c.codePointAt(0)};`);
  return `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n<main><h1>${title}</h1></main>\n</body>\n</html>\n`;
}
