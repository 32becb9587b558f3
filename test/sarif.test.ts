import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { cjm, tempDir } from "./helpers/cli.js";

const require = createRequire(import.meta.url);

/** The official OASIS schema (test/sarif/README.md says where it comes from). */
function sarifValidator(): (data: unknown) => boolean & { errors?: unknown } {
  const Ajv04 = require("ajv-draft-04");
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  require("ajv-formats")(ajv);
  const schema = JSON.parse(readFileSync(new URL("./sarif/sarif-schema-2.1.0.json", import.meta.url), "utf8"));
  return ajv.compile(schema);
}

// An emoji (two UTF-16 code units, one code point) before the unknown key `rol` on its line.
const ASTRAL = 'cjm: 1\ntitle: Astral\nobjective: o\npersonas: [{ name: "😀 Zoé", rol: x }]\nstages: [{ name: S, steps: [{ name: A, emotion: 3 }] }]\n';
// Two step names that give the same derived id: id-collision with the other place as related.
const COLLISION = "cjm: 1\ntitle: Collision\nobjective: o\npersonas: [{ name: Ana }]\nstages:\n  - name: S\n    steps:\n      - name: Pay!\n        emotion: 3\n      - name: Pay?\n        emotion: 3\n";

function write(root: string, file: string, text: string): string {
  const full = path.join(root, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

describe("cjm validate --format sarif", () => {
  let repo: string;
  let validate: ReturnType<typeof sarifValidator>;
  beforeAll(() => {
    validate = sarifValidator();
    repo = tempDir("cjm-sarif-");
    execFileSync("git", ["init", "-q"], { cwd: repo });
    write(repo, "journeys/astral.yaml", ASTRAL);
    write(repo, "journeys/collision.yaml", COLLISION);
    write(repo, "journeys/odd #1?%.yaml", ASTRAL);
  });

  it("is valid against the official SARIF 2.1.0 schema, columns in UTF-16 code units", async () => {
    const r = await cjm(["validate", ".", "--format", "sarif"], { cwd: path.join(repo, "journeys") });
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    expect(validate(sarif), JSON.stringify((validate as { errors?: unknown }).errors, null, 1)).toBe(true);
    const run = sarif.runs[0];
    expect(run.columnKind).toBe("utf16CodeUnits");
    const line = ASTRAL.split("\n")[3]!;
    const result = run.results.find((x: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.ruleId === "unknown-key" && x.locations[0]!.physicalLocation.artifactLocation.uri === "journeys/astral.yaml");
    // JavaScript's indexOf counts UTF-16 code units: the emoji counts 2, so code points would say one less.
    expect(result.locations[0].physicalLocation.region).toMatchObject({ startLine: 4, startColumn: line.indexOf("rol") + 1 });
    expect([...line.slice(0, line.indexOf("rol"))].length + 1).toBe(line.indexOf("rol"));
    // The same column in the JSON and github formats.
    const json = JSON.parse((await cjm(["validate", "astral.yaml", "--format", "json"], { cwd: path.join(repo, "journeys") })).stdout);
    expect(json.diagnostics.find((d: { code: string }) => d.code === "unknown-key").column).toBe(line.indexOf("rol") + 1);
    const gh = (await cjm(["validate", "astral.yaml", "--format", "github"], { cwd: path.join(repo, "journeys") })).stdout;
    expect(gh).toContain(`::error file=journeys/astral.yaml,line=4,col=${line.indexOf("rol") + 1},`);
  });

  it("URIs are percent-encoded and relative to the repository root (%SRCROOT%), whatever the working directory", async () => {
    for (const cwd of [repo, path.join(repo, "journeys")]) {
      const sarif = JSON.parse((await cjm(["validate", cwd === repo ? "journeys" : ".", "--format", "sarif"], { cwd })).stdout);
      const uris = [...new Set(sarif.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }) => {
        const a = x.locations[0]!.physicalLocation.artifactLocation;
        expect(a.uriBaseId).toBe("%SRCROOT%");
        return a.uri;
      }))].sort();
      expect(uris).toEqual(["journeys/astral.yaml", "journeys/collision.yaml", "journeys/odd%20%231%3F%25.yaml"]);
      // The URI resolves back to the file name.
      expect(decodeURIComponent(new URL(uris[2] as string, "file:///r/").pathname.slice(3))).toBe("journeys/odd #1?%.yaml");
    }
  });

  it("a file outside the repository gets a file:// URI", async () => {
    const outside = tempDir("cjm-outside-");
    const file = write(outside, "m.yaml", ASTRAL);
    const sarif = JSON.parse((await cjm(["validate", file, "--format", "sarif"], { cwd: repo })).stdout);
    expect(validate(sarif)).toBe(true);
    const a = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    expect(a).toEqual({ uri: pathToFileURL(file).href });
  });

  it("rules carry full descriptions and help (text and Markdown), no links; results fingerprints and related locations", async () => {
    const sarif = JSON.parse((await cjm(["validate", "journeys", "--format", "sarif"], { cwd: repo })).stdout);
    const run = sarif.runs[0];
    expect(run.automationDetails).toEqual({ id: "cjm/" });
    expect(JSON.stringify(sarif)).not.toMatch(/helpUri|informationUri|npmjs/);
    for (const rule of run.tool.driver.rules) {
      expect(rule.fullDescription.text.length).toBeGreaterThan(rule.shortDescription.text.length);
      expect(rule.help.text).toMatch(/\S/);
      expect(rule.help.markdown).toContain(`\`${rule.id}\``.slice(1, -1));
    }
    const collision = run.results.find((x: { ruleId: string }) => x.ruleId === "id-collision");
    expect(collision.locations[0].physicalLocation.region.startLine).toBe(10);
    expect(collision.relatedLocations).toEqual([
      expect.objectContaining({ id: 1, physicalLocation: expect.objectContaining({ artifactLocation: { uri: "journeys/collision.yaml", uriBaseId: "%SRCROOT%" }, region: expect.objectContaining({ startLine: 8 }) }) }),
    ]);
    const prints = run.results.map((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints["cjmLocation/v1"]);
    expect(new Set(prints).size).toBe(prints.length);
    for (const x of run.results) for (const word of x.message.text.split(/\W+/).filter((w: string) => w.length > 3)) expect(x.partialFingerprints["cjmLocation/v1"]).not.toContain(word);
    // Lines added above a problem move it, but its alert stays the same one.
    write(repo, "journeys/collision.yaml", COLLISION.replace("objective: o\n", "objective: o\nowner: Team\ndescription: Longer now\n"));
    const again = JSON.parse((await cjm(["validate", "journeys", "--format", "sarif"], { cwd: repo })).stdout).runs[0];
    const moved = again.results.find((x: { ruleId: string }) => x.ruleId === "id-collision");
    expect(moved.locations[0].physicalLocation.region.startLine).toBe(12);
    expect(moved.partialFingerprints).toEqual(collision.partialFingerprints);
    write(repo, "journeys/collision.yaml", COLLISION);
  });

  it("a usage error still prints a valid report with no results (sarif and json)", async () => {
    for (const args of [["validate", "nowhere/", "--format", "sarif"], ["validate", "--format=sarif", "--bogus"], ["validate", "-fsarif", "nowhere/"], ["render", "journeys", "--reporter", "sarif", "--format", "nope"]]) {
      const r = await cjm(args, { cwd: repo });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/\S/);
      const sarif = JSON.parse(r.stdout);
      expect(validate(sarif)).toBe(true);
      expect(sarif.runs[0].results).toEqual([]);
    }
    const j = await cjm(["validate", "nowhere/", "-f", "json"], { cwd: repo });
    expect(j.code).toBe(2);
    expect(JSON.parse(j.stdout)).toMatchObject({ version: 1, summary: { files: 0, errors: 0, warnings: 0 }, diagnostics: [] });
    // Pretty and github print nothing on stdout.
    expect((await cjm(["validate", "nowhere/", "--format", "github"], { cwd: repo })).stdout).toBe("");
  });
});
