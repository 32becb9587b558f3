// The CLI case table: one folder per case, test/cases/<command>/<case>/. Everything in it but
// case.yaml and expected.* is the input, copied into a fresh folder where the command runs.
// case.yaml (optional) says how it runs:
//   args:   the command line (default, for validate: [validate, input.yaml])
//   json:   arguments added for a second, machine-readable run (default, for validate: [--format, json])
//   stdin:  a file of the case given as standard input
//   env:    environment variables
//   cwd:    the folder of the case it runs in (default: the case's folder)
//   stdout: a file of the package that stdout must equal (instead of expected.stdout.txt)
//   spawn:  true: also run through the spawned bin, which must give the same bytes
// What a user sees, checked in: expected.exit, expected.stdout.txt and expected.pretty.txt (stdout
// and stderr of the run; absent when empty), expected.json (stdout of the `json` run) and
// expected.written.txt (files created or changed, `deleted <path>` for files removed; absent when
// none). The case's folder reads as `<case>` in messages, the way from it to cjm's package as `<package>`. Every case runs in-process through
// `main(io)` (fast); `UPDATE_CASES=1` rewrites the expected files. A rule's case is named after its
// code: test/cases/validate/<code>/.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { cjm, hashTree, ROOT, tempDir } from "./helpers/cli.js";

const CASES = path.join(ROOT, "test/cases");
const UPDATE = process.env["UPDATE_CASES"] === "1";

const { main } = (await import(path.join(ROOT, "dist/cli/main.js"))) as { main: (io: object) => Promise<number> };
const { JOURNEY_RULES } = (await import(path.join(ROOT, "dist/validate/rules/index.js"))) as { JOURNEY_RULES: { code: string }[] };

interface CaseSpec {
  args?: string[];
  json?: string[];
  stdin?: string;
  env?: Record<string, string>;
  cwd?: string;
  stdout?: string;
  spawn?: boolean;
}

interface Case {
  id: string;
  dir: string;
  args: string[];
  json?: string[];
  stdin?: Uint8Array;
  env: Record<string, string>;
  cwd: string;
  stdout?: string;
  spawn: boolean;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Files created or changed, and `deleted <path>` lines. */
  written: string[];
}

const DEFAULTS: Record<string, CaseSpec> = { validate: { json: ["--format", "json"] } };

function cases(): Case[] {
  const out: Case[] = [];
  for (const command of readdirSync(CASES, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    for (const name of readdirSync(path.join(CASES, command.name)).sort()) {
      const dir = path.join(CASES, command.name, name);
      const file = path.join(dir, "case.yaml");
      const spec: CaseSpec = { ...DEFAULTS[command.name], ...(existsSync(file) ? (parse(readFileSync(file, "utf8")) as CaseSpec) : {}) };
      out.push({
        id: `${command.name}/${name}`,
        dir,
        args: spec.args ?? [command.name, "input.yaml"],
        ...(spec.json && { json: spec.json }),
        ...(spec.stdin !== undefined && { stdin: readFileSync(path.join(dir, spec.stdin)) }),
        env: spec.env ?? {},
        cwd: spec.cwd ?? ".",
        ...(spec.stdout !== undefined && { stdout: spec.stdout }),
        spawn: spec.spawn === true,
      });
    }
  }
  return out;
}

/** A fresh copy of the case's input, so that what the run writes can be listed and never lands in the repository. */
function workFolder(c: Case): string {
  const dir = tempDir("cjm-case-");
  for (const name of readdirSync(c.dir)) {
    if (name !== "case.yaml" && !name.startsWith("expected.")) cpSync(path.join(c.dir, name), path.join(dir, name), { recursive: true });
  }
  return dir;
}

function changes(before: Record<string, string>, after: Record<string, string>): string[] {
  const written = Object.keys(after).filter((f) => before[f] !== after[f]);
  const deleted = Object.keys(before).filter((f) => !(f in after)).map((f) => `deleted ${f}`);
  return [...written, ...deleted].map((f) => f.split(path.sep).join("/")).sort();
}

async function run(c: Case, args: string[], how: "in-process" | "spawned"): Promise<Run> {
  const dir = workFolder(c);
  const before = hashTree(dir);
  let stdout = "";
  let stderr = "";
  let code: number | null;
  if (how === "spawned") {
    const r = await cjm(args, { cwd: path.join(dir, c.cwd), env: c.env, ...(c.stdin && { input: Buffer.from(c.stdin) }), timeoutMs: 60_000 });
    ({ code, stdout, stderr } = r);
  } else {
    code = await main({
      argv: args,
      cwd: path.join(dir, c.cwd),
      env: { NO_COLOR: "1", LANG: "C", ...c.env },
      stdout: (t: string | Uint8Array) => void (stdout += typeof t === "string" ? t : new TextDecoder().decode(t)),
      stderr: (t: string) => void (stderr += t),
      readStdin: async (max: number) => (c.stdin ?? new Uint8Array()).subarray(0, max + 1),
      stdoutIsTTY: false,
      stderrIsTTY: false,
      onInterrupt: () => () => undefined,
    });
  }
  const written = changes(before, hashTree(dir));
  rmSync(dir, { recursive: true, force: true });
  // The case's folder, and the way from it to the package (the schema a map's modeline names), read the same on every machine.
  const toPackage = path.relative(dir, ROOT).split(path.sep).join("/");
  const here = (text: string) => text.split(dir).join("<case>").split(toPackage).join("<package>");
  return { code, stdout: here(stdout), stderr: here(stderr), written };
}

/** `text` is what the file must hold; an empty text means no file. */
function expectFile(file: string, text: string) {
  const name = path.relative(ROOT, file);
  if (UPDATE) {
    if (text === "") rmSync(file, { force: true });
    else writeFileSync(file, text);
  }
  if (text === "" && !existsSync(file)) return;
  expect(existsSync(file), `${name} (run with UPDATE_CASES=1)`).toBe(true);
  expect(text, name).toBe(readFileSync(file, "utf8"));
}

function expectRun(c: Case, r: Run, json: Run | undefined) {
  expectFile(path.join(c.dir, "expected.exit"), `${r.code}\n`);
  if (c.stdout) expect(r.stdout, `stdout is ${c.stdout}`).toBe(readFileSync(path.join(ROOT, c.stdout), "utf8"));
  else expectFile(path.join(c.dir, "expected.stdout.txt"), r.stdout);
  expectFile(path.join(c.dir, "expected.pretty.txt"), r.stderr);
  expectFile(path.join(c.dir, "expected.written.txt"), r.written.map((f) => `${f}\n`).join(""));
  if (json) {
    expect(json.code, "the JSON run exits as the other one").toBe(r.code);
    expectFile(path.join(c.dir, "expected.json"), json.stdout);
  }
}

describe("CLI cases, in-process through main(io)", () => {
  for (const c of cases()) {
    it(c.id, async () => {
      const r = await run(c, c.args, "in-process");
      expectRun(c, r, c.json && (await run(c, [...c.args, ...c.json], "in-process")));
    }, 60_000);
  }
});

describe("CLI cases, spawned through the bin: the same bytes", () => {
  for (const c of cases().filter((c) => c.spawn)) {
    it(c.id, async () => {
      const r = await run(c, c.args, "spawned");
      expect(`${r.code}\n`).toBe(readFileSync(path.join(c.dir, "expected.exit"), "utf8"));
      const read = (name: string) => (existsSync(path.join(c.dir, name)) ? readFileSync(path.join(c.dir, name), "utf8") : "");
      expect(r.stdout).toBe(c.stdout ? readFileSync(path.join(ROOT, c.stdout), "utf8") : read("expected.stdout.txt"));
      expect(r.stderr).toBe(read("expected.pretty.txt"));
      expect(r.written.map((f) => `${f}\n`).join("")).toBe(read("expected.written.txt"));
      if (c.json) expect((await run(c, [...c.args, ...c.json], "spawned")).stdout).toBe(read("expected.json"));
    }, 120_000);
  }
});

describe("every rule has its case, named after it", () => {
  for (const { code } of JOURNEY_RULES) {
    it(`validate/${code} reports \`${code}\``, () => {
      const file = path.join(CASES, "validate", code, "expected.json");
      expect(existsSync(file), `test/cases/validate/${code}/ is missing`).toBe(true);
      const codes = (JSON.parse(readFileSync(file, "utf8")) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code);
      expect(codes).toContain(code);
    });
  }
});
