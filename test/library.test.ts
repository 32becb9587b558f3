import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as cjm from "../src/index.js";
import { ROOT } from "./helpers/cli.js";

const MAP = (emotion: number) => `cjm: 1
title: Library map
objective: o
personas: [{ id: ann, name: Ann }]
stages:
  - name: S
    steps: [{ name: Pays, emotion: ${emotion} }]
`;

describe("the library: documented, with defaults", () => {
  it("docs/library.md names every function the package exports", () => {
    const doc = readFileSync(path.join(ROOT, "docs/library.md"), "utf8");
    const functions = Object.entries(cjm).filter(([, v]) => typeof v === "function" && !/^[A-Z]/.test(v.name)).map(([k]) => k);
    expect(functions.length).toBeGreaterThan(15);
    for (const name of functions) expect(doc, name).toContain(`\`${name}(`);
  });

  it("diffMarkdown and diffPretty without a locale, checkPaths without options, loadFormatter without a name", async () => {
    const before = (await cjm.validateText(MAP(2))).journey!;
    const after = (await cjm.validateText(MAP(4))).journey!;
    const d = cjm.diffJourneys(before, after);
    expect(cjm.diffMarkdown(d)).toContain("1 emotion up");
    expect(await cjm.diffPretty(d)).toContain("Pays · Ann: 2 → 4");
    const run = await cjm.checkPaths([path.join(ROOT, "examples/achat-smartphone.yaml")]);
    const text = await (await cjm.loadFormatter())(cjm.buildReport(run), { color: false, toolVersion: "test" });
    expect(text).toContain("1 journey checked: no problems");
  });

  it("validateText and buildReport speak French when asked, English by default, and never leave the `fr` field in", async () => {
    const text = MAP(3).replace("objective: o\n", "");
    const en = (await cjm.validateText(text)).diagnostics.find((d) => d.code === "missing-objective")!;
    const fr = (await cjm.validateText(text, { lang: "fr" })).diagnostics.find((d) => d.code === "missing-objective")!;
    expect(en.message).toBe("the map does not say what question it answers");
    expect(fr.message).toBe("la carte ne dit pas à quelle question elle répond");
    expect(fr.help).toMatch(/^ajoutez `objective:`/);
    expect("fr" in en || "fr" in fr).toBe(false);
    const run = await cjm.checkPaths([path.join(ROOT, "test/cases/validate/missing-objective/input.yaml")]);
    expect(cjm.buildReport(run, [], "fr").diagnostics.map((d) => d.message)).toContain("la carte ne dit pas à quelle question elle répond");
  });
});
