// The CLI case table: one folder per case, test/cases/<command>/<case>/, holding the input
// (input.yaml), optionally case.json ({ "args": [...] }), and what a user sees: expected.pretty.txt
// (stderr of the default run), expected.json (stdout of the `--format json` run) and expected.exit.
// Every case runs in-process through `main(io)` (fast); a subset is also spawned through the bin,
// which must print the same bytes. `UPDATE_CASES=1` rewrites the expected files.
// A rule's case is named after its code: test/cases/validate/<code>/.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, ROOT } from "./helpers/cli.js";

const CASES = path.join(ROOT, "test/cases");
const UPDATE = process.env["UPDATE_CASES"] === "1";
const SPAWNED = new Set(["validate/clean", "validate/unaddressed-pain", "validate/yaml-syntax", "validate/duplicate-id"]);

const { main } = (await import(path.join(ROOT, "dist/cli/main.js"))) as { main: (io: object) => Promise<number> };
const { JOURNEY_RULES } = (await import(path.join(ROOT, "dist/validate/rules/index.js"))) as { JOURNEY_RULES: { code: string }[] };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

async function inProcess(args: string[], cwd: string): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main({
    argv: args,
    cwd,
    env: { NO_COLOR: "1", LANG: "C" },
    stdout: (t: string | Uint8Array) => void (stdout += typeof t === "string" ? t : new TextDecoder().decode(t)),
    stderr: (t: string) => void (stderr += t),
    readStdin: async () => new Uint8Array(),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    onInterrupt: () => () => undefined,
  });
  return { code, stdout, stderr };
}

function cases(): { id: string; dir: string; args: string[] }[] {
  const out: { id: string; dir: string; args: string[] }[] = [];
  for (const command of readdirSync(CASES, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    for (const name of readdirSync(path.join(CASES, command.name)).sort()) {
      const dir = path.join(CASES, command.name, name);
      const spec = existsSync(path.join(dir, "case.json")) ? (JSON.parse(readFileSync(path.join(dir, "case.json"), "utf8")) as { args?: string[] }) : {};
      out.push({ id: `${command.name}/${name}`, dir, args: spec.args ?? [command.name, "input.yaml"] });
    }
  }
  return out;
}

function expectFile(file: string, actual: string) {
  if (UPDATE) writeFileSync(file, actual);
  expect(existsSync(file), `${path.relative(ROOT, file)} (run with UPDATE_CASES=1)`).toBe(true);
  expect(actual, path.relative(ROOT, file)).toBe(readFileSync(file, "utf8"));
}

describe("CLI cases, in-process through main(io)", () => {
  for (const c of cases()) {
    it(c.id, async () => {
      const pretty = await inProcess(c.args, c.dir);
      const json = await inProcess([...c.args, "--format", "json"], c.dir);
      expect(json.code, "the JSON run exits as the pretty one").toBe(pretty.code);
      expectFile(path.join(c.dir, "expected.exit"), `${pretty.code}\n`);
      expectFile(path.join(c.dir, "expected.pretty.txt"), pretty.stderr);
      expectFile(path.join(c.dir, "expected.json"), json.stdout);
    });
  }
});

describe("CLI cases, spawned through the bin: the same bytes", () => {
  for (const c of cases().filter((c) => SPAWNED.has(c.id))) {
    it(c.id, async () => {
      const pretty = await cjm(c.args, { cwd: c.dir, env: { LANG: "C" } });
      expect(`${pretty.code}\n`).toBe(readFileSync(path.join(c.dir, "expected.exit"), "utf8"));
      expect(pretty.stderr).toBe(readFileSync(path.join(c.dir, "expected.pretty.txt"), "utf8"));
      const json = await cjm([...c.args, "--format", "json"], { cwd: c.dir, env: { LANG: "C" } });
      expect(json.stdout).toBe(readFileSync(path.join(c.dir, "expected.json"), "utf8"));
    });
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
