import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync, watch, type FSWatcher } from "node:fs";
import path from "node:path";
import { checkSettings, findConfig, type ProjectConfig } from "../../../config/config.js";
import { hasErrors } from "../../../diagnostics/diagnostic.js";
import { formatPretty } from "../../../diagnostics/formatters/pretty.js";
import type { Locale } from "../../../model/types.js";
import type { SavedView } from "../../../render/html/saved-view.js";
import { removeServeDiscovery, writeServeDiscovery } from "../../../serve/discovery.js";
import { startServer } from "../../../serve/server.js";
import { Site, type BuildSettings } from "../../../serve/site.js";
import { buildReport } from "../../../pipeline/check.js";
import { messageLanguage, say } from "../../../i18n/lang.js";
import { VERSION } from "../../../version.js";
import { EXIT, UsageError, colorEnabled, usageErrorText, type Io } from "../../io.js";
import { missingPaths, parseMegabytes, type CommandInput } from "../../options.js";
import { projectConfig } from "../../project.js";

interface ServeFlags {
  port?: string;
  host: string;
  allowHost?: string[];
  open?: boolean;
  locale?: Locale;
  templates?: string;
  root?: string;
  maxSize?: string;
}

const SETTLE_MS = 40;
const SKIP_DIRS = new Set(["node_modules", ".git"]);

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new UsageError({ en: `--port takes a port number from 0 to 65535; got \`${value}\``, fr: `--port attend un numéro de port de 0 à 65535 ; reçu \`${value}\`` });
  }
  return n;
}

/**
 * `cjm serve`: the portfolio and every report, rendered in memory by the render pipeline, served
 * on loopback; pages update by themselves on save, and a map that breaks shows its diagnostics
 * over its last good version. Runs until Ctrl-C.
 */
export async function serveCommand(io: Io, { args, options, explicit }: CommandInput<ServeFlags>): Promise<number> {
  const paths = args.length > 0 ? args : ["."];
  const port = parsePort(options.port);
  const maxFileBytes = parseMegabytes(options.maxSize, "--max-size");
  const settings = async (): Promise<BuildSettings> => {
    const config: ProjectConfig | undefined = await projectConfig(io, maxFileBytes);
    const locale = explicit.has("locale") ? options.locale : (config?.locale ?? options.locale);
    const templates = explicit.has("templates") ? options.templates : (config?.templates ?? options.templates);
    return {
      process: {
        ...checkSettings(config),
        ...(config?.views !== undefined && { views: config.views as Record<string, SavedView> }),
        ...(options.root !== undefined && { root: options.root }),
        ...(maxFileBytes !== undefined && { maxFileBytes }),
        render: {
          ...(locale !== undefined && { locale }),
          ...(templates !== undefined && { templatesDir: path.resolve(io.cwd, templates) }),
        },
      },
      ...(locale !== undefined && { locale }),
      ...(templates !== undefined && { templatesDir: path.resolve(io.cwd, templates) }),
    };
  };

  const site = new Site({ cwd: io.cwd, paths });
  const color = colorEnabled(io, io.stderrIsTTY);
  // Files a map reads from outside the served folders (a shared persona file): watched too.
  let dependencies: string[] = [];
  const build = async (): Promise<void> => {
    const started = Date.now();
    let built;
    try {
      built = await site.build(await settings());
    } catch (e) {
      // A broken config while serving: say so and keep the last good pages.
      if (e instanceof UsageError) {
        io.stderr(usageErrorText(io, e));
        return;
      }
      throw e;
    }
    if (built.missing.length > 0 && site.version === 1) throw missingPaths(built.missing);
    dependencies = built.results.flatMap((r) => r.dependencies);
    const lang = messageLanguage(io.lang, io.env);
    for (const name of built.outside) {
      io.stderr(lang === "fr"
        ? `cjm serve : \`${name}\` mène hors des dossiers servis (un lien symbolique ?) : non servi\n`
        : `cjm serve: \`${name}\` leads outside the served folders (a symbolic link?): not served\n`);
    }
    const report = buildReport({ results: built.results, pathDiagnostics: [] }, [], lang);
    const errors = report.diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0) io.stderr(await formatPretty({ ...report, diagnostics: errors }, { color, toolVersion: VERSION, lang }));
    const ms = Date.now() - started;
    io.stderr(lang === "fr"
      ? `cjm serve : ${report.filesChecked} ${report.filesChecked <= 1 ? "carte rendue" : "cartes rendues"} en ${ms} ms${hasErrors(errors) ? `, ${say(lang, "error", { n: errors.length })} ${errors.length <= 1 ? "affichée" : "affichées"} par-dessus les dernières pages correctes` : ""}\n`
      : `cjm serve: ${report.filesChecked} ${report.filesChecked === 1 ? "map" : "maps"} rendered in ${ms} ms${hasErrors(errors) ? `, ${errors.length} ${errors.length === 1 ? "error" : "errors"} shown over the last good pages` : ""}\n`);
  };
  await build();

  const server = await startServer(site, { host: options.host, ...(port !== undefined && { port }), allowHosts: options.allowHost ?? [], cwd: io.cwd }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "EADDRINUSE") {
      throw new UsageError(
        { en: `port ${port} is in use`, fr: `le port ${port} est déjà pris` },
        { en: "choose another with `--port`, or leave it out to take a free one", fr: "choisissez-en un autre avec `--port`, ou omettez-le pour en prendre un libre" },
      );
    }
    if (e.code === "EADDRNOTAVAIL" || e.code === "ENOTFOUND") {
      throw new UsageError({
        en: `cannot listen on \`${options.host}\`: no such address on this machine`,
        fr: `impossible d'écouter sur \`${options.host}\` : cette machine n'a pas cette adresse`,
      });
    }
    throw new UsageError({ en: `cannot start the server: ${e.message}`, fr: `impossible de démarrer le serveur : ${e.message}` });
  });
  const fr = messageLanguage(io.lang, io.env) === "fr";
  io.stderr(fr ? `cjm serve : ${server.url} (Ctrl-C pour arrêter)\n` : `cjm serve: ${server.url} (Ctrl-C stops)\n`);
  // Editors (the language server) find the page of a map here.
  const discover = () => {
    // A map's report is its shortest page (`<id>.html`; saved views are `<id>.<view>.html`).
    const pages: Record<string, string> = {};
    for (const [page, p] of site.pages) {
      if (p.source !== undefined && (pages[p.source] === undefined || page.length < pages[p.source]!.length)) pages[p.source] = page;
    }
    writeServeDiscovery(io.env, { pid: process.pid, url: server.url, pages });
  };
  discover();

  // Watch the served folders, the config and the templates: any save rebuilds, once things settle.
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(async () => {
        await build();
        watchDependencies();
        server.notify();
        discover();
      }).catch((e: unknown) => {
        const why = (e as Error)?.message ?? String(e);
        io.stderr(fr ? `cjm serve : échec de la reconstruction : ${why}\n` : `cjm serve: rebuild failed: ${why}\n`);
      });
    }, SETTLE_MS);
  };
  const watchDir = (dir: string, deep: boolean) => {
    if (watchers.has(dir) || !existsSync(dir)) return;
    try {
      const w = watch(dir, (_event, name) => {
        if (!name || /\.tmp$|~$|^\.#/.test(name.toString())) return;
        const full = path.join(dir, name.toString());
        if (deep && existsSync(full) && statSync(full).isDirectory()) watchTree(full);
        changed();
      });
      w.on("error", () => undefined);
      watchers.set(dir, w);
    } catch {
      // a folder that vanished or cannot be watched: the others still are
    }
  };
  const watchTree = (dir: string) => {
    watchDir(dir, true);
    try {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory() && !SKIP_DIRS.has(e.name) && !e.name.startsWith(".")) watchTree(path.join(dir, e.name));
      }
    } catch {
      // unreadable: reported by the build
    }
  };
  for (const p of paths) {
    const full = path.resolve(io.cwd, p);
    if (existsSync(full) && statSync(full).isDirectory()) watchTree(full);
    else watchDir(path.dirname(full), false);
  }
  const config = findConfig(io.cwd);
  watchDir(config ? path.dirname(config) : io.cwd, false);
  const watchDependencies = () => {
    for (const dep of dependencies) watchDir(path.dirname(dep), false);
  };
  watchDependencies();
  const templates = options.templates ?? (await projectConfig(io, maxFileBytes).catch(() => undefined))?.templates;
  if (templates) watchTree(path.resolve(io.cwd, templates));

  if (options.open) {
    const opener = process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
    const cannotOpen = fr ? `cjm serve : impossible d'ouvrir un navigateur ; allez sur ${server.url}\n` : `cjm serve: could not open a browser; go to ${server.url}\n`;
    try {
      spawn(opener, [server.url], { stdio: "ignore", detached: true }).on("error", () => io.stderr(cannotOpen)).unref();
    } catch {
      io.stderr(cannotOpen);
    }
  }

  return new Promise<number>((resolve) => {
    io.onInterrupt(async () => {
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      await server.close();
      removeServeDiscovery(io.env, process.pid);
      resolve(EXIT.ok);
    });
  });
}
