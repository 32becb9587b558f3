// The journey facts (src/model/facts.ts) are worked out once; every output must agree on them.
// Decisions: a dropped opportunity addresses nothing; a done one has resolved its pains, which stay
// shown, marked resolved; it stays on the matrix, marked done, and is no live quick win.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cjm, ROOT, tempDir } from "./helpers/cli.js";

const FIXTURES = path.join(ROOT, "test/fixtures/facts");

describe("facts: dropped and done opportunities, the same in every output", () => {
  let out: string;
  let validate: { code: number | null; diagnostics: { code: string; file: string; line: number; help?: string }[] };
  const read = (name: string) => readFileSync(path.join(out, name), "utf8");

  beforeAll(async () => {
    out = tempDir();
    const v = await cjm(["validate", FIXTURES, "--format", "json"]);
    validate = { code: v.code, diagnostics: JSON.parse(v.stdout).diagnostics };
    const r = await cjm(["render", FIXTURES, "--format", "markdown,html", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("validate: the pain addressed only by a dropped opportunity is unaddressed; the done one's is not", () => {
    expect(validate.code).toBe(0);
    const unaddressed = validate.diagnostics.filter((d) => d.code === "unaddressed-pain");
    expect(unaddressed.map((d) => [path.basename(d.file), d.line])).toEqual([["dropped.yaml", 15]]);
    expect(unaddressed[0]!.help).toContain("`express`");
  });

  it("report: the dropped case lists the open pain and no quick win", () => {
    const md = read("dropped.md");
    expect(md).toContain("- Pain with no opportunity: Fourteen fields (Pays)");
    expect(md).not.toContain("Quick win: Express checkout");
    const html = read("dropped.html");
    expect(html).toContain("Pain with no opportunity: Fourteen fields (Pays)");
    expect(html).not.toContain("Quick win: Express checkout");
  });

  it("report: the done case shows the pain resolved, no open pain, no quick win, the idea on the matrix marked done", () => {
    const md = read("done.md");
    expect(md).toContain("| Slow page (severity 3/5) (resolved by Faster page) |");
    expect(md).not.toContain("Pain with no opportunity");
    expect(md).not.toContain("Quick win: Faster page");
    expect(md).toMatch(/\| Faster page \| 4 \| 1 \| Done \|/);
    const html = read("done.html");
    expect(html).toContain('<p class="pain resolved" id="pain-slow-page">');
    expect(html).toContain('<span class="resolved-by">resolved by Faster page</span>');
    expect(html).toContain('<g class="opp opp-done" data-opportunity="faster"><title>Faster page (Done)</title>');
    expect(html).not.toContain("Quick win: Faster page");
  });

  it("portfolio: one open pain (the dropped case), no quick win, and no done or dropped idea in the backlog", () => {
    const index = read("index.md");
    expect(index).toContain("2 journeys, 2 steps, 1 open pains, 0 quick wins.");
    expect(index).toMatch(/\[Done fix\].*\| 0 \| 0 \| 100% \|/);
    expect(index).toMatch(/\[Dropped fix\].*\| 1 \| 0 \| 100% \|/);
    expect(index).not.toContain("Express checkout");
    expect(index).not.toContain("Faster page");
  });

  it("French labels: the resolved mark is translated", async () => {
    const r = await cjm(["render", path.join(FIXTURES, "done.yaml"), "--format", "markdown", "--locale", "fr", "--out", "-"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Slow page (gravité 3/5) (résolu par Faster page)");
  });

  it("diff: an opportunity marked done since resolves its pain, named in every format; dropped resolves nothing", async () => {
    const dir = tempDir();
    const done = readFileSync(path.join(FIXTURES, "done.yaml"), "utf8");
    writeFileSync(path.join(dir, "planned.yaml"), done.replace("status: done", "status: planned"));
    writeFileSync(path.join(dir, "dropped.yaml"), done.replace("status: done", "status: dropped"));
    const md = await cjm(["diff", path.join(dir, "planned.yaml"), path.join(FIXTURES, "done.yaml"), "--format", "markdown"]);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain("1 pain resolved");
    expect(md.stdout).toContain("- resolved: ~~Slow page~~ (Pays, resolved by Faster page)");
    const json = JSON.parse((await cjm(["diff", path.join(dir, "planned.yaml"), path.join(FIXTURES, "done.yaml"), "--format", "json"])).stdout);
    expect(json.pains.resolved).toEqual([{ id: "slow-page", text: "Slow page", step: "Pays", resolvedBy: ["Faster page"] }]);
    const none = JSON.parse((await cjm(["diff", path.join(dir, "planned.yaml"), path.join(dir, "dropped.yaml"), "--format", "json"])).stdout);
    expect(none.pains.resolved).toEqual([]);
    expect(none.summary.painsResolved).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });
});
