// `npm run bench -- --only lsp` (or `node bench/lsp.mjs`): the language server as an editor feels it.
// For maps of 500 and 2,000 steps: time from a change to its diagnostics, and of definition,
// references and hover requests, driven over stdio by a JSON-RPC client; beside it, the bare YAML
// parse of the same text in this process (the floor: the parser is not incremental).
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver-protocol/node";
import { parseDocument, LineCounter } from "yaml";
import { generateMap } from "./generate.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const sizesFor = (smoke) => (smoke ? [50] : [500, 2000]);
const runsFor = (smoke) => (smoke ? 2 : 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = (t) => `${t.toFixed(t < 10 ? 1 : 0)} ms`;

/**
 * The floor: yaml's parse of the same text, as the server runs it. cjm's bundle folds yaml's
 * per-token `process.env.LOG_TOKENS` read to false (scripts/build.mjs); here the same effect comes
 * from a plain-object `process.env` while the parse runs, so the floor is not the slower parser.
 */
function floorParse(text) {
  const env = process.env;
  process.env = { ...env };
  try {
    const t = performance.now();
    parseDocument(text, { lineCounter: new LineCounter() });
    return performance.now() - t;
  } finally {
    process.env = env;
  }
}

export async function benchLsp(smoke = false) {
  const rows = [];
  const runs = runsFor(smoke);
  for (const steps of sizesFor(smoke)) {
    const dir = mkdtempSync(path.join(tmpdir(), "cjm-bench-lsp-"));
    const file = path.join(dir, `map-${steps}.yaml`);
    const text = generateMap(steps, { stages: 10, stepsPerStage: steps / 10, personas: 2, id: `lsp-${steps}` });
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    const child = spawn(process.execPath, [path.join(root, "bin/cjm.cjs"), "lsp", "--stdio"], { cwd: dir, stdio: ["pipe", "pipe", "inherit"] });
    const client = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    let waiting;
    client.onNotification("textDocument/publishDiagnostics", (p) => p.uri === uri && waiting?.());
    client.listen();
    await client.sendRequest("initialize", { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
    await client.sendNotification("initialized", {});
    const published = () => new Promise((resolve) => (waiting = resolve));
    let p = published();
    await client.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text } });
    await p;

    const change = [];
    const parse = [];
    for (let i = 0; i < runs; i++) {
      const edited = text.replace(/title: .*/, `title: Edited ${i}`);
      p = published();
      const start = performance.now();
      await client.sendNotification("textDocument/didChange", { textDocument: { uri, version: i + 2 }, contentChanges: [{ text: edited }] });
      await p;
      // The server coalesces changes (no fixed delay): this is what the editor sees.
      change.push(performance.now() - start);
      parse.push(floorParse(edited));
    }
    const lines = text.split("\n");
    const line = lines.findIndex((l) => l.includes("channel: "));
    const character = lines[line].indexOf("channel: ") + "channel: ".length + 1;
    const timed = async (method, params) => {
      const t = [];
      for (let i = 0; i < runs; i++) {
        const s = performance.now();
        await client.sendRequest(method, params);
        t.push(performance.now() - s);
      }
      return median(t);
    };
    const position = { textDocument: { uri }, position: { line, character } };
    const def = await timed("textDocument/definition", position);
    const refs = await timed("textDocument/references", { ...position, context: { includeDeclaration: true } });
    const hover = await timed("textDocument/hover", position);
    await client.sendRequest("shutdown");
    await client.sendNotification("exit");
    child.kill();
    rows.push({ steps, change: median(change), parse: median(parse), def, refs, hover });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const smoke = process.argv.includes("--smoke");
  const rows = await benchLsp(smoke);
  console.log(`language server, median of ${runsFor(smoke)}`);
  console.log("| steps | change → diagnostics | bare YAML parse | above the parse | definition | references | hover |");
  console.log("|---|---|---|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.steps} | ${ms(r.change)} | ${ms(r.parse)} | ${ms(r.change - r.parse)} | ${ms(r.def)} | ${ms(r.refs)} | ${ms(r.hover)} |`);
}
