// A running `cjm serve` can be found by other cjm processes (the language server's code lens).
import { spawn } from "node:child_process";
import { cpSync, existsSync, readFileSync } from "node:fs";
import { get } from "node:http";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, EXAMPLES, tempDir } from "./helpers/cli.js";

function fetchText(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    }).on("error", reject);
  });
}

describe("cjm serve discovery", () => {
  it("names each served map's page in the user cache folder while it runs, and removes it on Ctrl-C", async () => {
    const dir = tempDir("cjm-serve-disc-");
    cpSync(EXAMPLES, path.join(dir, "maps"), { recursive: true });
    const cache = path.join(dir, ".user-cache");
    const child = spawn(process.execPath, [BIN, "serve", "maps", "--port", "0"], { cwd: dir, env: { ...process.env, CJM_CACHE_DIR: cache, NO_COLOR: "1" } });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      for (let i = 0; i < 600 && !/cjm serve: http:\/\//.test(stderr); i++) await new Promise((r) => setTimeout(r, 50));
      expect(stderr).toMatch(/cjm serve: http:\/\//);
      const file = path.join(cache, "serve", `${child.pid}.json`);
      for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 50));
      const discovery = JSON.parse(readFileSync(file, "utf8")) as { url: string; pages: Record<string, string> };
      const map = path.join(dir, "maps/bank-onboarding.yaml");
      expect(discovery.pages[map]).toBe("bank-onboarding.html");
      const page = await fetchText(new URL(discovery.pages[map]!, discovery.url).href);
      expect(page.status).toBe(200);
      expect(page.body).toContain("Opening a current account");
      child.kill("SIGINT");
      await exited;
      expect(existsSync(file)).toBe(false);
    } finally {
      child.kill("SIGKILL");
    }
  }, 60_000);
});
