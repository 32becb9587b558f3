import { messageLanguage, say } from "../i18n/lang.js";
import type { UsageError } from "../pipeline/errors.js";

/** What the CLI may touch of the outside world; tests pass their own. */
export interface Io {
  argv: string[];
  /** `--lang`, when given: the language of cjm's own messages (else the environment's). */
  lang?: string;
  cwd: string;
  env: Record<string, string | undefined>;
  stdout(text: string | Uint8Array): void;
  stderr(text: string): void;
  /** Standard input, read up to one byte past `maxBytes` (then reading stops). */
  readStdin(maxBytes: number): Promise<Uint8Array>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Called with a cleanup that must run on Ctrl-C (closing a browser, say). */
  onInterrupt(cleanup: () => Promise<void> | void): () => void;
}

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

export { UsageError } from "../pipeline/errors.js";

/** The line after a file is written, in the run's language. */
export function wroteLine(io: Io, file: string): string {
  return messageLanguage(io.lang, io.env) === "fr" ? `${file} écrit\n` : `wrote ${file}\n`;
}

/** `cjm: <message>` and its help line, in the run's language. */
export function usageErrorText(io: Io, e: UsageError): string {
  const lang = messageLanguage(io.lang, io.env);
  const { message, help } = e.in(lang);
  return `cjm: ${message}\n${help !== undefined ? `${say(lang, "help")}: ${help}\n` : ""}`;
}

export function colorEnabled(io: Io, tty: boolean): boolean {
  if (io.env["NO_COLOR"] !== undefined && io.env["NO_COLOR"] !== "") return false;
  const force = io.env["FORCE_COLOR"];
  if (force !== undefined) return force !== "0" && force !== "false";
  return tty && io.env["TERM"] !== "dumb";
}
