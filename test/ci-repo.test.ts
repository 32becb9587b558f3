import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, tempDir } from "./helpers/cli.js";

const MAP = (title: string) => `cjm: 1\ntitle: ${title}\npersonas: [{ name: Ana }]\nstages: [{ name: Buy, steps: [{ name: Pays, emotion: 3 }] }]\n`;

function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

/** Files the JSON report says were checked, from `cjm validate --format json` in `cwd`. */
async function checked(cwd: string, args: string[] = []): Promise<{ code: number | null; files: string[]; summary: number }> {
  const r = await cjm(["validate", ...args, "--format", "json", "--quiet"], { cwd });
  const out = JSON.parse(r.stdout || "{}");
  return { code: r.code, files: [...new Set((out.diagnostics ?? []).map((d: { file: string }) => d.file))] as string[], summary: out.summary?.files };
}

describe("cjm validate in a repository that depends on cjm", () => {
  it("package.json and package-lock.json with a `cjm` key are not maps; a JSON map with `cjm: 1` at top level is", async () => {
    const repo = tempDir("cjm-consumer-");
    execFileSync("git", ["init", "-q"], { cwd: repo });
    write(repo, "package.json", JSON.stringify({ name: "app", devDependencies: { cjm: "file:../cjm-0.1.0.tgz" }, cjm: { note: "settings of a tool" } }, null, 2));
    write(repo, "package-lock.json", JSON.stringify({ name: "app", lockfileVersion: 3, packages: { "": { devDependencies: { cjm: "0.1.0" } }, "node_modules/cjm": { version: "0.1.0" } } }, null, 2));
    write(repo, "tsconfig.json", '{ "compilerOptions": { "cjm": 1 } }');
    write(repo, "journeys/a.yaml", MAP("A"));
    write(repo, "journeys/b.json", JSON.stringify({ cjm: 1, title: "B", personas: [{ name: "Bo" }], stages: [{ name: "S", steps: [{ name: "T", emotion: 2 }] }] }));
    write(repo, "journeys/broken.json", '{ "cjm": 1, "title": "Broken", ');
    const r = await checked(repo);
    expect(r.code).toBe(1);
    // a.yaml and b.json are clean; only the broken JSON map is reported; no package file is.
    expect(r.files).toEqual(["journeys/broken.json"]);
    expect(r.summary).toBe(3);
  });

  it("skips node_modules, .git and what .gitignore files ignore, nested ones too, with `!` re-includes", async () => {
    const repo = tempDir("cjm-ignored-");
    execFileSync("git", ["init", "-q"], { cwd: repo });
    const broken = "cjm: 1\ntitle: x\n";
    write(repo, ".gitignore", "out/\n*.draft.yaml\n/generated\n");
    write(repo, "journeys/.gitignore", "scratch/\nlocal-*.yaml\n!local-keep.yaml\n");
    write(repo, "journeys/ok.yaml", MAP("ok"));
    write(repo, "journeys/local-keep.yaml", broken);
    write(repo, "journeys/local-mine.yaml", broken);
    write(repo, "journeys/scratch/s.yaml", broken);
    write(repo, "journeys/wip.draft.yaml", broken);
    write(repo, "journeys/generated/g.yaml", broken); // `/generated` is anchored at the top level
    write(repo, "generated/g.yaml", broken);
    write(repo, "out/o.yaml", broken);
    write(repo, "node_modules/cjm/examples/x.yaml", broken);
    write(repo, ".git/x.yaml", broken);
    const all = await checked(repo);
    expect(all.files.sort()).toEqual(["journeys/generated/g.yaml", "journeys/local-keep.yaml"]);
    expect(all.summary).toBe(3);
    // The repository's .gitignore applies to a walk that starts in a sub-folder too.
    const sub = await checked(path.join(repo, "journeys"));
    expect(sub.files.sort()).toEqual(["generated/g.yaml", "local-keep.yaml"]);
    // git agrees on every file cjm skipped or kept.
    const ignoredByGit = execFileSync("git", ["status", "--ignored", "--porcelain", "-uall"], { cwd: repo, encoding: "utf8" })
      .split("\n")
      .filter((l) => l.startsWith("!! "))
      .map((l) => l.slice(3));
    expect(ignoredByGit.sort()).toEqual(["generated/g.yaml", "journeys/local-mine.yaml", "journeys/scratch/s.yaml", "journeys/wip.draft.yaml", "out/o.yaml"]);
    // A file or a folder named on the command line is checked even when ignored.
    const named = await checked(repo, ["out/o.yaml"]);
    expect(named.files).toEqual(["out/o.yaml"]);
    expect((await checked(repo, ["out"])).files).toEqual(["out/o.yaml"]);
    expect((await checked(repo, ["journeys/scratch"])).files).toEqual(["journeys/scratch/s.yaml"]);
    // …but what is ignored inside it still is.
    write(repo, "out/local-x.yaml", broken);
    write(repo, "out/.gitignore", "local-*\n");
    expect((await checked(repo, ["out"])).files).toEqual(["out/o.yaml"]);
  });
});
