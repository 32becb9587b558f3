// Issue 14 item 2: a portfolio index template runs in the worker, under the same time limit as
// report templates: a loop that never ends is a template-error for the index, not a hung run.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, tempDir } from "../helpers/cli.js";
import { minimalMap } from "./helpers.js";

describe("index templates are stopped like report templates", () => {
  it("a nested loop in index.hbs stops at the time limit; the maps are still written", async () => {
    const dir = tempDir("cjm-sec-");
    for (const k of [1, 2]) writeFileSync(path.join(dir, `map${k}.yaml`), minimalMap({ title: `Map ${k}` }));
    mkdirSync(path.join(dir, "tpl/markdown"), { recursive: true });
    // ~150 labels to the 5th power: hours of work.
    writeFileSync(
      path.join(dir, "tpl/markdown/index.hbs"),
      "{{#each labels}}{{#each @root.labels}}{{#each @root.labels}}{{#each @root.labels}}{{#each @root.labels}}x{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}\n",
    );
    const start = Date.now();
    const r = await cjm(["render", ".", "--templates", "tpl", "--format", "markdown", "--out", "out", "--reporter", "json"], {
      cwd: dir,
      timeoutMs: 40_000,
      env: { CJM_TEMPLATE_TIME_LIMIT_MS: "2000" },
    });
    expect(r.timedOut).toBe(false);
    expect(Date.now() - start).toBeLessThan(30_000);
    expect(r.code).toBe(1);
    const errors = JSON.parse(r.stdout).diagnostics.filter((d: { severity: string }) => d.severity === "error");
    expect(errors).toEqual([expect.objectContaining({ code: "template-error", file: "index.md" })]);
    expect(errors[0].message).toMatch(/longer than 2 s/);
    expect(existsSync(path.join(dir, "out/map1.md"))).toBe(true);
    expect(existsSync(path.join(dir, "out/map2.md"))).toBe(true);
    expect(existsSync(path.join(dir, "out/index.md"))).toBe(false);
  }, 60_000);

  it("a user index template that ends is rendered as before", async () => {
    const dir = tempDir("cjm-sec-");
    for (const k of [1, 2]) writeFileSync(path.join(dir, `map${k}.yaml`), minimalMap({ title: `Map ${k}` }));
    mkdirSync(path.join(dir, "tpl/markdown"), { recursive: true });
    writeFileSync(path.join(dir, "tpl/markdown/index.hbs"), "# Ours\n{{#each journeys}}- {{md title}}\n{{/each}}");
    const r = await cjm(["render", ".", "--templates", "tpl", "--format", "markdown", "--out", "out"], { cwd: dir, timeoutMs: 40_000 });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, "out/index.md"), "utf8")).toBe("# Ours\n- Map 1\n- Map 2\n");
  }, 60_000);

  it("an index template that builds gigabytes is stopped at the worker's heap limit, not the process", async () => {
    const dir = tempDir("cjm-sec-");
    for (const k of [1, 2]) writeFileSync(path.join(dir, `map${k}.yaml`), minimalMap({ title: `Map ${k}` }));
    mkdirSync(path.join(dir, "tpl/markdown"), { recursive: true });
    // Each `json` is a fresh flat string of a few kilobytes: the heap fills long before V8's
    // string length limit is reached.
    writeFileSync(path.join(dir, "tpl/markdown/index.hbs"), "{{#each labels}}{{#each @root.labels}}{{#each @root.labels}}{{json @root.labels}}{{/each}}{{/each}}{{/each}}\n");
    const r = await cjm(["render", ".", "--templates", "tpl", "--format", "markdown", "--out", "out", "--reporter", "json"], {
      cwd: dir,
      timeoutMs: 60_000,
      env: { CJM_TEMPLATE_HEAP_MB: "64", CJM_TEMPLATE_TIME_LIMIT_MS: "50000" },
    });
    expect(r.timedOut).toBe(false);
    expect(r.stderr).not.toMatch(/FATAL ERROR|heap out of memory/i);
    expect(r.code).toBe(1);
    const errors = JSON.parse(r.stdout).diagnostics.filter((d: { severity: string }) => d.severity === "error");
    expect(errors).toEqual([expect.objectContaining({ code: "template-error", file: "index.md" })]);
    expect(errors[0].message).toMatch(/ran out of memory \(over 64 MB\)/);
    expect(existsSync(path.join(dir, "out/map1.md"))).toBe(true);
    expect(existsSync(path.join(dir, "out/index.md"))).toBe(false);
  }, 90_000);
});
