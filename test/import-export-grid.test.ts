import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT, cjm, tempDir } from "./helpers/cli.js";
import { xlsx } from "./helpers/xlsx.js";

const SHEETS = "test/fixtures/import/sheets";
const EXAMPLES = ["achat-smartphone", "bank-onboarding", "bank-onboarding-future"];

interface Model {
  title: string;
  personas: Record<string, unknown>[];
  channels: Record<string, unknown>[];
  opportunities: Record<string, unknown>[];
  stages: { id: string; name: string; steps: Record<string, unknown>[] }[];
}

/** The normalised model, as `cjm render --format json` prints it. */
async function model(file: string): Promise<Model> {
  const r = await cjm(["render", file, "--format", "json", "-o", "-", "-q"]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Model;
}

/** What the grid carries: stages, steps and their lanes, emotion per persona. */
function gridPart(m: Model) {
  return m.stages.map((s) => ({
    id: s.id,
    name: s.name,
    steps: s.steps.map((t) => {
      const pick = (k: string) => t[k];
      const pains = (t["pains"] as { id: string; text: string; severity?: number }[]).map((p) => ({ id: p.id, text: p.text, severity: p.severity }));
      const touchpoints = (t["touchpoints"] as { channel: string; name: string }[]).map((p) => ({ channel: p.channel, name: p.name }));
      return { ...Object.fromEntries(["id", "name", "personas", "does", "thinks", "feels", "emotions", "gains", "moment", "evidence", "blueprint", "owners", "extensions"].map((k) => [k, pick(k)])), pains, touchpoints };
    }),
  }));
}

function strip(items: Record<string, unknown>[]): Record<string, unknown>[] {
  return items.map((i) => Object.fromEntries(Object.entries(i).filter(([k]) => !["origin", "file", "idDerived", "extensions"].includes(k))));
}

describe("cjm export csv|xlsx and cjm import csv|xlsx", () => {
  it("round-trips every example through CSV: same grid, same bytes on the second export", async () => {
    const out = tempDir();
    for (const name of EXAMPLES) {
      const csv = path.join(out, `${name}.csv`);
      const back = path.join(out, `${name}.yaml`);
      const e = await cjm(["export", "csv", `examples/${name}.yaml`, "-o", csv]);
      expect(e.code, e.stderr).toBe(0);
      const i = await cjm(["import", "csv", csv, "-o", back]);
      expect(i.code, i.stderr).toBe(0);
      expect(i.stderr).not.toContain("warning");
      expect(readFileSync(back, "utf8").split("\n")[0]).toMatch(/^# yaml-language-server: \$schema=/);
      expect(gridPart(await model(back)), name).toEqual(gridPart(await model(`examples/${name}.yaml`)));
      const again = await cjm(["export", "csv", back]);
      expect(again.stdout).toBe(readFileSync(csv, "utf8"));
    }
  });

  it("no cell of an exported CSV runs as a formula in a spreadsheet, and import gives the text back", async () => {
    const dir = tempDir();
    const map = path.join(dir, "formulas.yaml");
    const names = ['=HYPERLINK("http://evil.invalid","x")', "+cmd|calc", "-2 days", "@SUM(A1)", "'=already quoted"];
    writeFileSync(
      map,
      ["cjm: 1", "title: Formulas", "personas: [{ id: p, name: P }]", "stages:", "  - name: S", "    steps:", ...names.map((n, i) => `      - { id: s${i}, name: ${JSON.stringify(n)}, does: ${JSON.stringify(n)}, emotion: 3 }`), ""].join("\n"),
    );
    const csvFile = path.join(dir, "formulas.csv");
    const e = await cjm(["export", "csv", map, "-o", csvFile]);
    expect(e.code, e.stderr).toBe(0);
    const { parse: parseCsv } = await import("csv-parse/sync");
    const cells = (parseCsv(readFileSync(csvFile, "utf8")) as string[][]).flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    const back = path.join(dir, "back.yaml");
    const i = await cjm(["import", "csv", csvFile, "-o", back]);
    expect(i.code, i.stderr).toBe(0);
    const steps = (parse(readFileSync(back, "utf8")) as { stages: { steps: { name: string; does?: string }[] }[] }).stages.flatMap((st) => st.steps);
    expect(steps.map((st) => st.name)).toEqual(names);
    expect(steps.map((st) => st.does)).toEqual(names);
  });

  it("an .xlsx that unpacks past the cap (a zip bomb) is a located diagnostic before any sheet is read", async () => {
    const dir = tempDir();
    const bomb = xlsx([["Stage", "Step"], ["S", "A"]], { "xl/media/filler.bin": Buffer.alloc(600 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    writeFileSync(path.join(dir, "bomb.xlsx"), bomb);
    const r = await cjm(["import", "xlsx", "bomb.xlsx"], { cwd: dir, timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/bomb\.xlsx:1:1/);
    expect(r.stderr).toContain("unpacks to more than 512 MB");
  });

  it("round-trips through XLSX with the personas, channels, opportunities and the map's fields", async () => {
    const out = tempDir();
    for (const name of EXAMPLES) {
      const xlsx = path.join(out, `${name}.xlsx`);
      const back = path.join(out, `${name}.yaml`);
      expect((await cjm(["export", "xlsx", `examples/${name}.yaml`, "-o", xlsx])).code).toBe(0);
      const i = await cjm(["import", "xlsx", xlsx, "-o", back]);
      expect(i.code, i.stderr).toBe(0);
      const [a, b] = [await model(`examples/${name}.yaml`), await model(back)];
      expect(gridPart(b), name).toEqual(gridPart(a));
      expect(strip(b.personas)).toEqual(strip(a.personas));
      expect(strip(b.channels)).toEqual(strip(a.channels));
      expect(strip(b.opportunities)).toEqual(strip(a.opportunities));
      const { stages: _s, personas: _p, channels: _c, opportunities: _o, file: _f, ...metaA } = a as unknown as Record<string, unknown>;
      const { stages: _s2, personas: _p2, channels: _c2, opportunities: _o2, file: _f2, ...metaB } = b as unknown as Record<string, unknown>;
      expect({ ...metaB, metrics: undefined }).toEqual({ ...metaA, metrics: undefined });
      const again = path.join(out, `${name}.again.xlsx`);
      expect((await cjm(["export", "xlsx", back, "-o", again])).code).toBe(0);
      expect(readFileSync(again).equals(readFileSync(xlsx)), `${name}: same bytes`).toBe(true);
    }
  });

  it("writes French column names for a French map (stage = phase, step = étape)", async () => {
    const r = await cjm(["export", "csv", "examples/achat-smartphone.yaml"]);
    expect(r.stdout.split("\n")[0]).toMatch(/^phase,id phase,étape,id étape,fait,pense,ressent,émotion : marie,point de contact,canal,irritant/);
    const en = await cjm(["export", "csv", "examples/achat-smartphone.yaml", "--locale", "en"]);
    expect(en.stdout.split("\n")[0]).toMatch(/^stage,stage id,step,step id,does,thinks,feels,emotion: marie,touchpoint,channel,pain/);
  });

  it("imports a workshop sheet from European Excel: French headers, `;`, BOM, CRLF, merged stage cells, an unknown column", async () => {
    const r = await cjm(["import", "csv", `${SHEETS}/atelier-fr.csv`, "--title", "Atelier"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("warning[import-unknown-column]: unknown column `Notes`: kept as `x-notes` on each step (cell L1)");
    expect(r.stderr).toContain("--> test/fixtures/import/sheets/atelier-fr.csv:1:90");
    const map = parse(r.stdout) as { title: string; locale: string; stages: { name: string; steps: Record<string, unknown>[] }[] };
    expect(map.title).toBe("Atelier");
    expect(map.locale).toBe("fr");
    expect(map.stages.map((s) => [s.name, s.steps.map((t) => t["name"])])).toEqual([
      ["Découverte", ["Voit une pub", "Lit les avis"]],
      ["Souscription", ["Remplit le formulaire"]],
    ]);
    const [pub, avis] = map.stages[0]!.steps;
    expect(pub).toMatchObject({ thinks: "Tiens, pas de frais", emotion: 4, moment: "micro", evidence: "observed", "x-notes": "vu 3 fois", touchpoints: [{ channel: "instagram", name: "Publicité" }] });
    expect(avis).toMatchObject({ pains: ["Avis contradictoires", "Pas de note globale"], evidence: "reported" });
    expect(map.stages[1]!.steps[0]).toMatchObject({ moment: "truth", owners: ["DSI", "E-commerce"] });
    expect(r.stdout).toContain("# test/fixtures/import/sheets/atelier-fr.csv:5\n");
    const out = path.join(tempDir(), "atelier.yaml");
    writeFileSync(out, r.stdout);
    expect((await cjm(["validate", out])).code).toBe(0);
  });

  it("reports bad cells, an empty sheet and a broken quote at file:line:col, exit 1, nothing on stdout", async () => {
    const cells = await cjm(["import", "csv", `${SHEETS}/bad-cells.csv`]);
    expect(cells.code).toBe(1);
    expect(cells.stdout).toBe("");
    expect(cells.stderr).toContain("error[import-bad-cell]: expected an emotion, a whole number from 1 to 5, found `great` (cell C2)");
    expect(cells.stderr).toContain("--> test/fixtures/import/sheets/bad-cells.csv:2:11");
    expect(cells.stderr).toContain("expected a step name, found an empty cell (cell B3)");
    expect(cells.stderr).toContain("--> test/fixtures/import/sheets/bad-cells.csv:3:5");
    expect(cells.stderr).toContain("found `9` (cell C4)");
    for (const [file, text] of [
      ["empty.csv", "error[import-empty-sheet]: expected a header row and one row per step, found an empty sheet"],
      ["header-only.csv", "error[import-empty-sheet]: expected one row per step under the header row, found none"],
      ["bad-quote.csv", "error[import-malformed-line]: the CSV does not parse"],
    ] as const) {
      const r = await cjm(["import", "csv", `${SHEETS}/${file}`]);
      expect(r.code, file).toBe(1);
      expect(r.stderr).toContain(text);
      expect(r.stderr).toMatch(new RegExp(`--> test/fixtures/import/sheets/${file.replace(".", "\\.")}:\\d+:\\d+`));
      expect(r.stdout).toBe("");
    }
    const fake = await cjm(["import", "xlsx", `${SHEETS}/fake.xlsx`]);
    expect(fake.code).toBe(1);
    expect(fake.stderr).toContain("expected an Excel workbook (.xlsx), found a file that does not open as one");
    expect(fake.stderr).toContain("fake.xlsx:1:1");
    expect(fake.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses to export a map with errors, and never overwrites without --force", async () => {
    const dir = tempDir();
    const bad = path.join(dir, "bad.yaml");
    writeFileSync(bad, "cjm: 1\ntitle: x\npersonas: [{ name: A }]\nstages: [{ name: S, steps: [{ name: T, emotion: 9 }] }]\n");
    const r = await cjm(["export", "csv", bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error\[out-of-range\].*\n.*bad\.yaml:4:/);
    expect(r.stdout).toBe("");
    const target = path.join(dir, "out.csv");
    writeFileSync(target, "keep");
    const again = await cjm(["export", "csv", path.join(ROOT, "examples/bank-onboarding.yaml"), "-o", target]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists");
    expect(readFileSync(target, "utf8")).toBe("keep");
    expect((await cjm(["export", "csv", "examples/bank-onboarding.yaml", "-o", target, "--force"])).code).toBe(0);
    expect(readFileSync(target, "utf8")).toMatch(/^stage,stage id,step/);
  });
});
