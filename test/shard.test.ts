import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM script without types
import { generateMap } from "../bench/generate.mjs";
import { cjm, hashTree, tempDir } from "./helpers/cli.js";

/** A git repository with 24 maps in three team folders. */
function makeRepo(count = 24): string {
  const repo = tempDir("cjm-shards-");
  execFileSync("git", ["init", "-q"], { cwd: repo });
  for (let i = 0; i < count; i++) {
    const dir = path.join(repo, "journeys", ["sales", "support", "billing"][i % 3]!);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `map-${i}.yaml`), generateMap(900 + i, { id: `map-${i}`, stages: 2, stepsPerStage: 2, personas: 1 }));
  }
  return repo;
}

const reports = (tree: Record<string, string>) => Object.keys(tree).filter((f) => f.endsWith(".html") && !f.endsWith("index.html")).sort();

describe("cjm render --shard i/n and cjm index", () => {
  let repo: string;
  let whole: Record<string, string>;
  beforeAll(async () => {
    repo = makeRepo();
    const r = await cjm(["render", "journeys", "--format", "html,markdown,json", "--out", "whole", "-q"], { cwd: repo, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    whole = hashTree(path.join(repo, "whole"));
  }, 180_000);

  it("the shards split the maps between them, each exactly once, and write no index", async () => {
    const seen: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const r = await cjm(["render", "journeys", "--format", "html,markdown,json", "--shard", `${i}/4`, "--out", `shard-${i}`, "-q"], { cwd: repo, timeoutMs: 60_000 });
      expect(r.code, r.stderr).toBe(0);
      const tree = hashTree(path.join(repo, `shard-${i}`));
      expect(Object.keys(tree).some((f) => f.startsWith("index."))).toBe(false);
      expect(reports(tree).length).toBeGreaterThan(0);
      // Each output is the same bytes as in the unsharded run.
      for (const [file, hash] of Object.entries(tree)) expect(whole[file], file).toBe(hash);
      seen.push(...reports(tree));
    }
    expect(seen.sort()).toEqual(reports(whole));
  });

  it("a shard is chosen by the repository-relative path: the same from a sub-folder, and stable when maps are added", async () => {
    const first = await cjm(["render", "journeys", "--format", "json", "--shard", "2/4", "--out", path.join(repo, "s-root"), "-q"], { cwd: repo });
    const sub = await cjm(["render", ".", "--format", "json", "--shard", "2/4", "--out", path.join(repo, "s-sub"), "-q"], { cwd: path.join(repo, "journeys") });
    expect(first.code).toBe(0);
    expect(sub.code).toBe(0);
    const names = (d: string, root = repo) => Object.keys(hashTree(path.join(root, d))).sort();
    expect(names("s-sub")).toEqual(names("s-root"));
    const more = makeRepo(40);
    await cjm(["render", "journeys", "--format", "json", "--shard", "2/4", "--out", "s", "-q"], { cwd: more });
    const after = names("s", more);
    expect(after.filter((f) => Number(/map-(\d+)/.exec(f)![1]) < 24)).toEqual(names("s-root"));
  });

  it("cjm index over the shards' folder writes the same index as the unsharded run", async () => {
    const site = path.join(repo, "site");
    for (let i = 1; i <= 3; i++) {
      const r = await cjm(["render", "journeys", "--format", "html,markdown,json", "--shard", `${i}/3`, "--out", "site", "-q"], { cwd: repo, timeoutMs: 60_000 });
      expect(r.code).toBe(0);
    }
    expect(existsSync(path.join(site, "index.html"))).toBe(false);
    const r = await cjm(["index", "site"], { cwd: repo });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("indexed 24 journeys into site/index.html and index.md\n");
    expect(hashTree(site)).toEqual(whole);
  });

  it("cjm index over several folders links from --out to every report", async () => {
    const r = await cjm(["index", "shard-1", "shard-2", "shard-3", "shard-4", "--out", "portfolio"], { cwd: repo });
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(path.join(repo, "portfolio/index.html"), "utf8");
    const links = [...new Set([...html.matchAll(/href="([^"#]+\.html)"/g)].map((m) => m[1]!))];
    expect(links).toHaveLength(24);
    for (const link of links) expect(existsSync(path.join(repo, "portfolio", decodeURI(link))), link).toBe(true);
    const md = readFileSync(path.join(repo, "portfolio/index.md"), "utf8");
    for (const link of [...md.matchAll(/\]\(([^)#]+\.md)\)/g)].map((m) => m[1]!)) expect(existsSync(path.join(repo, "portfolio", decodeURI(link))), link).toBe(true);
  });

  it("a broken model is reported (invalid-model, exit 1) and left out; other JSON files are not models; text stays escaped", async () => {
    const dir = tempDir("cjm-index-bad-");
    const r0 = await cjm(["render", "journeys/sales", "--format", "html,json", "--out", dir, "-q"], { cwd: repo });
    expect(r0.code).toBe(0);
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "x", dependencies: { cjm: "1" } }));
    const model = JSON.parse(readFileSync(path.join(dir, "map-0.json"), "utf8"));
    writeFileSync(path.join(dir, "map-0.json"), JSON.stringify({ ...model, title: '<img src=x onerror=alert(1)> "T"' }));
    writeFileSync(path.join(dir, "broken.json"), JSON.stringify({ ...model, id: "broken", opportunities: [{ id: "o", title: "O", addresses: [], status: "__proto__" }] }));
    const r = await cjm(["index", dir], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error\[invalid-model\]: is not a journey model cjm wrote: opportunity 1: `status` is not a status\n\s+--> .*broken\.json:1:1/);
    expect(r.stderr).toContain("indexed 8 journeys");
    const html = readFileSync(path.join(dir, "index.html"), "utf8");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &quot;T&quot;");
  });

  it("usage errors: a bad --shard, --shard with --index, index without folders or models (exit 2); an empty shard is fine", async () => {
    for (const bad of ["0/4", "5/4", "2", "a/b", "1/0"]) {
      const r = await cjm(["render", "journeys", "--shard", bad, "--out", "x"], { cwd: repo });
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toContain("--shard takes <index>/<count>, 1-based");
    }
    expect((await cjm(["render", "journeys", "--shard", "1/2", "--index"], { cwd: repo })).code).toBe(2);
    expect((await cjm(["index"], { cwd: repo })).code).toBe(2);
    expect((await cjm(["index", "nowhere"], { cwd: repo })).stderr).toContain("`nowhere`: no such folder");
    expect((await cjm(["index", "journeys"], { cwd: repo })).stderr).toContain("no journey model found");
    expect((await cjm(["index", "shard-1", "shard-2"], { cwd: repo })).stderr).toContain("--out <dir>");
    const one = tempDir("cjm-one-");
    writeFileSync(path.join(one, "m.yaml"), generateMap(1, { id: "m", stages: 1, stepsPerStage: 1, personas: 1 }));
    const results = [];
    for (const i of [1, 2, 3]) results.push(await cjm(["render", ".", "--shard", `${i}/3`, "--out", `o${i}`], { cwd: one }));
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(results.filter((r) => r.stderr.includes("no map in this shard"))).toHaveLength(2);
  });
});
