import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, cjm, tempDir } from "../helpers/cli.js";
import { gitInit, mapWith, writeTree } from "./fixtures.js";

// Issue 14 item 18 (output-conflict located is in paths-output.test.ts).
describe("small things a reviewer found (issue 14 item 18)", () => {
  it("an alias used before its anchor is a located yaml-syntax error, not an alias bomb at 1:1", async () => {
    const dir = tempDir("cjm-alias-");
    writeTree(dir, { "m.yaml": "cjm: 1\ntitle: *t\nx-note: &t Buying a phone\npersonas: [{ name: Pat }]\nstages: [{ name: S, steps: [{ name: A }] }]\n" });
    const r = await cjm(["validate", "m.yaml"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain("alias-bomb");
    expect(r.stderr).toContain("error[yaml-syntax]: alias `*t` is used before its anchor `&t` is set");
    expect(r.stderr).toContain("--> m.yaml:2:8");
    expect(r.stderr).toContain("help: YAML reads top to bottom");
  });

  it("`a...b` compares where b branched from a with b, as git diff does", async () => {
    const repo = tempDir("cjm-triple-dot-");
    gitInit(repo);
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: repo, stdio: "pipe" });
    const map = (title: string) => mapWith("m").replace("title: Map m", `title: ${title}`);
    writeTree(repo, { "j/m.yaml": map("Base title") });
    git("add", ".");
    git("commit", "-qm", "base");
    git("branch", "-M", "main");
    git("checkout", "-qb", "feature");
    writeTree(repo, { "j/m.yaml": map("Feature title") });
    git("commit", "-qam", "feature");
    git("checkout", "-q", "main");
    writeTree(repo, { "j/m.yaml": map("Main moved on") });
    git("commit", "-qam", "main moves");
    const r = await cjm(["diff", "main...feature", "j/m.yaml", "--format", "json"], { cwd: repo });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const text = r.stdout;
    expect(text).toContain("Base title");
    expect(text).toContain("Feature title");
    expect(text).not.toContain("Main moved on");
    const two = await cjm(["diff", "main..feature", "j/m.yaml", "--format", "json"], { cwd: repo });
    expect(two.stdout).toContain("Main moved on");
  });

  it("watch mode drops a deleted map from the index", async () => {
    const repo = tempDir("cjm-watch-delete-");
    gitInit(repo);
    writeTree(repo, { "j/a.yaml": mapWith("alpha"), "j/b.yaml": mapWith("bravo"), "j/c.yaml": mapWith("charlie") });
    const child = spawn(process.execPath, [BIN, "render", "j", "--format", "markdown", "--out", "out", "--watch"], { cwd: repo, env: { ...process.env, NO_COLOR: "1" } });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    const index = () => (existsSync(path.join(repo, "out/index.md")) ? readFileSync(path.join(repo, "out/index.md"), "utf8") : "");
    const until = async (check: () => boolean, what: string) => {
      for (let i = 0; i < 150; i++) {
        if (check()) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`timed out waiting for ${what}; stderr:\n${stderr}`);
    };
    try {
      await until(() => stderr.includes("watching 3 journeys"), "the first build");
      expect(index()).toContain("Map bravo");
      rmSync(path.join(repo, "j/b.yaml"));
      await until(() => !index().includes("Map bravo"), "bravo to leave the index");
      expect(index()).toContain("Map alpha");
      expect(index()).toContain("Map charlie");
      // Down to one map, the index still tells the truth.
      rmSync(path.join(repo, "j/c.yaml"));
      await until(() => !index().includes("Map charlie"), "charlie to leave the index");
      expect(index()).toContain("Map alpha");
      // The line is printed once the rebuild that wrote the index is done.
      await until(() => stderr.includes("removed j/c.yaml from the index"), "the removal line");
      writeFileSync(path.join(repo, "j/d.yaml"), mapWith("delta"));
      await until(() => index().includes("Map delta"), "a new map to join the index");
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(130);
    expect(stderr).not.toContain("internal error");
  }, 60_000);
});
