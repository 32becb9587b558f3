import { execFileSync } from "node:child_process";
import { symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, tempDir } from "../helpers/cli.js";
import { gitInit, mapWith, writeTree } from "./fixtures.js";

// Issue 14 item 8: cjm.config.yaml is read like any input: a regular file, under the size cap.
describe("cjm.config.yaml is read with the input guards", () => {
  const repo = () => {
    const dir = tempDir("cjm-config-read-");
    gitInit(dir);
    writeTree(dir, { "m.yaml": mapWith("m") });
    return dir;
  };

  it("a FIFO named cjm.config.yaml does not hang the run", async () => {
    const dir = repo();
    execFileSync("mkfifo", [path.join(dir, "cjm.config.yaml")]);
    const r = await cjm(["validate", "m.yaml"], { cwd: dir, timeoutMs: 15_000 });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cjm.config.yaml");
    expect(r.stderr).toContain("is not a regular file");
  });

  it("a cjm.config.yaml linked to /dev/zero is refused, not read", async () => {
    const dir = repo();
    symlinkSync("/dev/zero", path.join(dir, "cjm.config.yaml"));
    const r = await cjm(["validate", "m.yaml"], { cwd: dir, timeoutMs: 15_000 });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    // Outside the repository, so not even opened.
    expect(r.stderr).toContain("error[config-path]: the config file is a symbolic link to a file outside the repository");
  });

  it("a config over the size cap is refused", async () => {
    const dir = repo();
    writeFileSync(path.join(dir, "cjm.config.yaml"), `locale: en\n${"# padding\n".repeat(120_000)}`);
    const r = await cjm(["validate", "m.yaml", "--max-size", "1"], { cwd: dir, timeoutMs: 15_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("file-too-large");
    expect(r.stderr).not.toContain("internal error");
  });

  it("a cjm.config.yaml linked to a file outside the repository is not read, and never shown", async () => {
    const base = tempDir("cjm-config-link-");
    writeFileSync(path.join(base, "credentials"), "aws_secret_access_key: AKIACONFIGSECRET\n");
    const dir = path.join(base, "repo");
    gitInit(dir);
    writeTree(dir, { "m.yaml": mapWith("m") });
    symlinkSync(path.join(base, "credentials"), path.join(dir, "cjm.config.yaml"));
    const r = await cjm(["validate", "m.yaml"], { cwd: dir, timeoutMs: 15_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error[config-path]");
    expect(r.stderr).not.toContain("AKIACONFIGSECRET");
    expect(r.stderr).not.toContain("aws_secret_access_key");
  });
});
