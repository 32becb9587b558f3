// Start-up: the CLI is one script (dist/bundle/cli.cjs) compiled through `vm.Script` with V8's code
// cache kept in the user cache folder, so a warm run skips compiling what the last run of the same
// command compiled. Node 20 has no compile-cache API for modules; this works on every version.
// Any cache failure (missing, read-only, rejected by V8) only means compiling as usual.
import { isAscii } from "node:buffer";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { userCacheFolder } from "../cache/folder.js";

interface CliBundle {
  start(): Promise<void>;
}

const bundle = fileURLToPath(new URL("../bundle/cli.cjs", import.meta.url));

/** One cache file per command (each run compiles only its command's code) and build of cjm. */
function cacheFile(): string | undefined {
  if (process.env["CJM_NO_COMPILE_CACHE"]) return undefined;
  const command = process.argv.slice(2).find((a) => !a.startsWith("-")) ?? "";
  // A cache file per real command (its folder is in the package); any other word shares "other".
  const name = /^[a-z]{1,20}$/.test(command) && existsSync(fileURLToPath(new URL(`../cli/commands/${command}/spec.js`, import.meta.url))) ? command : "other";
  const s = statSync(bundle);
  const build = `${process.version}-${process.arch}-${s.size}-${Math.trunc(s.mtimeMs)}`;
  return path.join(userCacheFolder(), "code", `${name}-${build}.bin`);
}

function readCache(file: string | undefined): Buffer | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written after the run, so the functions the command compiled lazily are in it; stale builds' files go. */
function writeCache(file: string, data: Buffer): void {
  try {
    const dir = path.dirname(file);
    mkdirSync(dir, { recursive: true });
    const prefix = path.basename(file).split("-")[0] + "-";
    for (const old of readdirSync(dir)) if (old.startsWith(prefix) && old !== path.basename(file)) rmSync(path.join(dir, old), { force: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch {
    // no cache this time
  }
}

export async function boot(): Promise<void> {
  let file: string | undefined;
  try {
    file = cacheFile();
  } catch {
    file = undefined;
  }
  const cachedData = readCache(file);
  // The build writes the script as ASCII (scripts/build.mjs): read as Latin-1, no UTF-8 decoding.
  const bytes = readFileSync(bundle);
  const source = isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as CliBundle };
  (script.runInThisContext() as (...a: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  await module.exports.start();
  if (file && (!cachedData || script.cachedDataRejected)) writeCache(file, script.createCachedData());
}
