/**
 * The YAML parser's words ("flow sequence in block collection must be sufficiently indented")
 * in the words of someone writing a journey map, with what to do. First match wins; a message
 * not listed keeps the parser's text.
 */
const PLAIN: { match: RegExp; message: string | ((m: RegExpExecArray) => string); help: string }[] = [
  {
    match: /flow sequence in block collection must be sufficiently indented/i,
    message: "a list in brackets `[…]` is not closed, or its next line is not indented under its key",
    help: "close the list with `]`, or write it one item a line, each starting with `- `",
  },
  {
    match: /flow map in block collection must be sufficiently indented/i,
    message: "a mapping in braces `{…}` is not closed, or its next line is not indented under its key",
    help: "close it with `}`, or write it one `key: value` a line, indented under its key",
  },
  {
    match: /nested mappings are not allowed in compact mappings/i,
    message: "a second `: ` on this line: YAML reads it as a mapping inside the value",
    help: 'put the text in quotes, e.g. `thinks: "Why: again?"`',
  },
  {
    match: /all mapping items must start at the same column/i,
    message: "this key is not aligned with the keys above it",
    help: "indent every key of one mapping by the same number of spaces",
  },
  {
    match: /sequence item without - indicator|unexpected block-seq-ind/i,
    message: "a list item `- ` where a `key: value` was expected, or the other way round",
    help: "line it up: the items of a list all start with `- `, at the same indentation",
  },
  {
    match: /implicit keys need to be on a single line|implicit map keys need to be followed by map values/i,
    message: "a line with no `key: value` where one was expected",
    help: "add the missing `:` after the key, or indent the line under the key it continues",
  },
  {
    match: /plain value cannot start with reserved character (\S)/i,
    message: (m) => `a text cannot start with \`${m[1]}\` unless it is quoted`,
    help: 'put the text in quotes, e.g. `owner: "@support"`',
  },
  {
    match: /unexpected flow-(seq|map)-end token/i,
    message: (m) => `a closing \`${m[1] === "seq" ? "]" : "}"}\` with no opening one`,
    help: "remove it, or open the list or mapping it closes",
  },
  {
    match: /missing , or : between flow (map|sequence) items/i,
    message: (m) => `a \`,\` is missing between the items of a ${m[1] === "map" ? "`{…}` mapping" : "`[…]` list"}`,
    help: "separate the items with `, `; quote a text that holds a comma",
  },
  {
    match: /invalid escape sequence (\\\S)/i,
    message: (m) => `\`${m[1]}\` is not an escape YAML knows inside double quotes`,
    help: "write the backslash twice (`\\\\`), or use single quotes, where backslashes are plain",
  },
];

export function plainYamlMessage(message: string): { message: string; help?: string } {
  for (const p of PLAIN) {
    const m = p.match.exec(message);
    if (m) return { message: typeof p.message === "string" ? p.message : p.message(m), help: p.help };
  }
  return { message };
}
