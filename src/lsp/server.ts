// `cjm lsp --stdio`: the language server. Diagnostics come from the pipeline's check (the same as
// `cjm validate`); navigation, rename, completion and hover from the index of ids (symbols.ts).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  CodeActionKind,
  DiagnosticSeverity,
  ProposedFeatures,
  ResponseError,
  SymbolKind,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type DocumentSymbol,
  type Location,
  type Position,
  type Range,
  type TextEdit,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic, Span } from "../diagnostics/diagnostic.js";
import { checkSettings, findConfig, loadConfig } from "../config/config.js";
import { discoverInputs } from "../load/discover.js";
import { declaresCjm } from "../load/read.js";
import { packageFile } from "../load/package-files.js";
import { quadrantOf } from "../model/metrics.js";
import { servedPageOf } from "../serve/discovery.js";
import { analyse, spanOf, type Analysis } from "./analysis.js";
import { messageLanguage, say, type Lang } from "../i18n/lang.js";
import { completionsAt } from "./completion.js";
import { referencesTo, resolve, type Declaration, type IdKind, type Place, type Reference } from "./symbols.js";

const SLUG = /^[a-z][a-z0-9-]*$/;
const OPEN_IN_SERVE = "cjm.openInServe";

export interface ServerOptions {
  /** Defaults to stdio. */
  connection?: Connection;
}

export function startLanguageServer(options: ServerOptions = {}): Connection {
  const connection = options.connection ?? createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const documents = new TextDocuments(TextDocument);
  /** The latest analysis of each open document, and the last one that parsed (for navigation). */
  const latest = new Map<string, Analysis>();
  const lastParsed = new Map<string, Analysis>();
  /**
   * Changes are coalesced, not delayed: a change starts an analysis at once when none is running
   * for that document; changes that arrive meanwhile are collapsed into one more analysis of the
   * latest text when it ends. A burst of keystrokes costs at most one analysis more than the burst
   * itself, and a lone change waits for nothing.
   */
  const running = new Map<string, Promise<void>>();
  const dirty = new Set<string>();
  /** Maps that are not open, analysed because an open persona file is theirs. */
  const background = new Map<string, Analysis>();
  /** The version of each open non-journey file last looked at (it is not analysed again per request). */
  const seenVersion = new Map<string, number>();
  /** Diagnostics per target file, per analysed document (a persona file gets them from each map). */
  const published = new Map<string, Map<string, LspDiagnostic[]>>();
  let roots: string[] = [];
  // The language of diagnostics: the client's `initialize` locale when it sends one, else the environment's.
  let lang: Lang = messageLanguage(undefined, process.env);

  const fileOf = (uri: string) => (uri.startsWith("file:") ? fileURLToPath(uri) : uri);
  const uriOf = (file: string) => pathToFileURL(file).href;

  const reader = async (absolutePath: string) => {
    const open = documents.get(uriOf(absolutePath));
    if (open) return new TextEncoder().encode(open.getText());
    try {
      return new Uint8Array(await readFile(absolutePath));
    } catch (e) {
      return e as NodeJS.ErrnoException;
    }
  };

  async function severitiesFor(file: string) {
    const config = findConfig(path.dirname(file));
    if (!config) return undefined;
    const loaded = await loadConfig(config, config).catch(() => undefined);
    return loaded?.config ? checkSettings(loaded.config) : undefined;
  }

  async function analyseDocument(uri: string): Promise<Analysis | undefined> {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const file = fileOf(uri);
    const text = doc.getText();
    if (!declaresCjm(new TextEncoder().encode(text))) {
      // Not a journey (a workflow, a persona file): its own analysis has nothing to say. A persona
      // file is checked through the workspace's maps that use it, open or not.
      latest.delete(uri);
      seenVersion.set(uri, doc.version);
      publish(uri, { file, diagnostics: [], sources: new Map(), index: { declarations: [], references: [] }, parsed: false });
      for (const map of await mapsUsing(file)) {
        const mapUri = uriOf(map.file);
        if (documents.get(mapUri)) continue;
        background.set(mapUri, map);
        publish(mapUri, map);
      }
      return undefined;
    }
    const severities = await severitiesFor(file);
    const analysis = await analyse(file, text, {
      cwd: roots[0] ?? path.dirname(file),
      readFile: reader,
      ...severities,
      lang,
    });
    latest.set(uri, analysis);
    if (analysis.parsed) lastParsed.set(uri, analysis);
    // A newer text is waiting for its own analysis: these diagnostics are already out of date.
    if (!dirty.has(uri)) publish(uri, analysis);
    return analysis;
  }

  function publish(owner: string, analysis: Analysis) {
    const byTarget = new Map<string, LspDiagnostic[]>([[owner, []]]);
    for (const d of analysis.diagnostics) {
      const target = uriOf(d.file);
      if (!byTarget.has(target)) byTarget.set(target, []);
      byTarget.get(target)!.push(toLsp(d, analysis, lang));
    }
    for (const [target, perOwner] of published) if (!byTarget.has(target)) perOwner.delete(owner);
    for (const [target, list] of byTarget) {
      if (!published.has(target)) published.set(target, new Map());
      published.get(target)!.set(owner, list);
    }
    for (const [target, perOwner] of published) {
      const seen = new Set<string>();
      const all = [...perOwner.values()].flat().filter((d) => {
        const key = JSON.stringify([d.range, d.code, d.message]);
        return seen.has(key) ? false : (seen.add(key), true);
      });
      void connection.sendDiagnostics({ uri: target, diagnostics: all });
    }
  }

  function schedule(uri: string) {
    dirty.add(uri);
    if (running.has(uri)) return;
    const run = (async () => {
      // Let the changes already read from the client arrive first: they are one analysis.
      await new Promise((resolve) => setImmediate(resolve));
      while (dirty.delete(uri)) {
        await analyseDocument(uri).catch((e: unknown) => connection.console.error(`cjm: ${String(e)}`));
      }
    })().finally(() => {
      running.delete(uri);
      if (dirty.has(uri)) schedule(uri);
    });
    running.set(uri, run);
  }

  /** The analysis to navigate with: the latest, else the last that parsed; fresh if a change is pending. */
  async function current(uri: string): Promise<Analysis | undefined> {
    while (running.has(uri)) await running.get(uri);
    const seen = seenVersion.get(uri) !== undefined && seenVersion.get(uri) === documents.get(uri)?.version;
    if (!latest.has(uri) && !seen) await analyseDocument(uri);
    const a = latest.get(uri);
    if (a) return a.parsed ? a : (lastParsed.get(uri) ?? a);
    // A persona file: navigate with an open map that reads it.
    const file = fileOf(uri);
    return [...lastParsed.values(), ...background.values()].find((m) => m.sources.has(file));
  }

  /** The workspace's maps that read `personaFile`, analysed with the editor's unsaved texts. */
  async function mapsUsing(personaFile: string): Promise<Analysis[]> {
    if (roots.length === 0) return [];
    const discovered = await discoverInputs(roots, roots[0]!).catch(() => undefined);
    const out: Analysis[] = [];
    for (const input of discovered?.inputs ?? []) {
      const file = path.resolve(input.absolutePath);
      if (file === personaFile) continue;
      const bytes = await reader(file);
      if (!(bytes instanceof Uint8Array) || !declaresCjm(bytes)) continue;
      const text = new TextDecoder().decode(bytes);
      if (!text.includes(path.basename(personaFile))) continue;
      const severities = await severitiesFor(file);
      const analysis = await analyse(file, text, { cwd: roots[0]!, readFile: reader, lang, ...severities });
      if (analysis.sources.has(personaFile)) out.push(analysis);
    }
    return out;
  }

  connection.onInitialize((params) => {
    if (params.locale) lang = messageLanguage(undefined, { LANG: params.locale });
    roots = (params.workspaceFolders ?? []).map((f) => fileOf(f.uri));
    if (roots.length === 0 && params.rootUri) roots = [fileOf(params.rootUri)];
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        hoverProvider: true,
        documentSymbolProvider: true,
        completionProvider: { triggerCharacters: [":", " ", "[", ","] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [OPEN_IN_SERVE] },
      },
      serverInfo: { name: "cjm" },
    };
  });

  documents.onDidOpen((e) => schedule(e.document.uri));
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    dirty.delete(e.document.uri);
    latest.delete(e.document.uri);
    lastParsed.delete(e.document.uri);
    seenVersion.delete(e.document.uri);
    for (const [target, perOwner] of published) {
      if (perOwner.delete(e.document.uri)) void connection.sendDiagnostics({ uri: target, diagnostics: [...perOwner.values()].flat() });
    }
  });

  /** The reference or declaration under the cursor. */
  function at(analysis: Analysis, file: string, pos: Position): { ref?: Reference; decl?: Declaration } {
    const inside = (place: Place) => place.file === file && contains(spanOf(analysis, place), pos);
    const ref = analysis.index.references.find((r) => inside(r.place));
    if (ref) return { ref };
    const decl = analysis.index.declarations.find((d) => inside(d.place));
    return decl ? { decl } : {};
  }

  const location = (analysis: Analysis, place: Place): Location | undefined => {
    const span = spanOf(analysis, place);
    return span ? { uri: uriOf(place.file), range: toRange(span) } : undefined;
  };

  connection.onDefinition(async ({ textDocument, position }) => {
    const analysis = await current(textDocument.uri);
    if (!analysis) return null;
    const hit = at(analysis, fileOf(textDocument.uri), position);
    const targets = hit.ref ? resolve(analysis.index, hit.ref) : hit.decl ? [hit.decl] : [];
    return targets.map((d) => location(analysis, d.place)).filter((l): l is Location => l !== undefined);
  });

  connection.onReferences(async ({ textDocument, position, context }) => {
    const analysis = await current(textDocument.uri);
    if (!analysis) return null;
    const hit = at(analysis, fileOf(textDocument.uri), position);
    const decl = hit.decl ?? (hit.ref ? resolve(analysis.index, hit.ref)[0] : undefined);
    if (!decl) return [];
    const places = [...(context.includeDeclaration ? [decl.place] : []), ...referencesTo(analysis.index, decl).map((r) => r.place)];
    const out = places.map((p) => location(analysis, p)).filter((l): l is Location => l !== undefined);
    if (decl.kind === "persona" && decl.place.file !== analysis.file) out.push(...(await workspaceReferences(decl, analysis.file)).locations);
    return out;
  });

  /** References to a shared persona from the other maps of the workspace. */
  async function workspaceReferences(decl: Declaration, except: string) {
    const locations: Location[] = [];
    const edits = new Map<string, { analysis: Analysis; refs: Reference[] }>();
    if (roots.length === 0) return { locations, edits };
    const discovered = await discoverInputs(roots, roots[0]!).catch(() => undefined);
    for (const input of discovered?.inputs ?? []) {
      const file = path.resolve(input.absolutePath);
      if (file === except) continue;
      const bytes = await reader(file);
      if (!(bytes instanceof Uint8Array)) continue;
      const text = new TextDecoder().decode(bytes);
      if (!/^cjm\s*:/m.test(text)) continue;
      const other = await analyse(file, text, { cwd: roots[0]!, readFile: reader });
      const mine = other.index.declarations.find((d) => d.kind === "persona" && d.place.file === decl.place.file && d.id === decl.id);
      if (!mine) continue;
      const refs = referencesTo(other.index, mine);
      edits.set(file, { analysis: other, refs });
      for (const r of refs) {
        const l = location(other, r.place);
        if (l) locations.push(l);
      }
    }
    return { locations, edits };
  }

  connection.onPrepareRename(async ({ textDocument, position }) => {
    const analysis = await current(textDocument.uri);
    if (!analysis) return null;
    const hit = at(analysis, fileOf(textDocument.uri), position);
    const place = hit.ref?.place ?? hit.decl?.place;
    const decl = hit.decl ?? (hit.ref ? resolve(analysis.index, hit.ref)[0] : undefined);
    if (!place || !decl) return null;
    const span = spanOf(analysis, place);
    return span ? { range: toRange(span), placeholder: decl.id } : null;
  });

  connection.onRenameRequest(async ({ textDocument, position, newName }) => {
    const analysis = await current(textDocument.uri);
    if (!analysis) return null;
    const hit = at(analysis, fileOf(textDocument.uri), position);
    const decl = hit.decl ?? (hit.ref ? resolve(analysis.index, hit.ref)[0] : undefined);
    if (!decl) throw new ResponseError(0, "cjm: no id here to rename");
    if (!SLUG.test(newName)) {
      throw new ResponseError(0, `cjm: \`${newName}\` is not a valid id: lowercase letters, digits and hyphens, starting with a letter`);
    }
    const clash = analysis.index.declarations.find((d) => d !== decl && d.id === newName && sameNamespace(d.kind, decl.kind));
    if (clash) throw new ResponseError(0, `cjm: the id \`${newName}\` is already used by the ${clash.kind} "${clash.label}"`);

    // A channel named in a shared persona file is declared by each map that uses the file: renaming
    // it from one map would break the others. Say where to change it instead.
    const shared = decl.kind === "channel" ? referencesTo(analysis.index, decl).find((r) => r.place.file !== decl.place.file) : undefined;
    if (shared) {
      throw new ResponseError(
        0,
        `cjm: the channel \`${decl.id}\` is also named in the persona file \`${path.relative(path.dirname(analysis.file), shared.place.file)}\`, which other maps may share: rename it in each map that declares it and in that file`,
      );
    }
    const changes: Record<string, TextEdit[]> = {};
    const add = (file: string, edit: TextEdit) => (changes[uriOf(file)] ??= []).push(edit);
    const declEdit = declarationEdit(analysis, decl, newName);
    if (declEdit) add(decl.place.file, declEdit);
    const renameRefs = (a: Analysis, refs: Reference[]) => {
      for (const r of refs) {
        const span = spanOf(a, r.place);
        if (span) add(r.place.file, { range: toRange(span), newText: r.place.at === "key" ? newName : newName });
      }
    };
    renameRefs(analysis, referencesTo(analysis.index, decl));
    if (decl.kind === "persona" && decl.place.file !== analysis.file) {
      for (const { analysis: other, refs } of (await workspaceReferences(decl, analysis.file)).edits.values()) renameRefs(other, refs);
    }
    return { changes };
  });

  connection.onCompletion(async ({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri);
    const analysis = await current(textDocument.uri);
    if (!doc || !analysis) return [];
    return completionsAt(doc, position, analysis) satisfies CompletionItem[];
  });

  connection.onHover(async ({ textDocument, position }) => {
    const analysis = await current(textDocument.uri);
    if (!analysis) return null;
    const hit = at(analysis, fileOf(textDocument.uri), position);
    const decl = hit.decl ?? (hit.ref ? resolve(analysis.index, hit.ref)[0] : undefined);
    if (!decl) return null;
    const place = hit.ref?.place ?? decl.place;
    const span = spanOf(analysis, place);
    return { contents: { kind: "markdown", value: hoverText(analysis, decl) }, ...(span && { range: toRange(span) }) };
  });

  connection.onDocumentSymbol(async ({ textDocument }) => {
    const analysis = await current(textDocument.uri);
    if (!analysis) return [];
    const file = fileOf(textDocument.uri);
    const symbol = (d: Declaration, kind: SymbolKind, children: DocumentSymbol[] = []): DocumentSymbol | undefined => {
      const whole = spanOf(analysis, d.container);
      const name = spanOf(analysis, d.place);
      if (!whole || !name) return undefined;
      return { name: d.label || d.id, detail: d.id, kind, range: toRange(whole), selectionRange: toRange(name), children };
    };
    const mine = analysis.index.declarations.filter((d) => d.place.file === file);
    const out: DocumentSymbol[] = [];
    for (const stage of mine.filter((d) => d.kind === "stage")) {
      const steps = mine
        .filter((d) => d.kind === "step" && d.container.pointer.startsWith(`${stage.container.pointer}/steps/`))
        .map((d) => symbol(d, SymbolKind.Event))
        .filter((s): s is DocumentSymbol => s !== undefined);
      const s = symbol(stage, SymbolKind.Namespace, steps);
      if (s) out.push(s);
    }
    for (const [kind, symbolKind] of [["persona", SymbolKind.Object], ["channel", SymbolKind.Interface], ["opportunity", SymbolKind.Function]] as const) {
      for (const d of mine.filter((x) => x.kind === kind)) {
        const s = symbol(d, symbolKind);
        if (s) out.push(s);
      }
    }
    return out;
  });

  connection.onCodeAction(async ({ textDocument, context }) => {
    const analysis = await current(textDocument.uri);
    if (!analysis) return [];
    const actions: CodeAction[] = [];
    for (const d of context.diagnostics) {
      const data = d.data as { suggestion?: string; insertObjective?: Position } | undefined;
      if (data?.suggestion) {
        actions.push({
          title: `Change to \`${data.suggestion}\``,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: true,
          edit: { changes: { [textDocument.uri]: [{ range: d.range, newText: data.suggestion }] } },
        });
      }
      if (d.code === "missing-objective") {
        const pos = objectivePosition(analysis);
        if (pos) {
          actions.push({
            title: "Add an `objective:` (the question this map answers)",
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            edit: { changes: { [textDocument.uri]: [{ range: { start: pos, end: pos }, newText: "objective: TODO the question this map answers\n" }] } },
          });
        }
      }
    }
    return actions;
  });

  // "Open in cjm serve" on the map's title and on each step, when a `cjm serve` shows this map.
  connection.onCodeLens(async ({ textDocument }) => {
    const analysis = await current(textDocument.uri);
    const file = fileOf(textDocument.uri);
    if (!analysis || analysis.file !== file) return [];
    const page = servedPageOf(process.env, file);
    if (!page) return [];
    const lens = (span: Span | undefined, title: string, anchor?: string) =>
      span ? [{ range: toRange(span), command: { title, command: OPEN_IN_SERVE, arguments: [anchor ? `${page}#${encodeURIComponent(anchor)}` : page] } }] : [];
    return [
      ...lens(spanOf(analysis, { file, pointer: "/title", at: "key" }), "Open in cjm serve"),
      ...analysis.index.declarations
        .filter((d) => d.kind === "step" && d.place.file === file)
        .flatMap((d) => lens(spanOf(analysis, { ...d.container, at: "value" }), "Open step in cjm serve", d.id)),
    ];
  });

  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    const url = args?.[0];
    // Only the pages of a local cjm serve are opened, never another address a client passes.
    if (command !== OPEN_IN_SERVE || typeof url !== "string" || !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\//.test(url)) return null;
    await connection.window.showDocument({ uri: url, external: true });
    return null;
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}

/** Steps, stages and pains share `addresses`, so an id must be unique across the three. */
function sameNamespace(a: IdKind, b: IdKind): boolean {
  const addressable = new Set<IdKind>(["step", "stage", "pain"]);
  return a === b || (addressable.has(a) && addressable.has(b));
}

/** The edit of a declaration: its `id:` value, or an `id:` written before the name it was derived from. */
function declarationEdit(analysis: Analysis, decl: Declaration, newName: string): TextEdit | undefined {
  const span = spanOf(analysis, decl.place);
  if (!span) return undefined;
  if (!decl.derived) return { range: toRange(span), newText: newName };
  const source = analysis.sources.get(decl.place.file);
  if (!source) return undefined;
  if (decl.place.pointer === decl.container.pointer) {
    // A pain written as a bare string: it becomes a mapping with the id and the same text.
    const original = sliceSpan(source.text, span);
    return { range: toRange(span), newText: `{ id: ${newName}, text: ${original} }` };
  }
  // `name:` (or `title:`/`text:`) starts a line of the mapping: `id:` goes on its own line before
  // the mapping's first key, at the same indentation.
  const container = spanOf(analysis, decl.container);
  if (!container) return undefined;
  const line = source.text.split("\n")[container.start.line - 1] ?? "";
  const indent = " ".repeat(container.start.col - 1);
  const flow = line.slice(container.start.col - 1).startsWith("{");
  if (flow) {
    const start = { line: container.start.line - 1, character: container.start.col };
    return { range: { start, end: start }, newText: ` id: ${newName},` };
  }
  const start = { line: container.start.line - 1, character: container.start.col - 1 };
  return { range: { start, end: start }, newText: `id: ${newName}\n${indent}` };
}

function hoverText(analysis: Analysis, decl: Declaration): string {
  const { index, journey, facts } = analysis;
  const lines = [`**${decl.label || decl.id}** — ${decl.kind} \`${decl.id}\`${decl.derived ? " (derived from its name)" : ""}`];
  const data = rawAt(analysis, decl.container);
  if (decl.kind === "opportunity") {
    const impact = typeof data?.["impact"] === "number" ? data["impact"] : undefined;
    const effort = typeof data?.["effort"] === "number" ? data["effort"] : undefined;
    const quadrant = quadrantOf(impact, effort);
    lines.push(`quadrant: ${quadrant ?? "not rated (impact and effort both needed)"}${impact !== undefined ? ` · impact ${impact}` : ""}${effort !== undefined ? ` · effort ${effort}` : ""}`);
    if (typeof data?.["status"] === "string") lines.push(`status: ${data["status"]}`);
    const addressed = (Array.isArray(data?.["addresses"]) ? data["addresses"] : []).map((id) => {
      const target = index.declarations.find((d) => ["step", "stage", "pain"].includes(d.kind) && d.id === id);
      return target ? `- ${target.kind} \`${String(id)}\`: ${target.label}` : `- \`${String(id)}\` (no such step, stage or pain)`;
    });
    if (addressed.length) lines.push("addresses:", ...addressed);
  } else if (decl.kind === "pain") {
    const by = index.declarations.filter(
      (o) => o.kind === "opportunity" && (rawAt(analysis, o.container)?.["addresses"] as unknown[] | undefined)?.includes(decl.id),
    );
    lines.push(by.length ? `addressed by: ${by.map((o) => `\`${o.id}\` (${o.label})`).join(", ")}` : "addressed by no opportunity");
    const pain = facts?.pains.find((p) => p.pain.id === decl.id);
    if (pain && facts && !facts.openPains.some((p) => p.pain === pain.pain)) lines.push("resolved");
  } else if (decl.kind === "step") {
    const step = journey?.stages.flatMap((s) => s.steps).find((s) => s.id === decl.id);
    if (step) {
      const emotions = step.emotions.map((e) => `${e.persona} ${e.score ?? "–"}/5`).join(" · ");
      if (emotions) lines.push(`emotion: ${emotions}`);
      const nps = step.metrics?.nps;
      if (nps) lines.push(`NPS ${nps.score > 0 ? "+" : ""}${nps.score}${nps.breakdown ? ` (n = ${nps.breakdown.total})` : ""}`);
      if (step.metrics?.csat) lines.push(`CSAT ${step.metrics.csat.value}${step.metrics.csat.scale === "percent" ? " %" : "/5"}`);
    } else if (typeof data?.["emotion"] === "number") {
      lines.push(`emotion: ${data["emotion"]}/5`);
    } else if (typeof data?.["emotion"] === "object" && data["emotion"] !== null) {
      lines.push(`emotion: ${Object.entries(data["emotion"] as Record<string, unknown>).map(([p, v]) => `${p} ${String(v)}/5`).join(" · ")}`);
    }
  }
  return lines.join("\n\n");
}

function rawAt(analysis: Analysis, place: Place): Record<string, unknown> | undefined {
  const doc = analysis.sources.get(place.file)?.document;
  if (!doc) return undefined;
  const segments = place.pointer === "" ? [] : place.pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const node = segments.length ? doc.getIn(segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s))) : doc.contents;
  const value = (node as { toJSON?: () => unknown } | null)?.toJSON?.() ?? node;
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function objectivePosition(analysis: Analysis): Position | undefined {
  const span = spanOf(analysis, { file: analysis.file, pointer: "/title", at: "key" });
  return span ? { line: span.start.line, character: 0 } : undefined;
}

function toLsp(d: Diagnostic, analysis: Analysis, lang: Lang): LspDiagnostic {
  const span = d.span ?? { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } };
  const suggestion = d.help ? /(?:did you mean|vouliez-vous dire) `([^`]+)`/.exec(d.help)?.[1] : undefined;
  const out: LspDiagnostic = {
    range: toRange(span),
    severity: d.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.code,
    codeDescription: { href: `${pathToFileURL(packageFile("docs/rules.md")).href}#${d.code}` },
    source: "cjm",
    message: d.help ? `${d.message}\n${say(lang, "help")}: ${d.help}` : d.message,
    ...(suggestion !== undefined && { data: { suggestion } }),
  };
  const related = (d.related ?? []).flatMap((r) => {
    const file = path.resolve(path.dirname(analysis.file), r.file);
    const rspan = r.span ?? (r.pointer !== undefined ? analysis.sources.get(file)?.locate(r.pointer) : undefined);
    return rspan ? [{ location: { uri: pathToFileURL(file).href, range: toRange(rspan) }, message: r.message }] : [];
  });
  if (related.length) out.relatedInformation = related;
  return out;
}

/** cjm spans are 1-based lines and UTF-16 columns; LSP positions are 0-based. */
export function toRange(span: Span): Range {
  return {
    start: { line: span.start.line - 1, character: span.start.col - 1 },
    end: { line: span.end.line - 1, character: span.end.col - 1 },
  };
}

function contains(span: Span | undefined, pos: Position): boolean {
  if (!span) return false;
  const r = toRange(span);
  const after = pos.line > r.start.line || (pos.line === r.start.line && pos.character >= r.start.character);
  const before = pos.line < r.end.line || (pos.line === r.end.line && pos.character <= r.end.character);
  return after && before;
}

function sliceSpan(text: string, span: Span): string {
  const lines = text.split("\n");
  const offset = (p: { line: number; col: number }) => lines.slice(0, p.line - 1).reduce((n, l) => n + l.length + 1, 0) + p.col - 1;
  return text.slice(offset(span.start), offset(span.end));
}

