// Start-up: the CLI is one script (dist/bundle/cli.cjs) compiled with V8's code cache kept in the
// user cache folder (cached-script.ts), one cache file per command: each run compiles only its
// command's code, and a warm run skips compiling what the last run of the same command compiled.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runCachedScript } from "./cached-script.js";

interface CliBundle {
  start(): Promise<void>;
}

const bundle = fileURLToPath(new URL("../bundle/cli.cjs", import.meta.url));

function commandName(): string {
  const command = process.argv.slice(2).find((a) => !a.startsWith("-")) ?? "";
  // A cache file per real command (its folder is in the package); any other word shares "other".
  return /^[a-z]{1,20}$/.test(command) && existsSync(fileURLToPath(new URL(`../cli/commands/${command}/spec.js`, import.meta.url))) ? command : "other";
}

export async function boot(): Promise<void> {
  const cli = runCachedScript<CliBundle>(bundle, commandName());
  await cli.exports.start();
  // Written after the run, so the functions the command compiled lazily are in it.
  cli.saveCache();
}
