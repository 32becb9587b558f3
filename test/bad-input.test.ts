import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, tempDir } from "./helpers/cli.js";

/** A valid map; each case changes one thing. Line numbers below refer to this layout. */
const BASE = `cjm: 1
title: T
objective: O
personas:
  - name: Marie
channels:
  - { id: web, name: Web }
stages:
  - name: S
    steps:
      - name: A
        emotion: 3
        touchpoints: [{ channel: web, name: Site }]
`;

const replace = (from: string, to: string) => {
  if (!BASE.includes(from)) throw new Error(`case does not apply: ${from}`);
  return BASE.replace(from, to);
};

interface Case {
  name: string;
  content: string | Buffer;
  code: string;
  at: [number, number];
  file?: string;
  args?: string[];
  /** Extra files the case needs, relative to the temp folder. */
  extra?: Record<string, string>;
}

const deepFlow = "cjm: 1\ntitle: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
const aliasBomb =
  "cjm: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" +
  Array.from({ length: 10 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(", ")}]`).join("\n") +
  "\n";

const CASES: Case[] = [
  // Reading and parsing
  { name: "tab indentation", content: replace("  - name: Marie", "\t- name: Marie"), code: "yaml-syntax", at: [5, 1] },
  { name: "duplicate key", content: replace("title: T\n", "title: T\ntitle: U\n"), code: "duplicate-key", at: [3, 1] },
  { name: "unterminated quote", content: replace("title: T", 'title: "T'), code: "yaml-syntax", at: [2, 8] },
  { name: "!!binary tag", content: replace("title: T", "title: !!binary aGVsbG8="), code: "yaml-tag", at: [2, 8] },
  { name: "!js/function tag", content: replace("title: T", 'title: !js/function "x"'), code: "yaml-tag", at: [2, 8] },
  { name: "!!timestamp tag", content: replace("title: T", "title: T\nupdated: !!timestamp 2026-01-01"), code: "yaml-tag", at: [3, 10] },
  { name: "alias bomb", content: aliasBomb, code: "alias-bomb", at: [1, 1] },
  { name: "flow nesting 100,000 deep", content: deepFlow, code: "too-deep", at: [2, 74] },
  { name: "block nesting 1,000 deep", content: "cjm: 1\ntitle:\n" + "- ".repeat(1000) + "x\n", code: "too-deep", at: [3, 131] },
  { name: "over the size cap", content: BASE + `# ${"x".repeat(4000)}\n`, args: ["--max-size", "0.002"], code: "file-too-large", at: [1, 1] },
  { name: "empty file", content: "", code: "empty-file", at: [1, 1] },
  { name: "comments only", content: "# nothing here\n# yet\n", code: "empty-file", at: [1, 1] },
  { name: "top level is a list", content: "- cjm: 1\n", code: "not-a-mapping", at: [1, 1] },
  { name: "top level is a scalar", content: "just some text\n", code: "not-a-mapping", at: [1, 1] },
  { name: "invalid UTF-8", content: Buffer.concat([Buffer.from("cjm: 1\ntitle: caf"), Buffer.from([0xe9]), Buffer.from("\n")]), code: "invalid-utf8", at: [2, 11] },
  { name: "binary content", content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), code: "binary-file", at: [3, 1] },
  { name: "two documents", content: BASE + "---\ncjm: 1\n", code: "multiple-documents", at: [14, 1] },
  // Schema
  { name: "format version 2", content: replace("cjm: 1", "cjm: 2"), code: "unsupported-version", at: [1, 6] },
  { name: "missing title", content: replace("title: T\n", ""), code: "missing-field", at: [1, 1] },
  { name: "missing personas", content: replace("personas:\n  - name: Marie\n", ""), code: "missing-field", at: [1, 1] },
  { name: "misspelt top-level key", content: replace("title: T", "title: T\ntitel: U"), code: "unknown-key", at: [3, 1] },
  { name: "misspelt step key", content: replace("        emotion: 3", "        emotoin: 3"), code: "unknown-key", at: [12, 9] },
  { name: "emotion 7", content: replace("emotion: 3", "emotion: 7"), code: "out-of-range", at: [12, 18] },
  { name: "emotion 2.5", content: replace("emotion: 3", "emotion: 2.5"), code: "out-of-range", at: [12, 18] },
  { name: "emotion as text", content: replace("emotion: 3", "emotion: good"), code: "wrong-type", at: [12, 18] },
  { name: "unknown state", content: replace("title: T", "title: T\nstate: curent"), code: "invalid-value", at: [3, 8] },
  { name: "id that is not a slug", content: replace("  - name: S", "  - id: Stage One\n    name: S"), code: "invalid-id", at: [9, 9] },
  { name: "impossible date", content: replace("title: T", "title: T\nupdated: 2026-13-01"), code: "invalid-date", at: [3, 10] },
  { name: "javascript: link", content: BASE + "opportunities:\n  - title: X\n    links: ['javascript:alert(1)']\n", code: "unsafe-link", at: [16, 13] },
  { name: "no stages", content: BASE.slice(0, BASE.indexOf("stages:")) + "stages: []\n", code: "empty-value", at: [8, 9] },
  { name: "empty name", content: replace("      - name: A", '      - name: ""'), code: "empty-value", at: [11, 15] },
  { name: "age as text", content: replace("  - name: Marie", "  - name: Marie\n    age: old"), code: "wrong-type", at: [6, 10] },
  { name: "NPS over 100", content: replace("title: T", "title: T\nmetrics:\n  nps: { score: 150 }"), code: "out-of-range", at: [4, 17] },
  { name: "NPS breakdown incomplete", content: replace("title: T", "title: T\nmetrics:\n  nps: { promoters: 3, detractors: 1 }"), code: "missing-field", at: [4, 8] },
  // Semantics
  { name: "touchpoint on an unknown channel", content: replace("channel: web, name: Site", "channel: wbe, name: Site"), code: "dangling-reference", at: [13, 34] },
  { name: "duplicate step id", content: BASE + "      - { id: b, name: B, emotion: 2 }\n      - { id: b, name: C, emotion: 2 }\n", code: "duplicate-id", at: [15, 15] },
  { name: "derived ids collide", content: BASE + "      - { name: \"a!\", emotion: 2 }\n", code: "id-collision", at: [14, 17] },
  { name: "step names an unknown persona", content: replace("      - name: A", "      - name: A\n        personas: [paul]"), code: "dangling-reference", at: [12, 20] },
  { name: "emotion for an unknown persona", content: replace("emotion: 3", "emotion: { marie: 3, paul: 2 }"), code: "dangling-reference", at: [12, 30] },
  { name: "opportunity addresses nothing", content: BASE + "opportunities:\n  - title: X\n    addresses: [nowhere]\n", code: "dangling-reference", at: [16, 17] },
  { name: "ambiguous address", content: replace("  - name: S", "  - name: A") + "opportunities:\n  - title: X\n    addresses: [a]\n", code: "ambiguous-reference", at: [16, 17] },
  // Persona files
  { name: "absolute persona path", content: replace("  - name: Marie", "  - /etc/passwd.yaml"), code: "persona-path", at: [5, 5] },
  { name: "persona path leaving the project", content: replace("  - name: Marie", "  - ../../outside.yaml"), code: "persona-path", at: [5, 5] },
  { name: "missing persona file", content: replace("  - name: Marie", "  - personas/nobody.yaml"), code: "persona-path", at: [5, 5] },
  {
    name: "error inside a persona file",
    content: replace("  - name: Marie", "  - personas/marie.yaml"),
    extra: { "personas/marie.yaml": "name: Marie\nrole: Owner\nfrustration: [forms]\n" },
    code: "unknown-key",
    at: [3, 1],
    file: "personas/marie.yaml",
  },
];

describe("bad input: a located diagnostic with a stable code, exit 1, never a crash", () => {
  it("has at least 30 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  for (const c of CASES) {
    it.concurrent(c.name, async () => {
      const dir = tempDir();
      const file = path.join(dir, "case.yaml");
      writeFileSync(file, c.content);
      for (const [rel, text] of Object.entries(c.extra ?? {})) {
        mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        writeFileSync(path.join(dir, rel), text);
      }
      const r = await cjm(["validate", "case.yaml", "--format", "json", ...(c.args ?? [])], { cwd: dir, timeoutMs: 15_000 });
      expect(r.timedOut).toBe(false);
      expect(r.stderr).not.toMatch(/at .+\.js:\d+|internal error/);
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as { diagnostics: { severity: string; code: string; file: string; line: number; column: number; message: string }[] };
      const errors = report.diagnostics.filter((d) => d.severity === "error");
      const hit = errors.find((d) => d.code === c.code);
      expect(hit, `codes found: ${errors.map((e) => `${e.code}@${e.line}:${e.column}`).join(", ")}`).toBeDefined();
      expect([hit!.line, hit!.column]).toEqual(c.at);
      expect(hit!.file).toBe(c.file ?? "case.yaml");
      expect(hit!.message.length).toBeGreaterThan(10);
    });
  }

  it("a folder named like a journey file is searched as a folder, and its emptiness said", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "x.yaml"));
    const r = await cjm(["validate", "x.yaml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no journey file found in `x.yaml`");
  });

  it("two deeply nested files in one run are both reported", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "deep1.yaml"), deepFlow);
    writeFileSync(path.join(dir, "deep2.yaml"), "cjm: 1\nt: " + "{a: ".repeat(50_000) + "1" + "}".repeat(50_000) + "\n");
    const r = await cjm(["validate", "deep1.yaml", "deep2.yaml", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(1);
    const codes = JSON.parse(r.stdout).diagnostics.map((d: { file: string; code: string }) => `${d.file}:${d.code}`);
    expect(codes).toEqual(["deep1.yaml:too-deep", "deep2.yaml:too-deep"]);
  });

  it("a path that does not exist is a usage error (exit 2), with one clear line", async () => {
    const r = await cjm(["validate", "no-such-file.yaml"], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("`no-such-file.yaml`: no such file or folder");
  });

  it("an unknown option is a usage error (exit 2)", async () => {
    const r = await cjm(["validate", "--frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option");
  });
});
