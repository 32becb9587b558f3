import type { RuleCode } from "../diagnostics/codes.js";
import { plainYamlMessage } from "./yaml-messages.js";
import { CST, isAlias, isMap, Lexer, LineCounter, parseDocument, visit, type Alias, type Document } from "yaml";
import { bilingual, type Diagnostic, type Texts } from "../diagnostics/diagnostic.js";
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
  const fail = (code: RuleCode, message: Texts, text = "", offset = 0, help?: Texts): Parsed => {
    const source = new SourceFile(name, absolutePath, text, countLines(text));
    return { source, diagnostics: [{ severity: "error", code, ...bilingual(message, help), file: name, span: source.spanAtOffset(offset) }] };
  };

  const maxBytes = options.maxFileBytes ?? LIMITS.maxFileBytes;
  if (bytes.length > maxBytes) {
    return fail(
      "file-too-large",
      { en: `file is ${formatBytes(bytes.length)}, over the ${formatBytes(maxBytes)} cap`, fr: `le fichier fait ${formatBytes(bytes.length)}, au-delà de la limite de ${formatBytes(maxBytes)}` },
      "",
      0,
      {
        en: "a journey map is a few kilobytes; split the file, or raise the cap with `--max-size`",
        fr: "une carte de parcours fait quelques kilo-octets ; découpez le fichier, ou relevez la limite avec `--max-size`",
      },
    );
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const { text, offset } = prefixText(bytes, nul);
    return fail(
      "binary-file",
      { en: `file holds binary data (a NUL byte at byte ${nul}), not text`, fr: `le fichier contient des données binaires (un octet NUL à l'octet ${nul}), pas du texte` },
      text,
      offset,
      { en: "give cjm the journey's .yaml file, not a document or an archive", fr: "donnez à cjm le fichier .yaml du parcours, pas un document ni une archive" },
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const { text: before, offset } = prefixText(bytes, bad);
    return fail(
      "invalid-utf8",
      {
        en: `file is not valid UTF-8: byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, "0")} at byte ${bad}`,
        fr: `le fichier n'est pas en UTF-8 valide : octet 0x${(bytes[bad] ?? 0).toString(16).padStart(2, "0")} à l'octet ${bad}`,
      },
      before,
      offset,
      { en: "save the file as UTF-8 (Latin-1 and Windows-1252 files need converting)", fr: "enregistrez le fichier en UTF-8 (les fichiers Latin-1 et Windows-1252 sont à convertir)" },
    );
  }
  // YAML excludes C0 and C1 controls but tab, line feed, carriage return and NEL; the yaml package
  // lets them through. One in a map is a copy-paste accident (a vertical tab from a word processor).
  const control = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F]/.exec(text);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    return fail(
      "control-character",
      { en: `control character U+${code} is not allowed in YAML`, fr: `le caractère de contrôle U+${code} n'est pas permis en YAML` },
      text,
      control.index,
      {
        en: 'delete it; to keep it on purpose, write it as an escape in a double-quoted string ("\\x0b")',
        fr: 'supprimez-le ; pour le garder exprès, écrivez-le comme un échappement entre guillemets doubles ("\\x0b")',
      },
    );
  }
  if (text.trim() === "") {
    return fail(
      "empty-file",
      { en: "file is empty: expected a journey map (`cjm: 1`, `title`, `personas`, `stages`)", fr: "le fichier est vide : une carte de parcours était attendue (`cjm: 1`, `title`, `personas`, `stages`)" },
      text,
      0,
      EMPTY_HELP,
    );
  }
  const tooDeep = depthProblem(text);
  if (tooDeep !== undefined) {
    return fail(
      "too-deep",
      { en: `document is nested more than ${LIMITS.maxDepth} levels deep`, fr: `le document est imbriqué sur plus de ${LIMITS.maxDepth} niveaux` },
      text,
      tooDeep,
      TOO_DEEP_HELP,
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
  const at = (code: RuleCode, message: Texts, start: number, end: number, help?: Texts) => {
    diagnostics.push({ severity: "error", code, ...bilingual(message, help), file: name, span: source.spanAtOffset(start, end) });
  };

  for (const e of doc.errors) {
    const message = cleanYamlMessage(e.message);
    switch (e.code) {
      case "DUPLICATE_KEY":
        {
          const key = keyAt(text, e.pos[0]);
          at(
            "duplicate-key",
            key
              ? { en: `key \`${key}\` appears twice in this mapping`, fr: `la clé \`${key}\` apparaît deux fois dans ce dictionnaire` }
              : { en: "key appears twice in this mapping", fr: "une clé apparaît deux fois dans ce dictionnaire" },
            e.pos[0],
            e.pos[1],
            key
              ? { en: `keep one of the two \`${key}:\` lines; YAML would keep only the last`, fr: `gardez une seule des deux lignes \`${key}:\` ; YAML ne garderait que la dernière` }
              : { en: "keep one of the two; YAML keeps only the last", fr: "gardez-en une seule ; YAML ne garde que la dernière" },
          );
        }
        break;
      case "TAB_AS_INDENT":
        at(
          "yaml-syntax",
          { en: "tab used for indentation; YAML indents with spaces", fr: "tabulation utilisée pour indenter ; YAML indente avec des espaces" },
          e.pos[0],
          e.pos[1],
          { en: "replace the tab with spaces", fr: "remplacez la tabulation par des espaces" },
        );
        break;
      case "MULTIPLE_DOCS":
        at(
          "multiple-documents",
          { en: "file holds more than one YAML document (`---`)", fr: "le fichier contient plus d'un document YAML (`---`)" },
          e.pos[0],
          e.pos[1],
          { en: "one journey map per file", fr: "une carte de parcours par fichier" },
        );
        break;
      case "RESOURCE_EXHAUSTION":
        at("too-deep", { en: message, fr: `le document est imbriqué trop profondément (${message})` }, e.pos[0], e.pos[1], TOO_DEEP_HELP);
        break;
      default: {
        // yaml reports an unclosed quote at the end of the file; the opening quote is what to fix.
        const quote = /missing closing (["'])quote/i.exec(e.message)?.[1];
        const start = quote ? text.lastIndexOf(quote, e.pos[0]) : -1;
        if (start >= 0) {
          at("yaml-syntax", { en: `text opened with ${quote} is never closed`, fr: `le texte ouvert par ${quote} n'est jamais fermé` }, start, start + 1, {
            en: `close it with ${quote} on the same value`,
            fr: `fermez-le par ${quote} sur la même valeur`,
          });
        }
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
          {
            en: `YAML tag \`${shortTag(node.tag)}\` is not allowed: a journey holds plain text, numbers, lists and mappings`,
            fr: `l'étiquette YAML \`${shortTag(node.tag)}\` n'est pas permise : un parcours ne contient que du texte, des nombres, des listes et des dictionnaires`,
          },
          tagStart,
          tagStart + shortTag(node.tag).length,
          { en: "remove the tag; quote the value if it should be text", fr: "retirez l'étiquette ; mettez la valeur entre guillemets si c'est du texte" },
        );
      }
    },
  });
  if (diagnostics.length > 0) return { source, diagnostics };

  if (doc.contents === null) {
    const message = { en: "file is empty: expected a journey map", fr: "le fichier est vide : une carte de parcours était attendue" };
    return { source, diagnostics: [{ severity: "error", code: "empty-file", ...bilingual(message, EMPTY_HELP), file: name, span: source.spanAtOffset(0) }] };
  }
  if (!isMap(doc.contents)) {
    const range = doc.contents.range;
    at(
      "not-a-mapping",
      {
        en: `top level must be a mapping of keys to values (\`title: …\`); found ${describeNode(doc, "en")}`,
        fr: `le premier niveau doit être un dictionnaire de clés et de valeurs (\`title: …\`) ; trouvé : ${describeNode(doc, "fr")}`,
      },
      range[0],
      range[1],
      { en: "start the file with `cjm: 1` and `title:` lines, each at the start of its line", fr: "commencez le fichier par des lignes `cjm: 1` et `title:`, chacune en début de ligne" },
    );
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
        { en: `alias \`*${name}\` is used before its anchor \`&${name}\` is set`, fr: `l'alias \`*${name}\` est utilisé avant que son ancre \`&${name}\` soit posée` },
        start,
        end,
        {
          en: `YAML reads top to bottom: set \`&${name}\` on a value above this line, or write the value here`,
          fr: `YAML se lit de haut en bas : posez \`&${name}\` sur une valeur au-dessus de cette ligne, ou écrivez la valeur ici`,
        },
      );
      return { source, diagnostics };
    }
    // yaml throws ReferenceError past maxAliasCount ("billion laughs"); any other failure is a bug
    // in the input we could not foresee, still reported, never thrown.
    const aliasy = e instanceof ReferenceError || /alias/i.test(String((e as Error)?.message));
    at(
      aliasy ? "alias-bomb" : "yaml-syntax",
      aliasy
        ? { en: `YAML aliases expand to too much data (over ${LIMITS.maxAliasCount} alias uses)`, fr: `les alias YAML se déploient en trop de données (plus de ${LIMITS.maxAliasCount} usages d'alias)` }
        : { en: `document cannot be read: ${(e as Error)?.message ?? String(e)}`, fr: `le document est illisible : ${(e as Error)?.message ?? String(e)}` },
      0,
      0,
      aliasy
        ? { en: "write the values out instead of repeating aliases of aliases", fr: "écrivez les valeurs en clair au lieu de répéter des alias d'alias" }
        : undefined,
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

function describeNode(doc: Document.Parsed, lang: "en" | "fr"): string {
  const json = doc.contents?.toJSON?.();
  if (Array.isArray(json)) return lang === "fr" ? "une liste" : "a list";
  if (json === null || json === undefined) return lang === "fr" ? "rien" : "nothing";
  const kinds: Record<string, string> = { string: "le texte", number: "le nombre", boolean: "la valeur" };
  return lang === "fr" ? `${kinds[typeof json] ?? "la valeur"} \`${String(json).slice(0, 40)}\`` : `the ${typeof json} \`${String(json).slice(0, 40)}\``;
}

const EMPTY_HELP: Texts = { en: "run `cjm init` for a starter map", fr: "lancez `cjm init` pour une carte de départ" };
const TOO_DEEP_HELP: Texts = {
  en: "a journey map is about ten levels deep; check the indentation and brackets",
  fr: "une carte de parcours compte une dizaine de niveaux ; vérifiez l'indentation et les crochets",
};

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
