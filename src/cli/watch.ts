import { existsSync, readdirSync, statSync, watch, type Dirent, type FSWatcher } from "node:fs";
import path from "node:path";
import type { Processed } from "../pipeline/process.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { loadFormatter } from "../diagnostics/formatters/index.js";
import { counts } from "../diagnostics/report.js";
import { messageLanguage, say } from "../i18n/lang.js";
import type { InputRef } from "../load/read.js";
import type { RenderRun } from "../pipeline/render.js";
import { colorEnabled, type Io } from "./io.js";
import { VERSION } from "../version.js";

const JOURNEY_FILE = /\.(ya?ml|json)$/i;
const SETTLE_MS = 60;

/**
 * Re-renders what changed until Ctrl-C: a journey file itself, or every journey that uses a persona
 * file that changed. Survives errors (they are reported, the previous outputs stay), prints one
 * line per rebuild.
 */
export function watchInputs(
  io: Io,
  paths: readonly string[],
  initial: readonly Processed[],
  rebuild: (inputs: InputRef[]) => Promise<RenderRun>,
): Promise<number> {
  const lang = messageLanguage(io.lang, io.env);
  const fr = lang === "fr";
  const journeys = new Set<string>();
  const users = new Map<string, Set<string>>();
  const learn = (results: readonly Processed[]) => {
    for (const r of results) {
      if (r.skipped) continue;
      journeys.add(r.input.absolutePath);
      // Forget what the map used before this build: it may have dropped a persona file.
      for (const dependents of users.values()) dependents.delete(r.input.absolutePath);
      for (const dep of r.dependencies) {
        if (!users.has(dep)) users.set(dep, new Set());
        users.get(dep)!.add(r.input.absolutePath);
      }
    }
  };
  learn(initial);

  const watchers = new Map<string, FSWatcher>();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  // Each folder is watched on its own: Node's recursive watch on Linux loses a file that an editor
  // replaces (write to a temp file, rename over), a folder watch does not.
  const watchDir = (dir: string) => {
    if (watchers.has(dir) || !existsSync(dir)) return;
    const watcher = watch(dir, (_event, name) => {
      if (!name) return;
      const file = path.resolve(dir, name.toString());
      if (!JOURNEY_FILE.test(file)) {
        if (existsSync(file) && statSync(file).isDirectory()) watchTree(file);
        return;
      }
      pending.add(file);
      clearTimeout(timer);
      timer = setTimeout(() => {
        running = running.then(flush);
      }, SETTLE_MS);
    });
    watcher.on("error", () => undefined);
    watchers.set(dir, watcher);
  };
  const watchTree = (dir: string) => {
    watchDir(dir);
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules") watchTree(path.join(dir, e.name));
    }
  };
  const watchAll = () => {
    for (const p of paths) {
      if (p === "-") continue;
      const absolute = path.resolve(io.cwd, p);
      if (existsSync(absolute) && statSync(absolute).isDirectory()) watchTree(absolute);
      else watchDir(path.dirname(absolute));
    }
    for (const file of [...journeys, ...users.keys()]) watchDir(path.dirname(file));
  };

  const flush = async () => {
    const changed = [...pending];
    pending.clear();
    const affected = new Set<string>();
    const removed: string[] = [];
    for (const file of changed) {
      if (!existsSync(file) && journeys.delete(file)) removed.push(path.relative(io.cwd, file) || file);
      if (journeys.has(file) || !users.has(file)) affected.add(file);
      for (const user of users.get(file) ?? []) affected.add(user);
    }
    const start = performance.now();
    let run: RenderRun;
    try {
      run = await rebuild([...affected].sort().map((absolutePath) => ({ name: absolutePath, absolutePath })));
    } catch (e) {
      io.stderr(fr ? `${clock()} échec de la reconstruction : ${(e as Error).message}\n` : `${clock()} rebuild failed: ${(e as Error).message}\n`);
      return;
    }
    learn(run.results);
    watchAll();
    if (removed.length > 0) io.stderr(fr ? `${clock()} ${removed.join(", ")} retiré(s) de l'index\n` : `${clock()} removed ${removed.join(", ")} from the index\n`);
    const rendered = run.results.filter((r) => !r.skipped);
    if (rendered.length === 0) return;
    const ms = Math.round(performance.now() - start);
    const { errors, warnings } = counts(run.report);
    if (run.report.diagnostics.length > 0) {
      const pretty = await loadFormatter("pretty");
      const text = await pretty(run.report, { color: colorEnabled(io, io.stderrIsTTY), toolVersion: VERSION, lang });
      io.stderr(text.replace(/\n\n[^\n]*$/, "\n"));
    }
    const state = hasErrors(run.report.diagnostics)
      ? `${say(lang, "error", { n: errors })}${warnings ? `, ${say(lang, "warning", { n: warnings })}` : ""} (${fr ? "sorties précédentes conservées" : "previous outputs kept"})`
      : warnings
        ? say(lang, "warning", { n: warnings })
        : "ok";
    const names = rendered.map((r) => path.relative(io.cwd, r.input.absolutePath) || r.input.absolutePath);
    const what = names.length === 1 ? names[0] : fr ? `${names.length} cartes` : `${names.length} maps`;
    io.stderr(fr ? `${clock()} ${what} reconstruit(es) en ${ms} ms : ${state}\n` : `${clock()} rebuilt ${what} in ${ms} ms: ${state}\n`);
  };

  watchAll();
  io.stderr(fr
    ? `surveillance de ${say(lang, "journey", { n: journeys.size })} (Ctrl-C pour arrêter)\n`
    : `watching ${say(lang, "journey", { n: journeys.size })} for changes (Ctrl-C to stop)\n`);
  return new Promise<number>(() => {
    io.onInterrupt(() => {
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
    });
  });
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}
