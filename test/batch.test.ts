import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM script without types
import { generateMap } from "../bench/generate.mjs";
import { BIN, cjm, hashTree as tree, tempDir } from "./helpers/cli.js";
import { rectangularTables } from "./helpers/markdown.js";

const PERSONA = "id: pat\nname: Pat Shared\nrole: Buyer\n";
const BROKEN: Record<string, string> = {
  "bad-emotion": "emotion: 3\n",
  "bad-yaml": "",
  "bad-ref": "",
};

/** A team repository: 50 maps in nested folders, 4 sharing a persona file, 5 invalid. */
function makeRepo(): { repo: string; valid: string[]; invalid: string[] } {
  const repo = tempDir("cjm-repo-");
  // A team repository is a git repository: its top level is the project root persona paths stay in.
  execFileSync("git", ["init", "-q", repo]);
  const valid: string[] = [];
  const invalid: string[] = [];
  mkdirSync(path.join(repo, "journeys/personas"), { recursive: true });
  writeFileSync(path.join(repo, "journeys/personas/pat.yaml"), PERSONA);
  for (let i = 0; i < 50; i++) {
    const team = ["sales", "support", "billing"][i % 3]!;
    const dir = path.join(repo, "journeys", team);
    mkdirSync(dir, { recursive: true });
    const id = `map-${i}`;
    let text: string = generateMap(500 + i, { id, stages: 3, stepsPerStage: 2, personas: 1 });
    if (i < 4) text = text.replace(/personas:\n {2}- \{[^\n]*\n/, "personas:\n  - ../personas/pat.yaml\n").replace(/p1/g, "pat");
    if (i % 10 === 9) {
      // Five broken maps, each with exactly one error.
      const kind = ["emotion", "yaml", "ref", "key", "version"][(i - 9) / 10]!;
      if (kind === "emotion") text = text.replace(/emotion: \d/, "emotion: 9");
      if (kind === "yaml") text = text.replace("title:", "title: [unclosed");
      if (kind === "ref") text = text.replace(/channel: \w+/, "channel: nowhere");
      if (kind === "key") text = text.replace("owner:", "ownr:");
      if (kind === "version") text = text.replace("cjm: 1", "cjm: 3");
      invalid.push(`${team}/${id}`);
    } else valid.push(`${team}/${id}`);
    writeFileSync(path.join(dir, `${id}.yaml`), text);
  }
  return { repo, valid, invalid };
}

describe("a team repository of 50 maps", () => {
  let repo: ReturnType<typeof makeRepo>;
  let run: Awaited<ReturnType<typeof cjm>>;

  beforeAll(async () => {
    repo = makeRepo();
    run = await cjm(["render", "journeys", "--format", "markdown,html", "--out", "out", "--reporter", "github"], { cwd: repo.repo, timeoutMs: 120_000 });
  });

  it("renders every valid map into a mirror of the input tree, and nothing for the invalid ones; exit 1", () => {
    expect(run.code).toBe(1);
    const files = tree(path.join(repo.repo, "out"));
    for (const v of repo.valid) {
      expect(files[`${v}.md`], v).toBeDefined();
      expect(files[`${v}.html`], v).toBeDefined();
    }
    for (const bad of repo.invalid) {
      expect(Object.keys(files).filter((f) => f.startsWith(bad))).toEqual([]);
    }
    expect(Object.keys(files).filter((f) => f.includes(".tmp"))).toEqual([]);
    // A shared persona file is read and shown in each map that uses it.
    const shared = readFileSync(path.join(repo.repo, "out/sales/map-0.md"), "utf8");
    expect(shared).toContain("Pat Shared");
  });

  it("one GitHub annotation per error, at the right file and line", () => {
    const lines = run.stdout.trimEnd().split("\n");
    const errors = lines.filter((l) => l.startsWith("::error "));
    expect(errors).toHaveLength(repo.invalid.length);
    for (const bad of repo.invalid) expect(errors.filter((l) => l.includes(`file=journeys/${bad}.yaml,line=`))).toHaveLength(1);
    for (const l of lines) expect(l).toMatch(/^::(error|warning) file=[^,]+,line=\d+,col=\d+,endLine=\d+(,endColumn=\d+)?,title=cjm [a-z-]+::/);
  });

  it("writes a portfolio index: one row per valid journey, links to its report, and a backlog", () => {
    const md = readFileSync(path.join(repo.repo, "out/index.md"), "utf8");
    const [journeys] = rectangularTables(md);
    expect(journeys!.children!.length - 1).toBe(repo.valid.length);
    for (const v of repo.valid) expect(md).toContain(`(<${v}.md>)`);
    expect(md).toContain("## Opportunity backlog");
    const html = readFileSync(path.join(repo.repo, "out/index.html"), "utf8");
    for (const v of repo.valid) expect(html).toContain(`href="${v}.html"`);
  });

  it("gives the same bytes with one job and with two, run after run", async () => {
    const one = await cjm(["render", "journeys", "--format", "markdown,html,mermaid", "--out", "one", "--jobs", "1"], { cwd: repo.repo, timeoutMs: 120_000 });
    const two = await cjm(["render", "journeys", "--format", "markdown,html,mermaid", "--out", "two", "--jobs", "2"], { cwd: repo.repo, timeoutMs: 120_000 });
    expect(one.code).toBe(1);
    expect(two.code).toBe(1);
    expect(tree(path.join(repo.repo, "two"))).toEqual(tree(path.join(repo.repo, "one")));
  });

  it("no progress bar when stderr is not a terminal", () => {
    expect(run.stderr).not.toContain("\r");
  });
});

describe("project config", () => {
  it("is found upward; flags win over it; its rule severities apply", async () => {
    const repo = tempDir("cjm-config-");
    // The search climbs to the git top level, no further.
    execFileSync("git", ["init", "-q", repo]);
    mkdirSync(path.join(repo, "journeys/deep"), { recursive: true });
    writeFileSync(path.join(repo, "cjm.config.yaml"), "formats: [html]\nout: site\nrules:\n  missing-objective: error\n  unaddressed-pain: off\n");
    writeFileSync(path.join(repo, "journeys/deep/a.yaml"), generateMap(3, { id: "a" }).replace(/objective: [^\n]*\n/, ""));
    const fromDeep = await cjm(["validate", "a.yaml", "--format", "json"], { cwd: path.join(repo, "journeys/deep") });
    expect(fromDeep.code).toBe(1);
    const codes = JSON.parse(fromDeep.stdout).diagnostics.map((d: { code: string; severity: string }) => `${d.code}:${d.severity}`);
    expect(codes).toContain("missing-objective:error");
    expect(codes.some((c: string) => c.startsWith("unaddressed-pain"))).toBe(false);

    writeFileSync(path.join(repo, "journeys/deep/a.yaml"), generateMap(3, { id: "a" }));
    const rendered = await cjm(["render", "journeys"], { cwd: repo });
    expect(rendered.code).toBe(0);
    expect(readdirSync(path.join(repo, "site"))).toEqual(["deep"]);
    expect(readdirSync(path.join(repo, "site/deep"))).toEqual(["a.html"]);
    const flagged = await cjm(["render", "journeys", "--format", "markdown", "--out", "md"], { cwd: repo });
    expect(flagged.code).toBe(0);
    expect(readdirSync(path.join(repo, "md/deep"))).toEqual(["a.md"]);
  });

  it("an invalid config is reported at file:line:col and stops the run with exit 2", async () => {
    const repo = tempDir("cjm-config-");
    writeFileSync(path.join(repo, "cjm.config.yaml"), "formats: [markdown, docx]\nrules:\n  missing-objectiv: off\n");
    writeFileSync(path.join(repo, "a.yaml"), generateMap(4, { id: "a" }));
    const r = await cjm(["render", "a.yaml"], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cjm.config.yaml:1:21");
    expect(r.stderr).toContain("cjm.config.yaml:3:3");
    expect(r.stderr).toContain("did you mean `missing-objective`?");
    expect(r.stderr).toContain("cjm: the project config `cjm.config.yaml` is invalid");
    expect(existsSync(path.join(repo, "out"))).toBe(false);
  });
});

describe("watch", () => {
  it("re-renders the maps that use a persona file when it changes, survives an error, stops on Ctrl-C", async () => {
    const repo = tempDir("cjm-watch-");
    mkdirSync(path.join(repo, "j/personas"), { recursive: true });
    writeFileSync(path.join(repo, "j/personas/pat.yaml"), PERSONA);
    for (const id of ["a", "b", "c"]) {
      let text: string = generateMap(id.charCodeAt(0), { id, stages: 2, stepsPerStage: 2, personas: 1 });
      if (id !== "c") text = text.replace(/personas:\n {2}- \{[^\n]*\n/, "personas:\n  - personas/pat.yaml\n").replace(/p1/g, "pat");
      writeFileSync(path.join(repo, `j/${id}.yaml`), text);
    }
    const child = spawn(process.execPath, [BIN, "render", "j", "--format", "markdown", "--out", "out", "--watch"], { cwd: repo, env: { ...process.env, NO_COLOR: "1" } });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    const until = async (check: () => boolean, what: string) => {
      for (let i = 0; i < 100; i++) {
        if (check()) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`timed out waiting for ${what}; stderr:\n${stderr}`);
    };
    const md = (id: string) => readFileSync(path.join(repo, `out/${id}.md`), "utf8");
    try {
      await until(() => stderr.includes("watching 3 journeys"), "the first build");
      const cBefore = statSync(path.join(repo, "out/c.md")).mtimeMs;
      // Edited the way editors save: a new file renamed over the old one.
      writeFileSync(path.join(repo, "j/personas/pat.tmp"), PERSONA.replace("Pat Shared", "Pat Renamed"));
      const { renameSync } = await import("node:fs");
      renameSync(path.join(repo, "j/personas/pat.tmp"), path.join(repo, "j/personas/pat.yaml"));
      await until(() => md("a").includes("Pat Renamed") && md("b").includes("Pat Renamed"), "a and b to be re-rendered");
      expect(statSync(path.join(repo, "out/c.md")).mtimeMs).toBe(cBefore);
      await until(() => /rebuilt 2 maps in \d+ ms: ok/.test(stderr), "the rebuild line");

      writeFileSync(path.join(repo, "j/a.yaml"), readFileSync(path.join(repo, "j/a.yaml"), "utf8").replace("cjm: 1", "cjm: 9"));
      await until(() => /rebuilt j\/a\.yaml in \d+ ms: 1 error/.test(stderr), "the error to be reported");
      expect(md("a")).toContain("Pat Renamed");
      writeFileSync(path.join(repo, "j/a.yaml"), readFileSync(path.join(repo, "j/a.yaml"), "utf8").replace("cjm: 9", "cjm: 1").replace(/^title: [^\n]*/m, "title: Fixed title"));
      await until(() => md("a").startsWith("# Fixed title"), "the fix to be rendered");
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(130);
    expect(stderr).not.toContain("internal error");
  });
});

describe("rendering again into the same folder", () => {
  it("leaves an output whose bytes did not change as it is, rewrites the changed ones, and never keeps a link or a second name", async () => {
    const repo = tempDir("cjm-again-");
    execFileSync("git", ["init", "-q"], { cwd: repo });
    mkdirSync(path.join(repo, "j"));
    for (const [i, id] of ["a", "b", "c"].entries()) writeFileSync(path.join(repo, `j/${id}.yaml`), generateMap(20 + i, { id }));
    const render = () => cjm(["render", "j", "--format", "markdown,html", "--out", "out"], { cwd: repo });
    const first = await render();
    expect(first.code).toBe(0);
    const out = (f: string) => path.join(repo, "out", f);
    const before = Object.fromEntries(["a.md", "b.md", "c.md", "c.html"].map((f) => [f, statSync(out(f), { bigint: true })]));
    const { linkSync, rmSync, symlinkSync } = await import("node:fs");
    // c.md: a link to a copy with the same bytes; c.html: a second name (hard link) for its file.
    writeFileSync(path.join(repo, "copy.md"), readFileSync(out("c.md")));
    rmSync(out("c.md"));
    symlinkSync(path.join(repo, "copy.md"), out("c.md"));
    linkSync(out("c.html"), path.join(repo, "c-second-name.html"));
    writeFileSync(path.join(repo, "j/b.yaml"), readFileSync(path.join(repo, "j/b.yaml"), "utf8").replace(/^title: .*$/m, "title: Edited"));

    const second = await render();
    expect(second.code).toBe(0);
    // Every output is counted as in place, as the first run did.
    expect(second.stderr).toContain(first.stderr.match(/wrote \d+ files/)![0]);
    const after = (f: string) => statSync(out(f), { bigint: true });
    // a.md: same bytes, untouched (same inode, same modification time).
    expect(after("a.md").ino).toBe(before["a.md"]!.ino);
    expect(after("a.md").mtimeNs).toBe(before["a.md"]!.mtimeNs);
    // b.md: changed, swapped in whole (a new file).
    expect(readFileSync(out("b.md"), "utf8")).toContain("# Edited");
    expect(after("b.md").ino).not.toBe(before["b.md"]!.ino);
    // The link and the second name were replaced by files of their own with the same bytes.
    const { lstatSync } = await import("node:fs");
    expect(lstatSync(out("c.md")).isSymbolicLink()).toBe(false);
    expect(readFileSync(out("c.md"))).toEqual(readFileSync(path.join(repo, "copy.md")));
    expect(after("c.html").nlink).toBe(1n);
    expect(after("c.html").ino).not.toBe(before["c.html"]!.ino);
  });
});
