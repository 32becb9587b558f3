import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "./cli.js";

/** A step of a workflow job or of a composite action, as written in the YAML. */
export interface StepDef {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  "working-directory"?: string;
}

export interface StepResult {
  step: StepDef;
  skipped: boolean;
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

export interface Context {
  inputs?: Record<string, string>;
  matrix?: Record<string, string>;
  github?: Record<string, string>;
}

/**
 * Runs the `run:` steps of a job or composite action the way the runner does: `${{ }}` expressions
 * (inputs, matrix, github, steps.<id>.outputs/outcome) substituted, `bash --noprofile --norc -eo
 * pipefail`, `$GITHUB_OUTPUT`, `$GITHUB_ENV`, `$GITHUB_STEP_SUMMARY` as files, `if:` conditions
 * of the forms used here. `uses:` steps (artifact upload) are recorded, not run. Any expression
 * this small runner does not know fails the test: nothing is silently left unexpanded.
 */
export function runSteps(steps: StepDef[], options: { cwd: string; context: Context; env?: Record<string, string> }): { results: StepResult[]; summary: string } {
  const dir = tempDir("cjm-runner-");
  const summaryFile = path.join(dir, "summary.md");
  writeFileSync(summaryFile, "");
  const outputs = new Map<string, Record<string, string>>();
  const outcomes = new Map<string, string>();
  const extraEnv: Record<string, string> = {};
  const results: StepResult[] = [];
  let failed = false;
  const value = (expr: string): string => {
    const e = expr.trim();
    let m;
    if ((m = /^inputs\.([\w-]+)$/.exec(e))) return need(options.context.inputs, m[1]!, e);
    if ((m = /^matrix\.([\w-]+)$/.exec(e))) return need(options.context.matrix, m[1]!, e);
    if ((m = /^github\.([\w-]+)$/.exec(e))) return need(options.context.github, m[1]!, e);
    if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e))) return outputs.get(m[1]!)?.[m[2]!] ?? "";
    if ((m = /^steps\.([\w-]+)\.outcome$/.exec(e))) return outcomes.get(m[1]!) ?? "";
    if ((m = /^'([^']*)'$/.exec(e))) return m[1]!;
    throw new Error(`expression the test runner does not know: ${e}`);
  };
  const expand = (text: string) => text.replace(/\$\{\{(.*?)\}\}/g, (_m, e: string) => value(e));
  const condition = (expr: string | undefined): boolean => {
    if (expr === undefined) return !failed;
    const body = expr.replace(/^\$\{\{(.*)\}\}$/s, "$1");
    let always = false;
    const ok = body.split("&&").every((term) => {
      const t = term.trim();
      if (t === "always()") return (always = true);
      if (t === "success()") return !failed;
      if (t === "failure()") return failed;
      const m = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(t);
      if (!m) throw new Error(`condition the test runner does not know: ${t}`);
      const same = value(m[1]!) === value(m[3]!);
      return m[2] === "==" ? same : !same;
    });
    return ok && (always || !failed);
  };
  for (const step of steps) {
    const run = condition(step.if);
    const result: StepResult = { step, skipped: !run, code: 0, stdout: "", stderr: "", outputs: {} };
    results.push(result);
    if (!run) continue;
    if (step.uses) {
      outcomes.set(step.id ?? "", "success");
      continue;
    }
    const outputFile = path.join(dir, `output-${results.length}`);
    const envFile = path.join(dir, `env-${results.length}`);
    writeFileSync(outputFile, "");
    writeFileSync(envFile, "");
    const script = path.join(dir, `step-${results.length}.sh`);
    writeFileSync(script, expand(step.run ?? ""));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(String(v));
    const child = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
      cwd: step["working-directory"] ? path.join(options.cwd, step["working-directory"]) : options.cwd,
      env: { ...process.env, NO_COLOR: "1", ...options.env, ...extraEnv, ...env, GITHUB_OUTPUT: outputFile, GITHUB_ENV: envFile, GITHUB_STEP_SUMMARY: summaryFile, GITHUB_WORKSPACE: options.cwd },
      encoding: "utf8",
      timeout: 600_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    result.code = child.status ?? 1;
    result.stdout = child.stdout;
    result.stderr = child.stderr;
    result.outputs = parseKeyValues(readFileSync(outputFile, "utf8"));
    Object.assign(extraEnv, parseKeyValues(readFileSync(envFile, "utf8")));
    if (step.id) outputs.set(step.id, result.outputs);
    outcomes.set(step.id ?? "", result.code === 0 ? "success" : "failure");
    if (result.code !== 0) failed = true;
  }
  return { results, summary: readFileSync(summaryFile, "utf8") };
}

function need(table: Record<string, string> | undefined, key: string, expr: string): string {
  const v = table?.[key];
  if (v === undefined) throw new Error(`${expr} is not defined`);
  return v;
}

function parseKeyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const i = line.indexOf("=");
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}
