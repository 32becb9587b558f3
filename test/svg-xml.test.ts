import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { cjm, ROOT, tempDir } from "./helpers/cli.js";

/**
 * Every SVG cjm writes must open as an image, i.e. parse as XML (issue 14 #9): a French no-break
 * space used to come out as `&nbsp;`, and YAML escapes put control characters into `<title>`.
 * Checked with a real XML parser (xmldom) over a corpus of odd characters, and over the examples.
 */
const ODD = [
  "Paie\u00a0?", // French no-break space before ?
  "bell\u0007 back\u0008 vt\u000b ff\u000c esc\u001b[31m del\u007f",
  "nel\u0085 ls\u2028 ps\u2029 bom\ufeff shy\u00ad zw\u200b rtl\u202e",
  "nonchar\ufffe\uffff repl\ufffd",
  "]]> &nbsp; &amp; &#0; &#x1; <x/> <!-- c --> <?pi?>",
  "\"quotes\" 'apos' `tick` \\ back",
  "emoji 😀 👩‍💻 🇫🇷 é\u0301 漢字 עברית العربية",
  "%%{init: {'theme':'dark'}}%% #35; #59;",
];

function parseXml(text: string, name: string) {
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => void (level !== "warning" && problems.push(`${level}: ${msg}`)) }).parseFromString(text, "image/svg+xml");
  expect(problems, name).toEqual([]);
  expect(doc.documentElement?.localName, name).toBe("svg");
  return doc;
}

// What a reader gets: control characters (C0, DEL, C1) and non-characters are not text.
const visible = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g, "").replace(/\s+/g, " ").trim();

describe("SVG output is XML", () => {
  it("odd characters in every field: each SVG parses with xmldom, and <title> is the text as written", async () => {
    const dir = tempDir();
    const maps: { id: string; title: string }[] = [];
    ODD.forEach((odd, i) => {
      const id = `odd-${i}`;
      const title = `T ${odd}`;
      maps.push({ id, title });
      const map = {
        cjm: 1,
        id,
        title,
        objective: "x",
        personas: [{ id: "p", name: `P ${odd}` }, { id: "q", name: "Q" }],
        channels: [{ id: "web", name: `Web ${odd}`, kind: "digital" }],
        stages: [{ name: `S ${odd}`, steps: [{ name: `Step ${odd}`, emotion: { p: 2, q: 4 }, touchpoints: [{ channel: "web", name: `TP ${odd}` }], pains: [{ id: "pn", text: `Pain ${odd}` }] }] }],
        opportunities: [{ title: `Opp ${odd}`, addresses: ["pn"], impact: 4, effort: 2 }],
      };
      // Written as YAML escapes (a raw control character is refused, rightly): double-quoted throughout.
      const yaml = stringify(map, { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" });
      writeFileSync(path.join(dir, `${id}.yaml`), yaml.replace(/[\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16)}`));
    });
    const r = await cjm(["render", ".", "--format", "svg", "--out", "out", "--quiet"], { cwd: dir, timeoutMs: 120_000 });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const files = readdirSync(path.join(dir, "out")).filter((f) => f.endsWith(".svg"));
    // per map: two journey diagrams (the personas feel differently), the flowchart, the quadrant
    // chart, and the browser-free curve and matrix pictures; every .svg is parsed below.
    for (const { id } of maps) for (const kind of ["journey.p", "journey.q", "flow", "opportunities", "curve", "matrix"]) expect(files).toContain(`${id}.${kind}.svg`);
    for (const { id, title } of maps) {
      for (const f of files.filter((x) => x.startsWith(`${id}.`))) {
        const doc = parseXml(readFileSync(path.join(dir, "out", f), "utf8"), f);
        const t = doc.documentElement!.getElementsByTagName("title")[0]?.textContent ?? "";
        if (f.includes(".journey.")) expect(visible(t).startsWith(visible(title)), `${f}: ${JSON.stringify(t)}`).toBe(true);
        else if (f.includes(".curve.")) {
          // The legend names the persona as written.
          const texts = Array.from(doc.documentElement!.getElementsByTagName("text")).map((e) => e.textContent ?? "");
          expect(texts.map(visible), f).toContain(visible(`P ${ODD[maps.findIndex((m) => m.id === id)]}`));
        } else if (f.includes(".matrix.")) expect(t, f).not.toBe("");
        else if (!f.includes(".opportunities.")) expect(visible(t), f).toContain(visible(title));
      }
    }
  }, 180_000);

  it("the examples and the hostile fixture", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "personas"));
    for (const f of ["achat-smartphone.yaml", "bank-onboarding.yaml", "bank-onboarding-future.yaml"]) copyFileSync(path.join(ROOT, "examples", f), path.join(dir, f));
    for (const f of readdirSync(path.join(ROOT, "examples/personas"))) copyFileSync(path.join(ROOT, "examples/personas", f), path.join(dir, "personas", f));
    copyFileSync(path.join(ROOT, "test/fixtures/hostile.yaml"), path.join(dir, "hostile.yaml"));
    const r = await cjm(["render", ".", "--format", "svg", "--out", "out", "--quiet"], { cwd: dir, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(path.join(dir, "out")).filter((f) => f.endsWith(".svg"));
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const f of files) parseXml(readFileSync(path.join(dir, "out", f), "utf8"), f);
  }, 180_000);
});
