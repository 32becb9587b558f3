import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync, type Dirent } from "node:fs";
import { link, mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { processAlive } from "./process-alive.js";

function tempPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/** Folders already made in this process: a batch writes thousands of files into a few folders. */
const made = new Set<string>();

async function ensureDir(dir: string): Promise<void> {
  if (made.has(dir)) return;
  await mkdir(dir, { recursive: true });
  made.add(dir);
}

/**
 * Writes a file so that readers see the old content or the new, never half of it: the bytes go to
 * a temporary file beside the target, then a rename swaps it in.
 */
export async function writeAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await ensureDir(path.dirname(target));
  const temp = tempPath(target);
  try {
    await writeFile(temp, data);
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/**
 * Writes `data` to a temporary file beside `target` and returns its path, for `commitStaged` to
 * swap in once the whole run is known to be fine (or for `rm` when it is not).
 */
export async function stageFile(target: string, data: string | Uint8Array, onTemp?: (temp: string) => void, sync = true): Promise<string> {
  await ensureDir(path.dirname(target));
  const temp = tempPath(target);
  onTemp?.(temp);
  // Written synchronously with several lanes (`sync`): a batch stages thousands of new small files,
  // and each asynchronous write is three trips through libuv's thread pool (open, write, close);
  // 6,000 files of 20 KB took 25-45 % more CPU that way here, CPU the lanes rendering on both cores
  // did not get (two jobs, asynchronous: 12.8 s against 11.2 s). With one job the asynchronous write
  // lets the disk work overlap the rendering on the idle core instead.
  try {
    if (sync) writeFileSync(temp, data);
    else await writeFile(temp, data);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  return temp;
}

/**
 * Swaps a staged file in. Asynchronous, unlike the staging: a rename over an existing output makes
 * ext4 start writing the new file out (`auto_da_alloc`), and 6,000 of them one after the other took
 * 2 s where 16 in flight took a few hundred milliseconds.
 */
export async function commitStaged(temp: string, target: string): Promise<void> {
  try {
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Removes the temporary files a killed run left behind (its process is gone), below `dir`. Targets
 * are never partial; this keeps the folder clean too.
 */
export async function removeStaleTemps(dir: string): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) await removeStaleTemps(full);
    const pid = TEMP_NAME.exec(e.name)?.[1];
    if (e.isFile() && pid !== undefined && !processAlive(Number(pid))) await rm(full, { force: true });
  }
}

/** Like writeAtomic, but fails with EEXIST instead of replacing a file that is already there. */
export async function createAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = tempPath(target);
  try {
    await writeFile(temp, data);
    await link(temp, target);
  } finally {
    await rm(temp, { force: true });
  }
}
