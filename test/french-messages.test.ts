// Every rule code speaks French: real files trigger each code of src/diagnostics/codes.ts, the CLI
// runs them with `--lang en` and `--lang fr` (`--format json`), and every diagnostic of the French
// run must differ from its English twin in message and help (no English fallback), with the same
// code at the same place. Runs go through `main(io)` in-process: the real CLI, without 40 spawns.
import { cpSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "./helpers/cli.js";

const { main } = (await import(path.join(ROOT, "dist/cli/main.js"))) as { main: (io: object) => Promise<number> };
const { RULES } = (await import(path.join(ROOT, "dist/diagnostics/codes.js"))) as { RULES: Record<string, unknown> };

/** Codes no real input can trigger: each reports a bug in cjm itself (their French is written beside the English all the same). */
const BUGS_ONLY = ["diagram-error", "internal-error"];

interface JsonDiagnostic {
  code: string;
  message: string;
  help?: string;
  file: string;
  line: number | null;
  column: number | null;
}

async function run(args: string[], cwd: string, lang: "en" | "fr"): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main({
    argv: [...args, "--lang", lang],
    cwd,
    env: { NO_COLOR: "1", LANG: "C", SOURCE_DATE_EPOCH: "1798761600" },
    stdout: (t: string | Uint8Array) => void (out += typeof t === "string" ? t : new TextDecoder().decode(t)),
    stderr: (t: string) => void (err += t),
    readStdin: async () => new Uint8Array(),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    onInterrupt: () => () => undefined,
  });
  return { code, out, err };
}

const MAP = (extra = "", steps = "      - { name: Pays, emotion: 3, touchpoints: [{ channel: web, name: Form }] }", head = "cjm: 1\ntitle: T\nobjective: O\n") =>
  `${head}personas: [{ id: ann, name: Ann }]\nchannels: [{ id: web, name: Web, kind: digital }]\nstages:\n  - name: S\n    steps:\n${steps}\n${extra}`;

/** One folder per code family, files written as a user would. */
function writeProject(dir: string): void {
  const w = (name: string, text: string | Buffer) => {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  };
  w("cjm.config.yaml", "rules:\n  hand-typed-metric: warning\n");
  // The journey rules' own cases (test/cases/validate/<code>/), copied with their data files.
  for (const code of readdirSync(path.join(ROOT, "test/cases/validate"))) {
    cpSync(path.join(ROOT, "test/cases/validate", code), path.join(dir, "maps/rules", code), { recursive: true });
  }
  // Reading and parsing.
  w("maps/read/binary.yaml", Buffer.from("cjm: 1\ntitle: T\0\n"));
  w("maps/read/utf8.yaml", Buffer.from([...Buffer.from("cjm: 1\ntitle: "), 0xff, 0x0a]));
  w("maps/read/control.yaml", "cjm: 1\ntitle: a\u000bb\n");
  w("maps/read/syntax.yaml", "cjm: 1\ntitle: T\ntags: [a, b\npersonas: [{ name: Ann }]\n");
  w("maps/read/unknown-syntax.yaml", "cjm: 1\ntitle: T\n  bad: indent\n");
  w("maps/read/duplicate.yaml", "cjm: 1\ntitle: T\ntitle: U\n");
  w("maps/read/tag.yaml", "cjm: 1\ntitle: !!binary aGVsbG8=\n");
  w("maps/read/bomb.yaml", `cjm: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`);
  w("maps/read/deep.yaml", `cjm: 1\ntitle: ${"[".repeat(300)}${"]".repeat(300)}\n`);
  w("maps/read/docs.yaml", "cjm: 1\ntitle: T\n---\ncjm: 1\n");
  w("explicit/empty.yaml", "");
  w("explicit/list.yaml", "- a\n- b\n");
  w("explicit/persona.yaml", "name: Zoé\nrole: 3\n");
  w("maps/read/persona-path.yaml", MAP().replace("personas: [{ id: ann, name: Ann }]", "personas: [{ id: ann, name: Ann }, personas/nope.yaml]"));
  // Schema.
  w("maps/schema/version.yaml", MAP("", undefined, "cjm: 2\ntitle: T\nobjective: O\n"));
  w("maps/schema/missing.yaml", MAP("", undefined, "cjm: 1\nobjective: O\n"));
  w("maps/schema/unknown.yaml", MAP("colour: red\n"));
  w("maps/schema/type.yaml", MAP("tags: 3\n"));
  w("maps/schema/value.yaml", MAP().replace("kind: digital", "kind: spaceship"));
  w("maps/schema/range.yaml", MAP("", "      - { name: Pays, emotion: 9, touchpoints: [{ channel: web, name: Form }] }"));
  w("maps/schema/empty.yaml", MAP("", "      - { name: '', emotion: 3, touchpoints: [{ channel: web, name: Form }] }"));
  w("maps/schema/id.yaml", MAP("id: Bad Id\n"));
  w("maps/schema/date.yaml", MAP("updated: 2026-02-30\n"));
  w("maps/schema/link.yaml", MAP("opportunities: [{ title: O, links: ['javascript:alert(1)'] }]\n"));
  w("maps/schema/hints.yaml", MAP("metrics: { nps: -18, conversion: 35%, ces: 9 }\n"));
  // Data files.
  const data = (entry: string) => MAP(`data:\n${entry}\n`);
  w("maps/data/missing.yaml", data("  - { id: d, file: nope.csv, period: 2026-Q1, measures: [{ metric: nps, column: nps, at: journey }] }"));
  w("maps/data/outside.yaml", data("  - { id: d, file: ../../../elsewhere.csv, period: 2026-Q1, measures: [{ metric: nps, column: nps, at: journey }] }"));
  w("maps/data/invalid.yaml", data("  - { id: d, file: empty.csv, period: 2026-Q1, measures: [{ metric: nps, column: nps, at: journey }] }"));
  w("maps/data/empty.csv", "");
  w("maps/data/column.yaml", data("  - { id: d, file: answers.csv, period: 2026-Q1, measures: [{ metric: nps, column: npss, at: journey }] }"));
  w("maps/data/scale.yaml", data("  - { id: d, file: answers.csv, period: 2026-Q1, measures: [{ metric: csat, column: csat, at: journey }] }"));
  w("maps/data/answers.csv", "nps,csat\n9,4\n10,42\n7,3\n");
  w("maps/data/conflict.yaml", data("  - { id: d1, file: answers.csv, period: 2026-Q1, measures: [{ metric: nps, column: nps, at: journey }] }\n  - { id: d2, file: answers.csv, period: 2026-Q1, measures: [{ metric: nps, column: nps, at: journey }] }"));
  w("maps/data/at.yaml", data("  - { id: d, file: answers.csv, period: 2026-Q1, measures: [{ metric: nps, column: nps, at: nowhere }] }"));
  w("elsewhere.yaml", MAP());
  symlinkSync(path.join(dir, "..", "outside.yaml"), path.join(dir, "maps/link.yaml"));
  writeFileSync(path.join(dir, "..", "outside.yaml"), MAP());
  execFileSync("mkfifo", [path.join(dir, "explicit/fifo.yaml")]);
  w("big.yaml", MAP(`description: ${"x".repeat(3000)}\n`));
  // Render, index and import.
  w("render/a.yaml", MAP("id: same\n"));
  w("render/b.yaml", MAP("id: same\n"));
  w("render-tpl/m.yaml", MAP());
  w("templates/markdown/journey.hbs", "{{#each}}\n");
  w("render-out/m.yaml", MAP("id: m\n"));
  mkdirSync(path.join(dir, "out-blocked/m.md"), { recursive: true });
  w("models/broken.json", JSON.stringify({ id: "x", title: "T", stages: [], personas: [], opportunities: [], state: "now", locale: "en" }));
  w("import/bad.mmd", "journey\n  title T\n  section Empty\n  section S\n    no colon here\n    : 3: Me\n    Pays: x: Me\n    Waits: 9: Me\n");
  w("import/none.mmd", "flowchart LR\n  a --> b\n");
  w("import/cells.csv", "stage,step,emotion,colour\nS,A,nine,red\n");
  w("import/empty.csv", "");
  w("import/quote.csv", 'stage,step\nS,"A\n');
}

describe("every rule code has its French (no English fallback)", () => {
  const dir = path.join(tempDir("cjm-fr-"), "proj");
  const found = new Map<string, { en: JsonDiagnostic; fr: JsonDiagnostic }[]>();
  const pretty: { en: string; fr: string }[] = [];

  /** Runs `args` in both languages and pairs their diagnostics (same order: sorted by file, place, code). */
  async function both(args: string[], json = true): Promise<void> {
    const [en, fr] = [await run(args, dir, "en"), await run(args, dir, "fr")];
    expect(fr.code, `${args.join(" ")}\n${en.err}`).toBe(en.code);
    if (!json) {
      pretty.push({ en: en.err, fr: fr.err });
      return;
    }
    const parse = (text: string) => (JSON.parse(text) as { diagnostics: JsonDiagnostic[] }).diagnostics;
    const [e, f] = [parse(en.out), parse(fr.out)];
    expect(f.length, args.join(" ")).toBe(e.length);
    e.forEach((d, i) => {
      const list = found.get(d.code) ?? [];
      list.push({ en: d, fr: f[i]! });
      found.set(d.code, list);
    });
  }

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    writeProject(dir);
    await both(["validate", "maps", "explicit/empty.yaml", "explicit/list.yaml", "explicit/persona.yaml", "explicit/fifo.yaml", "-f", "json"]);
    await both(["validate", "big.yaml", "--max-size", "0.001", "-f", "json"]);
    await both(["render", "render", "--out", "out-conflict", "--format", "md", "--reporter", "json"]);
    await both(["render", "render-tpl", "--templates", "templates", "--out", "out-tpl", "--format", "md", "--reporter", "json"]);
    await both(["render", "render-out", "--out", "out-blocked", "--format", "md", "--reporter", "json"]);
    // index, import and config errors print the pretty format only: compared as text below.
    await both(["index", "models", "--out", "out-index"], false);
    for (const f of ["bad.mmd", "none.mmd"]) await both(["import", "mermaid", `import/${f}`, "-o", `import/${f}.yaml`], false);
    for (const f of ["cells.csv", "empty.csv", "quote.csv"]) await both(["import", "csv", `import/${f}`, "-o", `import/${f}.yaml`], false);
    writeFileSync(path.join(dir, "cjm.config.yaml"), "out: ../elsewhere\n");
    await both(["render", "render-tpl", "--format", "md"], false);
  }, 120_000);

  it("each code is triggered by a real file (or by the pretty runs), except the two that only a bug in cjm raises", () => {
    const seenPretty = (code: string) => pretty.some((p) => p.en.includes(`[${code}]`));
    const missing = Object.keys(RULES).filter((c) => !found.has(c) && !seenPretty(c) && !BUGS_ONLY.includes(c));
    expect(missing).toEqual([]);
    // The JSON runs alone cover most of the table.
    expect(found.size).toBeGreaterThan(45);
  });

  it("every French message and help line differs from the English one; codes and places are the same", () => {
    for (const [code, pairs] of found) {
      for (const { en, fr } of pairs) {
        const where = `${code} at ${en.file}:${en.line}`;
        expect(fr.code, where).toBe(en.code);
        expect([fr.file, fr.line, fr.column], where).toEqual([en.file, en.line, en.column]);
        expect(fr.message, where).not.toBe(en.message);
        if (en.help !== undefined) {
          expect(fr.help, where).toBeDefined();
          expect(fr.help, where).not.toBe(en.help);
        }
      }
    }
  });

  it("the pretty runs (index, import, config) say every diagnostic in French, with an `aide:` line where the English has `help:`", () => {
    for (const { en, fr } of pretty) {
      const heads = (text: string) => text.split("\n").filter((l) => /^(error|warning)\[/.test(l));
      const [e, f] = [heads(en), heads(fr)];
      expect(f.length, en).toBe(e.length);
      e.forEach((line, i) => {
        expect(f[i]!.replace(/\]:.*/, "]"), en).toBe(line.replace(/\]:.*/, "]"));
        expect(f[i], en).not.toBe(line);
      });
      expect((fr.match(/= aide: /g) ?? []).length, fr).toBe((en.match(/= help: /g) ?? []).length);
      const enHelp = en.split("\n").filter((l) => l.includes("= help: ")).map((l) => l.split("= help: ")[1]);
      for (const h of fr.split("\n").filter((l) => l.includes("= aide: ")).map((l) => l.split("= aide: ")[1])) expect(enHelp, fr).not.toContain(h);
    }
  });
});
