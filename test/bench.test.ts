import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

describe("the benchmark", () => {
  it("runs end to end at tiny sizes, so it never rots (no timing asserted)", () => {
    const results = path.join(ROOT, "bench/RESULTS.md");
    const before = statSync(results).mtimeMs;
    const r = spawnSync(process.execPath, [path.join(ROOT, "bench/run.mjs"), "--smoke"], { cwd: ROOT, encoding: "utf8", timeout: 240_000 });
    expect(r.status, r.stderr).toBe(0);
    for (const section of ["cold", "batch", "memory", "scaling", "images", "serve"]) expect(r.stdout, section).toMatch(new RegExp(`^${section}\\s`, "m"));
    expect(r.stdout).toContain("journey diagrams → SVG: cjm, one browser");
    // A smoke run never overwrites the committed results.
    expect(statSync(results).mtimeMs).toBe(before);
    expect(readFileSync(results, "utf8")).toContain("| section | what |");
  }, 300_000);
});
