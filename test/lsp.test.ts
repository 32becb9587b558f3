// The language server driven as an editor drives it: the real bin over stdio, a JSON-RPC client
// from vscode-languageserver-protocol, a map on disk, and edits applied as the editor applies them.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver-protocol/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { BIN, cjm, tempDir } from "./helpers/cli.js";

const MAP = `cjm: 1
id: parcel-returns
title: Returning a parcel
personas:
  - personas/lea.yaml
  - { id: omar, name: Omar Haddad }
channels:
  - { id: app, name: Mobile app, kind: digital }
  - { id: counter, name: Post office counter, kind: physical }
stages:
  - name: Request
    steps:
      - id: opens-return
        name: Opens the return form
        emotion: { lea: 2, omar: 3 }
        touchpoints: [{ channel: ap, name: Return form }]
        pains:
          - { id: hidden-form, text: The form is three menus deep }
  - name: Drop-off
    steps:
      - name: Drops the parcel
        personas: [lea]
        emotion: 4
        touchpoints:
          - channel: counter
            name: Counter
opportunities:
  - id: return-button
    title: A return button on the order page
    addresses: [hidden-form]
    impact: 4
    effort: 2
`;

const PERSONA = `id: lea
name: Léa Martin
role: Student
channels: [app]
`;

/** Line and character (0-based) of the first occurrence of `needle` in `text`, plus `offset` chars. */
function positionOf(text: string, needle: string, offset = 0) {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`not in the text: ${needle}`);
  const doc = TextDocument.create("file:///x", "yaml", 1, text);
  return doc.positionAt(index + offset);
}

describe("cjm lsp --stdio", () => {
  let dir: string;
  let file: string;
  let uri: string;
  let child: ChildProcessWithoutNullStreams;
  let client: ProtocolConnection;
  let stderr = "";
  const diagnostics: PublishDiagnosticsParams[] = [];
  let version = 1;
  const shown: string[] = [];

  /** The next diagnostics published for the map after `action`. */
  async function nextDiagnostics(action: () => Promise<void> | void): Promise<PublishDiagnosticsParams> {
    const seen = diagnostics.length;
    await action();
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const found = diagnostics.slice(seen).find((d) => d.uri === uri);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no diagnostics published; server stderr: ${stderr}`);
  }

  const change = (text: string) =>
    client.sendNotification("textDocument/didChange", { textDocument: { uri, version: ++version }, contentChanges: [{ text }] });

  beforeAll(async () => {
    dir = tempDir("cjm-lsp-");
    mkdirSync(path.join(dir, "personas"));
    file = path.join(dir, "returns.yaml");
    writeFileSync(file, MAP);
    writeFileSync(path.join(dir, "personas/lea.yaml"), PERSONA);
    uri = pathToFileURL(file).href;
    child = spawn(process.execPath, [BIN, "lsp", "--stdio"], { cwd: dir, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, CJM_CACHE_DIR: path.join(dir, ".user-cache") } });
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    client = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    client.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => diagnostics.push(p));
    client.onRequest("window/showDocument", (p: { uri: string }) => {
      shown.push(p.uri);
      return { success: true };
    });
    client.listen();
    const init = await client.sendRequest("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: "w" }],
      capabilities: {},
    });
    expect((init as { capabilities: Record<string, unknown> }).capabilities).toMatchObject({ definitionProvider: true, renameProvider: { prepareProvider: true } });
    await client.sendNotification("initialized", {});
  }, 60_000);

  afterAll(async () => {
    await client.sendRequest("shutdown").catch(() => undefined);
    await client.sendNotification("exit").catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    child.kill();
  });

  it("publishes the dangling channel at its range, with its code and the rule's docs", async () => {
    const published = await nextDiagnostics(() =>
      client.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version, text: MAP } }),
    );
    const dangling = published.diagnostics.find((d) => d.code === "dangling-reference");
    expect(dangling, JSON.stringify(published.diagnostics)).toBeDefined();
    const start = positionOf(MAP, "channel: ap,", "channel: ".length);
    expect(dangling!.range.start).toEqual(start);
    expect(dangling!.range.end).toEqual({ line: start.line, character: start.character + 2 });
    expect(dangling!.message).toContain("`ap`");
    expect(dangling!.codeDescription?.href).toMatch(/docs\/rules\.md#dangling-reference$/);
    // The same problems as `cjm validate`, no more, no fewer.
    const cli = await cjm(["validate", file, "--format", "json"], { cwd: dir });
    const report = JSON.parse(cli.stdout) as { diagnostics?: { code: string }[]; files?: { diagnostics: { code: string }[] }[] };
    const cliCodes = (report.diagnostics ?? report.files?.flatMap((f) => f.diagnostics) ?? []).map((d) => d.code).sort();
    expect(published.diagnostics.map((d) => String(d.code)).sort()).toEqual(cliCodes);
  });

  it("quick fix: the dangling channel's did-you-mean replaces it", async () => {
    const published = diagnostics.filter((d) => d.uri === uri).at(-1)!;
    const dangling = published.diagnostics.find((d) => d.code === "dangling-reference")!;
    const actions = (await client.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: dangling.range,
      context: { diagnostics: [dangling] },
    })) as { title: string; edit?: WorkspaceEdit }[];
    const fix = actions.find((a) => a.edit?.changes?.[uri]?.[0]?.newText === "app");
    expect(fix, JSON.stringify(actions)).toBeDefined();
  });

  it("goes from a reference to its declaration, and finds a pain's references", async () => {
    const text = MAP.replace("channel: ap,", "channel: app,");
    const fixed = await nextDiagnostics(() => change(text));
    expect(fixed.diagnostics.filter((d) => d.severity === 1)).toEqual([]);

    const def = (await client.sendRequest("textDocument/definition", {
      textDocument: { uri },
      position: positionOf(text, "channel: app,", "channel: a".length),
    })) as { uri: string; range: { start: { line: number; character: number } } }[];
    expect(def).toHaveLength(1);
    expect(def[0]!.uri).toBe(uri);
    expect(def[0]!.range.start).toEqual(positionOf(text, "id: app,", "id: ".length));

    // A persona id used as an emotion key leads to the persona file.
    const persona = (await client.sendRequest("textDocument/definition", {
      textDocument: { uri },
      position: positionOf(text, "lea: 2", 1),
    })) as { uri: string }[];
    expect(persona[0]!.uri).toBe(pathToFileURL(path.join(dir, "personas/lea.yaml")).href);

    const refs = (await client.sendRequest("textDocument/references", {
      textDocument: { uri },
      position: positionOf(text, "id: hidden-form", "id: h".length),
      context: { includeDeclaration: false },
    })) as { range: { start: { line: number; character: number } } }[];
    expect(refs.map((r) => r.range.start)).toContainEqual(positionOf(text, "[hidden-form]", 1));
  });

  it("renames a channel id everywhere, refuses a bad, taken or shared id, and the map still validates", async () => {
    const text = MAP.replace("channel: ap,", "channel: app,");
    const at = { textDocument: { uri }, position: positionOf(text, "id: counter,", "id: ".length) };
    await expect(client.sendRequest("textDocument/rename", { ...at, newName: "Post Office" })).rejects.toThrow(/not a valid id/);
    await expect(client.sendRequest("textDocument/rename", { ...at, newName: "app" })).rejects.toThrow(/already used/);
    // `app` is also named by the persona file, which other maps may share: refused, with where to change it.
    await expect(
      client.sendRequest("textDocument/rename", { textDocument: { uri }, position: positionOf(text, "id: app,", "id: ".length), newName: "mobile-app" }),
    ).rejects.toThrow(/persona file `personas\/lea\.yaml`/);

    const edit = (await client.sendRequest("textDocument/rename", { ...at, newName: "post-office" })) as WorkspaceEdit;
    expect(Object.keys(edit.changes ?? {})).toEqual([uri]);
    const renamed = TextDocument.applyEdits(TextDocument.create(uri, "yaml", 1, text), edit.changes![uri]!);
    expect(renamed).toContain("{ id: post-office, name: Post office counter");
    expect(renamed).toContain("- channel: post-office\n");
    writeFileSync(file, renamed);
    const check = await cjm(["validate", file], { cwd: dir });
    expect(check.stderr).not.toContain("error[");
    expect(check.code).toBe(0);
    await nextDiagnostics(() => change(renamed));
  });

  it("renaming a derived id writes an explicit id", async () => {
    const text = (await import("node:fs")).readFileSync(file, "utf8");
    const edit = (await client.sendRequest("textDocument/rename", {
      textDocument: { uri },
      position: positionOf(text, "name: Drop-off", "name: D".length),
      newName: "drop-off-at-counter",
    })) as WorkspaceEdit;
    const renamed = TextDocument.applyEdits(TextDocument.create(uri, "yaml", 1, text), edit.changes![uri]!);
    expect(renamed).toContain("  - id: drop-off-at-counter\n    name: Drop-off\n");
    writeFileSync(path.join(dir, "derived.yaml"), renamed);
    expect((await cjm(["validate", path.join(dir, "derived.yaml")], { cwd: dir })).code).toBe(0);
  });

  it("completes channel ids after `channel: ` and pain ids in `addresses`", async () => {
    const text = (await import("node:fs")).readFileSync(file, "utf8");
    const withHole = text.replace("          - channel: post-office", "          - channel: ");
    await nextDiagnostics(() => change(withHole));
    const items = (await client.sendRequest("textDocument/completion", {
      textDocument: { uri },
      position: positionOf(withHole, "          - channel: \n", "          - channel: ".length),
    })) as { label: string }[];
    expect(items.map((i) => i.label).sort()).toEqual(["app", "post-office"]);

    const addresses = (await client.sendRequest("textDocument/completion", {
      textDocument: { uri },
      position: positionOf(withHole, "addresses: [", "addresses: [".length),
    })) as { label: string }[];
    expect(addresses.map((i) => i.label)).toContain("hidden-form");
    expect(addresses.map((i) => i.label)).toContain("opens-return");
  });

  it("hover on an opportunity names its quadrant and what it addresses", async () => {
    const text = (await import("node:fs")).readFileSync(file, "utf8");
    await nextDiagnostics(() => change(text));
    const hover = (await client.sendRequest("textDocument/hover", {
      textDocument: { uri },
      position: positionOf(text, "id: return-button", "id: r".length),
    })) as { contents: { value: string } };
    expect(hover.contents.value).toContain("quick-win");
    expect(hover.contents.value).toContain("The form is three menus deep");
  });

  it("a burst of changes ends with the diagnostics of the last text, and navigation answers from it at once", async () => {
    const text = (await import("node:fs")).readFileSync(file, "utf8");
    const edits = [1, 2, 3, 4, 5].map((i) => text.replace("- name: Request", `- name: Request ${i}`).replace(/channel: [\w-]+/, `channel: typo${i}`));
    for (const edited of edits) void change(edited);
    // No waiting for diagnostics: the outline must already be the last text's.
    const symbols = (await client.sendRequest("textDocument/documentSymbol", { textDocument: { uri } })) as { name: string }[];
    expect(symbols.map((s) => s.name)).toContain("Request 5");
    const deadline = Date.now() + 20_000;
    const last = () => diagnostics.filter((d) => d.uri === uri).at(-1);
    while (Date.now() < deadline && !JSON.stringify(last()).includes("typo5")) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    const dangling = last()!.diagnostics.filter((d) => d.code === "dangling-reference");
    expect(dangling.map((d) => d.message).join("\n")).toMatch(/typo5/);
    expect(dangling.map((d) => d.message).join("\n")).not.toMatch(/typo[1-4]/);
    await nextDiagnostics(() => change(text));
  });

  it("a YAML syntax error mid-edit gets a diagnostic, the server stays up and still navigates", async () => {
    const text = (await import("node:fs")).readFileSync(file, "utf8");
    const broken = text.replace("    addresses: [hidden-form]", "    addresses: [hidden-form");
    const published = await nextDiagnostics(() => change(broken));
    expect(published.diagnostics.map((d) => d.code)).toContain("yaml-syntax");
    const symbols = (await client.sendRequest("textDocument/documentSymbol", { textDocument: { uri } })) as { name: string; children?: { name: string }[] }[];
    expect(symbols.map((s) => s.name)).toEqual(expect.arrayContaining(["Request", "Drop-off"]));
    expect(symbols.find((s) => s.name === "Request")!.children!.map((c) => c.name)).toEqual(["Opens the return form"]);
    expect(child.exitCode).toBeNull();
  });

  it("offers to open the map and each step in a running cjm serve, and opens only such pages", async () => {
    const none = (await client.sendRequest("textDocument/codeLens", { textDocument: { uri } })) as unknown[];
    expect(none).toEqual([]);
    // What a running `cjm serve` writes (src/serve/discovery.ts); this test's own process stands in for it.
    mkdirSync(path.join(dir, ".user-cache/serve"), { recursive: true });
    writeFileSync(
      path.join(dir, ".user-cache/serve", `${process.pid}.json`),
      JSON.stringify({ pid: process.pid, url: "http://127.0.0.1:4178/", pages: { [file]: "returns/parcel-returns.html" } }),
    );
    const lenses = (await client.sendRequest("textDocument/codeLens", { textDocument: { uri } })) as { command: { title: string; command: string; arguments: string[] } }[];
    const urls = lenses.map((l) => l.command.arguments[0]);
    expect(urls).toContain("http://127.0.0.1:4178/returns/parcel-returns.html");
    expect(urls).toContain("http://127.0.0.1:4178/returns/parcel-returns.html#opens-return");
    await client.sendRequest("workspace/executeCommand", { command: "cjm.openInServe", arguments: ["https://example.com/"] });
    await client.sendRequest("workspace/executeCommand", { command: "cjm.openInServe", arguments: [urls[1]] });
    expect(shown).toEqual([urls[1]]);
  });
});

describe("cjm lsp --stdio, a persona file opened on its own", () => {
  it("gets the diagnostics of the workspace's maps that use it, and navigates through them", async () => {
    const dir = tempDir("cjm-lsp-persona-");
    mkdirSync(path.join(dir, "personas"));
    writeFileSync(path.join(dir, "returns.yaml"), MAP.replace("channel: ap,", "channel: app,"));
    const personaFile = path.join(dir, "personas/lea.yaml");
    const personaText = PERSONA.replace("channels: [app]", "channels: [app, socail]");
    writeFileSync(personaFile, personaText);
    const personaUri = pathToFileURL(personaFile).href;
    const child = spawn(process.execPath, [BIN, "lsp", "--stdio"], { cwd: dir, stdio: ["pipe", "pipe", "pipe"] });
    const client = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const published: PublishDiagnosticsParams[] = [];
    client.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => published.push(p));
    client.listen();
    try {
      await client.sendRequest("initialize", { processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: "w" }], capabilities: {} });
      await client.sendNotification("initialized", {});
      await client.sendNotification("textDocument/didOpen", { textDocument: { uri: personaUri, languageId: "yaml", version: 1, text: personaText } });
      let found: PublishDiagnosticsParams | undefined;
      for (let i = 0; i < 400 && !found; i++) {
        found = published.find((p) => p.uri === personaUri && p.diagnostics.some((d) => d.code === "dangling-reference"));
        if (!found) await new Promise((r) => setTimeout(r, 25));
      }
      expect(found, JSON.stringify(published)).toBeDefined();
      const d = found!.diagnostics.find((x) => x.code === "dangling-reference")!;
      expect(d.range.start).toEqual(positionOf(personaText, "socail"));
      // From the persona file's `app` to the map's channel.
      const def = (await client.sendRequest("textDocument/definition", { textDocument: { uri: personaUri }, position: positionOf(personaText, "[app", 1) })) as { uri: string }[];
      expect(def.map((l) => l.uri)).toEqual([pathToFileURL(path.join(dir, "returns.yaml")).href]);
    } finally {
      await client.sendRequest("shutdown").catch(() => undefined);
      await client.sendNotification("exit").catch(() => undefined);
      child.kill();
    }
  }, 60_000);
});

describe("cjm lsp --stdio, the language of diagnostics", () => {
  /** The message and code of the dangling channel as published to a client sending `locale` (or none), the server run with `LANG`. */
  async function danglingMessage(locale: string | undefined, lang: string): Promise<{ message: string; code: unknown }> {
    const dir = tempDir("cjm-lsp-lang-");
    mkdirSync(path.join(dir, "personas"));
    const file = path.join(dir, "returns.yaml");
    writeFileSync(file, MAP);
    writeFileSync(path.join(dir, "personas/lea.yaml"), PERSONA);
    const uri = pathToFileURL(file).href;
    const child = spawn(process.execPath, [BIN, "lsp", "--stdio"], { cwd: dir, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, LANG: lang, LC_ALL: "", LC_MESSAGES: "" } });
    const client = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const published: PublishDiagnosticsParams[] = [];
    client.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => published.push(p));
    client.listen();
    try {
      await client.sendRequest("initialize", {
        processId: process.pid,
        rootUri: pathToFileURL(dir).href,
        workspaceFolders: [{ uri: pathToFileURL(dir).href, name: "w" }],
        capabilities: {},
        ...(locale !== undefined && { locale }),
      });
      await client.sendNotification("initialized", {});
      await client.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text: MAP } });
      for (let i = 0; i < 400; i++) {
        const d = published.find((p) => p.uri === uri)?.diagnostics.find((x) => x.code === "dangling-reference");
        if (d) return { message: d.message, code: d.code };
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`no diagnostics: ${JSON.stringify(published)}`);
    } finally {
      await client.sendRequest("shutdown").catch(() => undefined);
      await client.sendNotification("exit").catch(() => undefined);
      child.kill();
    }
  }

  it("follows the client's `initialize` locale, else the environment; the code is the same", async () => {
    const french = await danglingMessage("fr", "C");
    expect(french.message).toBe("`ap` ne désigne aucun canal de cette carte\naide: vouliez-vous dire `app` ?");
    expect(french.code).toBe("dangling-reference");
    expect((await danglingMessage("en-US", "fr_FR.UTF-8")).message).toMatch(/^channel `ap` is not defined in this map/);
    expect((await danglingMessage(undefined, "fr_FR.UTF-8")).message).toMatch(/^`ap` ne désigne aucun canal de cette carte/);
    expect((await danglingMessage(undefined, "C")).message).toMatch(/^channel `ap` is not defined in this map/);
  }, 90_000);
});
