// Issue 14 item 3: a template is read only from inside the templates folder, and only when it is
// a regular file (a symlink to a secret, or a FIFO named like a template, is a template-error).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, tempDir } from "../helpers/cli.js";
import { minimalMap } from "./helpers.js";

describe("templates cannot read files outside the templates folder", () => {
  it("a partial symlinked to a secret outside is refused, nothing else is read", async () => {
    const dir = tempDir("cjm-sec-");
    const secret = path.join(tempDir("cjm-secret-"), "credentials");
    writeFileSync(secret, "aws_secret_access_key = TOPSECRET123\n");
    writeFileSync(path.join(dir, "map.yaml"), minimalMap());
    mkdirSync(path.join(dir, "tpl/markdown/partials"), { recursive: true });
    symlinkSync(secret, path.join(dir, "tpl/markdown/partials/header.hbs"));
    const r = await cjm(["render", "map.yaml", "--templates", "tpl", "--format", "markdown", "--out", "out", "--reporter", "json"], { cwd: dir, timeoutMs: 30_000 });
    expect(r.stdout + r.stderr).not.toContain("TOPSECRET123");
    expect(existsSync(path.join(dir, "out/map.md")) ? readFileSync(path.join(dir, "out/map.md"), "utf8") : "").not.toContain("TOPSECRET123");
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout).diagnostics.filter((x: { severity: string }) => x.severity === "error");
    expect(d).toEqual([expect.objectContaining({ code: "template-error", file: "map.yaml" })]);
    expect(d[0].message).toMatch(/outside the templates folder/);
  });

  it("a symlink that stays inside the templates folder still works", async () => {
    const dir = tempDir("cjm-sec-");
    writeFileSync(path.join(dir, "map.yaml"), minimalMap());
    mkdirSync(path.join(dir, "tpl/markdown/partials"), { recursive: true });
    writeFileSync(path.join(dir, "tpl/shared.hbs"), "# custom {{md journey.title}}\n");
    symlinkSync("../../shared.hbs", path.join(dir, "tpl/markdown/partials/header.hbs"));
    const r = await cjm(["render", "map.yaml", "--templates", "tpl", "--format", "markdown", "--out", "out"], { cwd: dir, timeoutMs: 30_000 });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, "out/map.md"), "utf8")).toContain("# custom A map");
  });

  it("a FIFO named like a template is refused at once instead of hanging the run", async () => {
    const dir = tempDir("cjm-sec-");
    writeFileSync(path.join(dir, "map.yaml"), minimalMap());
    mkdirSync(path.join(dir, "tpl/markdown"), { recursive: true });
    execFileSync("mkfifo", [path.join(dir, "tpl/markdown/report.hbs")]);
    const r = await cjm(["render", "map.yaml", "--templates", "tpl", "--format", "markdown", "--out", "out", "--reporter", "json"], { cwd: dir, timeoutMs: 15_000 });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout).diagnostics.filter((x: { severity: string }) => x.severity === "error");
    expect(d[0]).toMatchObject({ code: "template-error" });
    expect(d[0].message).toMatch(/not a regular file/);
  });
});
