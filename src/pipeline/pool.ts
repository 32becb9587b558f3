import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { bilingual, type Diagnostic, type Texts } from "../diagnostics/diagnostic.js";
import type { InputRef } from "../load/read.js";
import type { Output } from "../render/render.js";
import type { PortfolioOptions } from "../render/portfolio.js";
import type { JourneySummary } from "../render/summary.js";
import { newCaches, processInput, type ProcessOptions, type Processed } from "./process.js";

/** Below this many inputs, starting workers costs more than it saves. */
const PARALLEL_FROM = 16;

/** How long one map may take to render with user templates before its worker is stopped. */
export const TEMPLATE_TIME_LIMIT_MS = 20_000;
/** Heap a worker may use: a template that builds gigabytes of text is stopped, not the machine. */
export const WORKER_HEAP_MB = 1024;
const YOUNG_GENERATION_MB = 96;

export function defaultJobs(inputs: number): number {
  return inputs >= PARALLEL_FROM ? Math.max(1, availableParallelism()) : 1;
}

export interface PoolOptions {
  /** Run in workers even for one job: user templates are untrusted programs. */
  isolate?: boolean;
  /** Stop a map that takes longer than this (only in workers). */
  timeLimitMs?: number;
  /** Heap of each worker, in MB (default 1024). */
  heapMb?: number;
}

/**
 * Processes every input, in `jobs` worker threads when more than one (or when isolating), and
 * returns the results in input order whatever order they finish in. `onResult` sees each as it
 * lands. A worker that overruns the time limit, runs out of memory or dies is replaced; its map
 * gets a diagnostic and the others go on.
 */
export async function processAll(
  inputs: readonly InputRef[],
  options: ProcessOptions,
  jobs: number,
  /** Called with each result; a promise it returns is awaited before that lane takes more work (backpressure). */
  onResult: (p: Processed, index: number) => void | Promise<void> = () => undefined,
  pool: PoolOptions = {},
): Promise<Processed[]> {
  const results: Processed[] = new Array(inputs.length);
  const lanes = Math.min(Math.max(jobs, pool.isolate ? 1 : 0), inputs.length);
  if (lanes <= 1 && !pool.isolate) {
    const caches = newCaches();
    for (const [k, input] of inputs.entries()) {
      results[k] = await processHere(input, options, caches);
      await onResult(results[k], k);
    }
    return results;
  }
  let next = 0;
  const spawnWorker = () => spawn(options, pool.heapMb);
  const take = () => (next < inputs.length ? next++ : undefined);
  // Without isolation the main thread is one of the lanes: it has the code compiled and warm
  // already, so `jobs` lanes cost one worker fewer to start and warm up, and its results need no
  // copy between threads. The workers then hold two maps ahead: the main thread answers them
  // between its own maps.
  const local = !pool.isolate;
  const ahead = local ? 2 : 1;
  // Each worker holds the next maps while it renders one: it never waits for the main thread to
  // read a result before it has its next map (the worker takes its messages in order, one at a time).
  const workerLane = async () => {
    let worker = spawnWorker();
    try {
      const sent: number[] = [];
      const send = () => {
        while (sent.length <= ahead) {
          const k = take();
          if (k === undefined) return;
          sent.push(k);
          worker.postMessage(inputs[k]!);
        }
      };
      send();
      while (sent.length > 0) {
        // The worker starts `current` when it has sent the previous result: its time limit runs from here.
        const outcome = await nextResult<Processed>(worker, pool.timeLimitMs, pool.heapMb);
        const current = sent.shift()!;
        if ("failed" in outcome) {
          await worker.terminate();
          worker = spawnWorker();
          for (const k of sent) worker.postMessage(inputs[k]!);
          results[current] = failed(inputs[current]!, outcome.failed, options);
        } else results[current] = outcome;
        send();
        // A result the worker posts meanwhile waits in its port: a Worker delivers messages only
        // while a listener is attached (test/pool-and-plan.test.ts holds each lane 150 ms here).
        await onResult(results[current]!, current);
      }
    } finally {
      await worker.terminate();
    }
  };
  const localLane = async () => {
    const caches = newCaches();
    for (let k = take(); k !== undefined; k = take()) {
      results[k] = await processHere(inputs[k]!, options, caches);
      await onResult(results[k]!, k);
    }
  };
  const workerLanes = Array.from({ length: Math.max(1, local ? lanes - 1 : lanes) }, workerLane);
  await Promise.all(local ? [...workerLanes, localLane()] : workerLanes);
  return results;
}

/** The portfolio index, sent to a worker: user index templates are untrusted programs too. */
export interface PortfolioJob {
  portfolio: { summaries: JourneySummary[]; options: Omit<PortfolioOptions, "cache"> };
}

type PortfolioResult = { outputs: Output[]; diagnostics: Diagnostic[] };

/**
 * Renders the portfolio index in a worker with the same time and memory limits as a map: a
 * template that never ends or builds too much text is a `template-error` for the index.
 */
export async function renderPortfolioIsolated(
  summaries: JourneySummary[],
  portfolio: Omit<PortfolioOptions, "cache">,
  options: ProcessOptions,
  timeLimitMs: number,
  heapMb: number = WORKER_HEAP_MB,
): Promise<PortfolioResult> {
  const worker = spawn(options, heapMb);
  try {
    const outcome = await runOne<PortfolioResult>(worker, { portfolio: { summaries, options: portfolio } }, timeLimitMs, heapMb);
    if (!("failed" in outcome)) return outcome;
    const diagnostic: Diagnostic = {
      severity: "error",
      code: "template-error",
      ...bilingual(
        {
          en: `rendering the portfolio index ${outcome.failed.en}; a template that never ends, or builds too much text?`,
          fr: `le rendu de l'index du portfolio ${outcome.failed.fr} ; un gabarit qui ne finit jamais, ou qui produit trop de texte ?`,
        },
        {
          en: `check the index templates in \`${options.render?.templatesDir}\`; no index was written`,
          fr: `vérifiez les gabarits d'index de \`${options.render?.templatesDir}\` ; aucun index n'a été écrit`,
        },
      ),
      file: "index.md",
    };
    return { outputs: [], diagnostics: [diagnostic] };
  } finally {
    await worker.terminate();
  }
}

/**
 * The worker's entry beside this module: worker.js for the library; the CLI's bundle names its own
 * (`CJM_WORKER_ENTRY`, set by scripts/build.mjs: a script started with a code cache).
 */
declare const CJM_WORKER_ENTRY: string | undefined;
const WORKER_ENTRY = typeof CJM_WORKER_ENTRY === "string" ? CJM_WORKER_ENTRY : "./worker.js";

function spawn(options: ProcessOptions, heapMb: number = WORKER_HEAP_MB): Worker {
  // A young generation twice V8's default: a map's render is mostly short-lived strings, and the
  // smaller one made the workers scavenge (and promote) several times per map.
  return new Worker(new URL(WORKER_ENTRY, import.meta.url), {
    workerData: options,
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
}

function runOne<T = Processed>(worker: Worker, input: InputRef | PortfolioJob, timeLimitMs: number | undefined, heapMb: number = WORKER_HEAP_MB): Promise<T | { failed: Texts }> {
  const result = nextResult<T>(worker, timeLimitMs, heapMb);
  worker.postMessage(input);
  return result;
}

/** The worker's next message, or why it failed to send one in time. */
function nextResult<T>(worker: Worker, timeLimitMs: number | undefined, heapMb: number = WORKER_HEAP_MB): Promise<T | { failed: Texts }> {
  return new Promise((resolve) => {
    const done = (value: T | { failed: Texts }) => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      resolve(value);
    };
    const onMessage = (p: T) => done(p);
    const heap = heapMb >= 1024 ? `${Math.round(heapMb / 1024)} GB` : `${heapMb} MB`;
    const onError = (e: Error) =>
      done({
        failed: /heap|memory/i.test(`${(e as NodeJS.ErrnoException).code} ${e.message}`)
          ? { en: `ran out of memory (over ${heap})`, fr: `a manqué de mémoire (plus de ${heap})` }
          : { en: `stopped: ${e.message}`, fr: `s'est arrêté : ${e.message}` },
      });
    const onExit = (code: number) => done({ failed: { en: `stopped (worker exit ${code})`, fr: `s'est arrêté (sortie du worker ${code})` } });
    const timer = timeLimitMs
      ? setTimeout(() => done({ failed: { en: `took longer than ${Math.round(timeLimitMs / 1000)} s`, fr: `a pris plus de ${Math.round(timeLimitMs / 1000)} s` } }), timeLimitMs)
      : undefined;
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
  });
}

/**
 * A map checked and rendered on this thread; an error thrown on the way is that map's diagnostic,
 * as it is when a worker stops (the other maps go on, whichever lane took this one).
 */
async function processHere(input: InputRef, options: ProcessOptions, caches: ReturnType<typeof newCaches>): Promise<Processed> {
  try {
    return await processInput(input, options, caches);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return failed(input, { en: `stopped: ${why}`, fr: `s'est arrêté : ${why}` }, options);
  }
}

function failed(input: InputRef, reason: Texts, options: ProcessOptions): Processed {
  const userTemplates = options.render?.templatesDir !== undefined;
  const diagnostic: Diagnostic = {
    severity: "error",
    code: userTemplates ? "template-error" : "internal-error",
    ...bilingual(
      {
        en: `rendering ${reason.en}${userTemplates ? "; a template that never ends, or builds too much text?" : ""}`,
        fr: `le rendu ${reason.fr}${userTemplates ? " ; un gabarit qui ne finit jamais, ou qui produit trop de texte ?" : ""}`,
      },
      userTemplates
        ? { en: `check the templates in \`${options.render?.templatesDir}\`; nothing was written for this map`, fr: `vérifiez les gabarits de \`${options.render?.templatesDir}\` ; rien n'a été écrit pour cette carte` }
        : BUG,
    ),
    file: input.name,
  };
  return { input: { name: input.name, absolutePath: input.absolutePath }, skipped: false, diagnostics: [diagnostic], sources: [], outputs: [], dependencies: [] };
}

const BUG: Texts = { en: "this is a bug in cjm; please report it with the file", fr: "c'est un bogue de cjm ; signalez-le avec le fichier" };
