import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, EXAMPLES, ROOT, tempDir } from "./helpers/cli.js";

const require = createRequire(import.meta.url);

const WARNED = `cjm: 1
title: Warned
personas: [{ name: Ana }]
channels: [{ id: web, name: Web }]
stages:
  - name: Buy
    steps:
      - name: Pays
        moment: truth
        evidence: assumed
        pains: [Slow page]
`;

const BROKEN = `cjm: 1
title: Broken
personas: [{ name: Ana }]
stages:
  - name: Buy
    steps:
      - name: Pays
        emotion: 9
`;

describe("cjm validate", () => {
  it("accepts every example, exit 0", async () => {
    const r = await cjm(["validate", "examples/", "--format", "json"]);
    expect(r.code).toBe(0);
    // The one warning is meant: checkout-measured.yaml's delivery CSAT fell beyond the margin of error.
    const report = JSON.parse(r.stdout) as { summary: unknown; diagnostics: { code: string; file: string }[] };
    expect(report.summary).toEqual({ files: 4, errors: 0, warnings: 1 });
    expect(report.diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual(["examples/checkout-measured.yaml metric-regression"]);
  });

  it("reads standard input with `-`", async () => {
    const r = await cjm(["validate", "-", "--format", "json"], { input: readFileSync(path.join(EXAMPLES, "achat-smartphone.yaml")) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toEqual({ files: 1, errors: 0, warnings: 0 });
  });

  it("reports each lint warning with its code, exit 0; --strict makes them fail", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "w.yaml"), WARNED);
    const r = await cjm(["validate", "w.yaml", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(0);
    const codes = JSON.parse(r.stdout).diagnostics.map((d: { code: string; line: number }) => `${d.code}@${d.line}`);
    expect(codes).toEqual([
      "missing-objective@1",
      "stage-without-touchpoint@6",
      "step-without-emotion@8",
      "assumed-moment-of-truth@10",
      "unaddressed-pain@11",
    ]);
    const strict = await cjm(["validate", "w.yaml", "--strict"], { cwd: dir });
    expect(strict.code).toBe(1);
  });

  it("pretty output: file:line:col, error[code], a code frame with a caret, help", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "b.yaml"), BROKEN);
    const r = await cjm(["validate", "b.yaml"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      [
        "error[out-of-range]: `emotion` must be a whole number from 1 to 5, or a map from persona id to a whole number from 1 to 5; found `9`",
        " --> b.yaml:8:18",
        "  |",
        "8 |         emotion: 9",
        "  |                  ^",
      ].join("\n"),
    );
    expect(r.stderr).not.toMatch(/\u001b\[/);
  });

  it("github format: one workflow annotation per problem, escaped as the runner expects", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "b.yaml"), BROKEN);
    writeFileSync(path.join(dir, "w.yaml"), WARNED);
    const r = await cjm(["validate", ".", "--format", "github"], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(6);
    const syntax = /^::(error|warning) file=[^,:]+,line=\d+,col=\d+,endLine=\d+(,endColumn=\d+)?,title=cjm [a-z-]+::[^\n\r]+$/;
    for (const line of lines) expect(line).toMatch(syntax);
    expect(lines[0]).toMatch(/^::error file=b\.yaml,line=8,col=18,endLine=8,endColumn=19,title=cjm out-of-range::/);
    expect(lines.some((l) => l.includes("%0Ahelp%3A") || l.includes("%0Ahelp: "))).toBe(true);
  });

  it("sarif format validates against the SARIF 2.1.0 schema", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "b.yaml"), BROKEN);
    writeFileSync(path.join(dir, "w.yaml"), WARNED);
    const r = await cjm(["validate", ".", "--format", "sarif"], { cwd: dir });
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    const Ajv04 = require("ajv-draft-04");
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    const schema = JSON.parse(readFileSync(path.join(ROOT, "test/sarif/sarif-schema-2.1.0.json"), "utf8"));
    const validate = ajv.compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors, null, 1)).toBe(true);
    expect(sarif.runs[0].results).toHaveLength(6);
    expect(sarif.runs[0].results[0]).toMatchObject({
      ruleId: "out-of-range",
      level: "error",
      locations: [{ physicalLocation: { artifactLocation: { uri: "b.yaml" }, region: { startLine: 8, startColumn: 18 } } }],
    });
  });

  it("json format has the documented shape", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "b.yaml"), BROKEN);
    const r = await cjm(["validate", "b.yaml", "--format", "json"], { cwd: dir });
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ version: 1, tool: { name: "cjm" }, summary: { files: 1, errors: 1, warnings: 0 } });
    expect(Object.keys(out.diagnostics[0]).sort()).toEqual(["code", "column", "endColumn", "endLine", "file", "line", "message", "pointer", "severity"]);
    expect(out.diagnostics[0].pointer).toBe("/stages/0/steps/0/emotion");
  });

  it("a persona file shared by two maps is checked, and its errors are told once", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "p.yaml"), "name: Pat\nrol: x\n");
    for (const m of ["m1", "m2"]) {
      writeFileSync(path.join(dir, `${m}.yaml`), `cjm: 1\ntitle: ${m}\nobjective: o\npersonas: [p.yaml]\nchannels: [{id: w, name: W}]\nstages: [{name: S, steps: [{name: A, emotion: 3, touchpoints: [{channel: w, name: x}]}]}]\n`);
    }
    const r = await cjm(["validate", ".", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(1);
    const diags = JSON.parse(r.stdout).diagnostics;
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ file: "p.yaml", line: 2, column: 1, code: "unknown-key" });
    expect(diags[0].help).toBe("did you mean `role`?");
  });

  it("--help teaches with examples", async () => {
    const r = await cjm(["validate", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("cjm validate journeys/ --format github");
  });
});

describe("cjm schema and cjm init", () => {
  it("prints the schema the package exports", async () => {
    const r = await cjm(["schema"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(path.join(ROOT, "schemas/journey.schema.json"), "utf8")));
  });

  for (const locale of ["en", "fr"]) {
    for (const stages of ["five", "seven"]) {
      it(`init --locale ${locale} --stages ${stages} writes a map that validates with no problem`, async () => {
        const dir = tempDir();
        const w = await cjm(["init", "map.yaml", "--locale", locale, "--stages", stages], { cwd: dir });
        expect(w.code).toBe(0);
        const text = readFileSync(path.join(dir, "map.yaml"), "utf8");
        expect(text.match(/^ {2}- name: /gm)).toHaveLength((stages === "five" ? 5 : 7) + 1);
        expect(text).toContain(locale === "fr" ? (stages === "five" ? "Notoriété" : "Découverte") : stages === "five" ? "Awareness" : "Discovery");
        const v = await cjm(["validate", "map.yaml", "--strict"], { cwd: dir });
        expect(v.stderr).toContain("no problems");
        expect(v.code).toBe(0);
      });
    }
  }

  it("init never overwrites a file (exit 2)", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "journey.yaml"), "mine\n");
    const r = await cjm(["init"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("already exists");
    expect(readFileSync(path.join(dir, "journey.yaml"), "utf8")).toBe("mine\n");
  });
});
