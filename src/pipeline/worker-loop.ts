// A worker thread of `--jobs` (and of user templates): checks and renders the inputs it is sent,
// one at a time, or renders the portfolio index. Started by worker.ts (the library's worker) or by
// the CLI's worker script (src/cli/worker-boot.ts, with a code cache).
import { parentPort, workerData } from "node:worker_threads";
import type { InputRef } from "../load/read.js";
import type { PortfolioJob } from "./pool.js";
import { newCaches, processInput, type ProcessOptions } from "./process.js";

/** Serves the pool's messages; `onWarm` is called once, after the first map's result is sent. */
export function serveWorker(onWarm?: () => void): void {
  const options = workerData as ProcessOptions;
  const caches = newCaches();
  const encoder = new TextEncoder();
  let warm = onWarm;
  // The pool sends the next map before this one is done: messages are taken one at a time, in order.
  let queue: Promise<void> = Promise.resolve();
  parentPort!.on("message", (message: InputRef | PortfolioJob) => {
    queue = queue.then(async () => {
      if ("portfolio" in message) {
        const { renderPortfolio } = await import("../render/portfolio.js");
        parentPort!.postMessage(await renderPortfolio(message.portfolio.summaries, { ...message.portfolio.options, cache: caches.templates }));
        return;
      }
      // Text outputs cross as UTF-8 bytes whose buffers are moved, not copied: the main thread would
      // encode them to write them anyway, and cloning large strings was a tenth of a worker's time.
      const processed = await processInput(message, options, caches);
      const moved: ArrayBuffer[] = [];
      processed.outputs = processed.outputs.map((o) => {
        if (typeof o.content !== "string") return o;
        const bytes = encoder.encode(o.content);
        moved.push(bytes.buffer as ArrayBuffer);
        return { ...o, content: bytes };
      });
      parentPort!.postMessage(processed, moved);
      if (warm) {
        const w = warm;
        warm = undefined;
        w();
      }
    });
  });
}
