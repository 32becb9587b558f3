import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { DOMParser, type Element, type Node } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import { renderJourney } from "../src/render/render.js";
import { checkInput } from "../src/validate/check.js";
import { ROOT } from "./helpers/cli.js";

/**
 * The Markdown report as GitHub renders it: GitHub's Markdown is cmark-gfm (Debian's `cmark-gfm`,
 * `--extension table`). Rendered with and without `--unsafe` (without it, raw HTML such as `<br>`
 * is dropped): no element comes from user text, no table loses a cell, and the text a reader sees
 * is the map's text (with `--unsafe` exactly; without, apart from line breaks and whitespace).
 */
const CASES = ["test/fixtures/markdown-blocks.yaml", "test/fixtures/hostile.yaml", "examples/achat-smartphone.yaml", "examples/bank-onboarding.yaml"];
// What cjm's own Markdown makes; `code` only inside `pre` (the mermaid blocks), `a` only for links.
const ALLOWED = new Set(["root", "h1", "h2", "h3", "h4", "p", "strong", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "blockquote", "pre", "code", "br", "a"]);

function cmarkVersion(): string {
  return execFileSync("cmark-gfm", ["--version"], { encoding: "utf8" }).split("\n")[0]!.trim();
}

function cmark(md: string, unsafe: boolean): Element {
  const html = execFileSync("cmark-gfm", ["--extension", "table", ...(unsafe ? ["--unsafe"] : [])], { input: md, encoding: "utf8" });
  // cmark-gfm writes XHTML-style markup; a raw `<br>` (passed with --unsafe) is closed for the parser.
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => void (level !== "warning" && problems.push(msg)) }).parseFromString(`<root>${html.replace(/<br>/g, "<br/>")}</root>`, "text/xml");
  expect(problems).toEqual([]);
  return doc.documentElement!;
}

function elements(root: Element): Element[] {
  const out: Element[] = [];
  const walk = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 1) {
        out.push(c as Element);
        walk(c);
      }
    }
  };
  walk(root);
  return out;
}

/** What a reader sees: the text, a `<br>` as a line break. */
function seen(n: Node): string {
  let s = "";
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 3) s += c.nodeValue ?? "";
    else if (c.nodeType === 1) s += (c as Element).localName === "br" ? "\n" : seen(c);
  }
  return s;
}

const squash = (s: string) => s.replace(/\s+/g, "");

interface Rendered {
  journey: Awaited<ReturnType<typeof load>>;
  md: string;
}

async function load(file: string) {
  const abs = path.join(ROOT, file);
  const r = await checkInput({ name: file, absolutePath: abs, bytes: readFileSync(abs) }, { cwd: ROOT });
  if (!r.journey) throw new Error(`${file}: ${r.diagnostics.map((d) => d.message).join("; ")}`);
  return r.journey;
}

const rendered = new Map<string, Rendered>();
beforeAll(async () => {
  for (const file of CASES) {
    const journey = await load(file);
    const out = await renderJourney(journey, ["markdown"]);
    rendered.set(file, { journey, md: String(out.outputs.find((o) => o.path.endsWith(".md"))!.content) });
  }
});

describe(`${cmarkVersion()} --extension table`, () => {
  for (const unsafe of [true, false]) {
    for (const file of CASES) {
      it(`${path.basename(file)}${unsafe ? " --unsafe" : ""}: only cjm's elements, whole tables, the map's text`, () => {
        const { journey, md } = rendered.get(file)!;
        const root = cmark(md, unsafe);
        const all = elements(root);
        const same = (a: string, b: string) => (unsafe ? expect(a).toBe(b) : expect(squash(a)).toBe(squash(b)));

        // No element from user text: <b>, <img>, <script>, emphasis, strike, code spans, headings...
        expect([...new Set(all.map((e) => e.localName))].filter((t) => !ALLOWED.has(t))).toEqual([]);
        for (const code of all.filter((e) => e.localName === "code")) expect((code.parentNode as Element).localName, "a code span").toBe("pre");
        for (const pre of all.filter((e) => e.localName === "pre")) expect(pre.getElementsByTagName("code")[0]?.getAttribute("class")).toBe("language-mermaid");
        const links = journey.opportunities.flatMap((o) => o.links ?? []);
        for (const a of all.filter((e) => e.localName === "a")) expect(links).toContain(decodeURI(a.getAttribute("href") ?? ""));
        expect(all.filter((e) => e.localName === "h1")).toHaveLength(1);
        expect(all.filter((e) => e.localName === "blockquote").map((q) => squash(seen(q)))).toEqual(journey.personas.filter((p) => p.quote).map((p) => squash(p.quote!)));

        // Whole tables: each row has the header's cells, and a table has rows (no header-only table).
        for (const table of all.filter((e) => e.localName === "table")) {
          const rows = Array.from(table.getElementsByTagName("tr"));
          const header = rows[0]!.getElementsByTagName("th").length;
          expect(rows.length, "a table with a header and no row").toBeGreaterThan(1);
          for (const row of rows.slice(1)) expect(row.getElementsByTagName("td").length).toBe(header);
        }
        // The metrics table has a header.
        const metrics = all.find((e) => e.localName === "h2" && seen(e) === (journey.locale === "fr" ? "Indicateurs" : "Metrics"));
        if (journey.metrics || journey.stages.some((s) => s.metrics)) {
          const table = elements(root).slice(all.indexOf(metrics!)).find((e) => e.localName === "table")!;
          for (const th of Array.from(table.getElementsByTagName("th"))) expect(seen(th).trim()).not.toBe("");
        }

        // The text a reader sees.
        same(seen(all.find((e) => e.localName === "h1")!), journey.title);
        const paragraphs = all.filter((e) => e.localName === "p").map(seen);
        const h3 = all.filter((e) => e.localName === "h3").map(seen);
        if (journey.tags?.length) expect(paragraphs.some((p) => p.endsWith(` · ${journey.tags!.join(" · ")}`)), "the tags as written").toBe(true);
        if (journey.description) expect(paragraphs.map(unsafe ? (p) => p : squash)).toContain(unsafe ? journey.description : squash(journey.description));
        for (const p of journey.personas) {
          expect(h3.map(unsafe ? (x) => x : squash)).toContain(unsafe ? p.name : squash(p.name));
          if (p.description) expect(paragraphs.map(unsafe ? (x) => x : squash)).toContain(unsafe ? p.description : squash(p.description));
        }
        const stepCells = all.filter((e) => e.localName === "tr").map((tr) => tr.getElementsByTagName("td")[0]).filter((td): td is Element => td !== undefined).map(seen);
        for (const stage of journey.stages) {
          expect(h3.map(unsafe ? (x) => x : squash)).toContain(unsafe ? stage.name : squash(stage.name));
          if (stage.description) expect(paragraphs.map(unsafe ? (x) => x : squash)).toContain(unsafe ? stage.description : squash(stage.description));
          for (const step of stage.steps) expect(stepCells.map(unsafe ? (x) => x : squash)).toContain(unsafe ? step.name : squash(step.name));
        }
      });
    }
  }
});
