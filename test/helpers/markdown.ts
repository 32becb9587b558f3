import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { expect } from "vitest";

export interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

/** Parses Markdown as GitHub does (GFM). */
export function parseGfm(md: string): MdNode {
  return fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }) as MdNode;
}

/** The tables of a document, after checking that every row has the header's cell count. */
export function rectangularTables(md: string): MdNode[] {
  const tables: MdNode[] = [];
  const walk = (n: MdNode) => (n.type === "table" ? tables.push(n) : (n.children ?? []).forEach(walk));
  walk(parseGfm(md));
  for (const table of tables) {
    const [head, ...rows] = table.children!;
    for (const row of rows) expect(row.children!.length).toBe(head!.children!.length);
  }
  return tables;
}
