// A batch worker's first step (dist/bundle/worker.cjs): the worker's code is one script
// (dist/bundle/worker-script.cjs) compiled with V8's code cache, as the CLI's is. Without it each
// worker compiled its ES module bundle afresh: ~0.25 s of CPU per worker and run.
import { fileURLToPath } from "node:url";
import { runCachedScript } from "./cached-script.js";

interface WorkerBundle {
  serveWorker(onWarm?: () => void): void;
}

const script = runCachedScript<WorkerBundle>(fileURLToPath(new URL("./worker-script.cjs", import.meta.url)), "_worker");
// Saved once the first map has been rendered: the cache then holds the code of every stage.
script.exports.serveWorker(() => script.saveCache());
