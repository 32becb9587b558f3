import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";
import { pathOf, type Span } from "../diagnostics/diagnostic.js";

/**
 * A file as read: its text, and (when it parsed) the YAML document with source ranges, so that a
 * JSON pointer found later by the schema or the rules can be turned back into `line:col`.
 */
export class SourceFile {
  constructor(
    /** The path as the user wrote it (or `<stdin>`), used in every message. */
    readonly name: string,
    /** The absolute path, for resolving relative persona paths; the working directory for stdin. */
    readonly absolutePath: string,
    readonly text: string,
    readonly lineCounter: LineCounter,
    readonly document?: Document.Parsed,
  ) {}

  spanAtOffset(start: number, end = start): Span {
    const a = this.lineCounter.linePos(start);
    const b = this.lineCounter.linePos(Math.max(start, end));
    return { start: { line: a.line, col: a.col }, end: { line: b.line, col: b.col } };
  }

  /**
   * The span of the node at `pointer`, or of its key when `at` is `key`. A pointer into a part that
   * does not exist (a missing field) falls back to the deepest node that does.
   */
  locate(pointer: string, at: "value" | "key" = "value"): Span | undefined {
    // Several diagnostics often point at one place: each pointer is walked once per file.
    const key = `${at}\u0000${pointer}`;
    if (this.spans.has(key)) return this.spans.get(key);
    const span = this.walk(pointer, at);
    this.spans.set(key, span);
    return span;
  }

  private readonly spans = new Map<string, Span | undefined>();

  private walk(pointer: string, at: "value" | "key"): Span | undefined {
    const doc = this.document;
    if (!doc) return undefined;
    let node: unknown = doc.contents;
    let keyNode: unknown;
    for (const segment of pathOf(pointer)) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyText(p.key) === segment);
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value ?? pair.key;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (item === undefined || !/^\d+$/.test(segment)) break;
        keyNode = undefined;
        node = item;
      } else {
        break;
      }
    }
    const target = at === "key" && keyNode ? keyNode : node;
    const range = (target as Node | null | undefined)?.range;
    if (!range) return this.spanAtOffset(0);
    return this.spanAtOffset(range[0], range[1]);
  }
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}
