// The library's worker thread entry (dist/pipeline/worker.js); the CLI's workers start through
// src/cli/worker-boot.ts instead, with a code cache.
import { serveWorker } from "./worker-loop.js";

serveWorker();
