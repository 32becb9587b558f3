// Issue 14 item 15: a SIGKILLed cjm leaves no Chromium running, and the next run removes the
// profile it left (only profiles whose owning process is gone).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, cjm, tempDir } from "../helpers/cli.js";
import { minimalMap } from "./helpers.js";

/** Live processes whose command line mentions `needle`, as `<pid> <command line>` (read from /proc). */
function processesWith(needle: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
      // A zombie (exited, not yet reaped) has an empty command line: it is gone.
    } catch {
      continue;
    }
    if (cmdline.includes(needle)) found.push(`${pid} ${cmdline}`);
  }
  return found;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function deadPid(): number {
  for (let pid = 4_000_000; ; pid--) {
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ESRCH") return pid;
    }
  }
}

describe("the browser does not outlive cjm", () => {
  it("SIGKILL of cjm while printing: Chromium exits too", async () => {
    const dir = tempDir("cjm-sec-");
    const tmp = path.join(dir, "tmp");
    mkdirSync(tmp);
    for (let k = 0; k < 30; k++) writeFileSync(path.join(dir, `map${k}.yaml`), minimalMap({ title: `Map ${k}` }));
    const child = spawn(process.execPath, [BIN, "render", ".", "--format", "pdf,png", "--out", "out"], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1", TMPDIR: tmp },
      stdio: "ignore",
    });
    try {
      // Wait for the browser to be up.
      let browsers: string[] = [];
      for (let i = 0; i < 300 && browsers.length === 0; i++) {
        await sleep(100);
        browsers = processesWith(tmp).filter((l) => /chrom/i.test(l));
      }
      expect(browsers.length).toBeGreaterThan(0);
    } finally {
      child.kill("SIGKILL");
    }
    let left = processesWith(tmp);
    for (let i = 0; i < 100 && left.length > 0; i++) {
      await sleep(100);
      left = processesWith(tmp);
    }
    if (left.length > 0) for (const l of left) process.kill(Number(l.trim().split(/\s+/)[0]), "SIGKILL");
    expect(left).toEqual([]);
  }, 60_000);

  it("the next run removes profiles whose cjm is gone, and keeps those of a live one", async () => {
    const dir = tempDir("cjm-sec-");
    const tmp = path.join(dir, "tmp");
    mkdirSync(tmp);
    const stale = path.join(tmp, `cjm-chromium-${deadPid()}-AbC123`);
    const live = path.join(tmp, `cjm-chromium-${process.pid}-XyZ789`);
    for (const p of [stale, live]) {
      mkdirSync(path.join(p, "Default"), { recursive: true });
      writeFileSync(path.join(p, "Default/Preferences"), "{}");
    }
    writeFileSync(path.join(dir, "map.yaml"), minimalMap());
    const r = await cjm(["render", "map.yaml", "--format", "svg", "--out", "out"], { cwd: dir, env: { TMPDIR: tmp }, timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
    // and the run's own profile is gone too
    expect(readdirSync(tmp).filter((n) => n.startsWith("cjm-chromium-"))).toEqual([path.basename(live)]);
  }, 90_000);
});
