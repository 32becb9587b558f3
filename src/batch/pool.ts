import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { InputRef } from "../load/read.js";
import { newCaches, processInput, type ProcessOptions, type Processed } from "./process.js";

/** Below this many inputs, starting workers costs more than it saves. */
const PARALLEL_FROM = 16;

export function defaultJobs(inputs: number): number {
  return inputs >= PARALLEL_FROM ? Math.max(1, availableParallelism()) : 1;
}

/**
 * Processes every input, in `jobs` worker threads when more than one, and returns the results in
 * input order whatever order they finish in. `onResult` sees each as it lands (progress).
 */
export async function processAll(
  inputs: readonly InputRef[],
  options: ProcessOptions,
  jobs: number,
  onResult: (p: Processed, index: number) => void = () => undefined,
): Promise<Processed[]> {
  const results: Processed[] = new Array(inputs.length);
  const workers = Math.min(jobs, inputs.length);
  if (workers <= 1 || inputs.some((i) => i.bytes)) {
    const caches = newCaches();
    for (const [k, input] of inputs.entries()) {
      results[k] = await processInput(input, options, caches);
      onResult(results[k], k);
    }
    return results;
  }
  let next = 0;
  const pool = Array.from({ length: workers }, () => new Worker(new URL("./worker.js", import.meta.url), { workerData: options }));
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= inputs.length) {
                resolve();
                return;
              }
              const k = next++;
              worker.once("message", (p: Processed) => {
                results[k] = p;
                onResult(p, k);
                feed();
              });
              worker.postMessage(inputs[k]);
            };
            worker.once("error", reject);
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
