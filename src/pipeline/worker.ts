// A worker thread of `--jobs` (and of user templates): checks and renders the inputs it is sent,
// one at a time, or renders the portfolio index.
import { parentPort, workerData } from "node:worker_threads";
import type { InputRef } from "../load/read.js";
import type { PortfolioJob } from "./pool.js";
import { newCaches, processInput, type ProcessOptions } from "./process.js";

const options = workerData as ProcessOptions;
const caches = newCaches();
parentPort!.on("message", (message: InputRef | PortfolioJob) => {
  if ("portfolio" in message) {
    void import("../render/portfolio.js")
      .then(({ renderPortfolio }) => renderPortfolio(message.portfolio.summaries, { ...message.portfolio.options, cache: caches.templates }))
      .then((r) => parentPort!.postMessage(r));
    return;
  }
  void processInput(message, options, caches).then((p) => parentPort!.postMessage(p));
});
