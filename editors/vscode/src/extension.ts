// A thin client: starts the project's own `cjm lsp --stdio` and adds the preview command.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import * as vscode from "vscode";
import { LanguageClient, type Executable, type LanguageClientOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/** The script an installed cjm names as its `cjm` bin (its file name changed between versions). */
function installedBin(dir: string): string | undefined {
  try {
    const bin = (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { bin?: string | Record<string, string> }).bin;
    const file = typeof bin === "string" ? bin : bin?.["cjm"];
    // Only a script inside the installed package (its package.json is the workspace's file).
    const script = file ? path.resolve(dir, file) : undefined;
    return script !== undefined && !path.relative(dir, script).startsWith("..") ? script : undefined;
  } catch {
    return undefined;
  }
}

/** The cjm to run: `cjm.path`, else the workspace's node_modules/cjm, else `cjm` on the PATH. */
function server(folder: string | undefined): Executable {
  const configured = vscode.workspace.getConfiguration("cjm").get<string>("path");
  if (configured) return { command: configured, args: ["lsp", "--stdio"] };
  const local = folder ? installedBin(path.join(folder, "node_modules", "cjm")) : undefined;
  if (local && existsSync(local)) return { command: "node", args: [local, "lsp", "--stdio"] };
  return { command: "cjm", args: ["lsp", "--stdio"], options: { shell: process.platform === "win32" } };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const run = server(folder);
  const options: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "yaml" },
      { scheme: "file", language: "json" },
    ],
  };
  client = new LanguageClient("cjm", "cjm", { run, debug: run }, options);
  context.subscriptions.push(
    vscode.commands.registerCommand("cjm.openPreview", () => {
      const terminal = vscode.window.createTerminal({ name: "cjm serve", ...(folder !== undefined && { cwd: folder }) });
      terminal.show();
      terminal.sendText("npx cjm serve . --open");
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
