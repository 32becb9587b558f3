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

  it("--rev builds another revision in a temporary worktree and compares both side by side, then removes it", () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, "bench/run.mjs"), "--smoke", "--rev", "HEAD"], { cwd: ROOT, encoding: "utf8", timeout: 240_000 });
    expect(r.status, r.stderr).toBe(0);
    for (const what of ["cold cjm validate", "cold cjm render", "20-map batch, --jobs 1", "20-map batch, --jobs 2"]) {
      expect(r.stdout, what).toMatch(new RegExp(`^rev\\s+${what}.*: this tree .*× [0-9a-f]{7}`, "m"));
    }
    const worktrees = spawnSync("git", ["worktree", "list"], { cwd: ROOT, encoding: "utf8" }).stdout;
    expect(worktrees).not.toContain("cjm-bench-");
  }, 300_000);
});
