// The shape of the code, checked: no import cycle (dynamic imports included, which the linter's
// no-cycle does not follow), process.exit and console only in src/cli, and the linter itself clean.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

const SRC = path.join(ROOT, "src");

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
  );
}

/** Runtime imports of a file (static, re-exports and, unless `dynamic` is false, dynamic), type-only ones left out. */
export function runtimeImports(file: string, text: string, dynamic = true): string[] {
  const specs: string[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*["']([^"']+)["']/gm;
  for (const m of text.matchAll(statement)) {
    if (m[2]) continue;
    // `import { type A, type B } from` imports nothing at run time either.
    const names = /^\{([^}]*)\}$/.exec(m[3]!.trim());
    if (names && names[1]!.split(",").every((n) => n.trim() === "" || n.trim().startsWith("type "))) continue;
    specs.push(m[4]!);
  }
  for (const m of text.matchAll(/^\s*import\s+["']([^"']+)["']/gm)) specs.push(m[1]!);
  if (dynamic) for (const m of text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) specs.push(m[1]!);
  return specs.filter((s) => s.startsWith(".")).map((s) => path.resolve(path.dirname(file), s.replace(/\.js$/, ".ts")));
}

function graph(): Map<string, string[]> {
  return new Map(sourceFiles().map((f) => [f, runtimeImports(f, readFileSync(f, "utf8"))]));
}

function cycles(g: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, "open");
    stack.push(f);
    for (const to of g.get(f) ?? []) {
      if (state.get(to) === "open") found.push([...stack.slice(stack.indexOf(to)), to].map((x) => path.relative(ROOT, x)));
      else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(f, "done");
  };
  for (const f of g.keys()) if (!state.has(f)) visit(f);
  return found;
}

describe("architecture", () => {
  it("the cycle finder finds a cycle through a dynamic import (it can fail)", () => {
    const a = path.join(SRC, "a.ts");
    const b = path.join(SRC, "b.ts");
    const g = new Map([
      [a, runtimeImports(a, 'const m = await import("./b.js");')],
      [b, runtimeImports(b, 'import { x } from "./a.js";\nimport type { Y } from "./a.js";')],
    ]);
    expect(cycles(g)).toEqual([["src/a.ts", "src/b.ts", "src/a.ts"]]);
    expect(runtimeImports(b, 'import { type X } from "./a.js";')).toEqual([]);
  });

  it("src has no import cycle, dynamic imports included", () => {
    expect(cycles(graph())).toEqual([]);
  });

  it("the watch loop does not import the render command; the pipeline does not import the CLI", () => {
    expect(readFileSync(path.join(SRC, "cli/watch.ts"), "utf8")).not.toMatch(/commands\/render/);
    const reachesCli = sourceFiles(path.join(SRC, "pipeline")).filter((f) => /from "\.\.\/cli\//.test(readFileSync(f, "utf8")));
    expect(reachesCli.map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  it("each command is src/cli/commands/<verb>/ with spec.ts and handler.ts; start-up reaches no handler but through import()", () => {
    const commands = path.join(SRC, "cli/commands");
    for (const verb of readdirSync(commands)) {
      expect(readdirSync(path.join(commands, verb)).sort(), verb).toEqual(["handler.ts", "spec.ts"]);
    }
    // What `cjm --help` and every command load before dispatching: main.ts and what it imports statically.
    const loaded = new Set<string>();
    const visit = (f: string) => {
      if (loaded.has(f)) return;
      loaded.add(f);
      for (const to of runtimeImports(f, readFileSync(f, "utf8"), false)) visit(to);
    };
    visit(path.join(SRC, "cli/main.ts"));
    const handlers = [...loaded].filter((f) => f.endsWith("handler.ts")).map((f) => path.relative(ROOT, f));
    expect(handlers).toEqual([]);
    expect([...loaded].filter((f) => f.endsWith("spec.ts")).length).toBe(readdirSync(commands).length);
  });

  it("the README's \"How it is built\" names every folder and file of src/", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## How it is built"), readme.indexOf("\n## ", readme.indexOf("## How it is built") + 1));
    const missing = readdirSync(SRC, { withFileTypes: true }).map((e) => `src/${e.name}${e.isDirectory() ? "/" : ""}`).filter((n) => !section.includes(n));
    expect(missing).toEqual([]);
  });

  it("process.exit and console only in src/cli", () => {
    const offenders = sourceFiles()
      .filter((f) => !f.startsWith(path.join(SRC, "cli") + path.sep))
      .filter((f) => /\bprocess\.exit\b|(?<![.\w])console\./.test(readFileSync(f, "utf8").replace(/^\s*(\/\/|\*).*$/gm, "")))
      .map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it("the linter (oxlint: import/no-cycle, no-console outside src/cli) passes", () => {
    const out = execFileSync(process.execPath, [path.join(ROOT, "node_modules/oxlint/bin/oxlint"), "src"], { cwd: ROOT, encoding: "utf8" });
    expect(out).toMatch(/Found 0 warnings and 0 errors/);
  });
});
