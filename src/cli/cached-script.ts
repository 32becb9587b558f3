// A CommonJS script (a bundle of dist/bundle/) compiled through `vm.Script` with V8's code cache kept
// in the user cache folder, so a run skips compiling what the last run of the same kind compiled.
// Node 20 has no compile-cache API for modules; this works on every version. The CLI (boot.ts) and
// the batch workers (worker-boot.ts) start this way. Any cache failure (missing, read-only, corrupt,
// rejected by V8) only means compiling as usual.
import { isAscii } from "node:buffer";
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";
import { userCacheFolder, writeCacheFile } from "../cache/folder.js";

export interface CachedScript<T> {
  exports: T;
  /** Writes the code cache when there was none or V8 refused it; call it once the script has done
   * typical work, so the functions it compiled lazily are in it too. */
  saveCache(): void;
}

/** One cache file per kind of run (`kind`: letters and `_`, no `-`) and build of the script. */
function cacheFile(script: string, kind: string): string | undefined {
  if (process.env["CJM_NO_COMPILE_CACHE"]) return undefined;
  try {
    const s = statSync(script);
    const build = `${process.version}-${process.arch}-${s.size}-${Math.trunc(s.mtimeMs)}`;
    return path.join(userCacheFolder(), "code", `${kind}-${build}.bin`);
  } catch {
    return undefined;
  }
}

function readCache(file: string | undefined): Buffer | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Runs `script` as a CommonJS module (its own `require`, `__filename`) and returns its exports. */
export function runCachedScript<T>(script: string, kind: string): CachedScript<T> {
  const file = cacheFile(script, kind);
  const cachedData = readCache(file);
  // The build writes the scripts as ASCII (scripts/build.mjs): read as Latin-1, no UTF-8 decoding.
  const bytes = readFileSync(script);
  const source = isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
  const compiled = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: script,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as T };
  (compiled.runInThisContext() as (...a: unknown[]) => void)(module.exports, createRequire(script), module, script, path.dirname(script));
  let saved = false;
  return {
    exports: module.exports,
    saveCache() {
      if (saved || !file || (cachedData && !compiled.cachedDataRejected)) return;
      saved = true;
      try {
        // Stale builds' files of the same kind go; two workers may write it at once.
        const prefix = path.basename(file).split("-")[0] + "-";
        writeCacheFile(file, compiled.createCachedData(), (name) => name.startsWith(prefix));
      } catch {
        // no cache this time
      }
    },
  };
}
