import type { RuleCode } from "../diagnostics/codes.js";
import { plainYamlMessage } from "./yaml-messages.js";
import { CST, isAlias, isMap, Lexer, LineCounter, parseDocument, visit, type Alias, type Document } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { LIMITS } from "./limits.js";
import { SourceFile } from "./source.js";

export interface ParseOptions {
  maxFileBytes?: number;
}

export interface Parsed {
  source: SourceFile;
  /** The plain data, present only when the file parsed without error. */
  data?: Record<string, unknown>;
  diagnostics: Diagnostic[];
}

/** Tags a journey may spell out explicitly; anything else (`!!binary`, `!!set`, `!foo`) is refused. */
const PLAIN_TAGS = new Set(
  ["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`),
);

/**
 * Turns the bytes of a `.yaml`, `.yml` or `.json` file into plain data. Every failure becomes a
 * located diagnostic; nothing here throws on bad input.
 */
export function parseSource(
  bytes: Uint8Array,
  name: string,
  absolutePath: string,
  options: ParseOptions = {},
): Parsed {
  const fail = (code: RuleCode, message: string, text = "", offset = 0, help?: string): Parsed => {
    const source = new SourceFile(name, absolutePath, text, countLines(text));
    const d: Diagnostic = { severity: "error", code, message, file: name, span: source.spanAtOffset(offset) };
    if (help) d.help = help;
    return { source, diagnostics: [d] };
  };

  const maxBytes = options.maxFileBytes ?? LIMITS.maxFileBytes;
  if (bytes.length > maxBytes) {
    return fail(
      "file-too-large",
      `file is ${formatBytes(bytes.length)}, over the ${formatBytes(maxBytes)} cap`,
      "",
      0,
      "a journey map is a few kilobytes; split the file, or raise the cap with `--max-size`",
    );
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const { text, offset } = prefixText(bytes, nul);
    return fail("binary-file", `file holds binary data (a NUL byte at byte ${nul}), not text`, text, offset);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const { text: before, offset } = prefixText(bytes, bad);
    return fail(
      "invalid-utf8",
      `file is not valid UTF-8: byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, "0")} at byte ${bad}`,
      before,
      offset,
      "save the file as UTF-8 (Latin-1 and Windows-1252 files need converting)",
    );
  }
  // YAML excludes C0 and C1 controls but tab, line feed, carriage return and NEL; the yaml package
  // lets them through. One in a map is a copy-paste accident (a vertical tab from a word processor).
  const control = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F]/.exec(text);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    return fail(
      "control-character",
      `control character U+${code} is not allowed in YAML`,
      text,
      control.index,
      'delete it; to keep it on purpose, write it as an escape in a double-quoted string ("\\x0b")',
    );
  }
  if (text.trim() === "") {
    return fail("empty-file", "file is empty: expected a journey map (`cjm: 1`, `title`, `personas`, `stages`)", text, 0, "run `cjm init` for a starter map");
  }
  const tooDeep = depthProblem(text);
  if (tooDeep !== undefined) {
    return fail(
      "too-deep",
      `document is nested more than ${LIMITS.maxDepth} levels deep`,
      text,
      tooDeep,
      "a journey map is about ten levels deep; check the indentation and brackets",
    );
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    schema: "core",
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
    keepSourceTokens: false,
  });
  const source = new SourceFile(name, absolutePath, text, lineCounter, doc);
  const diagnostics: Diagnostic[] = [];
  const at = (code: RuleCode, message: string, start: number, end: number, help?: string) => {
    const d: Diagnostic = { severity: "error", code, message, file: name, span: source.spanAtOffset(start, end) };
    if (help) d.help = help;
    diagnostics.push(d);
  };

  for (const e of doc.errors) {
    const message = cleanYamlMessage(e.message);
    switch (e.code) {
      case "DUPLICATE_KEY":
        {
          const key = keyAt(text, e.pos[0]);
          at(
            "duplicate-key",
            key ? `key \`${key}\` appears twice in this mapping` : "key appears twice in this mapping",
            e.pos[0],
            e.pos[1],
            key ? `keep one of the two \`${key}:\` lines; YAML would keep only the last` : "keep one of the two; YAML keeps only the last",
          );
        }
        break;
      case "TAB_AS_INDENT":
        at("yaml-syntax", "tab used for indentation; YAML indents with spaces", e.pos[0], e.pos[1], "replace the tab with spaces");
        break;
      case "MULTIPLE_DOCS":
        at("multiple-documents", "file holds more than one YAML document (`---`)", e.pos[0], e.pos[1], "one journey map per file");
        break;
      case "RESOURCE_EXHAUSTION":
        at("too-deep", message, e.pos[0], e.pos[1]);
        break;
      default: {
        // yaml reports an unclosed quote at the end of the file; the opening quote is what to fix.
        const quote = /missing closing (["'])quote/i.exec(e.message)?.[1];
        const start = quote ? text.lastIndexOf(quote, e.pos[0]) : -1;
        if (start >= 0) at("yaml-syntax", `text opened with ${quote} is never closed`, start, start + 1, `close it with ${quote} on the same value`);
        else {
          const plain = plainYamlMessage(message);
          at("yaml-syntax", plain.message, e.pos[0], e.pos[1], plain.help);
        }
      }
    }
  }
  if (diagnostics.length > 0) return { source, diagnostics };

  // Tags are written with `!`: a file without one has none, and the walk is skipped.
  if (text.includes("!")) visit(doc, {
    Node(_key, node) {
      if (node.tag !== undefined && !PLAIN_TAGS.has(node.tag)) {
        const range = node.range ?? [0, 0];
        const tagStart = tagOffset(text, range[0]);
        at(
          "yaml-tag",
          `YAML tag \`${shortTag(node.tag)}\` is not allowed: a journey holds plain text, numbers, lists and mappings`,
          tagStart,
          tagStart + shortTag(node.tag).length,
          "remove the tag; quote the value if it should be text",
        );
      }
    },
  });
  if (diagnostics.length > 0) return { source, diagnostics };

  if (doc.contents === null) {
    return { source, diagnostics: [{ severity: "error", code: "empty-file", message: "file is empty: expected a journey map", file: name, span: source.spanAtOffset(0) }] };
  }
  if (!isMap(doc.contents)) {
    const range = doc.contents.range;
    at("not-a-mapping", `top level must be a mapping of keys to values (\`title: …\`); found ${describeNode(doc)}`, range[0], range[1]);
    return { source, diagnostics };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
  } catch (e) {
    // An alias used before its anchor (or with none) is a mistake to point at, not an attack.
    const unresolved = unresolvedAlias(doc);
    if (unresolved) {
      const name = String(unresolved.source);
      const [start, end] = unresolved.range ?? [0, 0];
      at(
        "yaml-syntax",
        `alias \`*${name}\` is used before its anchor \`&${name}\` is set`,
        start,
        end,
        `YAML reads top to bottom: set \`&${name}\` on a value above this line, or write the value here`,
      );
      return { source, diagnostics };
    }
    // yaml throws ReferenceError past maxAliasCount ("billion laughs"); any other failure is a bug
    // in the input we could not foresee, still reported, never thrown.
    const aliasy = e instanceof ReferenceError || /alias/i.test(String((e as Error)?.message));
    at(
      aliasy ? "alias-bomb" : "yaml-syntax",
      aliasy
        ? `YAML aliases expand to too much data (over ${LIMITS.maxAliasCount} alias uses)`
        : `document cannot be read: ${(e as Error)?.message ?? String(e)}`,
      0,
      0,
    );
    return { source, diagnostics };
  }
  return { source, data: data as Record<string, unknown>, diagnostics };
}

/** The first alias whose anchor is not set above it, in document order. */
function unresolvedAlias(doc: Document.Parsed): Alias | undefined {
  const anchors = new Set<string>();
  let found: Alias | undefined;
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        if (!anchors.has(node.source)) {
          found = node;
          return visit.BREAK;
        }
      } else if (node.anchor) anchors.add(node.anchor);
      return undefined;
    },
  });
  return found;
}

/** The key written at `offset` (plain or quoted), for messages that name it. */
function keyAt(text: string, offset: number): string | undefined {
  const m = /^(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\n]|'')*)'|([^:#\n{}[\],]+?))\s*:/.exec(text.slice(offset, offset + 300));
  const key = m?.[1] ?? m?.[2]?.replace(/''/g, "'") ?? m?.[3]?.trim();
  return key ? key.slice(0, 80) : undefined;
}

function cleanYamlMessage(message: string): string {
  const first = message.replace(/ at line \d+, column \d+[\s\S]*$/, "").trim();
  return first.charAt(0).toLowerCase() + first.slice(1);
}

/** Where the `!tag` written before a node starts: the node's own range begins after it. */
function tagOffset(text: string, nodeStart: number): number {
  const bang = text.lastIndexOf("!", nodeStart);
  if (bang < 0) return nodeStart;
  let start = bang;
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  return start;
}

function shortTag(tag: string): string {
  return tag.startsWith("tag:yaml.org,2002:") ? `!!${tag.slice("tag:yaml.org,2002:".length)}` : tag;
}

function describeNode(doc: Document.Parsed): string {
  const json = doc.contents?.toJSON?.();
  if (Array.isArray(json)) return "a list";
  if (json === null || json === undefined) return "nothing";
  return `the ${typeof json} \`${String(json).slice(0, 40)}\``;
}

function countLines(text: string): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lc.addNewLine(i + 1);
  return lc;
}

function prefixText(bytes: Uint8Array, end: number): { text: string; offset: number } {
  const text = new TextDecoder("utf-8").decode(bytes.subarray(0, end));
  return { text, offset: text.length };
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** Index of the first byte that breaks UTF-8 (the decoder only says that one does). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const need = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
    }
    if (need === 2) {
      const c1 = b[i + 1]!;
      if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f)) return i;
    } else if (need === 3) {
      const c1 = b[i + 1]!;
      if ((c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return i;
    }
    i += need + 1;
  }
  return Math.max(0, b.length - 1);
}

/**
 * Offset where nesting first goes past the limit, or undefined. yaml's composer recurses, and a
 * second very deep document in one process has aborted Node: so depth is measured here first,
 * iteratively. A cheap character scan gives an upper bound; only when that bound is high is the
 * token stream walked for the real figure.
 */
function depthProblem(text: string): number | undefined {
  let maxIndent = 0;
  let maxIndicators = 0;
  let flow = 0;
  let maxFlow = 0;
  let lineStart = true;
  let indent = 0;
  let indicators = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      indent = 0;
      indicators = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32) {
        indent++;
        continue;
      }
      lineStart = false;
      if (indent > maxIndent) maxIndent = indent;
    }
    if (c === 91 || c === 123) {
      if (++flow > maxFlow) maxFlow = flow;
    } else if (c === 93 || c === 125) {
      if (flow > 0) flow--;
    } else if (c === 45 || c === 63 || c === 58) {
      if (++indicators > maxIndicators) maxIndicators = indicators;
    }
  }
  if (maxIndent + maxIndicators + maxFlow <= LIMITS.maxDepth) return undefined;
  return tokenDepthProblem(text);
}

function tokenDepthProblem(text: string): number | undefined {
  let offset = 0;
  let flow = 0;
  const indents: number[] = [];
  let lineStart = true;
  let indent = 0;
  let extra = 0;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    const here = offset;
    offset += token.length;
    if (type === "newline") {
      lineStart = true;
      indent = 0;
      extra = 0;
      continue;
    }
    if (lineStart && type === "space") {
      indent = token.length;
      continue;
    }
    if (lineStart && type !== "comment" && flow === 0) {
      lineStart = false;
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
    }
    lineStart = false;
    if (type === "flow-map-start" || type === "flow-seq-start") flow++;
    else if (type === "flow-map-end" || type === "flow-seq-end") flow = Math.max(0, flow - 1);
    else if (flow === 0 && (type === "seq-item-ind" || type === "explicit-key-ind" || type === "map-value-ind")) extra++;
    if (flow + indents.length + extra > LIMITS.maxDepth) return here;
  }
  return undefined;
}
