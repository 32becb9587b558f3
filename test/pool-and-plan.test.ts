// The batch's moving parts, through the built package on real files: the pool's lanes (the main
// thread beside worker threads) and the output plan's staging.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "./helpers/cli.js";

const { processAll } = await import(path.join(ROOT, "dist/pipeline/pool.js"));
const { findInputs } = await import(path.join(ROOT, "dist/pipeline/check.js"));
const { OutputPlan } = await import(path.join(ROOT, "dist/write/plan.js"));

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function mapText(i: number): string {
  return `cjm: 1
id: map-${i}
title: Map ${i}
personas:
  - id: p
    name: P
stages:
  - id: s
    name: S
    steps:
      - id: a
        name: A
        emotion: { p: 1 }
`;
}

describe("pool: --jobs lanes", () => {
  it("loses no worker result while a lane waits on slow writes (backpressure), in input order, the same as one job", async () => {
    const dir = tempDir("cjm-pool-");
    dirs.push(dir);
    for (let i = 0; i < 12; i++) writeFileSync(path.join(dir, `m${String(i).padStart(2, "0")}.yaml`), mapText(i));
    const { inputs } = await findInputs([dir], dir);
    expect(inputs).toHaveLength(12);
    const options = { cwd: dir, formats: ["markdown"] };
    const seen: number[] = [];
    // Each result makes its lane wait 150 ms, as a lane waits when the writes fall behind: the worker
    // renders its next maps meanwhile and posts their results while nobody is waiting for them.
    const slow = (_: unknown, k: number) => {
      seen.push(k);
      return new Promise<void>((r) => setTimeout(r, 150));
    };
    const two = await Promise.race([
      processAll(inputs, options, 2, slow),
      new Promise((_, reject) => setTimeout(() => reject(new Error("the pool hung: a result was lost")), 30_000)),
    ]);
    const one = await processAll(inputs, options, 1);
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    const summary = (rs: { input: { name: string }; diagnostics: unknown[]; outputs: { path: string; content: string | Uint8Array }[] }[]) =>
      rs.map((r) => ({ name: r.input.name, diagnostics: r.diagnostics, outputs: r.outputs.map((o) => [o.path, Buffer.from(o.content).toString("utf8")]) }));
    expect(summary(two as never)).toEqual(summary(one));
    expect(summary(one).map((r) => r.outputs[0]?.[0])).toEqual([...Array(12).keys()].map((i) => `map-${i}.md`));
  }, 60_000);
});

describe("output plan: staging", () => {
  it("a map a write failed for has none of its outputs swapped in, and leaves no temporary file; other maps' are", async () => {
    const dir = tempDir("cjm-plan-");
    dirs.push(dir);
    const out = path.join(dir, "out");
    mkdirSync(out);
    // A regular file where b's second output needs a folder: that write fails (ENOTDIR), the first succeeds.
    writeFileSync(path.join(out, "sub"), "not a folder");
    const plan = new OutputPlan(out, dir);
    const settled = await Promise.allSettled([
      plan.stage("a.md", "# A\n", "a.yaml"),
      plan.stage("b.md", "# B\n", "b.yaml"),
      plan.stage("sub/b.html", "<p>B</p>\n", "b.yaml"),
    ]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
    await plan.unstage("b.yaml");
    const failures: string[] = [];
    const written = await plan.commit((source: string) => failures.push(source));
    expect(failures).toEqual([]);
    expect(written).toBe(1);
    expect(readdirSync(out).sort()).toEqual(["a.md", "sub"]);
  });
});
