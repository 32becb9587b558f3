// The library's one-call entries, as a program embedding cjm (a language server, `serve`) uses
// them: the built package, real files, nothing printed.
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "./helpers/cli.js";

const lib = await import(path.join(ROOT, "dist/index.js"));

describe("pipeline: checkPaths() and renderPaths()", () => {
  const out = tempDir();
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("checkPaths checks a folder and reports each result as it lands", async () => {
    const seen: string[] = [];
    const run = await lib.checkPaths(["test/fixtures/facts"], { cwd: ROOT, onResult: (r: { input: { name: string } }) => seen.push(r.input.name) });
    expect(seen.sort()).toEqual(["test/fixtures/facts/done.yaml", "test/fixtures/facts/dropped.yaml"]);
    const report = lib.buildReport(run);
    expect(report.filesChecked).toBe(2);
    expect(report.diagnostics.map((d: { code: string }) => d.code)).toEqual(["unaddressed-pain"]);
  });

  it("renderPaths writes the outputs and the portfolio, and prints nothing", async () => {
    const printed: unknown[] = [];
    const settings = { formats: ["markdown"], imageFormats: [], render: {}, toStdout: false, outDir: out, scale: 2, index: false, reporter: "pretty", quiet: true, strict: false, templateTimeLimitMs: 20_000 };
    const run = await lib.renderPaths(["test/fixtures/facts"], settings, { cwd: ROOT, env: {}, stdout: (t: unknown) => printed.push(t) });
    expect(printed).toEqual([]);
    expect(run.written).toBe(4);
    expect(run.report.diagnostics.map((d: { code: string }) => d.code)).toEqual(["unaddressed-pain"]);
    expect(readFileSync(path.join(out, "index.md"), "utf8")).toContain("1 open pains, 0 quick wins");
    expect(existsSync(path.join(out, "done.md"))).toBe(true);
  });

  it("a path that does not exist is a UsageError (exit 2 in the CLI), not a crash", async () => {
    const settings = { formats: ["markdown"], imageFormats: [], render: {}, toStdout: false, outDir: out, scale: 2, index: false, reporter: "pretty", quiet: true, strict: false, templateTimeLimitMs: 20_000 };
    await expect(lib.renderPaths(["nope/"], settings, { cwd: ROOT, env: {}, stdout: () => undefined })).rejects.toBeInstanceOf(lib.UsageError);
  });
});
