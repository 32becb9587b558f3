// Issue 14 item 14: folder names in portfolio links are escaped: no `javascript:` href, no broken
// GFM table, and `#`, `?`, `%` in a folder name still lead to the report.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, tempDir } from "../helpers/cli.js";
import { minimalMap } from "./helpers.js";

const FOLDERS = ["javascript:alert(1)", "a|b", "x#y?z%20"];

function hrefs(html: string): string[] {
  return [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&").replace(/&#x3D;/g, "="));
}

describe("portfolio index links", () => {
  it("every href is relative and opens the report it names, in HTML and in GitHub's Markdown", async () => {
    const dir = tempDir("cjm-sec-");
    for (const [k, folder] of FOLDERS.entries()) {
      mkdirSync(path.join(dir, "maps", folder), { recursive: true });
      writeFileSync(path.join(dir, "maps", folder, `m${k}.yaml`), minimalMap({ title: `Map ${k}` }));
    }
    const r = await cjm(["render", "maps", "--format", "html,markdown", "--out", "out"], { cwd: dir, timeoutMs: 40_000 });
    expect(r.code).toBe(0);
    for (const [k, folder] of FOLDERS.entries()) expect(existsSync(path.join(dir, "out", folder, `m${k}.html`))).toBe(true);

    const fromHtml = hrefs(readFileSync(path.join(dir, "out/index.html"), "utf8"));
    // cmark-gfm is the Markdown GitHub renders.
    const md = readFileSync(path.join(dir, "out/index.md"), "utf8");
    const rendered = execFileSync("cmark-gfm", ["--extension", "table"], { input: md, encoding: "utf8" });
    const fromMd = hrefs(rendered);
    expect(fromHtml).toHaveLength(FOLDERS.length);
    expect(fromMd).toHaveLength(FOLDERS.length);
    for (const [list, ext] of [[fromHtml, "html"], [fromMd, "md"]] as const) {
      const targets = list.map((href) => {
        const url = new URL(href, "file:///site/out/index.html");
        expect(url.protocol).toBe("file:");
        expect(url.search + url.hash).toBe("");
        return decodeURIComponent(url.pathname).replace(/^\/site\/out\//, "");
      });
      expect(targets.sort()).toEqual(FOLDERS.map((f, k) => `${f}/m${k}.${ext}`).sort());
    }
    // The table keeps one cell per column on every row: as many as the header has.
    const rows = [...rendered.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => (m[1]!.match(/<t[dh][ >]/g) ?? []).length);
    expect(rows.length).toBe(1 + FOLDERS.length);
    expect(new Set(rows)).toEqual(new Set([rows[0]]));
  }, 60_000);
});
