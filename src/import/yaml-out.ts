import { Document, isNode, isScalar, isSeq, visit } from "yaml";

/** A comment to place before the node at `path` of the written map. */
export interface PathComment {
  path: (string | number)[];
  comment: string;
}

/**
 * The imported map as YAML a person can read and edit: the schema modeline first, a header naming
 * the source, a comment before each item naming the line or row it came from.
 */
export function writeImportedYaml(map: Record<string, unknown>, options: { schemaPath: string; header: string[]; comments: PathComment[] }): string {
  const doc = new Document(map);
  for (const { path, comment } of options.comments) {
    const node = doc.getIn(path, true);
    if (isNode(node)) node.commentBefore = node.commentBefore ? `${node.commentBefore}\n${comment}` : comment;
  }
  // Short lists of words read best on one line: `personas: [me, cat]`.
  visit(doc, {
    Seq(_, node) {
      if (isSeq(node) && node.items.length <= 6 && node.items.every((i) => isScalar(i) && typeof i.value === "string" && !/[\n,[\]{}#]/.test(i.value) && i.value.length <= 30)) node.flow = true;
    },
  });
  doc.commentBefore = [` yaml-language-server: $schema=${options.schemaPath}`, ...options.header.map((h) => ` ${h}`)].join("\n");
  return doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false });
}

/** A comment line for YAML: one line, no control characters. */
export function commentText(text: string): string {
  return " " + text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();
}
