// The CLI's code cache (src/cli/boot.ts): written by a first run, used by the next, and never able to
// break a run when it is missing, corrupt or in a folder that cannot be written.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, EXAMPLES } from "./helpers/cli.js";

const MAP = path.join(EXAMPLES, "bank-onboarding.yaml");

function cacheFiles(dir: string): string[] {
  try {
    return readdirSync(path.join(dir, "code")).filter((f) => f.endsWith(".bin"));
  } catch {
    return [];
  }
}

describe("start-up code cache", () => {
  it("a first run writes one cache file for its command; a second run uses it unchanged", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cjm-cache-"));
    const first = await cjm(["validate", MAP], { env: { CJM_CACHE_DIR: dir } });
    expect(first.code).toBe(0);
    const files = cacheFiles(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^validate-v\d+\.\d+\.\d+-/);
    const file = path.join(dir, "code", files[0]!);
    const before = { bytes: readFileSync(file), mtime: statSync(file).mtimeMs };
    expect(before.bytes.length).toBeGreaterThan(10_000);

    const second = await cjm(["validate", MAP], { env: { CJM_CACHE_DIR: dir } });
    expect(second.code).toBe(0);
    expect(second.stderr).toBe(first.stderr);
    // Accepted by V8, so not rewritten.
    expect(statSync(file).mtimeMs).toBe(before.mtime);
    expect(readFileSync(file).equals(before.bytes)).toBe(true);
  });

  it("a corrupt cache file is replaced and the run is unaffected", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cjm-cache-"));
    await cjm(["validate", MAP], { env: { CJM_CACHE_DIR: dir } });
    const file = path.join(dir, "code", cacheFiles(dir)[0]!);
    writeFileSync(file, Buffer.from("not a V8 code cache at all"));
    const r = await cjm(["validate", MAP], { env: { CJM_CACHE_DIR: dir } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("no problems");
    expect(readFileSync(file).length).toBeGreaterThan(10_000);
  });

  it("a cache folder that cannot be created or written is no cache, not an error", async () => {
    const parent = mkdtempSync(path.join(tmpdir(), "cjm-cache-"));
    const blocker = path.join(parent, "file");
    writeFileSync(blocker, "");
    // A folder under a regular file can never be created (ENOTDIR), even as root.
    const r = await cjm(["validate", MAP], { env: { CJM_CACHE_DIR: path.join(blocker, "cjm") } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("no problems");
    expect(r.stderr).not.toMatch(/ENOTDIR|Error/);

    const ro = path.join(parent, "ro");
    mkdirSync(ro);
    chmodSync(ro, 0o500);
    const r2 = await cjm(["validate", MAP], { env: { CJM_CACHE_DIR: ro } });
    expect(r2.code).toBe(0);
  });

  it("words that are not commands share one cache file: a typo never adds a file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cjm-cache-"));
    for (const word of ["valdate", "frobnicate", "zz"]) expect((await cjm([word], { env: { CJM_CACHE_DIR: dir } })).code).toBe(2);
    expect((await cjm(["--version"], { env: { CJM_CACHE_DIR: dir } })).code).toBe(0);
    expect(cacheFiles(dir).map((f) => f.split("-")[0])).toEqual(["other"]);
  });

  it("the scripts the caches are for are ASCII, so each is read as a one-byte string", () => {
    for (const name of ["cli.cjs", "worker-script.cjs"]) {
      const bytes = readFileSync(path.join(import.meta.dirname, "..", "dist", "bundle", name));
      expect(bytes.length).toBeGreaterThan(100_000);
      expect(bytes.findIndex((b) => b > 0x7f)).toBe(-1);
    }
  });

  it("batch workers keep their own cache: written by a first --jobs 2 run, used by the next; a corrupt one is replaced; the outputs never change", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cjm-cache-"));
    const maps = ["bank-onboarding.yaml", "bank-onboarding-future.yaml", "achat-smartphone.yaml"].map((m) => path.join(EXAMPLES, m));
    const outputs = (out: string) => Object.fromEntries(readdirSync(out).sort().map((f) => [f, readFileSync(path.join(out, f), "utf8")]));
    const render = async (env: Record<string, string>) => {
      const out = mkdtempSync(path.join(tmpdir(), "cjm-cache-out-"));
      const r = await cjm(["render", ...maps, "--jobs", "2", "--format", "markdown,mermaid,html", "--out", out], { env: { CJM_CACHE_DIR: dir, ...env } });
      expect(r.code).toBe(0);
      return { r, files: outputs(out) };
    };
    const uncached = await render({ CJM_NO_COMPILE_CACHE: "1" });
    expect(cacheFiles(dir)).toEqual([]);
    const first = await render({});
    const worker = cacheFiles(dir).filter((f) => f.startsWith("_worker-"));
    expect(worker).toHaveLength(1);
    const file = path.join(dir, "code", worker[0]!);
    const mtime = statSync(file).mtimeMs;
    expect(statSync(file).size).toBeGreaterThan(100_000);
    const second = await render({});
    expect(statSync(file).mtimeMs).toBe(mtime);
    writeFileSync(file, Buffer.from("not a V8 code cache at all"));
    const third = await render({});
    expect(statSync(file).size).toBeGreaterThan(100_000);
    for (const run of [first, second, third]) {
      expect(run.files).toEqual(uncached.files);
      const shown = (stderr: string) => stderr.replace(/cjm-cache-out-\w+/g, "OUT");
      expect(shown(run.r.stderr)).toBe(shown(uncached.r.stderr));
    }
    expect(Object.keys(uncached.files).length).toBeGreaterThan(6);
  });

  it("CJM_NO_COMPILE_CACHE turns it off", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cjm-cache-"));
    const r = await cjm(["validate", MAP], { env: { CJM_CACHE_DIR: dir, CJM_NO_COMPILE_CACHE: "1" } });
    expect(r.code).toBe(0);
    expect(cacheFiles(dir)).toEqual([]);
  });
});
