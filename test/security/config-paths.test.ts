import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, tempDir } from "../helpers/cli.js";
import { gitInit, mapWith, writeTree } from "./fixtures.js";

// Issue 14 item 4: a cloned repository's config and symlinks cannot send writes outside it.
describe("writes stay inside the repository", () => {
  it("a cjm.config.yaml above the git top level does not apply to the repository", async () => {
    const outer = tempDir("cjm-outer-config-");
    writeFileSync(path.join(outer, "cjm.config.yaml"), "formats: [json]\nout: victim\n");
    const repo = path.join(outer, "repo");
    gitInit(repo);
    writeTree(repo, { "m.yaml": mapWith("m") });
    const r = await cjm(["render", "m.yaml"], { cwd: repo });
    expect(r.code).toBe(0);
    expect(existsSync(path.join(outer, "victim"))).toBe(false);
    expect(readdirSync(path.join(repo, "out")).sort()).toContain("m.md");
  });

  it("a config's `out:` may not leave the config's folder (exit 2, located); the same path on the command line is allowed", async () => {
    const base = tempDir("cjm-out-escape-");
    const repo = path.join(base, "repo");
    gitInit(repo);
    mkdirSync(path.join(base, "victim"));
    writeFileSync(path.join(base, "victim/package.json"), '{"name":"victim"}\n');
    writeTree(repo, { "cjm.config.yaml": "formats: [json]\nout: ../victim\n", "package.yaml": mapWith("package") });
    const r = await cjm(["render", "package.yaml"], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cjm.config.yaml:2:6");
    expect(r.stderr).toContain("config-path");
    expect(r.stderr).toMatch(/help: /);
    expect(readFileSync(path.join(base, "victim/package.json"), "utf8")).toBe('{"name":"victim"}\n');

    writeFileSync(path.join(repo, "cjm.config.yaml"), `out: ${path.join(base, "victim")}\n`);
    const absolute = await cjm(["render", "package.yaml", "--format", "json"], { cwd: repo });
    expect(absolute.code).toBe(2);
    expect(readFileSync(path.join(base, "victim/package.json"), "utf8")).toBe('{"name":"victim"}\n');

    writeFileSync(path.join(repo, "cjm.config.yaml"), "locale: en\n");
    const given = await cjm(["render", "package.yaml", "--format", "markdown", "--out", "../victim"], { cwd: repo });
    expect(given.code).toBe(0);
    expect(existsSync(path.join(base, "victim/package.md"))).toBe(true);
  });

  it("a config's `templates:` may not leave the config's folder", async () => {
    const base = tempDir("cjm-tpl-escape-");
    const repo = path.join(base, "repo");
    gitInit(repo);
    writeTree(base, { "tpl/markdown/report.hbs": "outside {{journey.title}}\n" });
    writeTree(repo, { "cjm.config.yaml": "templates: ../tpl\n", "m.yaml": mapWith("m") });
    const r = await cjm(["render", "m.yaml", "--format", "markdown"], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cjm.config.yaml:1:12");
    expect(existsSync(path.join(repo, "out/m.md"))).toBe(false);
  });

  it("a config's `out:` through a committed symbolic link to outside the folder is refused", async () => {
    const base = tempDir("cjm-out-link-");
    const repo = path.join(base, "repo");
    gitInit(repo);
    mkdirSync(path.join(base, "elsewhere"));
    writeTree(repo, { "cjm.config.yaml": "out: site\n", "m.yaml": mapWith("m") });
    symlinkSync(path.join(base, "elsewhere"), path.join(repo, "site"));
    const r = await cjm(["render", "m.yaml"], { cwd: repo });
    expect(r.code).toBe(2);
    expect(readdirSync(path.join(base, "elsewhere"))).toEqual([]);
  });
});
