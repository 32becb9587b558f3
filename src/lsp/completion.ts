// Completion: ids where a reference goes, enum values, and snippets for new parts of a map. The
// context is read from the lines above the cursor (a half-typed line does not parse).
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Analysis } from "./analysis.js";
import type { IdKind } from "./symbols.js";

/** Enum fields of the format and their values (schemas/journey.schema.json). */
const ENUMS: Record<string, string[]> = {
  moment: ["truth", "magic", "micro"],
  evidence: ["observed", "reported", "inferred", "assumed"],
  status: ["idea", "planned", "in-progress", "done", "dropped"],
  kind: ["digital", "physical", "human"],
  state: ["current", "future"],
  locale: ["en", "fr"],
};

const SNIPPETS: { label: string; detail: string; body: string }[] = [
  { label: "step", detail: "a new step", body: "- name: ${1:What the customer does}\n  does: ${2}\n  thinks: ${3}\n  feels: ${4}\n  emotion: ${5:3}" },
  { label: "stage", detail: "a new stage with one step", body: "- name: ${1:Stage name}\n  goal: ${2}\n  steps:\n    - name: ${3:First step}\n      emotion: ${4:3}" },
  { label: "pain", detail: "a pain point", body: "- text: ${1:What goes wrong}\n  severity: ${2:3}" },
  { label: "opportunity", detail: "an improvement idea", body: "- title: ${1:The idea}\n  addresses: [${2}]\n  impact: ${3:3}\n  effort: ${4:2}\n  status: ${5|idea,planned,in-progress,done,dropped|}" },
];

interface Line {
  indent: number;
  text: string;
}

/** The keys enclosing the cursor line, innermost first (each a line with less indentation ending in `key:`). */
function enclosingKeys(lines: string[], lineNo: number, indent: number): string[] {
  const keys: string[] = [];
  let limit = indent;
  for (let i = lineNo - 1; i >= 0 && limit > 0; i--) {
    const raw = lines[i] ?? "";
    if (raw.trim() === "" || raw.trim().startsWith("#")) continue;
    const line: Line = { indent: raw.length - raw.trimStart().length, text: raw.trim() };
    if (line.indent >= limit) continue;
    const key = /^(?:-\s+)?([A-Za-z$][\w-]*)\s*:/.exec(line.text)?.[1];
    if (key) keys.push(key);
    // A `- key:` item line opens a mapping one level deeper than its dash.
    limit = line.indent;
  }
  return keys;
}

export function completionsAt(doc: TextDocument, position: Position, analysis: Analysis): CompletionItem[] {
  const lines = doc.getText().split(/\r?\n/);
  const line = lines[position.line] ?? "";
  const before = line.slice(0, position.character);
  const indent = before.length - before.trimStart().length;
  const ids = (kinds: IdKind[], suffix = ""): CompletionItem[] =>
    analysis.index.declarations
      .filter((d) => kinds.includes(d.kind))
      .map((d) => ({ label: d.id, kind: CompletionItemKind.Reference, detail: `${d.kind}: ${d.label}`, insertText: d.id + suffix }));

  const field = /^\s*(?:-\s+)?([A-Za-z][\w-]*)\s*:\s*(?:\[[^\]]*)?[\w-]*$/.exec(before)?.[1];
  const parents = enclosingKeys(lines, position.line, indent);
  if (field === "channel") return ids(["channel"]);
  if (field === "addresses") return ids(["step", "stage", "pain"]);
  if (field === "personas" && parents.includes("steps")) return ids(["persona"]);
  if (field === "channels" && parents.includes("personas")) return ids(["channel"]);
  if (field && ENUMS[field]) return ENUMS[field].map((v) => ({ label: v, kind: CompletionItemKind.EnumMember }));

  const listItem = /^\s*-\s*[\w-]*$/.test(before);
  const bareKey = /^\s*[\w-]*$/.test(before);
  if (listItem && parents[0] === "addresses") return ids(["step", "stage", "pain"]);
  if (listItem && parents[0] === "personas" && parents.includes("steps")) return ids(["persona"]);
  if (listItem && parents[0] === "channels" && parents.includes("personas")) return ids(["channel"]);
  if (bareKey && parents[0] === "emotion") return ids(["persona"], ": ");

  const snippets = SNIPPETS.filter(
    (s) =>
      (s.label === "step" && parents[0] === "steps") ||
      (s.label === "stage" && parents[0] === "stages") ||
      (s.label === "pain" && parents[0] === "pains") ||
      (s.label === "opportunity" && parents[0] === "opportunities"),
  );
  return snippets.map((s) => ({
    label: s.label,
    kind: CompletionItemKind.Snippet,
    detail: s.detail,
    insertTextFormat: InsertTextFormat.Snippet,
    insertText: listItem || before.trim() === "" ? s.body.replace(/^- /, before.trim() === "-" ? "" : "- ") : s.body,
  }));
}
