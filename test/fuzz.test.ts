import { VIEWS_SCRIPT } from "../src/render/html/views.js";
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parseSource } from "../src/load/parse.js";
import { renderJourney } from "../src/render/render.js";
import { checkInput } from "../src/validate/check.js";
import { cjm, ROOT, tempDir } from "./helpers/cli.js";
import { rectangularTables } from "./helpers/markdown.js";

/**
 * Property tests. The default counts add up to 10,000 cases (what CI runs); FUZZ_RUNS=N multiplies
 * them by N/10,000 (FUZZ_RUNS=100000 for a long local run). A failure prints fast-check's seed
 * and shrunk counterexample.
 */
const SCALE = Number(process.env["FUZZ_RUNS"] ?? 10_000) / 10_000;
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
export const FUZZ_CASES = { render: 2500, markdown: 1000, html: 1000, mutations: 5500 };

// Any Unicode text, one grapheme at a time (valid UTF-8 by construction), never empty.
const text = fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 });
const score = fc.integer({ min: 1, max: 5 });

/** A valid journey with random text in every text field; ids are explicit so names may collide. */
const journeyArb = fc
  .record({
    title: text,
    description: text,
    objective: text,
    owner: text,
    tags: fc.array(text, { maxLength: 2 }),
    personas: fc.array(fc.record({ name: text, role: text, quote: text, goals: fc.array(text, { maxLength: 2 }) }), { minLength: 1, maxLength: 2 }),
    channels: fc.array(fc.record({ name: text, kind: fc.constantFrom("digital", "physical", "human"), owned: fc.boolean() }), { minLength: 1, maxLength: 2 }),
    stages: fc.array(
      fc.record({
        name: text,
        goal: text,
        questions: fc.array(text, { maxLength: 1 }),
        steps: fc.array(
          fc.record({
            name: text,
            does: text,
            thinks: text,
            feels: text,
            emotion: score,
            touchpoint: text,
            pain: text,
            severity: score,
            gain: text,
            moment: fc.constantFrom("truth", "magic", "micro", undefined),
            evidence: fc.constantFrom("observed", "reported", "inferred", "assumed", undefined),
            frontstage: text,
            owner: text,
          }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    opportunity: fc.record({ title: text, impact: score, effort: score, why: fc.array(text, { maxLength: 2 }) }),
    locale: fc.constantFrom("en", "fr"),
  })
  .map((r) => {
    let n = 0;
    return {
      cjm: 1,
      id: "fuzz",
      title: r.title,
      description: r.description,
      objective: r.objective,
      owner: r.owner,
      locale: r.locale,
      tags: r.tags,
      personas: r.personas.map((p, i) => ({ id: `p${i}`, ...p })),
      channels: r.channels.map((c, i) => ({ id: `c${i}`, ...c })),
      stages: r.stages.map((s, si) => ({
        id: `s${si}`,
        name: s.name,
        goal: s.goal,
        questions: s.questions,
        steps: s.steps.map((st) => {
          n++;
          return {
            id: `t${n}`,
            name: st.name,
            does: st.does,
            thinks: st.thinks,
            feels: st.feels,
            emotion: st.emotion,
            touchpoints: [{ channel: "c0", name: st.touchpoint }],
            pains: [{ id: `pain${n}`, text: st.pain, severity: st.severity }],
            gains: [st.gain],
            ...(st.moment && { moment: st.moment }),
            ...(st.evidence && { evidence: st.evidence }),
            blueprint: { frontstage: [st.frontstage] },
            owners: [st.owner],
          };
        }),
      })),
      opportunities: [{ id: "o1", addresses: ["t1"], ...r.opportunity }],
    };
  });

async function load(data: object) {
  const yamlText = stringify(data);
  const result = await checkInput({ name: "fuzz.yaml", absolutePath: "/tmp/fuzz.yaml", bytes: new TextEncoder().encode(yamlText) }, { cwd: "/tmp" });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (!result.journey) throw new Error(`generated map is invalid: ${errors.map((e) => e.message).join("; ")}`);
  return result.journey;
}

// One template cache for the whole file, as one CLI run has.
const cache = new Map();
const render = (journey: Awaited<ReturnType<typeof load>>, formats: readonly ("markdown" | "mermaid" | "html" | "json")[]) => renderJourney(journey, formats, { cache });

const decode = (s: string) => s.replace(/#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)));

describe("property: random Unicode in every text field", () => {
  it(`renders to every text format without throwing, the same bytes twice, and Mermaid gives the text back (${runs(FUZZ_CASES.render)} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(journeyArb, async (data) => {
        const journey = await load(data);
        const formats = ["markdown", "mermaid", "html", "json"] as const;
        const first = await render(journey, formats);
        const second = await render(journey, formats);
        expect(first.diagnostics).toEqual([]);
        expect(second.outputs).toEqual(first.outputs);
        const mmd = first.outputs.find((o) => o.path.endsWith(".journey.mmd"))!.content as string;
        const lines = mmd.split("\n");
        expect(decode(lines.find((l) => l.startsWith("  title "))!.slice(8))).toBe(data.title);
        expect(lines.filter((l) => l.startsWith("  section ")).map((l) => decode(l.slice(10)))).toEqual(data.stages.map((s) => s.name));
        const tasks = lines.filter((l) => l.startsWith("    ")).map((l) => l.trim().split(": "));
        expect(tasks.map((t) => decode(t[0]!))).toEqual(data.stages.flatMap((s) => s.steps.map((st) => st.name)));
        expect(tasks.map((t) => Number(t[1]))).toEqual(data.stages.flatMap((s) => s.steps.map((st) => st.emotion)));
        const json = JSON.parse(first.outputs.find((o) => o.path.endsWith(".json"))!.content as string);
        expect(json.title).toBe(data.title);
      }),
      { numRuns: runs(FUZZ_CASES.render) },
    );
  }, 600_000);

  it(`Markdown tables keep their column count (${runs(FUZZ_CASES.markdown)} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(journeyArb, async (data) => {
        const journey = await load(data);
        const md = (await render(journey, ["markdown"])).outputs[0]!.content as string;
        expect(rectangularTables(md).length).toBeGreaterThan(0);
      }),
      { numRuns: runs(FUZZ_CASES.markdown) },
    );
  }, 600_000);

  it(`the HTML holds no element or attribute that did not come from the template (${runs(FUZZ_CASES.html)} cases)`, async () => {
    // The same map with every text replaced by "x" gives the markup the templates make; random text
    // may change words, never tags or attributes.
    const tags = (html: string) => [...html.matchAll(/<\/?([a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => `${m[1]}(${[...m[2]!.matchAll(/\s+([\w:-]+)(?:="[^"]*")?/g)].map((a) => a[1]).join(",")})`);
    const plain = (v: unknown): unknown =>
      typeof v === "string" ? "x" : Array.isArray(v) ? v.map(plain) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === "id" || k === "channel" || k === "addresses" || k === "kind" || k === "moment" || k === "evidence" || k === "locale" ? x : plain(x)])) : v;
    await fc.assert(
      fc.asyncProperty(journeyArb, async (data) => {
        const html = (await render(await load(data), ["html"])).outputs[0]!.content as string;
        const reference = (await render(await load(plain(data) as object), ["html"])).outputs[0]!.content as string;
        expect(tags(html)).toEqual(tags(reference));
        // The one script is the report's own views script, byte for byte; no other.
        expect(html.split(`<script>${VIEWS_SCRIPT}</script>`).length).toBe(2);
        expect(html.replace(`<script>${VIEWS_SCRIPT}</script>`, "")).not.toMatch(/<script|javascript:|\son\w+=/i);
      }),
      { numRuns: runs(FUZZ_CASES.html) },
    );
  }, 600_000);
});

describe("property: mutated YAML", () => {
  const seeds = ["examples/achat-smartphone.yaml", "examples/bank-onboarding-future.yaml", "test/fixtures/hostile.yaml"].map((f) => readFileSync(path.join(ROOT, f), "utf8"));
  const mutation = fc.oneof(
    fc.record({ op: fc.constant("delete"), at: fc.nat() }),
    fc.record({ op: fc.constant("swap"), at: fc.nat(), with: fc.nat() }),
    fc.record({ op: fc.constant("indent"), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
    fc.record({ op: fc.constant("truncate"), at: fc.nat() }),
    fc.record({ op: fc.constant("retype"), at: fc.nat(), value: fc.constantFrom("[]", "{}", "~", "-1", "9", "true", "'x'", "[a, [b]]", "!!binary aGk=", "*nope", "&a x") }),
    fc.record({ op: fc.constant("bytes"), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  );
  const apply = (src: string, m: { op: string; at: number; with?: number; by?: number; value?: string; bytes?: Uint8Array }): Uint8Array => {
    const lines = src.split("\n");
    const i = m.at % lines.length;
    switch (m.op) {
      case "delete":
        lines.splice(i, 1);
        break;
      case "swap": {
        const j = m.with! % lines.length;
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        break;
      }
      case "indent":
        lines[i] = m.by! > 0 ? " ".repeat(m.by!) + lines[i] : lines[i]!.slice(Math.min(-m.by!, lines[i]!.length - lines[i]!.trimStart().length));
        break;
      case "truncate":
        return new TextEncoder().encode(src.slice(0, m.at % src.length));
      case "retype":
        lines[i] = lines[i]!.replace(/:\s.*$/, `: ${m.value}`);
        break;
      case "bytes": {
        const bytes = new TextEncoder().encode(src);
        const at = m.at % bytes.length;
        return new Uint8Array([...bytes.subarray(0, at), ...m.bytes!, ...bytes.subarray(at)]);
      }
    }
    return new TextEncoder().encode(lines.join("\n"));
  };

  it(`always gives diagnostics inside the file, never an exception (${runs(FUZZ_CASES.mutations)} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...seeds.keys()), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (seed, mutations) => {
        let bytes = new TextEncoder().encode(seeds[seed]!);
        for (const m of mutations) bytes = apply(new TextDecoder().decode(bytes), m);
        const result = await checkInput({ name: "m.yaml", absolutePath: path.join(ROOT, "examples/m.yaml"), bytes }, { cwd: ROOT });
        const lineCount = parseSource(bytes, "m.yaml", "m.yaml").source.text.split("\n").length;
        for (const d of result.diagnostics) {
          expect(d.code).toMatch(/^[a-z][a-z0-9-]+$/);
          expect(d.message.length).toBeGreaterThan(5);
          if (d.file !== "m.yaml") continue;
          expect(d.span, d.message).toBeDefined();
          expect(d.span!.start.line).toBeGreaterThanOrEqual(1);
          expect(d.span!.start.line).toBeLessThanOrEqual(lineCount + 1);
          expect(d.span!.start.col).toBeGreaterThanOrEqual(1);
        }
        // No journey means errors, unless what is left is a valid persona file: a file given without
        // `cjm:` is checked as one (issue 15's decision; seed 879830385 cut a map down to `    name: C`).
        if (!result.journey && !result.persona) expect(result.diagnostics.some((d) => d.severity === "error")).toBe(true);
      }),
      { numRuns: runs(FUZZ_CASES.mutations) },
    );
  }, 600_000);

  it("and through the real CLI: exit 0 or 1, never a stack trace (a sample)", async () => {
    const dir = tempDir();
    const samples = fc.sample(fc.tuple(fc.constantFrom(...seeds.keys()), fc.array(mutation, { minLength: 1, maxLength: 3 })), { numRuns: 12, seed: 42 });
    for (const [k, [seed, mutations]] of samples.entries()) {
      let bytes = new TextEncoder().encode(seeds[seed]!);
      for (const m of mutations) bytes = apply(new TextDecoder().decode(bytes), m);
      const { writeFileSync } = await import("node:fs");
      writeFileSync(path.join(dir, `m${k}.yaml`), bytes);
    }
    const r = await cjm(["validate", ...samples.map((_, k) => `m${k}.yaml`), "--format", "json"], { cwd: dir, timeoutMs: 30_000 });
    expect([0, 1]).toContain(r.code);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(JSON.parse(r.stdout).summary.files).toBe(12);
  });
});
