// The only module that touches the process: real streams in, exit code out. Bundled as
// dist/bundle/cli.cjs and started by boot.ts (which keeps V8's code cache for it).
import { messageLanguage } from "../i18n/lang.js";
import { langFlag } from "./commander-errors.js";
import { main } from "./main.js";

const interrupts = new Set<() => Promise<void> | void>();
let interrupted = false;

/** Ctrl-C or SIGTERM: run the cleanups (close the browser), say so once, exit. Work in flight is
 * abandoned, so whatever it would still print is dropped. A second Ctrl-C exits at once. */
function stop(signal: string, code: number) {
  if (interrupted) process.exit(code);
  interrupted = true;
  if (signal !== "EPIPE") {
    const fr = messageLanguage(langFlag(process.argv.slice(2)), process.env) === "fr";
    const word = signal === "SIGINT" ? (fr ? "interrompu" : "interrupted") : fr ? "arrêté" : "terminated";
    process.stderr.write(`\ncjm: ${word}\n`);
  }
  void Promise.allSettled([...interrupts].map((c) => c())).then(() => process.exit(code));
}
export async function start(): Promise<void> {
  process.on("SIGINT", () => stop("SIGINT", 130));
  process.on("SIGTERM", () => stop("SIGTERM", 143));
  // A reader that stops early (`cjm --help | head`): what is left is not wanted, and that is no crash.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") stop("EPIPE", process.exitCode === undefined ? 0 : Number(process.exitCode));
      else throw e;
    });
  }

  const code = await main({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => void (interrupted || process.stdout.write(text)),
    stderr: (text) => void (interrupted || process.stderr.write(text)),
    readStdin: async (maxBytes) => {
      // Capped while reading: one byte past the cap is enough for the parser to refuse it.
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
        total += (chunk as Buffer).length;
        if (total > maxBytes) {
          process.stdin.destroy();
          break;
        }
      }
      return new Uint8Array(Buffer.concat(chunks).subarray(0, maxBytes + 1));
    },
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    onInterrupt: (cleanup) => {
      interrupts.add(cleanup);
      return () => interrupts.delete(cleanup);
    },
  });
  process.exitCode = code;
}
