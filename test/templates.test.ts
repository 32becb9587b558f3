// The template interface documented in docs/templates.md is public: the label idioms, the helpers
// and the view model's fields keep working for user templates.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cjm, ROOT, tempDir } from "./helpers/cli.js";

describe("user templates", () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("both label idioms, every documented helper, hrefs and persona colours from the view model", async () => {
    mkdirSync(path.join(dir, "tpl/markdown"), { recursive: true });
    writeFileSync(
      path.join(dir, "tpl/markdown/report.hbs"),
      [
        '{{t "pains"}}|{{labels.pains}}|{{t "resolvedBy" opportunities="X"}}',
        '{{join journey.tags "+"}}|{{#if (gt steps.length 1)}}many{{/if}}|{{#if (and multiPersona (not false))}}multi{{/if}}|{{add 1 2}}|{{#if (or false true)}}or{{/if}}|{{#if (eq locale "en")}}en{{/if}}',
        '{{json journey.id}}',
        "{{#each personas}}{{name}}={{color}} {{/each}}",
        "{{#each opportunities}}{{#each addresses}}{{href}} {{/each}}{{/each}}",
        "",
      ].join("\n"),
    );
    const r = await cjm(["render", path.join(ROOT, "examples/bank-onboarding.yaml"), "--templates", "tpl", "--format", "markdown", "--out", "-", "--root", ROOT], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const [labels, helpers, json, colors, hrefs] = r.stdout.split("\n");
    expect(labels).toBe("Pains|Pains|resolved by X");
    expect(helpers).toMatch(/^.*\|many\|multi\|3\|or\|en$/);
    expect(json).toBe('"bank-onboarding"');
    expect(colors).toBe("Sam Carter=#2563eb Ruth Okafor=#c2410c ");
    expect(hrefs).toMatch(/^(#(pain-|stage-)?[a-z0-9-]+ )+$/);
  });

  it("the HTML head partial carries the CSP on the report and the index", async () => {
    const out = path.join(dir, "site");
    const r = await cjm(["render", "examples/bank-onboarding.yaml", "examples/achat-smartphone.yaml", "--format", "html", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const { readFileSync } = await import("node:fs");
    for (const file of ["bank-onboarding.html", "index.html"]) {
      const html = readFileSync(path.join(out, file), "utf8");
      expect(html, file).toMatch(/^<!doctype html>\n<html lang="\w+">\n<head>\n<meta charset="utf-8">\n<meta name="viewport"[^\n]*>\n<meta http-equiv="Content-Security-Policy" content="default-src 'none';[^\n]*>\n<meta name="generator" content="cjm">\n<title>[^<]+<\/title>\n/);
    }
  });
});
