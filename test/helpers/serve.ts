import { spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { BIN } from "./cli.js";

export interface Served {
  child: ChildProcess;
  url: string;
  port: number;
  log: () => string;
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the real `cjm serve` and waits for the URL it prints. */
export function serve(args: string[], cwd: string): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "serve", ...args], { cwd, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    const timer = setTimeout(() => reject(new Error(`cjm serve did not start:\n${log}`)), 30_000);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on("exit", (code, signal) => r({ code, signal })));
    child.stdout!.setEncoding("utf8").on("data", (d: string) => (log += d));
    child.stderr!.setEncoding("utf8").on("data", (d: string) => {
      log += d;
      const m = /cjm serve: (http:\/\/[^ ]+:(\d+)\/)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve({
          child,
          url: m[1]!,
          port: Number(m[2]),
          log: () => log,
          stop: async () => {
            if (child.exitCode === null) child.kill("SIGINT");
            return exited;
          },
        });
      }
    });
    child.on("exit", () => reject(new Error(`cjm serve exited:\n${log}`)));
  });
}

/** A raw GET: the path is sent exactly as given, with the Host header given. */
export function get(port: number, rawPath: string, host = `127.0.0.1:${port}`): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    // An empty `host` sends no Host header at all.
    const req = request({ host: "127.0.0.1", port, path: rawPath, headers: host === "" ? {} : { host }, setHost: host !== "", agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}
