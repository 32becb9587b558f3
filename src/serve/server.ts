import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { overlayHtml, servedPage, SERVE_CSP } from "./live.js";
import type { Site } from "./site.js";

export const DEFAULT_PORT = 4178;
const FALLBACK_TRIES = 10;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export interface ServeOptions {
  host: string;
  /** Undefined: the default port, or the next free one. A number given is that port or an error. */
  port?: number;
  /** Names the `Host` header may carry besides the loopback ones (with `--host`). */
  allowHosts: readonly string[];
  cwd: string;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Tells every open page that a new build is ready. */
  notify(): void;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host);
}

/** `Host` values accepted: the loopback names with the port, and with `--host` the names allowed. */
export function allowedHosts(options: ServeOptions, port: number): Set<string> {
  const names = ["localhost", "127.0.0.1", "[::1]"];
  if (!isLoopback(options.host)) names.push(options.host.includes(":") ? `[${options.host}]` : options.host, ...options.allowHosts);
  return new Set(names.map((n) => `${n.toLowerCase()}:${port}`));
}

/**
 * The page a URL names, or why not. Only pages the site rendered are ever sent: nothing is read
 * from disk by URL, and a path with `..`, a backslash or a NUL (in any encoding) is refused.
 */
export function resolvePage(rawUrl: string): { page: string } | { status: number } {
  if (/\\|%5c|%00|\0/i.test(rawUrl)) return { status: 400 };
  let pathname: string;
  try {
    const raw = rawUrl.split(/[?#]/, 1)[0]!;
    pathname = decodeURIComponent(raw);
    if (/%[0-9a-f]{2}/i.test(pathname)) pathname = decodeURIComponent(pathname);
  } catch {
    return { status: 400 };
  }
  if (!pathname.startsWith("/") || pathname.split("/").some((s) => s === ".." || s === ".")) return { status: 400 };
  const page = pathname === "/" ? "index.html" : pathname.slice(1);
  return { page };
}

export async function startServer(site: Site, options: ServeOptions): Promise<RunningServer> {
  const streams = new Set<ServerResponse>();
  let port = 0;
  let allowed = new Set<string>();

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, text: string) => {
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff", "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : text);
    };
    // DNS rebinding: a page on another site that resolves its name to 127.0.0.1 sends its own Host.
    const host = (req.headers.host ?? "").toLowerCase();
    if (!allowed.has(host)) return send(403, `cjm serve: Host \`${host.slice(0, 100)}\` is not allowed\n`);
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "cjm serve: only GET\n");
    const url = req.url ?? "/";
    if (url === "/__cjm/events") {
      res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" });
      res.write(`retry: 500\ndata: ${site.version}\n\n`);
      streams.add(res);
      req.on("close", () => streams.delete(res));
      return;
    }
    const found = resolvePage(url);
    if ("status" in found) return send(found.status, "cjm serve: bad path\n");
    const page = site.pages.get(found.page);
    if (!page) return send(404, `cjm serve: no page \`${found.page.slice(0, 200)}\`\n`);
    const body = servedPage(page.content, overlayHtml(site.problemsFor(found.page), options.cwd));
    res.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": SERVE_CSP,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "cache-control": "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  };

  const server = createServer(handle);
  server.keepAliveTimeout = 1000;
  const listen = (p: number) =>
    new Promise<Server>((resolve, reject) => {
      const onError = (e: Error) => {
        server.off("listening", onListening);
        reject(e);
      };
      const onListening = () => {
        server.off("error", onError);
        resolve(server);
      };
      server.once("error", onError);
      server.once("listening", onListening);
      server.listen(p, options.host);
    });
  if (options.port !== undefined) await listen(options.port);
  else {
    let bound = false;
    for (let i = 0; i < FALLBACK_TRIES && !bound; i++) {
      try {
        await listen(DEFAULT_PORT + i);
        bound = true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE") throw e;
      }
    }
    if (!bound) await listen(0);
  }
  port = (server.address() as AddressInfo).port;
  allowed = allowedHosts(options, port);
  const shownHost = isLoopback(options.host) ? "127.0.0.1" : options.host.includes(":") ? `[${options.host}]` : options.host;
  const heartbeat = setInterval(() => {
    for (const s of streams) s.write(": keep-alive\n\n");
  }, 15_000);
  heartbeat.unref();

  return {
    url: `http://${shownHost}:${port}/`,
    port,
    notify() {
      for (const s of streams) s.write(`data: ${site.version}\n\n`);
    },
    close() {
      clearInterval(heartbeat);
      for (const s of streams) s.end();
      streams.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
