import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, tempDir } from "./helpers/cli.js";
import { rectangularTables } from "./helpers/markdown.js";

function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

/** `n` steps with an unknown key holding `|` and `<b>` (errors): a map with errors gets no lint. */
function manyErrors(n: number): string {
  const steps = Array.from({ length: n }, (_, i) => `      - { name: "Bad ${i}", "k|<b>${i}": 1, emotion: 3 }\n`).join("");
  return `cjm: 1\ntitle: Many\nobjective: o\npersonas: [{ name: Ana }]\nstages:\n  - name: S\n    steps:\n${steps}`;
}

/** `n` steps without an emotion (warnings). */
function manyWarnings(n: number): string {
  const steps = Array.from({ length: n }, (_, i) => `      - { name: "Quiet ${i}", touchpoints: [{ channel: w, name: x }] }\n`).join("");
  return `cjm: 1\ntitle: Quiet\nobjective: o\npersonas: [{ name: Ana }]\nchannels: [{ id: w, name: W }]\nstages:\n  - name: S\n    steps:\n${steps}`;
}

function manyProblems(root: string, dir: string, n: number): void {
  write(root, `${dir}/errors.yaml`, manyErrors(n));
  write(root, `${dir}/warnings.yaml`, manyWarnings(n));
}

describe("cjm validate --format github", () => {
  it("paths are relative to the repository root when the step runs in a sub-folder", async () => {
    const repo = tempDir("cjm-gh-");
    execFileSync("git", ["init", "-q"], { cwd: repo });
    manyProblems(repo, "docs/journeys", 1);
    const gh = await cjm(["validate", ".", "--format", "github"], { cwd: path.join(repo, "docs/journeys") });
    const lines = gh.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::error file=docs\/journeys\/errors\.yaml,line=8,col=\d+,/);
    expect(lines[1]).toMatch(/^::warning file=docs\/journeys\/warnings\.yaml,line=9,col=\d+,/);
  });

  it("after 10 errors and 10 warnings: one ::notice with the totals, the rest in the log and the step summary", async () => {
    const repo = tempDir("cjm-gh-many-");
    execFileSync("git", ["init", "-q"], { cwd: repo });
    manyProblems(repo, "journeys", 13);
    const summary = path.join(repo, "summary.md");
    writeFileSync(summary, "# before\n");
    const r = await cjm(["validate", "journeys", "--format", "github"], { cwd: repo, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.filter((l) => l.startsWith("::error "))).toHaveLength(10);
    expect(lines.filter((l) => l.startsWith("::warning "))).toHaveLength(10);
    const notices = lines.filter((l) => l.startsWith("::notice "));
    expect(notices).toEqual(["::notice title=cjm::13 errors and 13 warnings in 2 journeys; GitHub shows the first 10 of each kind, the full list is in the job summary and below"]);
    // The 6 others are plain log lines that no runner reads as a command.
    const rest = lines.slice(lines.indexOf(notices[0]!) + 1);
    expect(rest).toHaveLength(6);
    for (const l of rest) expect(l).toMatch(/^cjm: journeys\/(errors|warnings)\.yaml:\d+:\d+: (error|warning)\[[a-z-]+\]: /);
    const md = readFileSync(summary, "utf8");
    expect(md.startsWith("# before\n")).toBe(true);
    expect(md).toContain("### cjm: 13 errors, 13 warnings in 2 journeys");
    // Every problem is a row of one well-formed table; user text stays text.
    const table = md.split("\n").filter((l) => l.startsWith("| journeys/"));
    expect(table).toHaveLength(26);
    const [parsed, ...others] = rectangularTables(md);
    expect(others).toHaveLength(0);
    expect(parsed!.children).toHaveLength(27);
    expect(md).toContain("k\\|&lt;b&gt;0");
    expect(md).not.toContain("<b>");
  });

  it("with 10 or fewer of each kind: no notice, no summary", async () => {
    const repo = tempDir("cjm-gh-few-");
    manyProblems(repo, ".", 10);
    const summary = path.join(repo, "summary.md");
    const r = await cjm(["validate", ".", "--format", "github"], { cwd: repo, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.stdout).not.toContain("::notice");
    expect(r.stdout.trimEnd().split("\n")).toHaveLength(20);
    expect(() => readFileSync(summary)).toThrow();
  });
});
