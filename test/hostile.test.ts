import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, cjm, hashTree as hashes, ROOT, tempDir } from "./helpers/cli.js";

const require = createRequire(import.meta.url);

describe("pathological inputs: each in its own process, within a time limit", () => {
  it("a 50 MB file is refused at once by the size cap", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "big.yaml"), "cjm: 1\n" + "x".repeat(50 * 1024 * 1024));
    const start = Date.now();
    const r = await cjm(["validate", "big.yaml", "--format", "json"], { cwd: dir, timeoutMs: 10_000 });
    expect(Date.now() - start).toBeLessThan(5_000);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics[0].code).toBe("file-too-large");
  });

  it("a 10 MB one-line string: refused by default, handled when the cap is raised", async () => {
    const dir = tempDir();
    const base = readFileSync(path.join(ROOT, "examples/achat-smartphone.yaml"), "utf8");
    writeFileSync(path.join(dir, "long.yaml"), base.replace(/^description: .*$/m, `description: ${"é".repeat(5 * 1024 * 1024)}`));
    const refused = await cjm(["validate", "long.yaml", "--format", "json"], { cwd: dir, timeoutMs: 10_000 });
    expect(JSON.parse(refused.stdout).diagnostics[0].code).toBe("file-too-large");
    const handled = await cjm(["render", "long.yaml", "--max-size", "20", "--format", "markdown", "--out", "out"], { cwd: dir, timeoutMs: 60_000 });
    expect(handled.timedOut).toBe(false);
    expect(handled.code).toBe(0);
    expect(Buffer.byteLength(readFileSync(path.join(dir, "out/achat-smartphone.md"), "utf8"))).toBeGreaterThan(10 * 1024 * 1024);
  });

  it("thousands of duplicate keys", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "dup.yaml"), "cjm: 1\n" + "title: x\n".repeat(5000));
    const r = await cjm(["validate", "dup.yaml", "--format", "json"], { cwd: dir, timeoutMs: 20_000 });
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout).diagnostics;
    expect(d[0]).toMatchObject({ code: "duplicate-key", line: 3 });
  });

  it("every control character", async () => {
    const dir = tempDir();
    const controls = Array.from({ length: 32 }, (_, i) => i).filter((i) => i !== 9 && i !== 10 && i !== 13);
    for (const c of controls) writeFileSync(path.join(dir, `c${c}.yaml`), `cjm: 1\ntitle: a${String.fromCharCode(c)}b\npersonas: [{ name: A }]\nstages: [{ name: S, steps: [{ name: T }] }]\n`);
    writeFileSync(path.join(dir, "quoted.yaml"), `cjm: 1\ntitle: "${controls.map((c) => `\\x${c.toString(16).padStart(2, "0")}`).join("")}"\nobjective: o\npersonas: [{ name: A }]\nchannels: [{ id: w, name: W }]\nstages: [{ name: S, steps: [{ name: T, emotion: 3, touchpoints: [{ channel: w, name: x }] }] }]\n`);
    const r = await cjm(["render", ".", "--format", "markdown,html,mermaid,json", "--out", "out", "--reporter", "json"], { cwd: dir, timeoutMs: 30_000 });
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    const report = JSON.parse(r.stdout);
    // Raw control characters are not YAML (NUL is binary data): each file gets a located error.
    for (const c of controls) {
      const d = report.diagnostics.find((x: { file: string; severity: string }) => x.file === `c${c}.yaml` && x.severity === "error");
      expect(d, `c${c}`).toMatchObject({ code: c === 0 ? "binary-file" : "control-character", line: 2, column: 9 });
    }
    // Written as escapes, they are text like any other, and every output holds them safely.
    expect(readdirSync(path.join(dir, "out")).sort()).toEqual(["quoted.flow.mmd", "quoted.html", "quoted.journey.mmd", "quoted.json", "quoted.md"]);
    expect(JSON.parse(readFileSync(path.join(dir, "out/quoted.json"), "utf8")).title).toBe(controls.map((c) => String.fromCharCode(c)).join(""));
  });

  it("a BOM and CRLF line endings are accepted and give the same output as LF", async () => {
    const dir = tempDir();
    const lf = readFileSync(path.join(ROOT, "examples/achat-smartphone.yaml"), "utf8");
    mkdirSync(path.join(dir, "lf"));
    mkdirSync(path.join(dir, "crlf"));
    writeFileSync(path.join(dir, "lf/map.yaml"), lf);
    writeFileSync(path.join(dir, "crlf/map.yaml"), "\uFEFF" + lf.replace(/\n/g, "\r\n"));
    const a = await cjm(["render", "lf/map.yaml", "--format", "markdown,html,mermaid,json", "--out", "out-lf"], { cwd: dir });
    const b = await cjm(["render", "crlf/map.yaml", "--format", "markdown,html,mermaid,json", "--out", "out-crlf"], { cwd: dir });
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(hashes(path.join(dir, "out-crlf"))).toEqual(hashes(path.join(dir, "out-lf")));
  });

  it("a FIFO, a symlink loop and a dangling link are reported, never waited on", async () => {
    const dir = tempDir();
    execFileSync("mkfifo", [path.join(dir, "fifo.yaml")]);
    symlinkSync("loop.yaml", path.join(dir, "loop.yaml"));
    symlinkSync("nowhere.yaml", path.join(dir, "dangling.yaml"));
    const r = await cjm(["validate", "fifo.yaml", "loop.yaml", "--format", "json"], { cwd: dir, timeoutMs: 10_000 });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout).diagnostics.map((x: { file: string; message: string }) => `${x.file}: ${x.message}`);
    expect(d).toEqual(["fifo.yaml: is not a regular file", "loop.yaml: too many symbolic links (a link loop?)"]);
    const folder = await cjm(["validate", ".", "--format", "json"], { cwd: dir, timeoutMs: 10_000 });
    expect(folder.timedOut).toBe(false);
    expect(folder.code).toBe(1);
  });
});

describe("nothing lost", () => {
  it("SIGKILL in the middle of a batch leaves every output whole: the old version, never half of the new", async () => {
    const dir = tempDir();
    const source = readFileSync(path.join(ROOT, "test/fixtures/hostile.yaml"), "utf8");
    mkdirSync(path.join(dir, "maps"));
    for (let i = 0; i < 300; i++) writeFileSync(path.join(dir, `maps/m${i}.yaml`), source.replace("id: hostile", `id: m${i}`));
    const first = await cjm(["render", "maps", "--format", "markdown,html", "--out", "out", "--jobs", "1"], { cwd: dir, timeoutMs: 120_000 });
    expect(first.code).toBe(0);
    const before = hashes(path.join(dir, "out"));
    for (let i = 0; i < 300; i++) writeFileSync(path.join(dir, `maps/m${i}.yaml`), source.replace("id: hostile", `id: m${i}`).replace(/^title: .*$/m, "title: Second version"));
    const child = spawn(process.execPath, [BIN, "render", "maps", "--format", "markdown,html", "--out", "out", "--jobs", "1"], { cwd: dir, stdio: "ignore" });
    const exited = new Promise((resolve) => child.on("close", resolve));
    // Kill while the new versions are being staged (temporary files beside the targets): they become
    // visible only once the whole run has passed its checks.
    let staging = false;
    for (let i = 0; i < 1000 && !staging; i++) {
      staging = readdirSync(path.join(dir, "out")).some((f) => f.endsWith(".tmp"));
      if (!staging) await new Promise((r) => setTimeout(r, 10));
    }
    expect(staging).toBe(true);
    child.kill("SIGKILL");
    await exited;
    const after = hashes(path.join(dir, "out"));
    const visible = Object.keys(after).filter((f) => !path.basename(f).startsWith("."));
    expect(visible.sort()).toEqual(Object.keys(before).sort());
    const changed = visible.filter((f) => after[f] !== before[f]);
    expect(changed).toEqual([]);
    expect(Object.keys(after).some((f) => f.endsWith(".tmp"))).toBe(true);
    // Temporary files of the killed run are cleaned by the next one.
    const again = await cjm(["render", "maps", "--format", "markdown,html", "--out", "out"], { cwd: dir, timeoutMs: 120_000 });
    expect(again.code).toBe(0);
    expect(Object.keys(hashes(path.join(dir, "out"))).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }, 300_000);

  it("an output folder that cannot be written is exit 2 with a clear message", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "blocker"), "a file where a folder should be");
    const r = await cjm(["render", path.join(ROOT, "examples/achat-smartphone.yaml"), "--out", path.join(dir, "blocker/out"), "--root", ROOT]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cjm: --out `.*blocker\/out` cannot be created: `.*blocker` is a file/);
  });

  it("--out pointing at an input, or writing over one, is refused", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "j"));
    cpSync(path.join(ROOT, "examples/achat-smartphone.yaml"), path.join(dir, "j/achat-smartphone.yaml"));
    const atFile = await cjm(["render", "j/achat-smartphone.yaml", "--out", "j/achat-smartphone.yaml"], { cwd: dir });
    expect(atFile.code).toBe(2);
    expect(atFile.stderr).toContain("is a file, not a folder");
    const json = readFileSync(path.join(ROOT, "examples/bank-onboarding-future.yaml"), "utf8").replace("personas/sam.yaml", "{ id: sam, name: Sam }");
    writeFileSync(path.join(dir, "j/bank-onboarding-future.json"), JSON.stringify((await import("yaml")).parse(json)));
    const over = await cjm(["render", "j", "--format", "json", "--out", "j"], { cwd: dir });
    expect(over.code).toBe(2);
    expect(over.stderr).toContain("--out would overwrite the input `j/bank-onboarding-future.json`");
    expect(JSON.parse(readFileSync(path.join(dir, "j/bank-onboarding-future.json"), "utf8")).cjm).toBe(1);
  });
});

describe("user templates are untrusted programs", () => {
  const template = (files: Record<string, string>) => {
    const dir = tempDir("cjm-tpl-");
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    return dir;
  };
  const run = (tpl: string) =>
    cjm(["render", path.join(ROOT, "examples/bank-onboarding.yaml"), "--root", ROOT, "--templates", tpl, "--format", "markdown", "--out", path.join(tpl, "out")], {
      env: { CJM_TEMPLATE_TIME_LIMIT_MS: "3000" },
      timeoutMs: 30_000,
    });

  it("Handlebars' published proof-of-concept runs nothing", async () => {
    const marker = path.join(tempDir(), "PWNED");
    const tpl = template({
      "markdown/report.hbs": `{{#with "s" as |string|}}{{#with "e"}}{{#with split as |conslist|}}{{this.pop}}{{this.push (lookup string.sub "constructor")}}{{this.pop}}{{#with string.split as |codelist|}}{{this.pop}}{{this.push "return require('fs').writeFileSync('${marker}', 'x');"}}{{this.pop}}{{#each conslist}}{{#with (string.sub.apply 0 codelist)}}{{this}}{{/with}}{{/each}}{{/with}}{{/with}}{{/with}}{{/with}}[{{constructor}}][{{__proto__}}][{{journey.constructor.name}}]\n`,
    });
    const r = await run(tpl);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(() => readFileSync(marker)).toThrow();
    expect(readFileSync(path.join(tpl, "out/bank-onboarding.md"), "utf8")).toContain("[][][]");
  });

  it("a recursive partial is a diagnostic, nothing written", async () => {
    const tpl = template({ "markdown/report.hbs": "{{> loop}}\n", "markdown/partials/loop.hbs": "again {{> loop}}" });
    const r = await run(tpl);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[template-error]");
    expect(existsSync(path.join(tpl, "out"))).toBe(false);
  });

  it("a template that never ends is stopped at the time limit", async () => {
    const partials: Record<string, string> = { "markdown/report.hbs": "{{> p0}}\n", "markdown/partials/p40.hbs": "leaf" };
    for (let i = 0; i < 40; i++) partials[`markdown/partials/p${i}.hbs`] = `{{> p${i + 1}}}{{> p${i + 1}}}`;
    const start = Date.now();
    const r = await run(template(partials));
    expect(Date.now() - start).toBeLessThan(20_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("rendering took longer than 3 s");
  });

  it("#each over a huge list built by the template is stopped too", async () => {
    const tpl = template({ "markdown/report.hbs": "{{#each journey}}{{> big}}{{> big}}{{/each}}\n", "markdown/partials/big.hbs": "{{#each @root.steps}}{{#each @root.steps}}{{#each @root.steps}}{{#each @root.steps}}{{#each @root.steps}}{{#each @root.steps}}{{#each @root.steps}}{{#each @root.steps}}{{name}}{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}" });
    const r = await run(tpl);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/rendering (took longer than 3 s|ran out of memory)/);
  });
});

describe("determinism", () => {
  it("TZ, LANG, the working directory and the order of inputs do not change a byte", async () => {
    const dir = tempDir();
    cpSync(path.join(ROOT, "examples"), path.join(dir, "examples"), { recursive: true });
    mkdirSync(path.join(dir, "elsewhere"));
    const runs = [
      { env: { TZ: "UTC", LANG: "C" }, cwd: dir, args: ["examples/achat-smartphone.yaml", "examples/bank-onboarding.yaml", "examples/bank-onboarding-future.yaml"] },
      { env: { TZ: "Pacific/Kiritimati", LANG: "fr_FR.UTF-8", LC_ALL: "fr_FR.UTF-8" }, cwd: dir, args: ["examples/bank-onboarding-future.yaml", "examples/bank-onboarding.yaml", "examples/achat-smartphone.yaml"] },
      { env: { TZ: "America/St_Johns", LANG: "de_DE.UTF-8" }, cwd: path.join(dir, "elsewhere"), args: ["../examples/bank-onboarding.yaml", "../examples/achat-smartphone.yaml", "../examples/bank-onboarding-future.yaml"], root: ".." },
    ];
    const outs: Record<string, string>[] = [];
    for (const [k, r] of runs.entries()) {
      const out = path.join(dir, `out${k}`);
      const res = await cjm(["render", ...r.args, "--format", "markdown,mermaid,html,json", "--out", out, ...(r.root ? ["--root", r.root] : [])], { cwd: r.cwd, env: r.env });
      expect(res.code, res.stderr).toBe(0);
      outs.push(hashes(out));
    }
    expect(Object.keys(outs[0]!).length).toBeGreaterThan(10);
    expect(outs[1]).toEqual(outs[0]);
    expect(outs[2]).toEqual(outs[0]);
  });
});

describe("dependencies", () => {
  const atLeast = (version: string, floor: string) => {
    const a = version.split(".").map(Number);
    const b = floor.split(".").map(Number);
    for (let i = 0; i < 3; i++) if (a[i]! !== b[i]!) return a[i]! > b[i]!;
    return true;
  };
  it("are above their known-CVE floors (mermaid ≥ 11.16.1, handlebars ≥ 4.7.10)", () => {
    const version = (name: string) => (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string }).version;
    expect(atLeast(version("mermaid"), "11.16.1"), version("mermaid")).toBe(true);
    expect(atLeast(version("handlebars"), "4.7.10"), version("handlebars")).toBe(true);
  });
});
