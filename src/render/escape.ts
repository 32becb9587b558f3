/** Words that mean something to a Mermaid grammar when a line starts with them. */
const KEYWORD_START = /^(title|section|acc|journey|flowchart|graph|subgraph|end|direction|class|style|click|link|x-axis|y-axis|quadrant|point|default)/i;

/**
 * Unquoted Mermaid text (journey titles, sections and tasks; the quadrantChart title): what a quoted
 * label keeps (letters of every script, digits, emoji, safe punctuation; see `mermaidLabel`) except
 * `: ; % ,`, which split or cut a journey line; everything else becomes the entity
 * `#<codepoint>;`, and so do edge spaces and the first letter of text that starts like a keyword (a
 * task named "title x" would become the title). Mermaid decodes the entities, so the text comes
 * back exact in every version tested (test/mermaid-versions.test.ts).
 */
export function mermaidText(text: string): string {
  const clean = dropNonText(text);
  const encoded = mermaidLabel(clean, ":;%,");
  if (!KEYWORD_START.test(clean)) return encoded;
  const first = [...clean][0]!;
  return `#${first.codePointAt(0)};${encoded.slice(first.length)}`;
}

/**
 * Code points that are not text: what XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE/U+FFFF,
 * lone surrogates), and DEL and the C1 controls, which an HTML parser turns into other characters
 * (`&#133;` reads as "…").
 */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Drops what is not text: Mermaid would carry it into the SVG, which then is not XML. */
export function dropNonText(text: string): string {
  return text.replace(NOT_XML, "");
}

/**
 * ASCII punctuation that a *quoted* flowchart or quadrantChart label keeps as written in every
 * Mermaid version tested (10.9.8, 11.4.1, 11.17.2, 12.3.0; test/mermaid-versions.test.ts renders
 * them and fuzzes this set). Left out on purpose: `"` ends the label, `#` starts an entity, `&<>`
 * are markup, `%%` a comment, a backtick starts a Markdown string, `{` `}` could form a `%%{init}%%` directive
 * (Mermaid finds those anywhere in the text), and 11.4 reads `\\` as one backslash.
 */
const QUOTED_SAFE = /^[\p{L}\p{M}\p{N}\p{So}!$%()*+,\-./:;=?@[\]^_|~']$/u;

/**
 * A label inside `"..."` in a quadrantChart (or a flowchart: see `mermaidNode`): letters of every
 * script, digits, emoji and the punctuation above stay as they are; everything else (and edge
 * spaces) becomes `#<codepoint>;`, which Mermaid decodes. `alsoEncode` narrows the set.
 */
export function mermaidLabel(text: string, alsoEncode = ""): string {
  const chars = [...dropNonText(text)];
  // `%%` starts a comment in several versions' lexers, even inside quotes.
  const comment = (c: string, i: number) => c === "%" && (chars[i - 1] === "%" || chars[i + 1] === "%");
  const keep = (c: string, i: number) =>
    (QUOTED_SAFE.test(c) && !alsoEncode.includes(c) && !comment(c, i)) || (c === " " && i > 0 && i < chars.length - 1);
  return chars.map((c, i) => (keep(c, i) ? c : `#${c.codePointAt(0)};`)).join("");
}

/**
 * A flowchart node or subgraph label inside `"..."`. Mermaid 11.4 reads every flowchart label as
 * Markdown (`*a*` loses its stars, `- x` becomes "Unsupported markdown: list"): emphasis, strike
 * and link brackets are encoded too, and so is the marker of a label that starts like a list.
 */
export function mermaidNode(text: string): string {
  const encoded = mermaidLabel(text, "*_~[]");
  const list = /^([+-])(?= |$)|^(\d+)([.)])(?= |$)/.exec(encoded);
  if (!list) return encoded;
  return list[1] !== undefined
    ? `#${list[1].codePointAt(0)};${encoded.slice(1)}`
    : `${list[2]}#${list[3]!.codePointAt(0)};${encoded.slice(list[0].length)}`;
}

/**
 * accTitle/accDescr run to the end of the line, drop `: ; %` and HTML-escape `&` again: the label
 * set minus those three, as entities, so the SVG's `<title>`/`<desc>` read the text as written, on
 * one line.
 */
export function mermaidAccessible(text: string): string {
  return mermaidLabel(text.replace(/\s+/g, " ").trim(), ":;%");
}

/** A line none of markdownText's replacements touch has none of these (most step names). */
const MARKDOWN_SPECIAL = /^[\s#+=\-\d]|[\\`*_[\]|~$&<>]/;

/**
 * Markdown inline text and table cells (GFM): `<`, `>`, `&` as entities; `\`, `|` and the other
 * characters that start inline syntax backslash-escaped; a line-start marker escaped; newlines as
 * `<br>`. What a renderer shows is the text as written.
 */
export function markdownText(text: string): string {
  // A block scalar's final newline is not a line of its own (it gave a stray `<br>`).
  return text
    .replace(/(\r\n|\r|\n)+$/, "")
    .split(/\r\n|\r|\n/)
    .map((line) =>
      !MARKDOWN_SPECIAL.test(line)
        ? line
        : line
            .replace(/[\\`*_[\]|~$]/g, (c) => `\\${c}`)
            .replace(/&/g, "&amp;")
            .replace(/</g, "&lt;")
            .replace(/>/g, "&gt;")
            .replace(/^(\s*)([#+=-])(?=\s|$|[=-]+\s*$)/, "$1\\$2")
            .replace(/^(\s*\d+)([.)])(?=\s|$)/, "$1\\$2")
            // Leading spaces or a tab start an indented code block (four) or are dropped: entities.
            .replace(/^[ \t]+/, (ws) => [...ws].map((c) => `&#${c.codePointAt(0)};`).join("")),
    )
    .join("<br>");
}

/**
 * Journey actors (the personas): Mermaid wraps the legend by the *encoded* width and can cut an
 * entity in two, so only what the grammar needs is encoded here: ASCII punctuation, controls, edge
 * whitespace of any kind (a trailing U+2008 is lost when the task line is trimmed, as a space
 * is) and a keyword start. Letters of every script stay as they are.
 */
export function mermaidActor(text: string): string {
  const chars = [...dropNonText(text)];
  const guardFirst = KEYWORD_START.test(text);
  const encode = (c: string, i: number) =>
    (i === 0 && guardFirst) || /[\u0000-\u001f\u007f-\u009f!-/:-@[-`{-~]/.test(c) || (/^\s$/u.test(c) && (i === 0 || i === chars.length - 1));
  return chars.map((c, i) => (encode(c, i) ? `#${c.codePointAt(0)};` : c)).join("");
}
