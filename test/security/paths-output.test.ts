import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, hashTree, tempDir } from "../helpers/cli.js";
import { gitInit, mapWith, writeTree } from "./fixtures.js";

const PERSONA_JSON = '{ "id": "marie", "name": "Marie", "role": "Shop owner" }\n';

/** A JSON journey map: its `--format json` output has the same name as the file. */
function jsonMap(id: string): string {
  return `${JSON.stringify({ cjm: 1, id, title: `Map ${id}`, personas: [{ id: "pat", name: "Pat" }], stages: [{ name: "Discover", steps: [{ name: "Finds the shop", emotion: { pat: 4 } }] }] }, null, 2)}\n`;
}

describe("outputs never replace inputs (issue 14 item 5)", () => {
  it("a map's own persona file with an output's name is not overwritten (exit 2)", async () => {
    const repo = tempDir("cjm-over-persona-");
    gitInit(repo);
    writeTree(repo, { "m.yaml": mapWith("marie", "marie.json").replace(/pat/g, "marie"), "marie.json": PERSONA_JSON });
    const r = await cjm(["render", "m.yaml", "--format", "json", "--out", "."], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--out would overwrite the input `marie.json`");
    expect(readFileSync(path.join(repo, "marie.json"), "utf8")).toBe(PERSONA_JSON);
  });

  it("--out through a symbolic link to the input folder does not overwrite the maps (exit 2)", async () => {
    const repo = tempDir("cjm-over-link-");
    gitInit(repo);
    writeTree(repo, { "journeys/m.json": jsonMap("m") });
    symlinkSync(path.join(repo, "journeys"), path.join(repo, "outlink"));
    const before = hashTree(path.join(repo, "journeys"));
    const r = await cjm(["render", "journeys/m.json", "--format", "json", "--out", "outlink"], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("would overwrite the input");
    expect(hashTree(path.join(repo, "journeys"))).toEqual(before);
  });
});

describe("every check that can stop a run happens before anything is written (issue 14 item 16)", () => {
  const folder = () => {
    const repo = tempDir("cjm-jobs-");
    gitInit(repo);
    const files: Record<string, string> = { "maps/b.json": jsonMap("b") };
    for (const id of ["a", "c", "d", "e", "f"]) files[`maps/${id}.yaml`] = mapWith(id);
    writeTree(repo, files);
    return repo;
  };

  for (const jobs of ["1", "2"]) {
    it(`--jobs ${jobs}: an output over an input stops the run with nothing written`, async () => {
      const repo = folder();
      const before = hashTree(path.join(repo, "maps"));
      const r = await cjm(["render", "maps", "--format", "json", "--out", "maps", "--jobs", jobs], { cwd: repo });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("--out would overwrite the input `maps/b.json`");
      expect(hashTree(path.join(repo, "maps"))).toEqual(before);
    });
  }

  it("--jobs 1 and --jobs 2 write the same set when two maps share an id; the conflict is located", async () => {
    const trees: Record<string, string>[] = [];
    for (const jobs of ["1", "2"]) {
      const repo = tempDir("cjm-jobs-conflict-");
      gitInit(repo);
      writeTree(repo, { "maps/one.yaml": mapWith("same"), "maps/two.yaml": mapWith("same"), "maps/three.yaml": mapWith("three") });
      const r = await cjm(["render", "maps", "--out", "out", "--jobs", jobs], { cwd: repo });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("error[output-conflict]");
      expect(r.stderr).toMatch(/--> maps\/two\.yaml:2:5/);
      trees.push(hashTree(path.join(repo, "out")));
    }
    expect(Object.keys(trees[0]!).sort()).toEqual(Object.keys(trees[1]!).sort());
    expect(trees[0]).toEqual(trees[1]);
  });
});

describe("output folders stay under the real --out (issue 14 item 4)", () => {
  it("an output folder that is a symbolic link out of --out is refused before anything is written", async () => {
    const base = tempDir("cjm-sub-link-");
    const repo = path.join(base, "repo");
    gitInit(repo);
    mkdirSync(path.join(base, "elsewhere"));
    writeTree(repo, { "journeys/sales/s.yaml": mapWith("s"), "journeys/a.yaml": mapWith("a") });
    mkdirSync(path.join(repo, "site"));
    symlinkSync(path.join(base, "elsewhere"), path.join(repo, "site/sales"));
    const r = await cjm(["render", "journeys", "--out", "site"], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("the output folder `site/sales` leads outside `site`");
    expect(readdirSync(path.join(base, "elsewhere"))).toEqual([]);
    // Checked before anything is written: the other map is not written either.
    expect(readdirSync(path.join(repo, "site"))).toEqual(["sales"]);
    expect(execFileSync("git", ["status", "--porcelain"], { cwd: repo, encoding: "utf8" })).not.toContain("elsewhere");
  });
});
