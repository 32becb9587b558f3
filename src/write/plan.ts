import { statSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { displayName, readRegularFileSync } from "../load/read.js";
import { inside, realPathOf } from "../load/root.js";
import type { Texts } from "../diagnostics/diagnostic.js";
import { commitStaged, stageFile } from "./atomic.js";

/** A reason the whole run stops before anything is written: exit 2 at the CLI. */
export interface PlanProblem {
  message: Texts;
  help: Texts;
}

/**
 * The outputs of a run, checked before any becomes visible. Outputs are staged as temporary files
 * beside their targets while the run goes on (memory stays flat), and swapped in by `commit` only
 * once every check that can stop the run has passed: the same inputs give the same written set
 * whatever the job count. The checks: every output folder stays under the real `--out` once
 * symbolic links are resolved, and no output replaces an input or a persona file, compared by
 * device and inode (a link or another spelling of the path is the same file).
 */
export class OutputPlan {
  /** In the order `stage` was called (a slot is taken before any wait), whatever order the writes end in. */
  private readonly staged: ({ temp: string; target: string; source: string } | undefined)[] = [];
  /** Temporary files being written: an interrupted run removes them too. */
  private readonly writing = new Set<string>();
  private readonly targets: string[] = [];
  private readonly protectedPaths = new Set<string>();
  private readonly protectedIds = new Set<string>();
  private readonly folders = new Map<string, Promise<string | undefined>>();
  private realOut: Promise<string> | undefined;
  /** Staged files written synchronously (with several lanes, the cores are busy rendering), else not. */
  syncWrites = true;
  /** Outputs already in place with the very bytes of this run: counted as written, not rewritten. */
  private readonly kept = new Map<string, number>();
  /** Set by the first check that failed; later stages are skipped. */
  problem: PlanProblem | undefined;

  constructor(
    readonly outDir: string,
    private readonly cwd: string,
  ) {}

  /** Files no output may replace: the inputs (collected first) and the persona files they read. */
  protect(files: Iterable<string>): void {
    for (const file of files) {
      const absolute = path.resolve(file);
      if (this.protectedPaths.has(absolute)) continue;
      this.protectedPaths.add(absolute);
      const id = fileId(absolute);
      if (id) this.protectedIds.add(id);
    }
  }

  /** Records an output path (relative to `--out`) after checking its folder; undefined once the run must stop. */
  async place(relative: string): Promise<string | undefined> {
    if (this.problem) return undefined;
    const target = path.join(this.outDir, relative);
    const dir = path.dirname(target);
    let checked = this.folders.get(dir);
    if (!checked) {
      checked = this.escapingFolder(dir);
      this.folders.set(dir, checked);
    }
    const escaping = await checked;
    if (escaping !== undefined) {
      this.problem ??= {
        message: {
          en: `the output folder \`${this.shown(escaping)}\` leads outside \`${this.shown(this.outDir)}\` (a symbolic link), so \`${relative}\` would be written elsewhere; nothing was written`,
          fr: `le dossier de sortie \`${this.shown(escaping)}\` mène hors de \`${this.shown(this.outDir)}\` (un lien symbolique) : \`${relative}\` serait écrit ailleurs ; rien n'a été écrit`,
        },
        help: { en: "remove the link, or write the outputs to another folder with `--out <dir>`", fr: "supprimez le lien, ou écrivez les sorties dans un autre dossier avec `--out <dossier>`" },
      };
      return undefined;
    }
    this.targets.push(target);
    return target;
  }

  /** Places an output of `source` and writes it to a temporary file beside its target. */
  async stage(relative: string, content: string | Uint8Array, source: string): Promise<void> {
    const slot = this.staged.push(undefined) - 1;
    const target = await this.place(relative);
    if (target === undefined) return;
    if (holdsExactly(target, content)) {
      this.kept.set(source, (this.kept.get(source) ?? 0) + 1);
      return;
    }
    let temp: string | undefined;
    try {
      temp = await stageFile(
        target,
        content,
        (t) => {
          temp = t;
          this.writing.add(t);
        },
        this.syncWrites,
      );
      this.staged[slot] = { temp, target, source };
    } finally {
      if (temp !== undefined) this.writing.delete(temp);
    }
  }

  /** The first output that would replace an input, checked once every input and persona file is known. */
  overInput(): PlanProblem | undefined {
    for (const target of this.targets) {
      const id = fileId(target);
      if (this.protectedPaths.has(target) || (id !== undefined && this.protectedIds.has(id))) {
        return {
          message: {
            en: `--out would overwrite the input \`${this.shown(target)}\` with \`${path.relative(this.outDir, target).split(path.sep).join("/")}\`; nothing was written`,
            fr: `--out écraserait l'entrée \`${this.shown(target)}\` par \`${path.relative(this.outDir, target).split(path.sep).join("/")}\` ; rien n'a été écrit`,
          },
          help: { en: "write the outputs to another folder, e.g. `--out out`", fr: "écrivez les sorties dans un autre dossier, par exemple `--out out`" },
        };
      }
    }
    return undefined;
  }

  /**
   * Swaps every staged file in; returns how many. A file that cannot be swapped in is reported to
   * `failed` (a diagnostic for its map); the others are still swapped in.
   */
  async commit(failed: (source: string, target: string, e: unknown) => void): Promise<number> {
    let done = [...this.kept.values()].reduce((a, b) => a + b, 0);
    this.kept.clear();
    const failures: { source: string; target: string; e: unknown }[] = [];
    await eachLimited(this.staged, RENAMES_AT_ONCE, async (staged, i) => {
      if (staged === undefined) return;
      const { temp, target, source } = staged;
      try {
        await commitStaged(temp, target);
        done++;
      } catch (e) {
        failures[i] = { source, target, e };
      }
    });
    // Reported in the order the outputs were staged, whatever order the renames ended in.
    for (const f of failures) if (f) failed(f.source, f.target, f.e);
    this.staged.length = 0;
    return done;
  }

  /** Drops what `source` has staged, once a write of it failed: none of its outputs is swapped in. */
  async unstage(source: string): Promise<void> {
    this.kept.delete(source);
    for (const [i, s] of this.staged.entries()) {
      if (s?.source !== source) continue;
      this.staged[i] = undefined;
      await rm(s.temp, { force: true });
    }
  }

  /** Removes the staged files (and those being written, for an interrupted run). */
  async discard(): Promise<void> {
    const temps = [...this.staged.flatMap((s) => (s ? [s.temp] : [])), ...this.writing];
    this.staged.length = 0;
    for (const temp of temps) await rm(temp, { force: true });
  }

  /** The first folder from `--out` down to `dir` whose real path is not under the real `--out`. */
  private async escapingFolder(dir: string): Promise<string | undefined> {
    this.realOut ??= realPathOf(this.outDir);
    const realOut = await this.realOut;
    if (!inside(this.outDir, dir)) return dir;
    const parts = path.relative(this.outDir, dir).split(path.sep).filter(Boolean);
    let current = this.outDir;
    for (const part of parts) {
      current = path.join(current, part);
      if (!inside(realOut, await realPathOf(current))) return current;
    }
    return undefined;
  }

  private shown(p: string): string {
    return displayName(p, this.cwd) || ".";
  }
}

/**
 * Whether `target` is already a regular file of its own (not a link, no other name) holding exactly
 * `content`: then it is left as it is, modification time included. A batch rendered again into the
 * same folder rewrites nothing that did not change, and a rename over an existing file is what
 * costs (ext4 starts writing the new file out at once: 6,000 of them took 1–2 s here).
 */
function holdsExactly(target: string, content: string | Uint8Array): boolean {
  const length = typeof content === "string" ? Buffer.byteLength(content, "utf8") : content.byteLength;
  const existing = readRegularFileSync(target, (info) => info.nlink === 1 && info.size === length, true);
  return existing !== undefined && existing.equals(typeof content === "string" ? Buffer.from(content, "utf8") : content);
}

/**
 * Device and inode of the file at `file` (links followed), or undefined when there is none. Asked
 * synchronously, as the renames are: a 1,000-map batch checks ~6,000 outputs, and one call in flight
 * at a time left the process idle on libuv's thread pool while 16 at a time cost 3× the CPU of a loop.
 */
function fileId(file: string): string | undefined {
  try {
    const info = statSync(file, { bigint: true, throwIfNoEntry: false });
    return info ? `${info.dev}:${info.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Renames in flight at once when a run swaps in its outputs: one at a time left the process idle
 * on libuv's thread pool (a 1,000-map batch swaps in ~6,000 files, each rename over an existing
 * output waits on the disk).
 */
const RENAMES_AT_ONCE = 16;

/** Runs `f` on each item, at most `limit` at once; resolves when every call has ended. */
async function eachLimited<T>(items: readonly T[], limit: number, f: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      await f(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
