import type { CommandSpec } from "../../command.js";

export const lsp: CommandSpec = {
  name: "lsp",
  summary: "run the language server (for editors: diagnostics, go to definition, rename, hover)",
  description: "Run cjm's language server over standard input and output. Editors start it; see docs/editors.md for VS Code, Neovim, Helix and JetBrains.",
  options: [{ flags: "--stdio", description: "talk JSON-RPC over standard input and output", default: false }],
  examples: "\nExample (what an editor runs):\n  $ cjm lsp --stdio",
  handler: async () => (await import("./handler.js")).lspCommand,
};
