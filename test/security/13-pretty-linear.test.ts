// Issue 14 item 13: the pretty reporter indexes a file's lines once, so a long one-line map with a
// thousand problems prints in about the time the JSON report takes, not minutes.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, tempDir } from "../helpers/cli.js";

describe("the pretty reporter is linear in the file", () => {
  it("a 2 MB one-line map with 1,000 unknown keys", async () => {
    const dir = tempDir("cjm-sec-");
    const keys = Array.from({ length: 1000 }, (_, k) => `unknown${k}: ${"v".repeat(2000)}`).join(", ");
    writeFileSync(path.join(dir, "wide.yaml"), `{cjm: 1, title: T, personas: [{name: A}], stages: [{name: S, steps: [{name: X}]}], ${keys}}\n`);
    const t0 = Date.now();
    const json = await cjm(["validate", "wide.yaml", "--format", "json"], { cwd: dir, timeoutMs: 60_000 });
    const jsonMs = Date.now() - t0;
    expect(JSON.parse(json.stdout).diagnostics.filter((d: { code: string }) => d.code === "unknown-key")).toHaveLength(1000);
    const t1 = Date.now();
    const pretty = await cjm(["validate", "wide.yaml"], { cwd: dir, timeoutMs: 60_000 });
    const prettyMs = Date.now() - t1;
    expect(pretty.timedOut).toBe(false);
    expect(pretty.code).toBe(1);
    expect(pretty.stderr.match(/error\[unknown-key\]/g)).toHaveLength(1000);
    // The frame is cut around the key, with its caret.
    expect(pretty.stderr).toMatch(/\n1 \| …v*, unknown999: v+…\n/);
    expect(prettyMs).toBeLessThan(jsonMs * 3 + 3_000);
  }, 150_000);
});
