// Issue 14 item 17: standard input is capped while it is read, so an endless (or huge) stream is
// refused after the cap instead of being read whole into memory.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN } from "../helpers/cli.js";

describe("standard input is capped while reading", () => {
  it("an endless stream on stdin is refused as file-too-large at the cap", async () => {
    const child = spawn(process.execPath, [BIN, "validate", "-", "--format", "json", "--max-size", "2"], {
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    let sent = 0;
    let open = true;
    const chunk = Buffer.from(`cjm: 1\n${"# filler line of a map that never ends\n".repeat(1600)}`);
    child.stdin.on("error", () => (open = false));
    const pump = () => {
      while (open && sent < 2 * 1024 ** 3) {
        sent += chunk.length;
        if (!child.stdin.write(chunk)) return void child.stdin.once("drain", pump);
      }
    };
    pump();
    const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    clearTimeout(killer);
    open = false;
    expect(code).toBe(1);
    expect(JSON.parse(stdout).diagnostics[0]).toMatchObject({ code: "file-too-large", file: "<stdin>" });
    // It stopped reading near the cap, not after the whole stream.
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  }, 60_000);
});
