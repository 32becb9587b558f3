import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkInput } from "../src/validate/check.js";
import type { Journey, MeasuredFigure } from "../src/model/types.js";
import { redact } from "../src/data/redact.js";
import { cjm, ROOT, tempDir } from "./helpers/cli.js";
import { xlsx } from "./helpers/xlsx.js";

const FIXTURES = path.join(ROOT, "test/fixtures/data");

/** A project folder with the named fixtures copied in and a map whose `data:` block is `data`. */
function project(data: string, files: string[] = [], extra = ""): { dir: string; map: string } {
  const dir = tempDir("cjm-data-");
  for (const f of files) copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
  const map = path.join(dir, "map.yaml");
  writeFileSync(
    map,
    `cjm: 1
title: Measured
objective: Does it work?
personas:
  - { id: marie, name: Marie }
  - { id: ruth, name: Ruth }
channels: [{ id: app, name: App }]
stages:
  - id: purchase
    name: Purchase
    steps:
      - { id: sees-offer, name: Sees the offer, emotion: 4, touchpoints: [{ channel: app, name: Home }] }
      - { id: pays-in-app, name: Pays in the app, emotion: 2 }
      - { id: confirms, name: Confirms, emotion: 4 }
${extra}data:
${data}`,
  );
  return { dir, map };
}

async function check(p: { dir: string; map: string }) {
  return checkInput({ name: "map.yaml", absolutePath: p.map }, { cwd: p.dir, root: p.dir, today: "2026-12-01" });
}

function figure(j: Journey | undefined, at: string, metric: string): MeasuredFigure {
  const places = [j!, ...j!.stages, ...j!.stages.flatMap((s) => s.steps)];
  const place = at === "journey" ? j! : places.find((p) => "id" in p && p.id === at)!;
  const f = place.measured?.figures.find((x) => x.metric === metric);
  if (!f) throw new Error(`no ${metric} at ${at}`);
  return f;
}

const errors = (r: Awaited<ReturnType<typeof check>>) => r.diagnostics.filter((d) => d.severity === "error");

describe("survey exports in their real shapes", () => {
  it("Qualtrics: three header rows, question text as alias, Finished 0 skipped, segments, quotes redacted", async () => {
    const p = project(
      `  - id: survey-q3
    file: qualtrics.csv
    period: 2026-Q3
    measures:
      - { metric: nps, column: Q5, at: journey }
      - { metric: csat, column: "How satisfied were you with the checkout?", at: pays-in-app, missing: [-99] }
      - { metric: ces, column: Q7, scale: 7, at: purchase }
      - { quotes: Q8_TEXT, at: pays-in-app, limit: 2 }
    segment: { column: Segment, personas: { "Small business": marie, "Retired": ruth } }
`,
      ["qualtrics.csv"],
    );
    const r = await check(p);
    expect(errors(r)).toEqual([]);
    // NPS: 10 rows, 1 partial (Finished 0), 1 empty → n = 8: 10, 9, 8, 7, 6, 3, 10, 9.
    // Promoters 4 (10, 9, 10, 9), detractors 2 (6, 3): (4 − 2) / 8 = 25.
    // Variance (0.5 + 0.25 − 0.25²) / 8 = 0.0859375; margin 1.96 · √v · 100 = 57.46.
    const nps = figure(r.journey, "journey", "nps");
    expect(nps).toMatchObject({ value: 25, n: 8, margin: 57.5, promoters: 4, passives: 2, detractors: 2, period: "2026-Q3" });
    expect(nps.source).toMatchObject({ id: "survey-q3", rowsUsed: 8, rowsSkipped: 2, skipped: { "partial response": 1, "empty answer": 1 } });
    expect(nps.source.sha256).toBe(createHashOf(path.join(FIXTURES, "qualtrics.csv")));
    // Small business: 10, 8, 6, 10, 9 → (3 − 1) / 5 = 40, margin 1.96·√((0.6+0.2−0.16)/5)·100 = 70.1.
    // Retired: 9, 7, 3 → (1 − 1) / 3 = 0, margin 1.96·√((2/3)/3)·100 = 92.4.
    expect(nps.personas).toEqual([
      { persona: "marie", value: 40, n: 5, margin: 70.1 },
      { persona: "ruth", value: 0, n: 3, margin: 92.4 },
    ]);
    // CSAT by question text: 5, 4, 4, 3, 2, 1, 5, 5 (−99 skipped as missing): top two 5/8 = 62.5 → 63 %,
    // mean 29/8 = 3.625 → 3.6; margin 1.96·√(0.625·0.375/8)·100 = 33.5.
    expect(figure(r.journey, "pays-in-app", "csat")).toMatchObject({ value: 63, n: 8, mean: 3.6, margin: 33.5, scale: 5 });
    // CES: 6, 7, 5, 4, 3, 2, 6, 7, 5 → mean 45/9 = 5.0; sd √(24/8) = 1.732; margin 1.96·1.732/3 = 1.1.
    expect(figure(r.journey, "purchase", "ces")).toMatchObject({ value: 5, n: 9, margin: 1.1, scale: 7 });
    const quotes = r.journey!.stages[0]!.steps[1]!.measured!.quotes.map((q) => q.text);
    expect(quotes).toEqual(["Great, contact me at [email]", "Call me on [phone] please"]);
    // No other column's value reaches the model: e-mails, IP addresses, response ids.
    const json = JSON.stringify(r.journey);
    for (const secret of ["jane.doe@example.com", "198.51.100", "R_1aBcD", "should not appear", "7946"]) expect(json).not.toContain(secret);
    expect(r.diagnostics.map((d) => d.code)).toContain("small-sample");
  });

  it("SurveyMonkey: two header rows, label answers mapped with values:", async () => {
    const p = project(
      `  - id: sm
    file: surveymonkey.csv
    period: 2026-09
    measures:
      - { metric: nps, column: "How likely is it that you would recommend us to a friend or colleague?", at: journey }
      - metric: csat
        column: How satisfied are you with delivery?
        at: confirms
        values: { "Very satisfied": 5, "Satisfied": 4, "Neither satisfied nor dissatisfied": 3, "Dissatisfied": 2, "Very dissatisfied": 1 }
`,
      ["surveymonkey.csv"],
    );
    const r = await check(p);
    expect(errors(r)).toEqual([]);
    // 10, 4, 9, 8: promoters 2, detractors 1 → (2 − 1) / 4 = 25.
    expect(figure(r.journey, "journey", "nps")).toMatchObject({ value: 25, n: 4 });
    // 5, 2, 4, 3 → top two 2/4 = 50 %, mean 14/4 = 3.5.
    expect(figure(r.journey, "confirms", "csat")).toMatchObject({ value: 50, mean: 3.5, n: 4 });
  });

  it("Google Forms: label answers take their leading number", async () => {
    const p = project(
      `  - id: gf
    file: google-forms.csv
    period: 2026-09-30
    measures:
      - { metric: nps, column: How likely are you to recommend us?, at: journey }
      - { metric: ces, column: How easy was it to open your account?, at: purchase }
`,
      ["google-forms.csv"],
    );
    const r = await check(p);
    expect(errors(r)).toEqual([]);
    // "10 - Extremely likely" → 10, "0 - Not at all likely" → 0, 7, 9: (2 − 1) / 4 = 25.
    expect(figure(r.journey, "journey", "nps")).toMatchObject({ value: 25, n: 4, promoters: 2, detractors: 1 });
    // 7, 2, 5, 6 → 20/4 = 5.0.
    expect(figure(r.journey, "purchase", "ces")).toMatchObject({ value: 5, n: 4 });
  });

  it("Typeform: partial responses are skipped and counted", async () => {
    const p = project(`  - { id: tf, file: typeform.csv, period: 2026-Q3, measures: [{ metric: nps, column: How likely are you to recommend us?, at: journey }] }\n`, ["typeform.csv"]);
    const r = await check(p);
    // 9 and 2 (the partial 10 is skipped): (1 − 1) / 2 = 0.
    expect(figure(r.journey, "journey", "nps")).toMatchObject({ value: 0, n: 2, source: { rowsSkipped: 1, skipped: { "partial response": 1 } } });
  });

  it("European Excel CSV: BOM, `;`, CRLF, quoted newline, repeated header as `name.1`", async () => {
    const p = project(
      `  - id: xl
    file: excel-fr.csv
    period: 2026-Q3
    measures:
      - { metric: nps, column: Score, at: journey }
      - { metric: csat, column: Score.1, at: confirms }
      - { quotes: Comment, at: confirms, limit: 5 }
`,
      ["excel-fr.csv"],
    );
    const r = await check(p);
    expect(errors(r)).toEqual([]);
    // 9, 10, 5 → (2 − 1) / 3 = 33.3 → 33.  CSAT 4, 5, 2 → 2/3 = 66.7 → 67 %.
    expect(figure(r.journey, "journey", "nps")).toMatchObject({ value: 33, n: 3 });
    expect(figure(r.journey, "confirms", "csat")).toMatchObject({ value: 67, n: 3 });
    expect(r.journey!.stages[0]!.steps[2]!.measured!.quotes.map((q) => q.text)).toEqual(["Line one\nline two", "ok", 'He said "no"']);
  });

  it("UTF-16 tab-separated text (Excel's Unicode text) reads the same", async () => {
    const p = project(`  - { id: u16, file: survey.txt, period: 2026-Q3, measures: [{ metric: nps, column: Note, at: journey }] }\n`);
    const text = "Répondant\tNote\r\n1\t9\r\n2\t10\r\n3\t5\r\n4\t0\r\n";
    writeFileSync(path.join(p.dir, "survey.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const r = await check(p);
    expect(errors(r)).toEqual([]);
    // 9, 10, 5, 0: (2 − 2) / 4 = 0.
    expect(figure(r.journey, "journey", "nps")).toMatchObject({ value: 0, n: 4 });
  });
});

describe("funnels", () => {
  it("GA4 funnel exploration: comment lines, conversion from the previous and the first step", async () => {
    const p = project(
      `  - id: funnel-q3
    file: ga4-funnel.csv
    period: 2026-Q3
    funnel: { "1. view_item": sees-offer, "2. begin_checkout": pays-in-app, "3. purchase": confirms }
`,
      ["ga4-funnel.csv"],
    );
    const r = await check(p);
    expect(errors(r)).toEqual([]);
    // 12000 → 5400: 0.45, lost 6600.  5400 → 3240: 0.6, 3240/12000 = 0.27 of the first, lost 2160.
    expect(figure(r.journey, "pays-in-app", "conversion")).toMatchObject({ value: 0.45, n: 12000, count: 5400, fromFirst: 0.45, abandonment: 6600 });
    expect(figure(r.journey, "confirms", "conversion")).toMatchObject({ value: 0.6, n: 5400, count: 3240, fromFirst: 0.27, abandonment: 2160 });
  });

  it("a generic step,count funnel", async () => {
    const p = project(`  - { id: f, file: funnel.csv, period: 2026-09, funnel: { Landing: sees-offer, Sign-up form: pays-in-app, Account open: confirms } }\n`, ["funnel.csv"]);
    const r = await check(p);
    // 2000 → 800 (0.4) → 200 (0.25, 0.1 of the first).
    expect(figure(r.journey, "confirms", "conversion")).toMatchObject({ value: 0.25, fromFirst: 0.1, abandonment: 600 });
  });
});

describe("waves", () => {
  it("orders waves by period start, keeps the earlier ones, and warns on a regression beyond the margin", async () => {
    const p = project(
      `  - { id: q3, file: q3.csv, period: 2026-Q3, measures: [{ metric: nps, column: nps, at: journey }] }
  - { id: q2, file: q2.csv, period: 2026-04, measures: [{ metric: nps, column: nps, at: journey }] }
`,
    );
    // Q2 (April): 40 answers, 30 promoters, 10 passives → NPS 75.  Q3: 40 answers, 10 promoters, 20 detractors → −25.
    writeFileSync(path.join(p.dir, "q2.csv"), "nps\n" + "10\n".repeat(30) + "8\n".repeat(10));
    writeFileSync(path.join(p.dir, "q3.csv"), "nps\n" + "9\n".repeat(10) + "7\n".repeat(10) + "3\n".repeat(20));
    const r = await check(p);
    const f = figure(r.journey, "journey", "nps");
    expect(f).toMatchObject({ value: -25, period: "2026-Q3" });
    expect(f.waves!.map((w) => [w.period, w.value])).toEqual([["2026-04", 75]]);
    // Δ = −100; margins: Q2 √((0.75 − 0.5625)/40)·196 = 13.4, Q3 √((0.25 + 0.5 − 0.0625)/40)·196 = 25.7.
    expect(f.change).toEqual({ delta: -100, from: "2026-04", beyondMargin: true, improved: false });
    const reg = r.diagnostics.find((d) => d.code === "metric-regression")!;
    expect(reg.message).toContain("from 75 (2026-04) to -25 (2026-Q3)");
    expect(reg.span?.start.line).toBe(16);
  });

  it("two figures for one metric, place and period, or hand-typed beside measured, are a data-conflict", async () => {
    const p = project(
      `  - { id: a, file: a.csv, period: 2026-Q3, measures: [{ metric: nps, column: nps, at: journey }] }
  - { id: b, file: a.csv, period: 2026-Q3, measures: [{ metric: nps, column: nps, at: journey }] }
`,
    );
    writeFileSync(path.join(p.dir, "a.csv"), "nps\n10\n9\n");
    const r = await check(p);
    expect(errors(r).map((d) => [d.code, d.span?.start.line])).toEqual([["data-conflict", 17]]);
    const q = project(`  - { id: a, file: a.csv, period: 2026-Q3, measures: [{ metric: nps, column: nps, at: journey }] }\n`, [], "metrics: { nps: { score: 12 } }\n");
    writeFileSync(path.join(q.dir, "a.csv"), "nps\n10\n9\n");
    const r2 = await check(q);
    expect(errors(r2).map((d) => [d.code, d.pointer])).toEqual([["data-conflict", "/metrics/nps"]]);
  });

  it("stale-data compares with SOURCE_DATE_EPOCH through the CLI", async () => {
    const p = project(`  - { id: a, file: a.csv, period: 2024-Q1, measures: [{ metric: nps, column: nps, at: journey }] }\n`);
    writeFileSync(path.join(p.dir, "a.csv"), "nps\n" + "10\n".repeat(40));
    const recent = await cjm(["validate", "map.yaml"], { cwd: p.dir, env: { SOURCE_DATE_EPOCH: String(Date.UTC(2024, 4, 1) / 1000) } });
    expect(recent.stderr).not.toContain("stale-data");
    const late = await cjm(["validate", "map.yaml"], { cwd: p.dir, env: { SOURCE_DATE_EPOCH: String(Date.UTC(2026, 11, 1) / 1000) } });
    expect(late.code).toBe(0);
    expect(late.stderr).toContain("warning[stale-data]: NPS at `journey`: the newest data is from 2024-Q1");
    expect(late.stderr).toContain("--> map.yaml:16:35");
  });
});

describe("bad data files are located diagnostics, exit 1", () => {
  it("a value 11 on the 0..10 scale is reported at the CSV's own line and column, showing the cell only", async () => {
    const p = project(`  - { id: s, file: s.csv, period: 2026-Q3, measures: [{ metric: nps, column: score, at: journey }] }\n`);
    writeFileSync(path.join(p.dir, "s.csv"), 'email,comment,score\nann@example.com,"two\nlines",9\nbob@example.com,fine,11\n');
    const r = await cjm(["validate", "map.yaml"], { cwd: p.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[data-value-out-of-scale]: answer `11` in column `score` is outside the 0..10 NPS scale");
    expect(r.stderr).toContain("--> s.csv:4:22");
    expect(r.stderr).not.toContain("bob@example.com");
    const rendered = await cjm(["render", "map.yaml", "--out", "out"], { cwd: p.dir });
    expect(rendered.code).toBe(1);
    expect(() => readFileSync(path.join(p.dir, "out/map.md"))).toThrow();
  });

  it("a missing column names the header and a guess", async () => {
    const p = project(`  - { id: s, file: s.csv, period: 2026-Q3, measures: [{ metric: nps, column: Scor, at: journey }] }\n`);
    writeFileSync(path.join(p.dir, "s.csv"), "Email;Score\nann@example.com;9\n");
    const r = await cjm(["validate", "map.yaml"], { cwd: p.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[data-column-missing]: column `Scor` is not in s.csv");
    expect(r.stderr).toContain("--> map.yaml:16:78");
    expect(r.stderr).toContain("help: did you mean `Score`? the file's columns: `Email`, `Score`");
  });

  it("a wrong delimiter says so", async () => {
    const p = project(`  - { id: s, file: s.csv, period: 2026-Q3, measures: [{ metric: nps, column: Score, at: journey }] }\n`);
    writeFileSync(path.join(p.dir, "s.csv"), "Email|Score\nann@example.com|9\n");
    const r = await cjm(["validate", "map.yaml"], { cwd: p.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("the header has a single column, `Email|Score`");
  });

  it("missing, empty, binary, outside the project: each a located error", async () => {
    const p = project(
      `  - { id: a, file: nothere.csv, period: 2026-Q3, measures: [{ metric: nps, column: x, at: journey }] }
  - { id: b, file: empty.csv, period: 2026-Q3, measures: [{ metric: nps, column: x, at: journey }] }
  - { id: c, file: blob.csv, period: 2026-Q3, measures: [{ metric: nps, column: x, at: journey }] }
  - { id: d, file: ../outside.csv, period: 2026-Q3, measures: [{ metric: nps, column: x, at: journey }] }
  - { id: e, file: link.csv, period: 2026-Q3, measures: [{ metric: nps, column: x, at: journey }] }
`,
    );
    writeFileSync(path.join(p.dir, "empty.csv"), "");
    writeFileSync(path.join(p.dir, "blob.csv"), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x10, 0x00]));
    const outside = tempDir("cjm-outside-");
    writeFileSync(path.join(outside, "secret.csv"), "x\n1\n");
    symlinkSync(path.join(outside, "secret.csv"), path.join(p.dir, "link.csv"));
    const r = await cjm(["validate", "map.yaml", "--format", "json"], { cwd: p.dir });
    expect(r.code).toBe(1);
    const found = (JSON.parse(r.stdout) as { diagnostics: { code: string; file: string; line: number }[] }).diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`);
    expect(found).toEqual([
      "data-file-invalid blob.csv:1",
      "data-file-invalid empty.csv:1",
      "data-file-missing map.yaml:16",
      "data-outside-root map.yaml:19",
      "data-outside-root map.yaml:20",
    ]);
  });
});

describe("evidence shown as measured", () => {
  it("a stage and a step backed by data show their evidence as measured, with n and source; a step without keeps its hand-typed evidence", async () => {
    const p = project(`  - id: wave-q3
    file: q3.csv
    period: 2026-Q3
    measures:
      - { metric: ces, column: effort, scale: 7, at: purchase }
      - { metric: csat, column: sat, at: pays-in-app }
`);
    // 40 answers for the stage's CES, 35 for the step's CSAT (5 left empty).
    writeFileSync(path.join(p.dir, "q3.csv"), "effort,sat\n" + "6,5\n".repeat(35) + "5,\n".repeat(5));
    const out = path.join(p.dir, "out");
    const r = await cjm(["render", p.map, "--format", "markdown,html", "--out", out, "--root", p.dir], { cwd: p.dir });
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(path.join(out, "map.md"), "utf8");
    expect(md).toContain("### Purchase\n\n**Evidence**: Measured · n = 40 · wave-q3\n");
    expect(md).toContain("| Pays in the app | 2 🙁 |  | Measured · n = 35 · wave-q3 |");
    expect(md).toContain("| Sees the offer | 4 🙂 | Home (App) | Not stated |");
    const html = readFileSync(path.join(out, "map.html"), "utf8");
    expect(html).toContain('<span class="stage-name">Purchase</span> <span class="badge evidence evidence-measured">Measured · n &#x3D; 40 · wave-q3</span>');
    expect(html).toContain('<span class="badge evidence evidence-measured">Measured · n &#x3D; 35 · wave-q3</span>');
    expect(html).toContain('<span class="badge evidence evidence-none">Not stated</span>');
  });
});

describe("UTF-8 files are parsed as the bytes read", () => {
  const entry = `  - { id: a, file: a.csv, period: 2026-Q3, measures: [{ metric: nps, column: nps, at: journey }, { quotes: why, at: journey, limit: 1 }] }\n`;
  it("a character split between two reads, mixed CRLF/LF/CR line ends and a quoted CRLF read as decoded text would", async () => {
    const p = project(entry);
    // 3 × 40,000 rows of "é" text: every 64 KB read boundary falls somewhere in the rows, some inside "é" (2 bytes).
    const rows = ["nps,why\r\n", '10,"Très bien\r\nmerci"\n'];
    for (let i = 0; i < 40_000; i++) rows.push(`${i % 2 ? 10 : 9},ééé\r\n`, `3,é\n`, `0,ée\r`);
    writeFileSync(path.join(p.dir, "a.csv"), rows.join(""));
    const r = await check(p);
    expect(errors(r)).toEqual([]);
    // 1 + 40,000 promoters, 80,000 detractors of 120,001: (40,001 − 80,000) / 120,001 = −33.3 % → −33.
    expect(figure(r.journey, "journey", "nps")).toMatchObject({ value: -33, n: 120_001 });
    expect(r.journey!.measured!.quotes.map((q) => q.text)).toEqual(["Très bien\nmerci"]);
  });

  it("invalid UTF-8 or a NUL byte far past the first read is still refused", async () => {
    const p = project(entry);
    const body = "nps,why\n" + "10,fine\n".repeat(20_000);
    writeFileSync(path.join(p.dir, "a.csv"), Buffer.concat([Buffer.from(body), Buffer.from([0x39, 0x2c, 0xc3, 0x28, 0x0a])]));
    expect(errors(await check(p)).map((d) => d.message)).toEqual(["the data file is not valid UTF-8 or UTF-16 text"]);
    writeFileSync(path.join(p.dir, "a.csv"), Buffer.concat([Buffer.from(body), Buffer.from([0x39, 0x2c, 0x00, 0x0a])]));
    expect(errors(await check(p)).map((d) => d.message)).toEqual(["the data file holds binary data, not text"]);
    // A character cut off at the very end of the file is invalid too.
    writeFileSync(path.join(p.dir, "a.csv"), Buffer.concat([Buffer.from(body), Buffer.from([0x39, 0x2c, 0xe2, 0x82])]));
    expect(errors(await check(p)).map((d) => d.message)).toEqual(["the data file is not valid UTF-8 or UTF-16 text"]);
  });
});

describe("privacy", () => {
  it("redacts e-mail addresses and phone numbers in verbatims", () => {
    expect(redact("mail me: a.b+c@mail.example.co.uk or call 06 12 34 56 78 / +1 (555) 010-9999")).toBe("mail me: [email] or call [phone] / [phone]");
    expect(redact("order on 2026-09-30, 3 items, room 12")).toBe("order on 2026-09-30, 3 items, room 12");
  });
});

function createHashOf(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

describe("the example map backed by data (examples/checkout-measured.yaml)", () => {
  it("reports each figure with n, period and source, the trend across waves, verbatims as quotes; nothing else of the exports", async () => {
    const dir = tempDir("cjm-data-out-");
    const r = await cjm(["render", "examples/checkout-measured.yaml", "--format", "markdown,html,json", "--out", dir], { cwd: ROOT });
    expect(r.code, r.stderr).toBe(0);
    // Q3: 412 finished answers, 180 promoters and 85 detractors: (180 − 85) / 412 = 23.06 → +23.
    // Q2: (150 − 95) / 380 = 14.47 → +14; the change +9 is within √(7.4² + 8.4²) ≈ 11.2.
    const md = readFileSync(path.join(dir, "checkout-measured.md"), "utf8");
    expect(md).toContain("| Whole journey | **NPS +23 · n = 412 · 2026-Q3 · survey-q3**<br>± 7.4<br>benchmark +18 (Example Shop relationship survey 2025 (internal), 2025): +5 ▲ | ↑ +9 since 2026-Q2 (within the margin of error) |");
    // Delivery CSAT, labels mapped: Q2 (70 + 80) / 210 = 71 %, Q3 (60 + 70) / 230 = 56.5 → 57 %: −14 points, beyond the margin.
    expect(md).toContain("**CSAT 57% · n = 230 · 2026-Q3 · delivery-q3**<br>± 6.4 · mean 3.5/5<br>benchmark 70% (Example Shop carrier service-level agreement 2025 (internal), 2025): −13 pts ▼ | ↓ −14 pts since 2026-Q2 |");
    // Funnel: 3240 of 3800 = 85.3 %, 3240 of 12000 = 27 % of the first step.
    expect(md).toContain("**Conversion 85.3% · n = 3800 · 2026-Q3 · funnel-q3**<br>± 1.1 pts · 27% of the first step (3240)");
    expect(md).toContain("> “Please send the invoice to \\[email\\] instead” — survey-q3 · 2026-Q3");
    // The payment step is backed by the funnel (5400 users) and the survey (405 answers): its evidence is measured, with n and source.
    expect(md).toContain("| Measured · n = 5400 · funnel-q3; n = 405 · survey-q3 |");
    // Each persona's figures under its curve. Q3, Marie ("Small business owner"): 113 promoters and 59 detractors of 275 → 19.6 → +20;
    // CSAT 199 of 271 in the top two boxes → 73 %. Paul ("Retired"): (67 − 26) / 137 = 29.9 → +30.
    expect(md).toContain("**Measured for Marie**\n\n- Whole journey: NPS +20 · n = 275 · 2026-Q3 · survey-q3\n- Enters payment details: CSAT 73% · n = 271 · 2026-Q3 · survey-q3\n");
    expect(md).toContain("**Measured for Paul**\n\n- Whole journey: NPS +30 · n = 137 · 2026-Q3 · survey-q3\n");
    const html = readFileSync(path.join(dir, "checkout-measured.html"), "utf8");
    expect(html).toContain('<span class="value">+23</span> <svg class="sparkline"');
    expect(html).toContain('<span class="badge evidence evidence-measured">Measured · n &#x3D; 5400 · funnel-q3; n &#x3D; 405 · survey-q3</span>');
    expect(html).toContain('<span class="legend-item" data-persona="paul"><span class="swatch" style="background: #c2410c" aria-hidden="true"></span>Paul<span class="legend-figures"><span class="legend-figure">Whole journey: NPS +30 · n &#x3D; 137 · 2026-Q3 · survey-q3</span>');
    expect(html).toContain('<span class="note persona-figure" data-persona="marie">Marie 73% (n = 271)</span>');
    expect(html).toContain('aria-label="NPS: 2026-Q2 +14, 2026-Q3 +23"');
    expect(html).toContain('<blockquote class="verbatim"><p>Please send the invoice to [email] instead</p><footer>survey-q3 · 2026-Q3</footer></blockquote>');
    const json = JSON.parse(readFileSync(path.join(dir, "checkout-measured.json"), "utf8")) as Journey;
    const nps = json.measured!.figures[0]!;
    expect(nps).toMatchObject({ metric: "nps", value: 23, n: 412, period: "2026-Q3", source: { id: "survey-q3", file: "examples/data/checkout-survey-2026-q3.csv", rowsUsed: 412, rowsSkipped: 31 } });
    expect(nps.source.sha256).toBe(createHashOf(path.join(ROOT, "examples/data/checkout-survey-2026-q3.csv")));
    expect(nps.waves!.map((w) => [w.period, w.value, w.n])).toEqual([["2026-Q2", 14, 380]]);
    for (const text of [md, html, JSON.stringify(json)]) {
      expect(text).not.toMatch(/@example\.com|198\.51\.100|203\.0\.113|R_0000|06 12 34 56 78|compta@/);
    }
    expect(r.stderr).toContain("warning[metric-regression]: CSAT at `receives` went from 71 (2026-Q2) to 57 (2026-Q3)");
  });

  it("French labels", async () => {
    const r = await cjm(["render", "examples/checkout-measured.yaml", "--format", "markdown", "--locale", "fr", "--out", "-"], { cwd: ROOT });
    expect(r.stdout).toContain("## Chiffres mesurés");
    expect(r.stdout).toContain("**NPS +23 · n = 412 · 2026-Q3 · survey-q3**<br>± 7,4<br>référence +18 (Example Shop relationship survey 2025 (internal), 2025): +5 ▲ | ↑ +9 depuis 2026-Q2 (dans la marge d'erreur) |");
    expect(r.stdout).toContain("CSAT 72 % · n = 405");
  });
});

describe(".xlsx workbooks", () => {
  it("reads the first sheet with exceljs; a bad cell is located at its row and column", async () => {
    const p = project(`  - { id: x, file: survey.xlsx, period: 2026-Q3, measures: [{ metric: csat, column: Satisfaction, at: journey }] }\n`);
    // 5, 4, 4, 2 → top two 3/4 = 75 %, mean 15/4 = 3.75 → 3.8.
    writeFileSync(path.join(p.dir, "survey.xlsx"), xlsx([["Email", "Satisfaction"], ["a@example.com", 5], ["b@example.com", 4], ["c@example.com", 4], ["d@example.com", 2]]));
    const r = await check(p);
    expect(errors(r)).toEqual([]);
    expect(figure(r.journey, "journey", "csat")).toMatchObject({ value: 75, mean: 3.8, n: 4 });
    writeFileSync(path.join(p.dir, "survey.xlsx"), xlsx([["Email", "Satisfaction"], ["a@example.com", 5], ["b@example.com", 9]]));
    const bad = await check(p);
    expect(errors(bad).map((d) => [d.code, d.file, d.span?.start])).toEqual([["data-value-out-of-scale", "survey.xlsx", { line: 3, col: 2 }]]);
  });

  it("refuses a workbook that unpacks to more than the cap, however small the file", async () => {
    const p = project(`  - { id: x, file: bomb.xlsx, period: 2026-Q3, measures: [{ metric: csat, column: Satisfaction, at: journey }] }\n`);
    const bomb = xlsx([["Satisfaction"], [5]], { "xl/media/filler.bin": Buffer.alloc(600 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    writeFileSync(path.join(p.dir, "bomb.xlsx"), bomb);
    const r = await check(p);
    expect(errors(r).map((d) => [d.code, d.message])).toEqual([["data-file-invalid", "the .xlsx file unpacks to more than 512 MB"]]);
  }, 120_000);
});

describe("cjm data inspect and cjm init --data", () => {
  it("inspect shows the format, ranges of answer scales only, and a data: entry to paste; never a text value", async () => {
    const r = await cjm(["data", "inspect", "examples/data/checkout-survey-2026-q3.csv"], { cwd: ROOT });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("examples/data/checkout-survey-2026-q3.csv: qualtrics, 443 rows (31 partial responses, skipped)");
    expect(r.stdout).toMatch(/ {2}Q5 +numbers 0\.\.10, 443 values {2}— How likely are you to recommend/);
    expect(r.stdout).toMatch(/ {2}Q6 +numbers 1\.\.5 \(and -99\), 412 values/);
    expect(r.stdout).toMatch(/ {2}RecipientEmail +text \(values not shown\), 443 values/);
    // IP addresses and dates are numbers to a naive reader: their range is not shown either.
    expect(r.stdout).toMatch(/ {2}IPAddress +numbers \(range not shown\)/);
    expect(r.stdout).not.toMatch(/@example\.com|198\.51|Lastname|postcode/);
    expect(r.stdout).toContain("      - { metric: nps, column: Q5, at: journey }\n      - { metric: csat, column: Q6, scale: 5, at: journey, missing: [-99] }\n      - { quotes: Q8_TEXT, at: journey, limit: 3 }");
    const missing = await cjm(["data", "inspect", "nothere.csv"], { cwd: ROOT });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("error[data-file-missing]: nothere.csv no such file or folder");
  });

  it("init --data writes a map that validates and measures the export", async () => {
    const dir = tempDir("cjm-init-data-");
    mkdirSync(path.join(dir, "data"));
    copyFileSync(path.join(ROOT, "examples/data/checkout-survey-2026-q3.csv"), path.join(dir, "data/survey-2026-q3.csv"));
    copyFileSync(path.join(ROOT, "examples/data/checkout-funnel-2026-q3.csv"), path.join(dir, "data/funnel.csv"));
    expect((await cjm(["init", "survey.yaml", "--data", "data/survey-2026-q3.csv"], { cwd: dir })).code).toBe(0);
    expect((await cjm(["init", "funnel.yaml", "--data", "data/funnel.csv"], { cwd: dir })).code).toBe(0);
    expect(readFileSync(path.join(dir, "funnel.yaml"), "utf8")).toContain("      2. begin_checkout: first-step-of-consideration\n");
    const v = await cjm(["validate", "survey.yaml", "funnel.yaml"], { cwd: dir });
    expect(v.code, v.stderr).toBe(0);
    const out = await cjm(["render", "survey.yaml", "--format", "markdown", "--out", "-"], { cwd: dir });
    expect(out.stdout).toContain("**NPS +23 · n = 412 · 2026-Q3 · survey-2026-q3**");
  });
});

describe("the portfolio index", () => {
  it("shows each journey's latest figures and their change since the previous wave", async () => {
    const dir = tempDir("cjm-data-index-");
    const r = await cjm(["render", "examples/", "--format", "markdown,html", "--out", dir], { cwd: ROOT });
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(path.join(dir, "index.md"), "utf8");
    const row = md.split("\n").find((l) => l.includes("checkout-measured.md"))!;
    // The measured NPS fills the NPS column; 23 is "good" (0–30).
    expect(row).toContain("| +23 (good) |");
    expect(row).toContain("| NPS +23 (n = 412, 2026-Q3) ↑ +9 since 2026-Q2<br>Creates an account: CES 5.4/7 (n = 160, 2026-Q3) ↑ +0.4 since 2026-Q2<br>");
    expect(row).toContain("Receives the parcel: CSAT 57% (n = 230, 2026-Q3) ↓ −14 pts since 2026-Q2 |");
    // Evidence: one step observed, the five others measured: 6 of 6 (without the data, 1 of 6).
    expect(row).toContain("| 100% |");
    const html = readFileSync(path.join(dir, "index.html"), "utf8");
    expect(html).toContain("<div>NPS +23 (n &#x3D; 412, 2026-Q3) ↑ +9 since 2026-Q2</div>");
  });
});

describe("cjm diff on measured figures", () => {
  it("reports figure changes between two versions, and between the waves of the new one", async () => {
    const dir = tempDir("cjm-data-diff-");
    mkdirSync(path.join(dir, "data"));
    for (const f of ["checkout-survey-2026-q2.csv", "checkout-survey-2026-q3.csv", "delivery-2026-q2.csv", "delivery-2026-q3.csv", "signup-2026-q2.csv", "signup-2026-q3.csv", "checkout-funnel-2026-q2.csv", "checkout-funnel-2026-q3.csv"]) {
      copyFileSync(path.join(ROOT, "examples/data", f), path.join(dir, "data", f));
    }
    copyFileSync(path.join(ROOT, "examples/benchmarks.yaml"), path.join(dir, "benchmarks.yaml"));
    const map = readFileSync(path.join(ROOT, "examples/checkout-measured.yaml"), "utf8");
    writeFileSync(path.join(dir, "new.yaml"), map);
    // The old version knew only the Q2 exports.
    writeFileSync(path.join(dir, "old.yaml"), map.replace(/\n  - id: survey-q3\n[\s\S]*?(?=\n  # SurveyMonkey)/, "").replace(/\n  - id: delivery-q3\n[\s\S]*?(?=\n  # Google Forms)/, ""));
    const r = await cjm(["diff", "old.yaml", "new.yaml", "--format", "markdown"], { cwd: dir });
    expect(r.stderr).toBe("");
    // NPS +14 (Q2, n = 380) → +23 (Q3, n = 412): +9, within √(8.4² + 7.4²) = 11.2.
    expect(r.stdout).toContain("| Whole journey | NPS | 14 | 23 | +9 ▲ (2026-Q2 → 2026-Q3, n = 380 → 412, within the margin of error) |");
    // Delivery CSAT 71 % → 57 %: beyond the margin, so no "within" note.
    expect(r.stdout).toContain("| Receives the parcel | CSAT | 71% | 57% | −14 ▼ (2026-Q2 → 2026-Q3, n = 210 → 230) |");
    expect(r.stdout).toContain("### Between the waves of the new map");
    // Sign-up ease 5.0 → 5.4 between the waves of the new map (higher is better on the agreement scale).
    expect(r.stdout).toContain("| Creates an account | CES | 5/7 | 5.4/7 | +0.4 ▲ (2026-Q2 → 2026-Q3, n = 150 → 160) |");
    const json = JSON.parse((await cjm(["diff", "old.yaml", "new.yaml", "--format", "json"], { cwd: dir })).stdout) as { metrics: { level: string; metric: string; measured?: { beyondMargin?: boolean } }[]; waves: unknown[] };
    expect(json.metrics.find((m) => m.level === "journey" && m.metric === "nps")?.measured?.beyondMargin).toBe(false);
    expect(json.waves).toHaveLength(7);
  });
});

describe("benchmarks", () => {
  it("compares figures with a user-supplied reference that names its source; a value without one is a located error", async () => {
    // +23 against the shop's 2025 average of +18: +5, better.  Delivery 57 % against the 70 % target: −13 points, worse.
    const md = (await cjm(["render", "examples/checkout-measured.yaml", "--format", "markdown", "--out", "-"], { cwd: ROOT })).stdout;
    expect(md).toContain("<br>benchmark +18 (Example Shop relationship survey 2025 (internal), 2025): +5 ▲ |");
    expect(md).toContain("<br>benchmark 70% (Example Shop carrier service-level agreement 2025 (internal), 2025): −13 pts ▼ |");
    const p = project(`  - { id: a, file: a.csv, period: 2026-Q3, measures: [{ metric: nps, column: nps, at: journey }] }\n`, [], "benchmarks: bench.yaml\n");
    writeFileSync(path.join(p.dir, "a.csv"), "nps\n" + "10\n".repeat(40));
    writeFileSync(path.join(p.dir, "bench.yaml"), "benchmarks:\n  - { metric: nps, value: 30, year: 2025, method: survey, scale: -100..100 }\n");
    const bad = await cjm(["validate", "map.yaml"], { cwd: p.dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("error[missing-field]: benchmark 1 lacks `source`");
    expect(bad.stderr).toContain("--> bench.yaml:2:5");
  });
});

describe("the project config: `rules.stale-data.days` and `benchmarks:`", () => {
  const epoch = String(Date.UTC(2026, 11, 1) / 1000);
  it("`days` moves the stale-data threshold and `severity` beside it makes it an error", async () => {
    // 2026-Q2 ended on 2026-06-30: 154 days before 2026-12-01, under the default 365.
    const p = project(`  - { id: a, file: a.csv, period: 2026-Q2, measures: [{ metric: nps, column: nps, at: journey }] }\n`);
    writeFileSync(path.join(p.dir, "a.csv"), "nps\n" + "10\n".repeat(40));
    const env = { SOURCE_DATE_EPOCH: epoch };
    expect((await cjm(["validate", "map.yaml"], { cwd: p.dir, env })).stderr).not.toContain("stale-data");
    writeFileSync(path.join(p.dir, "cjm.config.yaml"), "rules:\n  stale-data: { days: 120 }\n");
    const warned = await cjm(["validate", "map.yaml"], { cwd: p.dir, env });
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain("warning[stale-data]: NPS at `journey`: the newest data is from 2026-Q2, over 120 days ago");
    writeFileSync(path.join(p.dir, "cjm.config.yaml"), "rules:\n  stale-data: { severity: error, days: 120 }\n");
    const gate = await cjm(["validate", "map.yaml"], { cwd: p.dir, env });
    expect(gate.code).toBe(1);
    expect(gate.stderr).toContain("error[stale-data]: NPS at `journey`: the newest data is from 2026-Q2, over 120 days ago");
    // The plain severity still works for the rule, and render writes the same bytes whatever the day.
    writeFileSync(path.join(p.dir, "cjm.config.yaml"), "rules:\n  stale-data: off\n");
    expect((await cjm(["validate", "map.yaml"], { cwd: p.dir, env: { SOURCE_DATE_EPOCH: String(Date.UTC(2030, 0, 1) / 1000) } })).stderr).not.toContain("stale-data");
  });

  it("bad `days` values are config errors: exit 2, located at the value", async () => {
    const p = project(`  - { id: a, file: a.csv, period: 2026-Q2, measures: [{ metric: nps, column: nps, at: journey }] }\n`);
    writeFileSync(path.join(p.dir, "a.csv"), "nps\n" + "10\n".repeat(40));
    for (const [value, expected, message] of [
      ["{ days: 0 }", "cjm.config.yaml:2:23", "error[out-of-range]: `days` must be a whole number of at least 1; found `0`"],
      ['{ days: "soon" }', "cjm.config.yaml:2:23", "error[wrong-type]: `days` must be a whole number; found"],
      ["{ days: 1.5 }", "cjm.config.yaml:2:23", "error[wrong-type]: `days` must be a whole number; found `1.5`"],
      ["{ dayz: 30 }", "cjm.config.yaml:2:17", "error[unknown-key]: unknown key `dayz`"],
      ["sometimes", "cjm.config.yaml:2:15", "error[invalid-value]: `stale-data` must be one of `off`, `warning`, `error`"],
      ["30", "cjm.config.yaml:2:15", "`stale-data` must be one of `off`, `warning`, `error`, or a mapping (key: value); found `30`"],
    ] as const) {
      writeFileSync(path.join(p.dir, "cjm.config.yaml"), `rules:\n  stale-data: ${value}\n`);
      const r = await cjm(["validate", "map.yaml"], { cwd: p.dir });
      expect(r.code, value).toBe(2);
      expect(r.stderr, value).toContain(message);
      expect(r.stderr, value).toContain(`--> ${expected}`);
      expect(r.stderr, value).toContain("the project config `cjm.config.yaml` is invalid");
      expect(r.stderr, value).not.toMatch(/\n\s+at /);
    }
  });

  it("`benchmarks:` in the config applies to maps that name none, relative to the config; the map's own wins", async () => {
    const p = project(`  - { id: a, file: a.csv, period: 2026-Q3, measures: [{ metric: nps, column: nps, at: journey }] }\n`);
    // 30 promoters, 10 detractors of 40: +50; against the config's +30: +20 ahead.
    writeFileSync(path.join(p.dir, "a.csv"), "nps\n" + "10\n".repeat(30) + "3\n".repeat(10));
    mkdirSync(path.join(p.dir, "ref"));
    writeFileSync(path.join(p.dir, "ref/bench.yaml"), "benchmarks:\n  - { metric: nps, value: 30, source: Config panel, year: 2025, method: survey, scale: -100..100 }\n");
    writeFileSync(path.join(p.dir, "cjm.config.yaml"), "benchmarks: ref/bench.yaml\n");
    mkdirSync(path.join(p.dir, "sub"));
    // Run from a subfolder of the repository: the path is the config's, not the working directory's.
    execFileSync("git", ["init", "-q"], { cwd: p.dir });
    const md = await cjm(["render", "../map.yaml", "--format", "markdown", "--out", "-"], { cwd: path.join(p.dir, "sub") });
    expect(md.code).toBe(0);
    expect(md.stdout).toContain("benchmark +30 (Config panel, 2025): +20 ▲");
    writeFileSync(path.join(p.dir, "own.yaml"), "benchmarks:\n  - { metric: nps, value: 60, source: Own panel, year: 2026, method: survey, scale: -100..100 }\n");
    writeFileSync(p.map, readFileSync(p.map, "utf8").replace("data:\n", "benchmarks: own.yaml\ndata:\n"));
    const own = await cjm(["render", "map.yaml", "--format", "markdown", "--out", "-"], { cwd: p.dir });
    expect(own.stdout).toContain("benchmark +60 (Own panel, 2026): −10 ▼");
    expect(own.stdout).not.toContain("Config panel");
    // A config benchmarks file with a bad value is located in that file, exit 1 for the map.
    writeFileSync(p.map, readFileSync(p.map, "utf8").replace("benchmarks: own.yaml\n", ""));
    writeFileSync(path.join(p.dir, "ref/bench.yaml"), "benchmarks:\n  - { metric: nps, value: 30, year: 2025, method: survey, scale: -100..100 }\n");
    const bad = await cjm(["validate", "map.yaml"], { cwd: p.dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("error[missing-field]: benchmark 1 lacks `source`");
    expect(bad.stderr).toContain("--> ref/bench.yaml:2:5");
  });

  it("a config `benchmarks:` path outside the config's folder, through a link, or naming no file is a config error, exit 2, located", async () => {
    const p = project(`  - { id: a, file: a.csv, period: 2026-Q3, measures: [{ metric: nps, column: nps, at: journey }] }\n`);
    writeFileSync(path.join(p.dir, "a.csv"), "nps\n" + "10\n".repeat(40));
    const outside = tempDir("cjm-bench-outside-");
    writeFileSync(path.join(outside, "b.yaml"), "benchmarks: []\n");
    symlinkSync(path.join(outside, "b.yaml"), path.join(p.dir, "linked.yaml"));
    for (const [value, message] of [
      ["../b.yaml", "`benchmarks: ../b.yaml` leaves the folder of the config file"],
      [path.join(outside, "b.yaml"), "leaves the folder of the config file (an absolute path)"],
      ["linked.yaml", "`benchmarks: linked.yaml` leaves the folder of the config file"],
      ["nothing.yaml", "`benchmarks: nothing.yaml` names no file"],
      ["''", "error[empty-value]: `benchmarks` must not be empty"],
      ["[a.yaml]", "error[wrong-type]: `benchmarks` must be a text; found"],
    ] as const) {
      writeFileSync(path.join(p.dir, "cjm.config.yaml"), `# project\nbenchmarks: ${value}\n`);
      const r = await cjm(["validate", "map.yaml"], { cwd: p.dir });
      expect(r.code, value).toBe(2);
      expect(r.stderr, value).toContain("--> cjm.config.yaml:2:");
      expect(r.stderr, value).toContain(message);
    }
  });
});

describe("the render cache and watch depend on data files", () => {
  it("--cache re-renders a map when its data file changes", async () => {
    const p = project(`  - { id: a, file: a.csv, period: 2026-Q3, measures: [{ metric: nps, column: nps, at: journey }] }\n`);
    writeFileSync(path.join(p.dir, "a.csv"), "nps\n" + "10\n".repeat(40));
    const args = ["render", "map.yaml", "--format", "markdown", "--out", "out", "--cache", "--cache-location", path.join(p.dir, ".cache")];
    expect((await cjm(args, { cwd: p.dir })).code).toBe(0);
    expect(readFileSync(path.join(p.dir, "out/map.md"), "utf8")).toContain("**NPS +100 · n = 40 · 2026-Q3 · a**");
    // 20 promoters, 20 detractors: 0.
    writeFileSync(path.join(p.dir, "a.csv"), "nps\n" + "10\n".repeat(20) + "2\n".repeat(20));
    expect((await cjm(args, { cwd: p.dir })).code).toBe(0);
    expect(readFileSync(path.join(p.dir, "out/map.md"), "utf8")).toContain("**NPS 0 · n = 40 · 2026-Q3 · a**");
  });
});
