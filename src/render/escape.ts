/** Words that mean something to a Mermaid grammar when a line starts with them. */
const KEYWORD_START = /^(title|section|acc|journey|flowchart|graph|subgraph|end|direction|class|style|click|link|x-axis|y-axis|quadrant|point|default)/i;

/**
 * Mermaid text: every character outside [A-Za-z0-9 ] becomes the entity `#<codepoint>;`, and so
 * do edge spaces and the first letter of text that starts like a keyword (a task named "title x"
 * would become the title). Mermaid decodes these in journey, flowchart and quadrant labels, so the
 * text comes back exact.
 */
export function mermaidText(text: string): string {
  const chars = [...text];
  const guardFirst = KEYWORD_START.test(text);
  const keep = (c: string, i: number) =>
    !(i === 0 && guardFirst) && (/[A-Za-z0-9]/.test(c) || (c === " " && i > 0 && i < chars.length - 1));
  return chars.map((c, i) => (keep(c, i) ? c : `#${c.codePointAt(0)};`)).join("");
}

/** accTitle/accDescr run to the end of the line and are not decoded: one line of plain text. */
export function mermaidAccessible(text: string): string {
  return text.replace(/\s+/g, " ").replace(/[#;%]/g, " ").trim();
}

/**
 * Markdown inline text and table cells (GFM): `<`, `>`, `&` as entities; `\`, `|` and the other
 * characters that start inline syntax backslash-escaped; a line-start marker escaped; newlines as
 * `<br>`. What a renderer shows is the text as written.
 */
export function markdownText(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line
        .replace(/[\\`*_[\]|~$]/g, (c) => `\\${c}`)
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/^(\s*)([#+=-])(?=\s|$|[=-]+\s*$)/, "$1\\$2")
        .replace(/^(\s*\d+)([.)])(?=\s|$)/, "$1\\$2"),
    )
    .join("<br>");
}

/**
 * Journey actors (the personas): Mermaid wraps the legend by the *encoded* width and can cut an
 * entity in two, so only what the grammar needs is encoded here: ASCII punctuation, controls, edge
 * spaces and a keyword start. Letters of every script stay as they are.
 */
export function mermaidActor(text: string): string {
  const chars = [...text];
  const guardFirst = KEYWORD_START.test(text);
  const encode = (c: string, i: number) =>
    (i === 0 && guardFirst) || /[\u0000-\u001f\u007f-\u009f!-/:-@[-`{-~]/.test(c) || (c === " " && (i === 0 || i === chars.length - 1));
  return chars.map((c, i) => (encode(c, i) ? `#${c.codePointAt(0)};` : c)).join("");
}
