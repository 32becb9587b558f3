import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRenderModel } from "../src/render/model.js";
import { flowDiagram, journeyDiagrams, opportunityDiagram } from "../src/render/mermaid/diagrams.js";
import { renderJourney } from "../src/render/render.js";
import { mermaidAccessible, mermaidActor, mermaidLabel, mermaidNode, mermaidText } from "../src/render/escape.js";
import { findBrowser } from "../src/render/image/browser.js";
import { checkInput } from "../src/validate/check.js";
import { readFileSync } from "node:fs";
import { ROOT } from "./helpers/cli.js";
import { MERMAID_PACKAGES, MermaidMatrix, mermaidVersion, type Drawn } from "./helpers/mermaid-matrix.js";

/**
 * Every diagram cjm writes, for the examples and the hostile fixture, drawn by each Mermaid version
 * hosts embed (GitHub, GitLab, Obsidian, IDE previews): it must parse, render, show every label with
 * its characters as written, give screen readers the intended <title>/<desc>, and inject nothing.
 */
const CASES = ["examples/achat-smartphone.yaml", "examples/bank-onboarding.yaml", "examples/bank-onboarding-future.yaml", "test/fixtures/hostile.yaml"];
const FORBIDDEN_TAGS = ["script", "iframe", "img", "object", "embed", "a", "b", "i", "u", "form", "input", "video", "audio", "image"];

// Mermaid wraps long labels at spaces (into several text nodes): compare without whitespace.
const squash = (s: string) => s.normalize("NFC").replace(/\s+/g, "");
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

let matrix: MermaidMatrix;

beforeAll(async () => {
  const exe = findBrowser(process.env);
  if (!exe) throw new Error("the Mermaid version matrix needs Chromium (apt-get install chromium)");
  matrix = await MermaidMatrix.start(exe);
});

afterAll(async () => {
  await matrix?.close();
});

async function load(file: string) {
  const abs = path.join(ROOT, file);
  const r = await checkInput({ name: file, absolutePath: abs, bytes: readFileSync(abs) }, { cwd: ROOT });
  if (!r.journey) throw new Error(`${file} does not validate`);
  return r.journey;
}

/** The text each diagram must show, taken from what the templates receive (before escaping). */
async function expectations(file: string) {
  const journey = await load(file);
  const model = buildRenderModel(journey);
  const out = new Map<string, { labels: string[]; accTitle: string; accDescr: string }>();
  for (const d of journeyDiagrams(model)) {
    const labels = [d.title, ...d.sections.flatMap((s) => [s.name, ...s.tasks.flatMap((t) => [t.name, ...t.actors])])];
    out.set(`${journey.id}.${d.name}.mmd`, { labels, accTitle: d.accTitle, accDescr: d.accDescr });
  }
  const flow = flowDiagram(model);
  out.set(`${journey.id}.flow.mmd`, {
    labels: [...flow.stages.flatMap((s) => [s.name, ...s.steps.map((t) => t.name)]), ...flow.nodes.map((n) => n.label)],
    accTitle: flow.accTitle,
    accDescr: flow.accDescr,
  });
  const q = opportunityDiagram(model);
  if (q) {
    const labels = [q.title, q.lowEffort, q.highEffort, q.lowImpact, q.highImpact, q.majorProjects, q.quickWins, q.fillIns, q.thanklessTasks, ...q.points.map((p) => p.label)];
    out.set(`${journey.id}.opportunities.mmd`, { labels, accTitle: q.accTitle, accDescr: q.accDescr });
  }
  const rendered = await renderJourney(journey, ["mermaid"]);
  return { expected: out, diagrams: rendered.outputs.map((o) => ({ path: o.path, code: String(o.content) })) };
}

function assertDrawn(drawn: Drawn | { error: string }, where: string, labels: string[]): Drawn {
  if ("error" in drawn) throw new Error(`${where}: Mermaid refused it: ${drawn.error.split("\n").slice(0, 3).join(" / ")}`);
  const text = squash(drawn.text);
  for (const label of labels) expect(text, `${where}: label ${JSON.stringify(label)}`).toContain(squash(label));
  expect(drawn.tags.filter((t) => FORBIDDEN_TAGS.includes(t)), `${where}: injected elements`).toEqual([]);
  expect(drawn.suspicious, `${where}: event handlers or links`).toEqual([]);
  return drawn;
}

describe.each(MERMAID_PACKAGES.map((pkg) => [`mermaid ${mermaidVersion(pkg)}`, pkg] as const))("%s", (_name, pkg) => {
  for (const file of CASES) {
    it(`${path.basename(file)}: every diagram parses, renders, shows every label and its accessible title`, async () => {
      const { expected, diagrams } = await expectations(file);
      expect(diagrams.map((d) => d.path).sort()).toEqual([...expected.keys()].sort());
      for (const d of diagrams) {
        const want = expected.get(d.path)!;
        const drawn = assertDrawn(await matrix.draw(pkg, d.code, `m-${d.path.replace(/\W/g, "-")}`), `${pkg} ${d.path}`, want.labels);
        expect(drawn.title, `${d.path} <title>`).toBe(oneLine(want.accTitle));
        expect(drawn.desc, `${d.path} <desc>`).toBe(oneLine(want.accDescr));
      }
    });
  }
});

// MERMAID_FUZZ_RUNS=N for a longer run; the time limit grows with it (four versions a case).
const FUZZ_RUNS = Number(process.env["MERMAID_FUZZ_RUNS"] ?? 25);
const FUZZ_TIME = Math.max(120_000, FUZZ_RUNS * 4_000);

describe("fuzz: random labels through every version", () => {
  // ASCII punctuation is what grammars trip on: weight it heavily, with any Unicode grapheme besides.
  const ascii = fc.constantFrom(..." !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~aZ09%%{".split(""));
  const piece = fc.oneof(ascii, ascii, fc.string({ unit: "grapheme", minLength: 1, maxLength: 2 }), fc.constantFrom("%%{init: {'theme':'dark'}}%%", "<b>x</b>", "#35;", "end", "&amp;", "\\\\"));
  const label = fc
    .array(piece, { minLength: 1, maxLength: 12 })
    .map((a) => a.join("").replace(/[\u0000-\u001f\u007f-\u009f]/g, "").replace(/\s+/g, " ").trim())
    .filter((s) => s.length > 0 && /[^\p{Cf}\p{Z}]/u.test(s));

  it("flowchart and quadrantChart labels (mermaidNode, mermaidLabel), and accTitle (mermaidAccessible), come back as written", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(label, label, label, label, async (a, b, c, d) => {
        const flow = `flowchart LR\n  accTitle: ${mermaidAccessible(d)}\n  subgraph g1["${mermaidNode(a)}"]\n    s1["${mermaidNode(b)}"]\n  end\n  s1t1(["${mermaidNode(c)}"])\n  s1 --- s1t1\n  s1p1{{"${mermaidNode(d)}"}}\n  s1 --- s1p1\n`;
        const quadrant = `quadrantChart\n  accTitle: ${mermaidAccessible(a)}\n  title ${mermaidText(b)}\n  x-axis "${mermaidLabel(c)}" --> "${mermaidLabel(d)}"\n  y-axis "${mermaidLabel(a)}" --> "${mermaidLabel(b)}"\n  quadrant-1 "${mermaidLabel(c)}"\n  quadrant-2 "q2"\n  quadrant-3 "q3"\n  quadrant-4 "q4"\n  "${mermaidLabel(d)}": [0.3, 0.6]\n`;
        for (const pkg of MERMAID_PACKAGES) {
          const f = assertDrawn(await matrix.draw(pkg, flow, `f${n}`), `${pkg} flowchart`, [a, b, c, d]);
          expect(f.title, `${pkg} flowchart <title>`).toBe(d);
          const q = assertDrawn(await matrix.draw(pkg, quadrant, `q${n}`), `${pkg} quadrantChart`, [a, b, c, d]);
          expect(q.title, `${pkg} quadrantChart <title>`).toBe(a);
          n++;
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIME);

  it("journey titles, sections, tasks (mermaidText) and actors (mermaidActor) come back as written", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(label, label, label, label, async (title, section, task, actor) => {
        const code = `journey\n  accTitle: ${mermaidAccessible(task)}\n  title ${mermaidText(title)}\n  section ${mermaidText(section)}\n    ${mermaidText(task)}: 3: ${mermaidActor(actor)}, Other\n    ${mermaidText(section)}: 5: Other\n`;
        for (const pkg of MERMAID_PACKAGES) {
          const drawn = assertDrawn(await matrix.draw(pkg, code, `j${n++}`), `${pkg} journey`, [title, section, task]);
          expect(drawn.title, `${pkg} journey <title>`).toBe(task);
          // The legend wraps (and hyphenates) long actor names; its <title> holds the name whole.
          expect(drawn.titles, `${pkg} journey actor`).toContain(actor);
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIME);
});
