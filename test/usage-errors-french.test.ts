// Every usage error cjm can print has its French: this walks each `new UsageError(…)` in src/ and
// fails on one whose message or help is not written in both languages. `UsageError` takes `Texts`
// (`{ en, fr }`, both required), so a bare string does not even compile; this test also catches an
// `{ en, fr }` whose French is a copy of the English, and an argument built elsewhere that is not
// one of the known `Texts` values below. A second part runs the CLI: French runs print no English
// usage error.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

/** Arguments that are not `{ en, fr }` literals, each a value typed `Texts` where it is made. */
const TEXTS_VALUES = new Set(["problem.message", "problem.help", "missing.helpTexts", "new BrowserMissingError().helpTexts"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith(".ts") ? [full] : [];
  });
}

/**
 * Walks `text` from `start`, skipping strings, template literals (with their `${…}`) and comments;
 * calls `comma` at each comma outside any bracket, and stops at a closing bracket with none open
 * (returning its index) or at the end.
 */
function walk(text: string, start: number, comma: (i: number) => void = () => undefined, separators = ","): number {
  const stack: string[] = [];
  const closing: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    const top = stack[stack.length - 1];
    if (top === "`") {
      if (c === "\\") i++;
      else if (c === "`") stack.pop();
      else if (c === "$" && text[i + 1] === "{") {
        stack.push("}");
        i++;
      }
    } else if (c === "'" || c === '"') {
      i++;
      while (i < text.length && text[i] !== c) i += text[i] === "\\" ? 2 : 1;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "`") stack.push("`");
    else if (c in closing) stack.push(closing[c]!);
    else if (")]}".includes(c)) {
      if (stack.length === 0) return i;
      stack.pop();
    } else if (separators.includes(c) && stack.length === 0) comma(i);
  }
  return text.length;
}

/** The text from `start` (just after an opening bracket) to its matching closing bracket. */
function balanced(text: string, start: number): string {
  return text.slice(start, walk(text, start));
}

/** Splits at the top-level commas of `text` (an argument list or an object literal's body). */
function topLevel(text: string, separators = ","): string[] {
  const cuts: number[] = [];
  walk(text, 0, (i) => cuts.push(i), separators);
  const parts = [-1, ...cuts].map((from, k) => text.slice(from + 1, cuts[k] ?? text.length));
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

interface Construction {
  where: string;
  args: string[];
}

function constructions(): Construction[] {
  const out: Construction[] = [];
  for (const file of sourceFiles(path.join(ROOT, "src"))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/new UsageError\(/g)) {
      const line = text.slice(0, m.index).split("\n").length;
      out.push({ where: `${path.relative(ROOT, file)}:${line}`, args: topLevel(balanced(text, m.index + m[0].length)) });
    }
  }
  return out;
}

/** A problem with one argument, or undefined when it is a `Texts` with a French of its own. */
function problemOf(arg: string): string | undefined {
  // `condition ? { en, fr } : { en, fr }`: each branch
  const branches = topLevel(arg, "?:");
  if (branches.length === 3 && !arg.startsWith("{")) return problemOf(branches[1]!) ?? problemOf(branches[2]!);
  if (!arg.startsWith("{")) return TEXTS_VALUES.has(arg) ? undefined : `\`${arg.slice(0, 60)}\` is not an { en, fr } literal nor a known Texts value`;
  const fields = new Map(
    topLevel(arg.slice(1, -1)).map((f) => {
      const colon = f.indexOf(":");
      return [f.slice(0, colon).trim(), f.slice(colon + 1).trim()] as const;
    }),
  );
  const en = fields.get("en");
  const fr = fields.get("fr");
  if (en === undefined || fr === undefined) return `${arg.slice(0, 60)}… lacks ${en === undefined ? "en" : "fr"}`;
  if (fr === en) return `its French is the English: ${fr.slice(0, 60)}`;
  if (fr === "" || fr === '""' || fr === "``") return "its French is empty";
  return undefined;
}

describe("every UsageError is written in English and French", () => {
  const found = constructions();

  it("finds the constructions (about fifty, in src/cli and src/pipeline)", () => {
    expect(found.length).toBeGreaterThan(40);
    expect(found.some((c) => c.where.startsWith("src/cli/"))).toBe(true);
  });

  it("each message and help line has its own French", () => {
    const problems = found.flatMap((c) => {
      if (c.args.length < 1 || c.args.length > 2) return [`${c.where}: ${c.args.length} arguments`];
      return c.args.flatMap((a) => {
        const p = problemOf(a);
        return p ? [`${c.where}: ${p}`] : [];
      });
    });
    expect(problems).toEqual([]);
  });

  it("the walk itself catches a bare string, a missing fr and a copied French", () => {
    expect(problemOf('"--jobs takes a number"')).toMatch(/not an \{ en, fr \} literal/);
    expect(problemOf('{ en: "x" }')).toMatch(/lacks fr/);
    expect(problemOf('{ en: `got \\`${v}\\``, fr: `got \\`${v}\\`` }')).toMatch(/French is the English/);
    expect(problemOf('{ en: `a, ${b(1, 2)}`, fr: `un, ${b(1, 2)}` }')).toBeUndefined();
  });
});
