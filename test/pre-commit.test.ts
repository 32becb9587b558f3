import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, EXAMPLES, ROOT, tempDir } from "./helpers/cli.js";

const BROKEN = "cjm: 1\ntitle: Broken\npersonas: [{ name: Ana }]\nstages: [{ name: S, steps: [{ name: A, emotion: 9 }] }]\n";

/**
 * This repository as a hook repository: its files (tracked and new, as in the working tree)
 * committed in a clean copy (try-repo of a dirty tree leaves untracked files out).
 */
function hookRepo(): string {
  const dir = tempDir("cjm-hook-repo-");
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of files) {
    if (!existsSync(path.join(ROOT, file))) continue;
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(dir, file));
  }
  execFileSync("git", ["init", "-q"], { cwd: dir });
  execFileSync("git", ["add", "-A"], { cwd: dir });
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "hooks"], { cwd: dir });
  return dir;
}

/** Debian's pre-commit, trying the hooks of `hooks` in `repo`, with its own cache folder. */
function tryRepo(hooks: string, repo: string, hook: string, home: string): { code: number; output: string } {
  const r = spawnSync("pre-commit", ["try-repo", hooks, hook, "--all-files", "--color", "never"], {
    cwd: repo,
    encoding: "utf8",
    // Offline machines: puppeteer (a dependency of mermaid-cli) must not fetch a browser while the
    // hook environment installs; cjm itself never downloads one.
    env: { ...process.env, PRE_COMMIT_HOME: home, PUPPETEER_SKIP_DOWNLOAD: "1", NO_COLOR: "1" },
    timeout: 900_000,
  });
  return { code: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
}

function teamRepo(): string {
  const repo = tempDir("cjm-precommit-");
  execFileSync("git", ["init", "-q"], { cwd: repo });
  cpSync(EXAMPLES, path.join(repo, "journeys"), { recursive: true, filter: (src) => path.relative(EXAMPLES, src).split(path.sep)[0] !== "ci" });
  writeFileSync(path.join(repo, "package.json"), JSON.stringify({ name: "team", private: true, devDependencies: { cjm: "*" } }));
  execFileSync("git", ["add", "-A"], { cwd: repo });
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "maps"], { cwd: repo });
  return repo;
}

describe(".pre-commit-hooks.yaml, with pre-commit try-repo", () => {
  const hooks = parse(readFileSync(path.join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as { id: string; language: string; entry: string; files: string; pass_filenames: boolean }[];
  let home: string;
  let hooksRepo: string;
  beforeAll(() => {
    home = tempDir("cjm-precommit-home-");
    hooksRepo = hookRepo();
  });

  it("declares the two hooks", () => {
    expect(hooks.map((h) => [h.id, h.language])).toEqual([["cjm-validate", "node"], ["cjm-validate-local", "system"]]);
    for (const h of hooks) {
      expect(new RegExp(h.files).test("journeys/a.yaml") && new RegExp(h.files).test("b.json") && !new RegExp(h.files).test("README.md")).toBe(true);
      expect(h.pass_filenames).toBe(false);
    }
  });

  it("cjm-validate: pre-commit installs cjm from the hook repository (npm), fails a broken map, passes clean ones", { timeout: 1_500_000 }, () => {
    const repo = teamRepo();
    writeFileSync(path.join(repo, "journeys/broken.yaml"), BROKEN);
    execFileSync("git", ["add", "-A"], { cwd: repo });
    const broken = tryRepo(hooksRepo, repo, "cjm-validate", home);
    expect(broken.output).toMatch(/cjm validate\.+Failed/);
    expect(broken.code, broken.output).toBe(1);
    expect(broken.output).toContain("error[out-of-range]");
    expect(broken.output).toMatch(/--> journeys\/broken\.yaml:4:\d+/);
    // try-repo clones the hook repository afresh on each call: a second full install.
    rmSync(path.join(repo, "journeys/broken.yaml"));
    execFileSync("git", ["add", "-A"], { cwd: repo });
    const clean = tryRepo(hooksRepo, repo, "cjm-validate", home);
    expect(clean.code, clean.output).toBe(0);
    expect(clean.output).toMatch(/cjm validate\.+Passed/);
  });

  it("cjm-validate-local: the repository's own cjm (a devDependency), nothing installed", { timeout: 300_000 }, () => {
    const repo = teamRepo();
    // node_modules as `npm ci` leaves it for a devDependency: the package and its bin link.
    mkdirSync(path.join(repo, "node_modules/.bin"), { recursive: true });
    symlinkSync(ROOT, path.join(repo, "node_modules/cjm"));
    symlinkSync(path.relative(path.join(repo, "node_modules/.bin"), path.join(repo, "node_modules/cjm", path.relative(ROOT, BIN))), path.join(repo, "node_modules/.bin/cjm"));
    writeFileSync(path.join(repo, ".gitignore"), "node_modules/\n");
    const clean = tryRepo(hooksRepo, repo, "cjm-validate-local", home);
    expect(clean.code, clean.output).toBe(0);
    expect(clean.output).toMatch(/cjm validate \(the repository's cjm\)\.+Passed/);
    writeFileSync(path.join(repo, "journeys/broken.yaml"), BROKEN);
    const broken = tryRepo(hooksRepo, repo, "cjm-validate-local", home);
    expect(broken.code).toBe(1);
    expect(broken.output).toMatch(/--> journeys\/broken\.yaml:4:\d+/);
  });
});
