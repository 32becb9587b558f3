import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, ROOT, tempDir } from "../helpers/cli.js";
import { gitInit, mapWith, PERSONA, writeTree } from "./fixtures.js";

// The project root is decided per map: the nearest cjm.config.* above the map (not above its git
// top level), else the map's git top level, else the map's folder; `--root` overrides.
describe("the project root of a map", () => {
  it("does not depend on the working directory: cd sub && cjm validate ../examples/bank-onboarding.yaml", async () => {
    const r = await cjm(["validate", "../examples/bank-onboarding.yaml"], { cwd: path.join(ROOT, "test") });
    expect(r.stderr).not.toContain("leaves the project folder");
    expect(r.code).toBe(0);
  });

  it("is the map's git top level when no config is above it", async () => {
    const repo = tempDir("cjm-root-git-");
    gitInit(repo);
    writeTree(repo, { "journeys/sales/m.yaml": mapWith("m", "../../personas/pat.yaml"), "personas/pat.yaml": PERSONA });
    // Run from outside the repository, as a CI step with a path argument does.
    const r = await cjm(["validate", path.join(repo, "journeys/sales/m.yaml")], { cwd: tempDir("cjm-elsewhere-") });
    expect(r.stderr).not.toContain("leaves the project folder");
    expect(r.code).toBe(0);
  });

  it("is the folder of the nearest cjm.config.yaml below the git top level, and --root overrides it", async () => {
    const repo = tempDir("cjm-root-config-");
    gitInit(repo);
    writeTree(repo, {
      "team/cjm.config.yaml": "locale: en\n",
      "team/maps/m.yaml": mapWith("m", "../../shared/pat.yaml"),
      "shared/pat.yaml": PERSONA,
    });
    const r = await cjm(["validate", "team/maps/m.yaml"], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/team\/maps\/m\.yaml:5:5/);
    expect(r.stderr).toContain("persona path `../../shared/pat.yaml` leaves the project folder (team)");
    const wider = await cjm(["validate", "team/maps/m.yaml", "--root", "."], { cwd: repo });
    expect(wider.stderr).not.toContain("leaves the project folder");
    expect(wider.code).toBe(0);
  });

  it("ignores a cjm.config.yaml above the git top level", async () => {
    const outer = tempDir("cjm-root-outer-");
    writeTree(outer, { "cjm.config.yaml": "locale: en\n", "pat.yaml": PERSONA });
    const repo = path.join(outer, "repo");
    gitInit(repo);
    writeTree(repo, { "maps/m.yaml": mapWith("m", "../../pat.yaml") });
    const r = await cjm(["validate", "maps/m.yaml"], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("leaves the project folder");
  });

  it("is the map's own folder outside git and config, and keeps the traversal guard", async () => {
    const dir = tempDir("cjm-root-bare-");
    writeTree(dir, { "maps/m.yaml": mapWith("m", "../pat.yaml"), "pat.yaml": PERSONA });
    // The working directory holds the persona file, but it is not the map's project.
    const r = await cjm(["validate", "maps/m.yaml"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("persona path `../pat.yaml` leaves the project folder (maps)");
    expect(r.stderr).toContain("help: keep persona files inside the project");
  });
});
