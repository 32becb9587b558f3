// Issue 14 item 10: user keys that name Object.prototype members (`constructor`) are looked up as
// own properties only: no "function Object()" in a report, no NaN coordinate, the warning is given.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, tempDir } from "../helpers/cli.js";

describe("prototype keys are plain ids", () => {
  it("a persona id `constructor` with no emotion given reads no prototype member", async () => {
    const dir = tempDir("cjm-sec-");
    writeFileSync(
      path.join(dir, "proto.yaml"),
      [
        "cjm: 1",
        "title: Proto",
        "objective: o",
        "personas: [{ id: constructor, name: Con }, { id: marie, name: Marie }]",
        "channels: [{ id: constructor, name: Web }]",
        "stages:",
        "  - name: Stage",
        "    steps:",
        "      - { name: One, emotion: { marie: 2 }, touchpoints: [{ channel: constructor, name: Site }] }",
        "      - { name: Two, emotion: { marie: 4, constructor: 5 }, touchpoints: [{ channel: constructor, name: Site }] }",
        "",
      ].join("\n"),
    );
    const r = await cjm(["render", "proto.yaml", "--format", "markdown,html,mermaid,json", "--out", "out", "--reporter", "json"], { cwd: dir, timeoutMs: 30_000 });
    expect(r.code).toBe(0);
    const warnings = JSON.parse(r.stdout).diagnostics.filter((d: { code: string }) => d.code === "step-without-emotion");
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toContain("constructor");
    for (const name of readdirSync(path.join(dir, "out"))) {
      const text = readFileSync(path.join(dir, "out", name), "utf8");
      expect(text, name).not.toMatch(/native code|function Object|NaN/);
    }
    const json = JSON.parse(readFileSync(path.join(dir, "out/proto.json"), "utf8"));
    expect(JSON.stringify(json.stages[0].steps[0].emotions ?? json.stages[0].steps[0])).not.toContain("function");
  }, 60_000);
});
