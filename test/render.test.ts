import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mermaidActor, mermaidText } from "../src/render/escape.js";
import { findBrowser, MermaidPage } from "../src/render/image/browser.js";
import { cjm, ROOT, tempDir } from "./helpers/cli.js";
import { parseGfm, rectangularTables, type MdNode } from "./helpers/markdown.js";

const FIXTURES = path.join(ROOT, "test/fixtures");
const GOLDEN = path.join(ROOT, "test/golden");
const CASES = [
  { name: "achat-smartphone", file: "examples/achat-smartphone.yaml" },
  { name: "bank-onboarding", file: "examples/bank-onboarding.yaml" },
  { name: "bank-onboarding-future", file: "examples/bank-onboarding-future.yaml" },
  { name: "hostile", file: "test/fixtures/hostile.yaml" },
];

/** Renders a case to a fresh folder and returns its files, name → text. */
async function renderCase(file: string, extra: string[] = []): Promise<Map<string, string>> {
  const out = tempDir();
  const r = await cjm(["render", file, "--format", "markdown,mermaid,json,html", "--out", out, ...extra]);
  expect(r.stderr).not.toContain("error[");
  expect(r.code).toBe(0);
  return new Map(readdirSync(out).sort().map((f) => [f, readFileSync(path.join(out, f), "utf8")]));
}

const rendered = new Map<string, Map<string, string>>();

beforeAll(async () => {
  for (const c of CASES) rendered.set(c.name, await renderCase(c.file));
});

describe("golden files (reviewed by eye; UPDATE_GOLDEN=1 rewrites them)", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const files = rendered.get(c.name)!;
      const dir = path.join(GOLDEN, c.name);
      if (process.env["UPDATE_GOLDEN"]) {
        mkdirSync(dir, { recursive: true });
        for (const [name, text] of files) writeFileSync(path.join(dir, name), text);
      }
      expect([...files.keys()]).toEqual(readdirSync(dir).sort());
      for (const [name, text] of files) expect(text, name).toBe(readFileSync(path.join(dir, name), "utf8"));
    });
  }

  it("the same input gives the same bytes on every run, LF endings and a final newline", async () => {
    const again = await renderCase("test/fixtures/hostile.yaml");
    expect(again).toEqual(rendered.get("hostile"));
    for (const text of again.values()) {
      expect(text).not.toContain("\r");
      expect(text.endsWith("\n")).toBe(true);
    }
  });
});

function textOf(node: MdNode): string {
  if (node.type === "html" && /^<br\s*\/?>$/i.test(node.value ?? "")) return "\n";
  if (node.type === "text" || node.type === "inlineCode" || node.type === "html") return node.value ?? "";
  return (node.children ?? []).map(textOf).join("");
}

describe("Markdown passes a real GFM parser", () => {
  for (const c of CASES) {
    it(`${c.name}: every table row has the header's cell count`, () => {
      const md = rendered.get(c.name)!.get(`${c.name === "hostile" ? "hostile" : c.name}.md`)!;
      expect(rectangularTables(md).length).toBeGreaterThan(2);
    });
  }

  it("hostile text comes back unchanged from table cells and headings", () => {
    const md = rendered.get("hostile")!.get("hostile.md")!;
    const tree = parseGfm(md);
    const cells: string[] = [];
    const headings: string[] = [];
    const walk = (n: MdNode) => {
      if (n.type === "tableCell") cells.push(textOf(n));
      else if (n.type === "heading") headings.push(textOf(n));
      else (n.children ?? []).forEach(walk);
    };
    walk(tree);
    for (const expected of [
      "title Hijack: 5: Mallory",
      "section Injected\ntitle Also injected",
      "Types `rm -rf /` | then \\ escapes",
      "# Not a heading",
      "- not a list",
      "1. Numbered? %%{init: {'theme':'dark'}}%%",
      "Team A|B",
    ]) {
      expect(cells, expected).toContain(expected);
    }
    expect(headings).toContain("Title: with; colons # hash %% percent | pipe");
    expect(headings).toContain("Ève: l'usager, ça va; #1 😀");
    // No raw HTML reaches the page but the tool's own line breaks.
    const html: string[] = [];
    const findHtml = (n: MdNode) => (n.type === "html" ? html.push(n.value ?? "") : (n.children ?? []).forEach(findHtml));
    findHtml(tree);
    expect(html.filter((h) => !/^<br>$/.test(h))).toEqual([]);
  });
});

describe("Mermaid: the real parser and renderer in Chromium", () => {
  let page: MermaidPage;
  beforeAll(async () => {
    const browser = findBrowser(process.env);
    if (!browser) throw new Error("these tests need Chromium (apt-get install chromium), as CI installs it");
    page = await MermaidPage.start(browser);
  });
  afterAll(async () => page?.close());

  async function svgText(code: string, id: string): Promise<string> {
    const drawn = await page.draw(code, id);
    if ("error" in drawn) throw new Error(drawn.error);
    const svg = drawn.svg;
    return page.browserPage.evaluate((markup) => {
      const holder = document.createElement("div");
      holder.innerHTML = markup;
      document.body.appendChild(holder);
      const texts = [...holder.querySelectorAll("text, foreignObject")].map((n) => (n as HTMLElement).textContent ?? "");
      holder.remove();
      return texts.join("\n");
    }, svg);
  }

  it("every .mmd parses, and every step name is found verbatim in the drawn SVG", async () => {
    let n = 0;
    for (const c of CASES) {
      const files = rendered.get(c.name)!;
      const journeyYaml = readFileSync(path.join(ROOT, c.file), "utf8");
      for (const [name, code] of files) {
        if (!name.endsWith(".mmd")) continue;
        expect(await page.parse(code), `${c.name}/${name}`).toBeUndefined();
        const text = await svgText(code, `d${n++}`);
        if (name.includes(".journey") || name.includes(".flow")) {
          const json = JSON.parse(files.get(`${c.name}.json`)!);
          const persona = /\.journey\.([a-z0-9-]+)\.mmd$/.exec(name)?.[1];
          for (const stage of json.stages) {
            for (const step of stage.steps) {
              const scores = (step.emotions as { persona: string; score?: number }[]).filter((e) => e.score !== undefined && (!persona || e.persona === persona));
              if (name.includes(".flow") || scores.length > 0) expect(text, `${name}: ${step.name}`).toContain(step.name);
            }
          }
          for (const p of json.personas) if (!persona || p.id === persona) if (!name.includes(".flow")) expect(text, `${name}: ${p.name}`).toContain(p.name);
        }
        expect(journeyYaml.length).toBeGreaterThan(0);
      }
    }
    expect(n).toBeGreaterThanOrEqual(12);
  });

  // Found by this property on 2026-12-01 (seed 1581692821) and not fixed yet: Mermaid's journey
  // legend wraps a long actor name by its *encoded* text, so an entity cut at the line end leaves a
  // stray ";" in the drawn legend ("-#𘪬#.𑂜🜘.𘠽/᮰" is drawn "-#𘪬#.𑂜🜘.𘠽/-", ";᮰"). This case fails
  // until that is fixed (then it turns red: make it a plain `it`).
  it.fails("a long actor whose legend Mermaid wraps comes back whole (known defect: a stray `;`)", async () => {
    const actor = "-#𘪬#.𑂜🜘.𘠽/᮰";
    const code = `journey\n  title T\n  section S\n    Pays: 3: ${mermaidActor(actor)}\n`;
    expect(await page.parse(code)).toBeUndefined();
    expect((await svgText(code, "wrapped-actor")).replace(/\s+/g, "")).toContain(actor);
  });

  // The seed is fixed so that CI runs the same inputs every time (FUZZ_SEED=<n> explores others:
  // that is how the case above was found); the known case above is excluded by that choice only.
  it("property: random Unicode in titles, sections, tasks and actors comes back from the real Mermaid", async () => {
    const runs = Number(process.env["FUZZ_RUNS"] ?? 60);
    const seed = Number(process.env["FUZZ_SEED"] ?? 20261201);
    // No control characters (they are not text) and no lone surrogates (not valid Unicode).
    const text = fc
      .string({ unit: "grapheme", minLength: 1, maxLength: 24 })
      .map((s) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, "").trim())
      .filter((s) => s.length > 0);
    let id = 0;
    await fc.assert(
      fc.asyncProperty(text, text, text, text, async (title, section, task, actor) => {
        const code = `journey\n  title ${mermaidText(title)}\n  section ${mermaidText(section)}\n    ${mermaidText(task)}: 3: ${mermaidActor(actor)}\n`;
        expect(await page.parse(code)).toBeUndefined();
        const drawn = await svgText(code, `p${id++}`);
        // Mermaid may wrap a long label at a space; every character must still come back, in order.
        const squash = (s: string) => s.normalize().replace(/\s+/g, "");
        for (const s of [title, section, task, actor]) expect(squash(drawn), JSON.stringify(s)).toContain(squash(s));
      }),
      { numRuns: runs, seed },
    );
  });

  it("an actor's edge whitespace of any kind is encoded (fuzz seed 1523166253: a persona named U+2008)", async () => {
    expect(mermaidActor("\u2008Ann\u00a0")).toBe("#8200;Ann#160;");
    expect(mermaidActor("\u2008")).toBe("#8200;");
    const code = `journey\n  title T\n  section S\n    Pays: 3: ${mermaidActor("\u2008Ann\u2008")}, ${mermaidActor("\u2008")}\n`;
    // The task line keeps its actors when trimmed, as a reader of the text (or Mermaid) trims it.
    expect(code.split("\n")[3]!.trim().split(": ")).toEqual(["Pays", "3", "#8200;Ann#8200;, #8200;"]);
    expect(await page.parse(code)).toBeUndefined();
    expect(await svgText(code, "ws-actor")).toContain("Ann");
  });
});

describe("cjm render", () => {
  it("an invalid map gets diagnostics and no output; the others are written; exit 1", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "bad.yaml"), "cjm: 1\ntitle: Bad\npersonas: [{ name: A }]\nstages: [{ name: S, steps: [{ name: X, emotion: 9 }] }]\n");
    writeFileSync(path.join(dir, "good.yaml"), readFileSync(path.join(FIXTURES, "hostile.yaml")));
    const r = await cjm(["render", ".", "--out", "out"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("bad.yaml:4:");
    const written = readdirSync(path.join(dir, "out"));
    expect(written).toContain("hostile.md");
    expect(written.some((f) => f.startsWith("bad"))).toBe(false);
    expect(written.some((f) => f.includes(".tmp"))).toBe(false);
  });

  it("--out - writes one output to stdout; several is a usage error", async () => {
    const one = await cjm(["render", "examples/achat-smartphone.yaml", "--format", "markdown", "--out", "-"]);
    expect(one.code).toBe(0);
    expect(one.stdout).toBe(rendered.get("achat-smartphone")!.get("achat-smartphone.md"));
    const many = await cjm(["render", "examples/achat-smartphone.yaml", "--out", "-"]);
    expect(many.code).toBe(2);
    expect(many.stderr).toContain("--out - writes a single output");
  });

  it("--locale overrides the file's language for every fixed word", async () => {
    const files = await renderCase("examples/achat-smartphone.yaml", ["--locale", "en"]);
    const md = files.get("achat-smartphone.md")!;
    expect(md).toContain("## Opportunities");
    expect(md).toContain("| Step | Does | Thinks | Feels | Emotion |");
    expect(md).toContain("Achat d'un smartphone en ligne");
    expect(md).not.toContain("Irritants");
  });

  it("an unknown format is a usage error (exit 2)", async () => {
    const r = await cjm(["render", "examples/", "--format", "docx"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown format `docx`");
  });

  it("--templates replaces a built-in partial by file name", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "tpl/markdown/partials"), { recursive: true });
    writeFileSync(path.join(dir, "tpl/markdown/partials/header.hbs"), "# CUSTOM {{md journey.title}}\n\n");
    const files = await renderCase(path.join(ROOT, "examples/bank-onboarding.yaml"), ["--templates", path.join(dir, "tpl"), "--root", ROOT]);
    expect(files.get("bank-onboarding.md")!.startsWith("# CUSTOM Opening a current account\n")).toBe(true);
  });

  it("--templates replaces one cell of the stage tables: cell-pains.hbs changes the pains cells and nothing else", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "tpl/markdown/partials"), { recursive: true });
    writeFileSync(path.join(dir, "tpl/markdown/partials/cell-pains.hbs"), "PAINS{{pains.length}}");
    const map = path.join(ROOT, "examples/bank-onboarding.yaml");
    const plain = (await renderCase(map, ["--root", ROOT])).get("bank-onboarding.md")!.split("\n");
    const custom = (await renderCase(map, ["--templates", path.join(dir, "tpl"), "--root", ROOT])).get("bank-onboarding.md")!.split("\n");
    expect(custom.length).toBe(plain.length);
    const changed = custom.filter((line, i) => line !== plain[i]);
    expect(changed.length).toBeGreaterThan(0);
    // Each changed line is a step row whose pains column now reads PAINS<n>; the other columns as they were.
    for (const line of changed) {
      const i = custom.indexOf(line);
      const before = plain[i]!.split(" | ");
      const after = line.split(" | ");
      expect(after.length, line).toBe(before.length);
      const differing = after.map((cell, k) => (cell === before[k] ? -1 : k)).filter((k) => k >= 0);
      expect(differing.length, line).toBe(1);
      expect(after[differing[0]!]).toMatch(/^PAINS\d+$/);
    }
  });

  it("a broken user template is a diagnostic naming the template and its line; nothing is written", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "tpl/markdown"), { recursive: true });
    writeFileSync(path.join(dir, "tpl/markdown/report.hbs"), "# ok\n{{#each stages}}\n{{name}\n");
    const r = await cjm(["render", path.join(ROOT, "examples/bank-onboarding.yaml"), "--templates", "tpl", "--out", "out", "--format", "markdown", "--root", ROOT], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error\[template-error\]: template `.*tpl\/markdown\/report\.hbs` line 3/);
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("user templates cannot reach prototypes ({{constructor}})", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "tpl/markdown"), { recursive: true });
    writeFileSync(path.join(dir, "tpl/markdown/report.hbs"), "[{{journey.constructor}}][{{journey.__proto__}}][{{lookup journey 'constructor'}}]\n");
    const r = await cjm(["render", path.join(ROOT, "examples/bank-onboarding.yaml"), "--templates", "tpl", "--out", "-", "--format", "markdown", "--root", ROOT], { cwd: dir });
    expect(r.stdout).toBe("[][][]\n");
  });
});

describe("Mermaid's size limit", () => {
  it("a diagram over 50,000 characters is a diagnostic, not a placeholder image", async () => {
    const dir = tempDir();
    const steps = Array.from({ length: 700 }, (_, i) => `      - { name: "Step ${i} with a rather long name: ${"é".repeat(20)}", emotion: 3 }`).join("\n");
    writeFileSync(path.join(dir, "big.yaml"), `cjm: 1\ntitle: Big\nobjective: o\npersonas: [{ name: A }]\nstages:\n  - name: S\n    steps:\n${steps}\n`);
    const r = await cjm(["render", "big.yaml", "--format", "mermaid", "--out", "out"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[diagram-too-large]");
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });
});
