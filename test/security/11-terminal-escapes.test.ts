// Issue 14 item 11: control characters written as YAML escapes ("\e", "\a") are shown visibly in
// terminal output (diagnostics, diff) and dropped from text outputs (Markdown, Mermaid, HTML).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, tempDir } from "../helpers/cli.js";

// Erase the line, fake a success line, set the terminal title, ring the bell.
const NASTY = "\\e[2K\\r\\e[32m✔ all good\\e[0m\\e]0;owned\\a";
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function map(stepName: string, extra = ""): string {
  return `cjm: 1\ntitle: "T${NASTY}"\nobjective: o\npersonas: [{ name: A }]\nchannels: [{ id: w, name: W }]\nstages:\n  - name: S\n    steps:\n      - { name: "${stepName}", emotion: 3, touchpoints: [{ channel: w, name: x }] }\n${extra}`;
}

describe("terminal escapes in user text", () => {
  it("a diagnostic naming a stage written with escapes shows them visibly, raw bytes never reach the terminal", async () => {
    const dir = tempDir("cjm-sec-");
    writeFileSync(path.join(dir, "m.yaml"), `cjm: 1\ntitle: T\nobjective: o\npersonas: [{ name: A }]\nstages: [{ name: "S${NASTY}", steps: [{ name: X, emotion: 3 }] }]\n`);
    const r = await cjm(["validate", "m.yaml"], { cwd: dir, timeoutMs: 30_000 });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('stage "S\\x1b[2K\\r\\x1b[32m✔ all good\\x1b[0m\\x1b]0;owned\\x07" has no touchpoint');
    expect(r.stderr).not.toMatch(RAW);
  }, 60_000);

  it("cjm diff prints step names with escapes visibly", async () => {
    const dir = tempDir("cjm-sec-");
    writeFileSync(path.join(dir, "a.yaml"), map("Plain"));
    writeFileSync(path.join(dir, "b.yaml"), map(`Pay${NASTY}`));
    const r = await cjm(["diff", "a.yaml", "b.yaml"], { cwd: dir, timeoutMs: 30_000 });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Pay\\x1b[2K");
    expect(r.stdout).not.toMatch(RAW);
    const md = await cjm(["diff", "a.yaml", "b.yaml", "--format", "markdown"], { cwd: dir, timeoutMs: 30_000 });
    expect(md.stdout).toContain("Pay\\[2K");
    expect(md.stdout).not.toMatch(RAW);
  }, 60_000);

  it("text outputs drop control characters; JSON keeps the text exact", async () => {
    const dir = tempDir("cjm-sec-");
    writeFileSync(path.join(dir, "m.yaml"), map(`Pay${NASTY}`));
    const r = await cjm(["render", "m.yaml", "--format", "markdown,mermaid,html,json", "--out", "out"], { cwd: dir, timeoutMs: 30_000 });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(RAW);
    for (const name of readdirSync(path.join(dir, "out")).filter((n) => !n.endsWith(".json"))) {
      const text = readFileSync(path.join(dir, "out", name), "utf8");
      expect(text, name).not.toMatch(RAW);
      expect(text, name).not.toMatch(/#27;|&#x1b;|&#27;/i);
    }
    expect(readFileSync(path.join(dir, "out/m.md"), "utf8")).toContain("Pay\\[2K\\[32m✔ all good\\[0m\\]0;owned");
    const json = JSON.parse(readFileSync(path.join(dir, "out/m.json"), "utf8"));
    expect(json.stages[0].steps[0].name).toBe("Pay\u001b[2K\r\u001b[32m✔ all good\u001b[0m\u001b]0;owned\u0007");
  }, 60_000);
});
