// `--cache`: skip the maps whose inputs did not change since the last run into the same output
// folder, as ESLint's `--cache` does. An entry per map holds the hashes of everything its outputs
// were made from (the map, its persona and data files, the options, cjm's build) and of every file
// it wrote; a map is skipped only when all of them match and every output is still on disk with
// its recorded bytes. Its diagnostics and index summary are replayed from the entry.
//
// The cache lives in the user cache folder (or `--cache-location` from the command line), never in
// the repository: a cache file is not an input a pull request can plant.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { packageFile } from "../load/package-files.js";
import { readRegularFileSync } from "../load/read.js";
import type { JourneySummary } from "../render/summary.js";
import { userCacheFolder, writeCacheFile } from "./folder.js";

const FORMAT = 1;

export interface CacheEntry {
  /** SHA-256 of the map's bytes. */
  input: string;
  /** Absolute path → SHA-256 of every other file it was made from (persona files, data files). */
  dependencies: Record<string, string>;
  /** Output path relative to the output folder → SHA-256 of the bytes written. */
  outputs: Record<string, string>;
  diagnostics: Diagnostic[];
  summary?: JourneySummary;
  /** A file found in a folder that is not a journey (a persona file): nothing to render. */
  skipped?: boolean;
}

interface CacheFile {
  format: number;
  /** cjm's build and the options of the run: any change empties the cache. */
  key: string;
  entries: Record<string, CacheEntry>;
}

export function sha256(bytes: string | Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Larger than any input or output cjm accepts: such a file is changed, not hashed. */
const MAX_HASHED_BYTES = 1 << 30;

/**
 * The SHA-256 of a regular file, else undefined (missing, a folder, a FIFO or device: never waited
 * on). Read synchronously: a 1,000-map `--cache` run hashes ~4,000 files, and each asynchronous read
 * was four trips to libuv's thread pool; the run spent more time waiting on them than working.
 */
async function hashFile(file: string): Promise<string | undefined> {
  const bytes = readRegularFileSync(file, (info) => info.size <= MAX_HASHED_BYTES);
  return bytes && sha256(bytes);
}

/** The files of a folder, recursively, with their hashes: user templates are part of the key. */
async function hashFolder(dir: string): Promise<string> {
  const { readdir } = await import("node:fs/promises");
  const parts: string[] = [];
  const walk = async (d: string) => {
    let names;
    try {
      names = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const n of names.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, n.name);
      if (n.isDirectory()) await walk(full);
      else if (n.isFile()) parts.push(`${path.relative(dir, full)}\u0000${await hashFile(full)}`);
    }
  };
  await walk(dir);
  return sha256(parts.join("\n"));
}

/** What identifies this build of cjm: its version and its generated code (templates, validators). */
function buildId(): string {
  const parts: string[] = [];
  for (const f of ["package.json", "dist/templates-precompiled.js", "dist/validate/validators.cjs", "dist/bundle/worker-script.cjs"]) {
    try {
      parts.push(sha256(readFileSync(packageFile(f))));
    } catch {
      parts.push(f);
    }
  }
  return sha256(parts.join("|"));
}

export interface RunCacheOptions {
  /** The real output folder: one cache file per output folder. */
  outDir: string;
  /** `--cache-location` (a file) from the command line; default: the user cache folder. */
  location?: string;
  /** Everything else that changes outputs (formats, locale, diagrams, scale, rules…), as plain data. */
  options: unknown;
  templatesDir?: string;
  env?: NodeJS.ProcessEnv;
}

export class RunCache {
  private constructor(
    readonly file: string,
    private readonly key: string,
    private readonly previous: Record<string, CacheEntry>,
    private readonly outDir: string,
  ) {}

  private readonly next: Record<string, CacheEntry> = {};
  /** Maps this run looked at: their old entries are replaced (or dropped), the others kept. */
  private readonly touched = new Set<string>();
  hits = 0;

  static async open(options: RunCacheOptions): Promise<RunCache> {
    const file = options.location ?? path.join(userCacheFolder(options.env), "runs", `${sha256(options.outDir).slice(0, 32)}.json`);
    const key = sha256(
      JSON.stringify({ build: buildId(), options: options.options, templates: options.templatesDir ? await hashFolder(options.templatesDir) : null, out: options.outDir }),
    );
    let previous: Record<string, CacheEntry> = {};
    try {
      const data = JSON.parse(readFileSync(file, "utf8")) as Partial<CacheFile>;
      if (data.format === FORMAT && data.key === key && data.entries && typeof data.entries === "object") previous = data.entries;
    } catch {
      // none yet, unreadable or not ours: a cold run
    }
    return new RunCache(file, key, previous, options.outDir);
  }

  /**
   * The entry for a map if nothing it depends on changed and every output it wrote is still there
   * with the same bytes; else undefined (the map is rendered again).
   */
  async lookup(absolutePath: string, bytes: Uint8Array): Promise<CacheEntry | undefined> {
    this.touched.add(absolutePath);
    const entry = Object.hasOwn(this.previous, absolutePath) ? this.previous[absolutePath] : undefined;
    if (!entry || entry.input !== sha256(bytes)) return undefined;
    for (const [dep, hash] of Object.entries(entry.dependencies)) if ((await hashFile(dep)) !== hash) return undefined;
    for (const [out, hash] of Object.entries(entry.outputs)) if ((await hashFile(path.join(this.outDir, out))) !== hash) return undefined;
    this.hits++;
    this.next[absolutePath] = entry;
    return entry;
  }

  /** Starts the entry of a map just rendered; its outputs are added as they are written. */
  async record(
    absolutePath: string,
    bytes: Uint8Array,
    { dependencies, diagnostics, summary, skipped }: { dependencies: readonly string[]; diagnostics: Diagnostic[]; summary?: JourneySummary | undefined; skipped: boolean },
  ): Promise<void> {
    this.touched.add(absolutePath);
    const deps: Record<string, string> = {};
    for (const d of dependencies) {
      const h = await hashFile(d);
      if (h === undefined) return;
      deps[d] = h;
    }
    this.next[absolutePath] = { input: sha256(bytes), dependencies: deps, outputs: {}, diagnostics, ...(summary && { summary }), ...(skipped && { skipped }) };
  }

  wrote(absolutePath: string, output: string, content: string | Uint8Array): void {
    const entry = Object.hasOwn(this.next, absolutePath) ? this.next[absolutePath] : undefined;
    if (entry) entry.outputs[output] = sha256(content);
  }

  /** A map whose run failed (a write, a drawing) is not cached: it is rendered again next time. */
  forget(absolutePath: string): void {
    this.touched.add(absolutePath);
    delete this.next[absolutePath];
  }

  /** Written atomically; a cache that cannot be written is no cache, not an error. */
  save(): void {
    // A watch rebuild renders a few maps: the others' entries stay, while their files exist.
    const kept = Object.entries(this.previous).filter(([file]) => !this.touched.has(file) && existsSync(file));
    const data: CacheFile = { format: FORMAT, key: this.key, entries: { ...Object.fromEntries(kept), ...this.next } };
    writeCacheFile(this.file, JSON.stringify(data));
  }
}
