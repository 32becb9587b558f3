import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { JourneyDiff } from "../src/diff/diff.js";
import { cjm, ROOT, tempDir } from "./helpers/cli.js";
import { rectangularTables } from "./helpers/markdown.js";

const BASE = `cjm: 1
id: shop
title: Shop
state: current
objective: o
personas:
  - { id: ana, name: Ana }
  - { id: ben, name: Ben }
channels:
  - { id: web, name: Web }
  - { id: app, name: App }
metrics: { nps: { score: 10 }, csat: 3.5, conversion: 0.2, ces: 4 }
stages:
  - id: look
    name: Look
    steps:
      - { id: search, name: Searches, emotion: 3, evidence: assumed, touchpoints: [{ channel: web, name: Search page }] }
      - { id: compare, name: Compares, emotion: { ana: 2, ben: 4 }, pains: [{ id: slow, text: Slow page, severity: 4 }] }
  - id: buy
    name: Buy
    steps:
      - { id: pay, name: Pays, emotion: 2, pains: [{ id: fees, text: Hidden fees, severity: 3 }] }
      - { id: track, name: Tracks the parcel, emotion: 3 }
opportunities:
  - { id: fast, title: Faster pages, impact: 4, effort: 2, status: idea, addresses: [slow] }
`;

async function diffOf(before: string, after: string, extra: string[] = []) {
  const dir = tempDir("cjm-diff-");
  writeFileSync(path.join(dir, "a.yaml"), before);
  writeFileSync(path.join(dir, "b.yaml"), after);
  const r = await cjm(["diff", "a.yaml", "b.yaml", "--format", "json", ...extra], { cwd: dir });
  return { r, d: r.code === 0 || r.code === 1 ? (JSON.parse(r.stdout || "null") as JourneyDiff) : undefined };
}

describe("cjm diff: each kind of change", () => {
  it("no change: says so, exit 0 even with --exit-code", async () => {
    const { r, d } = await diffOf(BASE, BASE, ["--exit-code"]);
    expect(r.code).toBe(0);
    expect(d!.changed).toBe(false);
  });

  it("stages and steps added, removed, renamed, moved", async () => {
    const after = BASE.replace("name: Look", "name: Discover")
      .replace("      - { id: track, name: Tracks the parcel, emotion: 3 }\n", "")
      .replace("      - { id: search, name: Searches,", "      - { id: search, name: Searches online,")
      .replace("      - { id: pay, name: Pays, emotion: 2, pains: [{ id: fees, text: Hidden fees, severity: 3 }] }\n", "")
      .replace("  - id: buy\n    name: Buy\n    steps:\n", "  - id: buy\n    name: Buy\n    steps:\n      - { id: pay, name: Pays, emotion: 2, pains: [{ id: fees, text: Hidden fees, severity: 3 }] }\n      - { id: review, name: Writes a review, emotion: 4 }\n")
      .replace("      - { id: compare,", "      - { id: compare2, name: Hesitates, emotion: 3 }\n      - { id: compare,")
      .replace("opportunities:\n", "  - id: after\n    name: After\n    steps:\n      - { id: return, name: Returns, emotion: 1 }\nopportunities:\n");
    const { d } = await diffOf(BASE, after);
    expect(d!.stages.renamed).toEqual([{ id: "look", before: "Look", after: "Discover" }]);
    expect(d!.stages.added.map((s) => s.id)).toEqual(["after"]);
    expect(d!.steps.added.map((s) => s.id)).toEqual(["compare2", "review", "return"]);
    expect(d!.steps.removed.map((s) => s.id)).toEqual(["track"]);
    expect(d!.steps.renamed).toEqual([{ id: "search", before: "Searches", after: "Searches online" }]);
  });

  it("a step in another stage is a move", async () => {
    const after = BASE.replace("      - { id: compare, name: Compares, emotion: { ana: 2, ben: 4 }, pains: [{ id: slow, text: Slow page, severity: 4 }] }\n", "").replace(
      "  - id: buy\n    name: Buy\n    steps:\n",
      "  - id: buy\n    name: Buy\n    steps:\n      - { id: compare, name: Compares, emotion: { ana: 2, ben: 4 }, pains: [{ id: slow, text: Slow page, severity: 4 }] }\n",
    );
    const { d } = await diffOf(BASE, after);
    expect(d!.steps.moved).toEqual([{ id: "compare", name: "Compares", fromStage: "Look", toStage: "Buy", fromIndex: 1, toIndex: 0 }]);
    expect(d!.steps.added).toEqual([]);
  });

  it("emotion per step and persona, with the curves", async () => {
    const after = BASE.replace("emotion: { ana: 2, ben: 4 }", "emotion: { ana: 4, ben: 3 }").replace("id: pay, name: Pays, emotion: 2", "id: pay, name: Pays, emotion: 5");
    const { d } = await diffOf(BASE, after);
    expect(d!.emotions.map((e) => `${e.step}/${e.persona}:${e.before}->${e.after}`)).toEqual([
      "compare/ana:2->4",
      "compare/ben:4->3",
      "pay/ana:2->5",
      "pay/ben:2->5",
    ]);
    expect(d!.summary.emotionsUp).toBe(3);
    expect(d!.summary.emotionsDown).toBe(1);
    expect(d!.curve.before[0]).toEqual([3, 2, 2, 3]);
    expect(d!.curve.after[0]).toEqual([3, 4, 5, 3]);
  });

  it("pains added and resolved, severity changes; touchpoints and channels", async () => {
    const after = BASE.replace(", pains: [{ id: slow, text: Slow page, severity: 4 }]", "")
      .replace("addresses: [slow]", "addresses: [compare]")
      .replace("{ id: fees, text: Hidden fees, severity: 3 }", "{ id: fees, text: Hidden fees, severity: 1 }, { id: stock, text: Out of stock }")
      .replace("touchpoints: [{ channel: web, name: Search page }]", "touchpoints: [{ channel: app, name: Search screen }]")
      .replace("  - { id: app, name: App }\n", "  - { id: app, name: App }\n  - { id: shop, name: Shop counter, kind: physical }\n");
    const { d } = await diffOf(BASE, after);
    expect(d!.pains.resolved.map((p) => p.id)).toEqual(["slow"]);
    expect(d!.pains.added.map((p) => p.id)).toEqual(["stock"]);
    expect(d!.pains.severity).toEqual([{ id: "fees", text: "Hidden fees", step: "Pays", before: 3, after: 1 }]);
    expect(d!.touchpoints.added).toEqual([{ step: "Searches", channel: "app", name: "Search screen" }]);
    expect(d!.touchpoints.removed).toEqual([{ step: "Searches", channel: "web", name: "Search page" }]);
    expect(d!.channels.added.map((c) => c.id)).toEqual(["shop"]);
  });

  it("opportunities: added, status, a move across quadrants", async () => {
    const after = BASE.replace("impact: 4, effort: 2, status: idea", "impact: 4, effort: 4, status: planned") + "  - { id: new, title: New idea }\n";
    const { d } = await diffOf(BASE, after);
    expect(d!.opportunities.added.map((o) => o.id)).toEqual(["new"]);
    expect(d!.opportunities.status).toEqual([{ id: "fast", name: "Faster pages", before: "idea", after: "planned" }]);
    expect(d!.opportunities.quadrant).toEqual([{ id: "fast", name: "Faster pages", before: "quick-win", after: "major-project", impact: [4, 4], effort: [2, 4] }]);
  });

  it("metrics with their sign (lower CES is better), evidence stronger or weaker", async () => {
    const after = BASE.replace("metrics: { nps: { score: 10 }, csat: 3.5, conversion: 0.2, ces: 4 }", "metrics: { nps: { promoters: 50, passives: 30, detractors: 20 }, csat: 3.1, conversion: 0.25, ces: 3 }")
      .replace("emotion: 3, evidence: assumed", "emotion: 3, evidence: observed")
      .replace("{ id: pay, name: Pays, emotion: 2,", "{ id: pay, name: Pays, emotion: 2, evidence: assumed,");
    const { d } = await diffOf(BASE, after);
    expect(d!.metrics.map((m) => `${m.metric}:${m.before}->${m.after}:${m.better}`)).toEqual(["nps:10->30:true", "csat:3.5->3.1:false", "ces:4->3:true", "conversion:0.2->0.25:true"]);
    expect(d!.evidence.map((e) => `${e.id}:${e.direction}`)).toEqual(["search:stronger"]);
  });

  it("--exit-code exits 1 when anything differs", async () => {
    const { r } = await diffOf(BASE, BASE.replace("title: Shop", "title: Shop online"), ["--exit-code"]);
    expect(r.code).toBe(1);
  });

  it("an invalid side gives its diagnostics and exit 1", async () => {
    const dir = tempDir("cjm-diff-");
    writeFileSync(path.join(dir, "a.yaml"), BASE);
    writeFileSync(path.join(dir, "b.yaml"), BASE.replace("emotion: 3", "emotion: 8"));
    const r = await cjm(["diff", "a.yaml", "b.yaml"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error\[out-of-range\][\s\S]*b\.yaml:\d+:\d+/);
  });
});

describe("cjm diff with git", () => {
  const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd, stdio: "pipe" });

  it("reads old versions, and their persona files, at the revision", async () => {
    const repo = tempDir("cjm-git-");
    git(repo, "init", "-q", "-b", "main");
    mkdirSync(path.join(repo, "j/personas"), { recursive: true });
    writeFileSync(path.join(repo, "j/personas/pat.yaml"), "id: pat\nname: Pat\n");
    const map = BASE.replace("  - { id: ana, name: Ana }\n  - { id: ben, name: Ben }\n", "  - personas/pat.yaml\n").replace("emotion: { ana: 2, ben: 4 }", "emotion: 2");
    writeFileSync(path.join(repo, "j/shop.yaml"), map);
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "one");
    git(repo, "tag", "v1");
    writeFileSync(path.join(repo, "j/personas/pat.yaml"), "id: pat\nname: Pat Renamed\n");
    writeFileSync(path.join(repo, "j/shop.yaml"), map.replace("id: pay, name: Pays, emotion: 2", "id: pay, name: Pays, emotion: 4"));
    git(repo, "commit", "-q", "-am", "two");

    const range = await cjm(["diff", "v1..HEAD", "j/shop.yaml", "--format", "json"], { cwd: repo });
    expect(range.code, range.stderr).toBe(0);
    const d = JSON.parse(range.stdout) as JourneyDiff;
    expect(d.before.file).toBe("v1:j/shop.yaml");
    expect(d.personas.renamed).toEqual([{ id: "pat", before: "Pat", after: "Pat Renamed" }]);
    expect(d.emotions.map((e) => `${e.step}:${e.before}->${e.after}`)).toEqual(["pay:2->4"]);

    writeFileSync(path.join(repo, "j/shop.yaml"), map.replace("id: pay, name: Pays, emotion: 2", "id: pay, name: Pays, emotion: 5"));
    const working = await cjm(["diff", "HEAD", "j/shop.yaml", "--format", "json"], { cwd: repo });
    expect((JSON.parse(working.stdout) as JourneyDiff).emotions.map((e) => `${e.before}->${e.after}`)).toEqual(["4->5"]);

    const bad = await cjm(["diff", "nosuchrev", "j/shop.yaml"], { cwd: repo });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("cjm: git: unknown revision `nosuchrev`");
  });

  it("a file outside git is a clear error, exit 2", async () => {
    const dir = tempDir("cjm-nogit-");
    writeFileSync(path.join(dir, "shop.yaml"), BASE);
    const r = await cjm(["diff", "main", "shop.yaml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cjm: git: .* is not inside a git repository/);
  });
});

describe("the as-is / to-be example pair", () => {
  it("reads as-is → to-be in a pull-request comment that passes the GFM check", async () => {
    const r = await cjm(["diff", "examples/bank-onboarding.yaml", "examples/bank-onboarding-future.yaml", "--format", "markdown"], { cwd: ROOT });
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md.split("\n")[2]).toMatch(/^\*\*as-is → to-be\*\* · .*emotions up/);
    expect(rectangularTables(md).length).toBeGreaterThanOrEqual(3);
    expect(md).toContain("~~Selfie check fails in low light~~");
    expect(md).toContain("| Sam Carter |");
  });

  it("pretty output for the terminal", async () => {
    const r = await cjm(["diff", "examples/bank-onboarding.yaml", "examples/bank-onboarding-future.yaml"], { cwd: ROOT });
    expect(r.stdout).toContain("Opening a current account → Opening a current account (target) (as-is → to-be)");
    expect(r.stdout).toContain("▲ Verifies identity in the app · Sam Carter: 1 → 4");
  });
});
