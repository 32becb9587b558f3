import { EXIT, UsageError, type Io } from "../../io.js";
import type { CommandInput } from "../../options.js";

/** `cjm lsp --stdio`: the language server speaks JSON-RPC on standard input and output until the
 * client asks it to exit (the protocol's `exit` notification ends the process). */
export async function lspCommand(_io: Io, { options }: CommandInput<{ stdio: boolean }>): Promise<number> {
  if (!options.stdio) {
    throw new UsageError(
      { en: "`cjm lsp` talks over standard input and output: run `cjm lsp --stdio`", fr: "`cjm lsp` dialogue par l'entrée et la sortie standard : lancez `cjm lsp --stdio`" },
      { en: "editors start it for you: see docs/editors.md", fr: "les éditeurs le lancent pour vous : voir docs/editors.md" },
    );
  }
  const { startLanguageServer } = await import("../../../lsp/server.js");
  const connection = startLanguageServer();
  await new Promise<void>((resolve) => connection.onExit(() => resolve()));
  // The client closed the session: stop reading so the process can end.
  process.stdin.destroy();
  return EXIT.ok;
}
