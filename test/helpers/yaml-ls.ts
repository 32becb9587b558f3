import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";

const require = createRequire(import.meta.url);

/**
 * yaml-language-server (what VS Code's YAML extension runs) over stdio, as the editor drives it:
 * SchemaStore off, no schema download (a `$ref` it cannot resolve locally stays unresolved).
 */
export class YamlLanguageServer {
  private readonly published: PublishDiagnosticsParams[] = [];
  stderr = "";

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly client: ProtocolConnection,
  ) {}

  static version(): string {
    return (require("yaml-language-server/package.json") as { version: string }).version;
  }

  static async start(workspace: string, settings: { schemas?: Record<string, string | string[]> } = {}): Promise<YamlLanguageServer> {
    const bin = path.join(path.dirname(require.resolve("yaml-language-server/package.json")), "bin/yaml-language-server");
    const child = spawn(process.execPath, [bin, "--stdio"], { cwd: workspace, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, NO_PROXY: "*", HTTP_PROXY: "http://127.0.0.1:9", HTTPS_PROXY: "http://127.0.0.1:9" } });
    const client = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const server = new YamlLanguageServer(child, client);
    child.stderr.setEncoding("utf8").on("data", (d: string) => (server.stderr += d));
    const yaml = {
      validate: true,
      hover: true,
      completion: true,
      format: { enable: false },
      schemaStore: { enable: false, url: "" },
      schemas: settings.schemas ?? {},
      disableSchemaDownload: true,
    };
    client.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => server.published.push(p));
    client.onRequest("workspace/configuration", (p: { items: { section?: string }[] }) => p.items.map((i) => (i.section === "yaml" ? yaml : i.section?.startsWith("yaml.") ? (yaml as Record<string, unknown>)[i.section.slice(5)] : null)));
    client.onRequest("client/registerCapability", () => null);
    client.onRequest("window/workDoneProgress/create", () => null);
    client.onNotification("window/logMessage", () => undefined);
    client.onNotification("telemetry/event", () => undefined);
    client.listen();
    await client.sendRequest("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: "w" }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { hover: { contentFormat: ["markdown", "plaintext"] }, completion: { completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"] } }, publishDiagnostics: {} },
      },
      initializationOptions: {},
    });
    client.sendNotification("initialized", {});
    client.sendNotification("workspace/didChangeConfiguration", { settings: { yaml } });
    return server;
  }

  /** Opens `file` with `text` and waits for the diagnostics published for it. */
  async open(file: string, text: string): Promise<Diagnostic[]> {
    const uri = pathToFileURL(file).href;
    const seen = this.published.length;
    this.client.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text } });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const found = this.published.slice(seen).filter((d) => d.uri === uri);
      // The server may publish an empty set first, then the schema's findings.
      if (found.length > 0) {
        await new Promise((r) => setTimeout(r, 300));
        return this.published.slice(seen).filter((d) => d.uri === uri).at(-1)!.diagnostics;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no diagnostics published for ${file}; server said: ${this.stderr.slice(-500)}`);
  }

  hover(file: string, line: number, character: number): Promise<{ contents: { kind: string; value: string } } | null> {
    return this.client.sendRequest("textDocument/hover", { textDocument: { uri: pathToFileURL(file).href }, position: { line, character } });
  }

  completion(file: string, line: number, character: number): Promise<{ items: { label: string; documentation?: unknown }[] } | null> {
    return this.client.sendRequest("textDocument/completion", { textDocument: { uri: pathToFileURL(file).href }, position: { line, character } });
  }

  async close(): Promise<void> {
    await this.client.sendRequest("shutdown").catch(() => undefined);
    this.client.sendNotification("exit");
    this.client.dispose();
    if (this.child.exitCode === null) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.child.kill("SIGKILL");
          resolve();
        }, 3000);
        this.child.once("exit", () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}
