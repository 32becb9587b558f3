// Issue 14 item 7: output names stay within the file-name limit (shortened deterministically with
// a hash suffix), and a write that fails is a diagnostic for that map; the other maps are written.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, hashTree, tempDir } from "../helpers/cli.js";
import { minimalMap } from "./helpers.js";

const LONG = `a${"b".repeat(127)}`; // 128 characters: the schema's longest id

function longMap(): string {
  return [
    "cjm: 1",
    `id: ${LONG}`,
    "title: Long",
    `personas: [{ id: p${"q".repeat(127)}, name: P }, { id: r${"s".repeat(127)}, name: R }]`,
    `stages: [{ name: S, steps: [{ name: X, emotion: { p${"q".repeat(127)}: 1, r${"s".repeat(127)}: 5 } }] }]`,
    "",
  ].join("\n");
}

describe("output names and write failures", () => {
  it("ids at the schema's limit give names within 255 bytes, the same on every run", async () => {
    const dir = tempDir("cjm-sec-");
    writeFileSync(path.join(dir, "long.yaml"), longMap());
    writeFileSync(path.join(dir, "short.yaml"), minimalMap({ title: "Short" }));
    const r = await cjm(["render", ".", "--format", "markdown,mermaid", "--out", "out"], { cwd: dir, timeoutMs: 40_000 });
    expect(r.stderr).not.toMatch(/ENAMETOOLONG/);
    expect(r.code).toBe(0);
    const names = readdirSync(path.join(dir, "out"));
    for (const n of names) expect(Buffer.byteLength(n), n).toBeLessThanOrEqual(255);
    expect(names).toContain("short.md");
    expect(names).toContain(`${LONG}.md`);
    // The two per-persona diagrams are kept apart, each ending in .mmd.
    const persona = names.filter((n) => n.startsWith(`${LONG}.journey.`) && n.endsWith(".mmd"));
    expect(persona).toHaveLength(2);
    const again = await cjm(["render", ".", "--format", "markdown,mermaid", "--out", "out2"], { cwd: dir, timeoutMs: 40_000 });
    expect(again.code).toBe(0);
    expect(hashTree(path.join(dir, "out2"))).toEqual(hashTree(path.join(dir, "out")));
  }, 90_000);

  it("a write that fails is a diagnostic for its map; the other maps are still written", async () => {
    const dir = tempDir("cjm-sec-");
    writeFileSync(path.join(dir, "a.yaml"), minimalMap({ title: "A" }));
    writeFileSync(path.join(dir, "b.yaml"), minimalMap({ title: "B" }));
    writeFileSync(path.join(dir, "c.yaml"), minimalMap({ title: "C" }));
    // A folder where b's report goes: the rename over it fails.
    mkdirSync(path.join(dir, "out/b.md/x"), { recursive: true });
    const r = await cjm(["render", ".", "--format", "markdown", "--out", "out", "--reporter", "json"], { cwd: dir, timeoutMs: 40_000 });
    expect(r.code).toBe(1);
    const errors = JSON.parse(r.stdout).diagnostics.filter((d: { severity: string }) => d.severity === "error");
    expect(errors).toEqual([expect.objectContaining({ code: "output-unwritable", file: "b.yaml" })]);
    expect(errors[0].message).toMatch(/out\/b\.md/);
    expect(readdirSync(path.join(dir, "out")).sort()).toEqual(["a.md", "b.md", "c.md", "index.html", "index.md"]);
  }, 60_000);
});
