// The only module that touches the process: real streams in, exit code out. Bundled as
// dist/bundle/cli.cjs and started by boot.ts (which keeps V8's code cache for it).
import { main } from "./main.js";

const interrupts = new Set<() => Promise<void> | void>();
let interrupted = false;

/** Ctrl-C or SIGTERM: run the cleanups (close the browser), say so once, exit. Work in flight is
 * abandoned, so whatever it would still print is dropped. A second Ctrl-C exits at once. */
function stop(signal: string, code: number) {
  if (interrupted) process.exit(code);
  interrupted = true;
  process.stderr.write(`\ncjm: ${signal === "SIGINT" ? "interrupted" : "terminated"}\n`);
  void Promise.allSettled([...interrupts].map((c) => c())).then(() => process.exit(code));
}
export async function start(): Promise<void> {
  process.on("SIGINT", () => stop("SIGINT", 130));
  process.on("SIGTERM", () => stop("SIGTERM", 143));

  const code = await main({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => void (interrupted || process.stdout.write(text)),
    stderr: (text) => void (interrupted || process.stderr.write(text)),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
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
