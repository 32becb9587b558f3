import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { BIN, cjm, tempDir } from "./helpers/cli.js";
import { CASES, type CliCase } from "./cases/issue15.js";

/**
 * The CLI case table: each case writes its files into a fresh folder, runs the real bin there
 * (LANG pinned), and checks what a user sees: exit code, stdout, stderr, files written.
 */
async function runCase(c: CliCase): Promise<void> {
  const dir = tempDir("cjm-case-");
  for (const [name, content] of Object.entries(c.files ?? {})) {
    const full = path.join(dir, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  const r = await cjm(c.args, {
    cwd: path.join(dir, c.cwd ?? "."),
    env: { LANG: "C", LC_ALL: "", LC_MESSAGES: "", ...c.env },
    timeoutMs: c.timeoutMs ?? 30_000,
  });
  const where = `\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
  expect(r.timedOut, `timed out${where}`).toBe(false);
  expect(r.code, `exit code${where}`).toBe(c.expect.code);
  for (const s of c.expect.stdout ?? []) expect(r.stdout, where).toMatch(s);
  for (const s of c.expect.stderr ?? []) expect(r.stderr, where).toMatch(s);
  for (const s of c.expect.notStdout ?? []) expect(r.stdout, where).not.toMatch(s);
  for (const s of c.expect.notStderr ?? []) expect(r.stderr, where).not.toMatch(s);
  for (const f of c.expect.written ?? []) expect(existsSync(path.join(dir, f)), `${f} written${where}`).toBe(true);
  for (const f of c.expect.notWritten ?? []) expect(existsSync(path.join(dir, f)), `${f} not written${where}`).toBe(false);
  for (const [f, patterns] of Object.entries(c.expect.files ?? {})) {
    const text = readFileSync(path.join(dir, f), "utf8");
    for (const p of patterns) expect(text, `${f}`).toMatch(p);
  }
}

describe("CLI cases (issue 15)", () => {
  for (const c of CASES) it(c.name, () => runCase(c), 60_000);

  it("`cjm validate --help | head -1`: a reader that stops early is no crash", () => {
    // The real pipe, through a shell and head(1), a few times (the race shows up on most runs).
    for (let i = 0; i < 3; i++) {
      const r = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" validate --help | head -1 >/dev/null`], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
      expect(r.stderr).not.toMatch(/EPIPE|Error|    at /);
    }
  }, 30_000);
});
