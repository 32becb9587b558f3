// Issue 14 item 1: the HTML a user template writes is printed with JavaScript off, no request but
// the page itself and data:, a CSP header the template cannot override, and a time limit per page.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cjm, tempDir } from "../helpers/cli.js";
import { readPdf } from "../helpers/pdf.js";
import { minimalMap } from "./helpers.js";

const PNG_1x1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/** How many images the PDF's first page paints, read with PDF.js. */
async function imagesDrawn(file: string): Promise<number> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), isEvalSupported: false }).promise;
  const ops = await (await doc.getPage(1)).getOperatorList();
  await doc.destroy();
  return ops.fnArray.filter((f) => f === pdfjs.OPS.paintImageXObject || f === pdfjs.OPS.paintInlineImageXObject).length;
}

let server: Server;
let base = "";
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? "");
    res.setHeader("content-type", "text/html");
    res.end("<p>METADATA-SECRET-ANSWER</p>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function project(report: string, maps = 1): string {
  const dir = tempDir("cjm-sec-");
  for (let k = 1; k <= maps; k++) writeFileSync(path.join(dir, `map${k}.yaml`), minimalMap({ title: `Map ${k}` }));
  mkdirSync(path.join(dir, "tpl/html"), { recursive: true });
  writeFileSync(path.join(dir, "tpl/html/report.hbs"), report);
  return dir;
}

describe("printing a user template's HTML", () => {
  it("makes no request: iframe, script, image, stylesheet; the PDF holds no answer", async () => {
    const dir = project(
      `<html><head><meta http-equiv="Content-Security-Policy" content="default-src *; script-src * 'unsafe-inline'">` +
        `<link rel="stylesheet" href="${base}/css"></head><body><h1>{{journey.title}}</h1>` +
        `<iframe src="${base}/iframe" width="600" height="200"></iframe><img src="${base}/img">` +
        `<script>fetch("${base}/fetch").then(r => r.text()).then(t => document.body.append(t)); document.body.append("SCRIPT-RAN")</script></body></html>`,
    );
    const r = await cjm(["render", "map1.yaml", "--templates", "tpl", "--format", "pdf,html", "--out", "out"], { cwd: dir, timeoutMs: 90_000 });
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hits).toEqual([]);
    const { text } = await readPdf(path.join(dir, "out/map1.pdf"));
    expect(text).toContain("Map 1");
    expect(text).not.toContain("METADATA-SECRET-ANSWER");
    expect(text).not.toContain("SCRIPT-RAN");
    // The HTML file written from the user template carries cjm's CSP before anything else.
    const html = readFileSync(path.join(dir, "out/map1.html"), "utf8");
    expect(html).toMatch(/^<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  }, 120_000);

  it("an endless script does not hang the run: every map still gets its PDF", async () => {
    const dir = project("<!doctype html><html><head></head><body><p>{{journey.title}}</p><script>for(;;){}</script></body></html>", 2);
    const start = Date.now();
    const r = await cjm(["render", ".", "--templates", "tpl", "--format", "pdf", "--out", "out"], { cwd: dir, timeoutMs: 90_000 });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(0);
    expect(Date.now() - start).toBeLessThan(60_000);
    for (const k of [1, 2]) expect((await readPdf(path.join(dir, `out/map${k}.pdf`))).text).toContain(`Map ${k}`);
  }, 120_000);

  it("a page over the print time limit is a template-error for that map, not a crash", async () => {
    const dir = project("<html><body>{{journey.title}}</body></html>");
    const r = await cjm(["render", "map1.yaml", "--templates", "tpl", "--format", "pdf,html", "--out", "out", "--reporter", "json"], {
      cwd: dir,
      timeoutMs: 90_000,
      env: { CJM_PRINT_TIME_LIMIT_MS: "1" },
    });
    expect(r.code).toBe(1);
    const errors = JSON.parse(r.stdout).diagnostics.filter((d: { severity: string }) => d.severity === "error");
    expect(errors).toEqual([expect.objectContaining({ code: "template-error", file: "map1.yaml" })]);
    expect(errors[0].message).toMatch(/print/);
    expect(existsSync(path.join(dir, "out/map1.pdf"))).toBe(false);
  }, 120_000);

  it("`asset` inlines a file of the templates folder as data:, and refuses one outside it", async () => {
    const dir = project(`<html><body><img alt="logo" src="{{asset "logo.png"}}">{{journey.title}}</body></html>`);
    writeFileSync(path.join(dir, "tpl/logo.png"), PNG_1x1);
    const r = await cjm(["render", "map1.yaml", "--templates", "tpl", "--format", "html,pdf", "--out", "out"], { cwd: dir, timeoutMs: 90_000 });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, "out/map1.html"), "utf8")).toContain(`src="data:image/png;base64,${PNG_1x1.toString("base64")}"`);
    expect(await imagesDrawn(path.join(dir, "out/map1.pdf"))).toBe(1);

    writeFileSync(path.join(dir, "tpl/html/report.hbs"), `<html><body><img src="{{asset "../map1.yaml"}}"></body></html>`);
    const out = await cjm(["render", "map1.yaml", "--templates", "tpl", "--format", "html", "--out", "out2", "--reporter", "json"], { cwd: dir, timeoutMs: 30_000 });
    expect(out.code).toBe(1);
    const errors = JSON.parse(out.stdout).diagnostics.filter((d: { severity: string }) => d.severity === "error");
    expect(errors[0]).toMatchObject({ code: "template-error" });
    expect(errors[0].message).toMatch(/outside the templates folder/);
  }, 120_000);
});
