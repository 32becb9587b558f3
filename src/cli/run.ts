// The only module that touches the process: real streams in, exit code out.
import { main } from "./main.js";

const interrupts = new Set<() => Promise<void> | void>();
let interrupted = false;
process.on("SIGINT", () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  void Promise.allSettled([...interrupts].map((c) => c())).then(() => process.exit(130));
});
process.on("SIGTERM", () => {
  void Promise.allSettled([...interrupts].map((c) => c())).then(() => process.exit(143));
});

const code = await main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
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
