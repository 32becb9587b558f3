// A worker thread of `--jobs`: checks and renders the inputs it is sent, one at a time.
import { parentPort, workerData } from "node:worker_threads";
import type { InputRef } from "../load/read.js";
import { newCaches, processInput, type ProcessOptions } from "./process.js";

const options = workerData as ProcessOptions;
const caches = newCaches();
parentPort!.on("message", (input: InputRef) => {
  void processInput(input, options, caches).then((p) => parentPort!.postMessage(p));
});
