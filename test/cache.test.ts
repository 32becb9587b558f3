// `--cache`: a second run skips what did not change, and nothing that did change is ever skipped.
import { cpSync, readFileSync, readdirSync, statSync, writeFileSync, appendFileSync, rmSync, mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, EXAMPLES, tempDir } from "./helpers/cli.js";

/** A copy of the examples as a project, and its own user cache folder. */
function project() {
  const dir = tempDir("cjm-cache-project-");
  cpSync(EXAMPLES, path.join(dir, "maps"), { recursive: true });
  const env = { CJM_CACHE_DIR: path.join(dir, ".user-cache") };
  const render = (...extra: string[]) => cjm(["render", "maps", "--format", "markdown,html", "--out", "site", "--cache", ...extra], { cwd: dir, env });
  const mtimes = () => Object.fromEntries(readdirSync(path.join(dir, "site")).map((f) => [f, statSync(path.join(dir, "site", f)).mtimeMs]));
  const bytes = () => Object.fromEntries(readdirSync(path.join(dir, "site")).map((f) => [f, readFileSync(path.join(dir, "site", f), "utf8")]));
  return { dir, env, render, mtimes, bytes };
}

describe("render --cache", () => {
  it("a second run renders nothing again, writes the same bytes and keeps every map in the index", async () => {
    const p = project();
    const first = await p.render();
    expect(first.code).toBe(0);
    expect(first.stderr).toContain("wrote 10 files");
    const before = p.bytes();
    const times = p.mtimes();
    const second = await p.render();
    expect(second.code).toBe(0);
    expect(second.stderr).toContain("4 maps unchanged (--cache)");
    expect(p.bytes()).toEqual(before);
    // The reports were not rewritten; the index was, from the replayed summaries, with all four maps.
    for (const f of ["bank-onboarding.html", "achat-smartphone.md"]) expect(p.mtimes()[f]).toBe(times[f]);
    for (const id of ["bank-onboarding", "bank-onboarding-future", "achat-smartphone", "checkout-measured"]) expect(readFileSync(path.join(p.dir, "site/index.md"), "utf8")).toContain(`${id}.md`);
  });

  it("an edited map, an edited persona file, a changed output or other options are rendered again", async () => {
    const p = project();
    await p.render();
    appendFileSync(path.join(p.dir, "maps/achat-smartphone.yaml"), "x-reviewed: true\n");
    const edited = await p.render();
    expect(edited.stderr).toContain("3 maps unchanged");

    // sam.yaml is read by both bank maps.
    appendFileSync(path.join(p.dir, "maps/personas/sam.yaml"), "x-note: updated\n");
    expect((await p.render()).stderr).toContain("2 maps unchanged");

    // A data file is read by checkout-measured.yaml only.
    appendFileSync(path.join(p.dir, "maps/data/delivery-2026-q3.csv"), "114552999,431877,09/30/2026 10:00:00 AM,09/30/2026 10:01:00 AM,203.0.113.9,x@example.com,X,Y,Very satisfied,,,\n");
    expect((await p.render()).stderr).toContain("3 maps unchanged");

    writeFileSync(path.join(p.dir, "site/bank-onboarding.html"), "tampered");
    const repaired = await p.render();
    expect(repaired.stderr).toContain("3 maps unchanged");
    expect(readFileSync(path.join(p.dir, "site/bank-onboarding.html"), "utf8")).toContain("<!doctype html>");

    rmSync(path.join(p.dir, "site/achat-smartphone.md"));
    expect((await p.render()).stderr).toContain("3 maps unchanged");

    const otherOptions = await cjm(["render", "maps", "--format", "markdown,html", "--out", "site", "--cache", "--locale", "fr"], { cwd: p.dir, env: p.env });
    expect(otherOptions.stderr).not.toContain("unchanged");
    expect(readFileSync(path.join(p.dir, "site/bank-onboarding.md"), "utf8")).not.toBe("");
  });

  it("a persona file swapped for a FIFO or an output for a folder after a cached run: no hang, rendered again and refused", async () => {
    const p = project();
    expect((await p.render()).code).toBe(0);
    const sam = path.join(p.dir, "maps/personas/sam.yaml");
    rmSync(sam);
    execFileSync("mkfifo", [sam]);
    rmSync(path.join(p.dir, "site/achat-smartphone.md"));
    mkdirSync(path.join(p.dir, "site/achat-smartphone.md"));
    const r = await p.render();
    // Nothing waits on the FIFO: both maps that read sam.yaml are checked again, and refused.
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("personas/sam.yaml");
    expect(r.stderr).not.toContain("4 maps unchanged");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("user templates are part of what the cache checks", async () => {
    const p = project();
    mkdirSync(path.join(p.dir, "tpl/markdown"), { recursive: true });
    writeFileSync(path.join(p.dir, "tpl/markdown/report.hbs"), "# {{title}} v1\n");
    await p.render("--templates", "tpl");
    expect((await p.render("--templates", "tpl")).stderr).toContain("4 maps unchanged");
    writeFileSync(path.join(p.dir, "tpl/markdown/report.hbs"), "# {{title}} v2\n");
    const changed = await p.render("--templates", "tpl");
    expect(changed.stderr).not.toContain("unchanged");
    expect(readFileSync(path.join(p.dir, "site/bank-onboarding.md"), "utf8")).toContain("v2");
  });

  it("replays a skipped map's warnings with their code frame, and --strict still fails on them", async () => {
    const p = project();
    const map = path.join(p.dir, "maps/achat-smartphone.yaml");
    writeFileSync(map, readFileSync(map, "utf8").replace(/^objective: .*\n/m, ""));
    const first = await p.render("--strict");
    expect(first.code).toBe(1);
    expect(first.stderr).toContain("warning[missing-objective]");
    const second = await p.render("--strict");
    expect(second.stderr).toContain("unchanged (--cache)");
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(first.stderr.replace(/wrote \d+ files? to site\/\n?/, second.stderr.match(/wrote .*\n?/)?.[0] ?? ""));
  });

  it("never reads a cache from the repository, and a cache it cannot use is a cold run", async () => {
    const p = project();
    await p.render();
    // A cache file planted where a repository could put one is not looked at: the default lives
    // in the user cache folder, and --cache-location only comes from the command line.
    const [name] = readdirSync(path.join(p.env.CJM_CACHE_DIR, "runs"));
    const file = path.join(p.env.CJM_CACHE_DIR, "runs", name!);
    // An entry that lies about an output's bytes cannot make cjm skip a map.
    const data = JSON.parse(readFileSync(file, "utf8")) as { entries: Record<string, { outputs: Record<string, string> }> };
    for (const entry of Object.values(data.entries)) for (const k of Object.keys(entry.outputs)) entry.outputs[k] = "0".repeat(64);
    writeFileSync(file, JSON.stringify(data));
    expect((await p.render()).stderr).not.toContain("unchanged");
    writeFileSync(file, "{ not json");
    const cold = await p.render();
    expect(cold.code).toBe(0);
    expect(cold.stderr).not.toContain("unchanged");
  });

  it("SOURCE_DATE_EPOCH and the working directory are part of the key (PDF dates, paths in diagnostics)", async () => {
    const p = project();
    const run = (cwd: string, env: Record<string, string>) =>
      cjm(["render", path.join(p.dir, "maps"), "--format", "markdown", "--out", path.join(p.dir, "site"), "--cache"], { cwd, env: { ...p.env, ...env } });
    await run(p.dir, { SOURCE_DATE_EPOCH: "1000000000" });
    expect((await run(p.dir, { SOURCE_DATE_EPOCH: "1000000000" })).stderr).toContain("unchanged");
    expect((await run(p.dir, { SOURCE_DATE_EPOCH: "1700000000" })).stderr).not.toContain("unchanged");
    // The same maps from another folder: their diagnostics name them from there.
    mkdirSync(path.join(p.dir, "elsewhere"));
    expect((await run(path.join(p.dir, "elsewhere"), { SOURCE_DATE_EPOCH: "1700000000" })).stderr).not.toContain("unchanged");
  });
});
