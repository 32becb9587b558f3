import { symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, tempDir } from "../helpers/cli.js";
import { gitInit, mapWith, writeTree } from "./fixtures.js";

const SECRET = "AKIAEXAMPLESECRET0042";

// Issue 14 item 6: a committed `journeys/creds.yaml -> ~/.aws/credentials` must not be read, and no
// code frame may excerpt a file outside the project root.
describe("inputs found by folder searches and globs stay inside the project", () => {
  const repo = () => {
    const base = tempDir("cjm-input-link-");
    writeFileSync(path.join(base, "credentials"), `cjm: 1\naws_secret_access_key: ${SECRET}\n`);
    const dir = path.join(base, "repo");
    gitInit(dir);
    writeTree(dir, { "journeys/good.yaml": mapWith("good") });
    symlinkSync(path.join(base, "credentials"), path.join(dir, "journeys/creds.yaml"));
    return dir;
  };

  for (const [how, args] of [
    ["a glob", ["journeys/*.yaml"]],
    ["a folder", ["journeys"]],
  ] as const) {
    it(`${how}: the link out of the project is an error naming it, and the outside file is never shown`, async () => {
      const dir = repo();
      const r = await cjm(["validate", ...args], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("error[input-outside-root]");
      expect(r.stderr).toContain("journeys/creds.yaml");
      expect(r.stderr).toMatch(/help: .*--root/);
      expect(r.stderr).not.toContain(SECRET);
      expect(r.stderr).not.toContain("aws_secret_access_key");
      const json = await cjm(["validate", ...args, "--format", "json"], { cwd: dir });
      expect(json.stdout).not.toContain(SECRET);
      expect(JSON.parse(json.stdout).diagnostics.map((d: { code: string }) => d.code)).toContain("input-outside-root");
      const rendered = await cjm(["render", ...args, "--format", "json", "--out", "out"], { cwd: dir });
      expect(rendered.stderr).not.toContain(SECRET);
    });
  }

  it("--root that holds the link's target lets it be read", async () => {
    const dir = repo();
    const r = await cjm(["validate", "journeys", "--root", ".."], { cwd: dir });
    expect(r.stderr).not.toContain("input-outside-root");
    // Now it is read, and reported as the bad map it is.
    expect(r.stderr).toContain("unknown-key");
  });
});
