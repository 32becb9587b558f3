import type { Texts } from "../diagnostics/diagnostic.js";

type Say = Texts | ((m: RegExpExecArray) => Texts);

/**
 * The YAML parser's words ("flow sequence in block collection must be sufficiently indented")
 * in the words of someone writing a journey map, with what to do, in English and French. First
 * match wins; a message not listed keeps the parser's text (framed in French for French runs).
 */
const PLAIN: { match: RegExp; message: Say; help: Texts }[] = [
  {
    match: /flow sequence in block collection must be sufficiently indented/i,
    message: {
      en: "a list in brackets `[…]` is not closed, or its next line is not indented under its key",
      fr: "une liste entre crochets `[…]` n'est pas fermée, ou sa ligne suivante n'est pas indentée sous sa clé",
    },
    help: { en: "close the list with `]`, or write it one item a line, each starting with `- `", fr: "fermez la liste avec `]`, ou écrivez-la un élément par ligne, chacun commençant par `- `" },
  },
  {
    match: /flow map in block collection must be sufficiently indented/i,
    message: {
      en: "a mapping in braces `{…}` is not closed, or its next line is not indented under its key",
      fr: "un dictionnaire entre accolades `{…}` n'est pas fermé, ou sa ligne suivante n'est pas indentée sous sa clé",
    },
    help: { en: "close it with `}`, or write it one `key: value` a line, indented under its key", fr: "fermez-le avec `}`, ou écrivez un `clé: valeur` par ligne, indenté sous sa clé" },
  },
  {
    match: /nested mappings are not allowed in compact mappings/i,
    message: { en: "a second `: ` on this line: YAML reads it as a mapping inside the value", fr: "un second `: ` sur cette ligne : YAML le lit comme un dictionnaire dans la valeur" },
    help: { en: 'put the text in quotes, e.g. `thinks: "Why: again?"`', fr: 'mettez le texte entre guillemets, par exemple `thinks: "Pourquoi : encore ?"`' },
  },
  {
    match: /all mapping items must start at the same column/i,
    message: { en: "this key is not aligned with the keys above it", fr: "cette clé n'est pas alignée sur les clés au-dessus" },
    help: { en: "indent every key of one mapping by the same number of spaces", fr: "indentez toutes les clés d'un même dictionnaire du même nombre d'espaces" },
  },
  {
    match: /sequence item without - indicator|unexpected block-seq-ind/i,
    message: { en: "a list item `- ` where a `key: value` was expected, or the other way round", fr: "un élément de liste `- ` là où un `clé: valeur` était attendu, ou l'inverse" },
    help: { en: "line it up: the items of a list all start with `- `, at the same indentation", fr: "alignez-le : les éléments d'une liste commencent tous par `- `, à la même indentation" },
  },
  {
    match: /implicit keys need to be on a single line|implicit map keys need to be followed by map values/i,
    message: { en: "a line with no `key: value` where one was expected", fr: "une ligne sans `clé: valeur` là où il en fallait un" },
    help: { en: "add the missing `:` after the key, or indent the line under the key it continues", fr: "ajoutez le `:` manquant après la clé, ou indentez la ligne sous la clé qu'elle prolonge" },
  },
  {
    match: /plain value cannot start with reserved character (\S)/i,
    message: (m) => ({ en: `a text cannot start with \`${m[1]}\` unless it is quoted`, fr: `un texte ne peut commencer par \`${m[1]}\` que s'il est entre guillemets` }),
    help: { en: 'put the text in quotes, e.g. `owner: "@support"`', fr: 'mettez le texte entre guillemets, par exemple `owner: "@support"`' },
  },
  {
    match: /unexpected flow-(seq|map)-end token/i,
    message: (m) => {
      const c = m[1] === "seq" ? "]" : "}";
      return { en: `a closing \`${c}\` with no opening one`, fr: `un \`${c}\` fermant sans ouvrant` };
    },
    help: { en: "remove it, or open the list or mapping it closes", fr: "retirez-le, ou ouvrez la liste ou le dictionnaire qu'il ferme" },
  },
  {
    match: /missing , or : between flow (map|sequence) items/i,
    message: (m) => ({
      en: `a \`,\` is missing between the items of a ${m[1] === "map" ? "`{…}` mapping" : "`[…]` list"}`,
      fr: `il manque une \`,\` entre les éléments ${m[1] === "map" ? "d'un dictionnaire `{…}`" : "d'une liste `[…]`"}`,
    }),
    help: { en: "separate the items with `, `; quote a text that holds a comma", fr: "séparez les éléments par `, ` ; mettez entre guillemets un texte qui contient une virgule" },
  },
  {
    match: /invalid escape sequence (\\\S)/i,
    message: (m) => ({ en: `\`${m[1]}\` is not an escape YAML knows inside double quotes`, fr: `\`${m[1]}\` n'est pas un échappement que YAML connaît entre guillemets doubles` }),
    help: {
      en: "write the backslash twice (`\\\\`), or use single quotes, where backslashes are plain",
      fr: "doublez la barre oblique inverse (`\\\\`), ou utilisez des guillemets simples, où elle est un caractère ordinaire",
    },
  },
];

/** The parser's message in plain words with a help line, or kept as it is (framed in French). */
export function plainYamlMessage(message: string): { message: Texts; help?: Texts } {
  for (const p of PLAIN) {
    const m = p.match.exec(message);
    if (m) return { message: typeof p.message === "function" ? p.message(m) : p.message, help: p.help };
  }
  return {
    message: { en: message, fr: `syntaxe YAML invalide (${message})` },
    help: { en: "check the indentation and the quotes on this line and the one above", fr: "vérifiez l'indentation et les guillemets de cette ligne et de celle du dessus" },
  };
}
