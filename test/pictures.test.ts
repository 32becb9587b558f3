// The curve and the matrix as pictures with no browser: what a CI job without Chromium gets.
import { DOMParser } from "@xmldom/xmldom";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, ROOT, tempDir } from "./helpers/cli.js";

const NO_BROWSER = { PATH: "/nonexistent", CJM_CHROME: "", PUPPETEER_EXECUTABLE_PATH: "" };

function parseSvg(text: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => void (level !== "warning" && errors.push(message)) }).parseFromString(text, "image/svg+xml");
  return { doc, errors };
}

function texts(doc: ReturnType<typeof parseSvg>["doc"]): string[] {
  return Array.from(doc.getElementsByTagName("text")).map((t) => t.textContent ?? "");
}

describe("browser-free pictures", () => {
  it("--format svg,png without Chromium writes the curve and matrix, then exits 2 naming what it could not draw", async () => {
    const dir = tempDir();
    const map = path.join(ROOT, "examples/bank-onboarding.yaml");
    const r = await cjm(["render", map, "--format", "svg,png", "--out", dir, "--root", ROOT], { env: NO_BROWSER });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("the Mermaid diagrams as svg, png not written");
    expect(readdirSync(dir).sort()).toEqual(["bank-onboarding.curve.png", "bank-onboarding.curve.svg", "bank-onboarding.matrix.png", "bank-onboarding.matrix.svg"]);

    const journey = JSON.parse((await cjm(["render", map, "--format", "json", "--out", "-", "--root", ROOT])).stdout) as {
      personas: { name: string }[];
      stages: { name: string; steps: { name: string }[] }[];
      opportunities: { title: string; impact?: number }[];
    };
    const curve = parseSvg(readFileSync(path.join(dir, "bank-onboarding.curve.svg"), "utf8"));
    expect(curve.errors).toEqual([]);
    const curveText = texts(curve.doc).join(" ");
    // A picture that stands alone: stages, every step (on up to two lines), every persona in the legend.
    for (const stage of journey.stages) expect(curveText).toContain(stage.name);
    for (const persona of journey.personas) expect(curveText).toContain(persona.name);
    for (const step of journey.stages.flatMap((s) => s.steps)) expect(curveText.replace(/\s+/g, " ")).toContain(step.name.split(" ")[0]!);
    expect(curve.doc.getElementsByTagName("polyline").length).toBeGreaterThanOrEqual(journey.personas.length);
    // No CSS variable or external reference that a viewer or a rasteriser could not resolve.
    const curveSource = readFileSync(path.join(dir, "bank-onboarding.curve.svg"), "utf8");
    expect(curveSource).not.toMatch(/var\(--|href=|url\(|@import|<script/);

    const matrix = parseSvg(readFileSync(path.join(dir, "bank-onboarding.matrix.svg"), "utf8"));
    expect(matrix.errors).toEqual([]);
    expect(matrix.doc.getElementsByTagName("title")[0]?.textContent).toBeTruthy();
    expect(matrix.doc.getElementsByTagName("circle").length).toBe(journey.opportunities.filter((o) => o.impact !== undefined).length);

    for (const kind of ["curve", "matrix"]) {
      const png = readFileSync(path.join(dir, `bank-onboarding.${kind}.png`));
      expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
      const svg = readFileSync(path.join(dir, `bank-onboarding.${kind}.svg`), "utf8");
      const [, w, h] = /viewBox="0 0 (\d+) (\d+)"/.exec(svg)!;
      // --scale defaults to 2.
      expect(png.readUInt32BE(16)).toBe(Number(w) * 2);
      expect(png.readUInt32BE(20)).toBe(Number(h) * 2);
    }
  });

  it("the same map gives the same bytes, PNG included, whatever fonts the machine has", async () => {
    const map = path.join(ROOT, "examples/achat-smartphone.yaml");
    const a = tempDir();
    const b = tempDir();
    await cjm(["render", map, "--format", "png", "--out", a, "--root", ROOT, "--scale", "1"], { env: NO_BROWSER });
    // Another font configuration: resvg never loads the system's fonts, only the ones cjm ships.
    await cjm(["render", map, "--format", "png", "--out", b, "--root", ROOT, "--scale", "1"], { env: { ...NO_BROWSER, FONTCONFIG_FILE: "/nonexistent", XDG_DATA_HOME: tempDir() } });
    const names = readdirSync(a).sort();
    expect(names).toEqual(["achat-smartphone.curve.png", "achat-smartphone.matrix.png"]);
    for (const n of names) expect(readFileSync(path.join(a, n)).equals(readFileSync(path.join(b, n))), n).toBe(true);
  });

  it("accented text survives as text in the SVG", async () => {
    const dir = tempDir();
    await cjm(["render", path.join(ROOT, "examples/achat-smartphone.yaml"), "--format", "svg", "--out", dir, "--root", ROOT], { env: NO_BROWSER });
    const curve = parseSvg(readFileSync(path.join(dir, "achat-smartphone.curve.svg"), "utf8"));
    expect(curve.errors).toEqual([]);
    expect(texts(curve.doc).join(" ")).toMatch(/[éèàç]/);
  });

  it("the hostile fixture's text stays text: both pictures parse as XML and carry no markup from the map", async () => {
    const dir = tempDir();
    const r = await cjm(["render", path.join(ROOT, "test/fixtures/hostile.yaml"), "--format", "svg", "--out", dir, "--root", ROOT], { env: NO_BROWSER });
    expect(r.code, r.stderr).toBe(2);
    for (const name of readdirSync(dir).filter((f) => f.endsWith(".svg"))) {
      const svg = readFileSync(path.join(dir, name), "utf8");
      const { doc, errors } = parseSvg(svg);
      expect(errors, name).toEqual([]);
      expect(doc.getElementsByTagName("script").length, name).toBe(0);
      expect(doc.getElementsByTagName("foreignObject").length, name).toBe(0);
      const attributes = Array.from(doc.getElementsByTagName("*")).flatMap((e) => Array.from(e.attributes).map((a) => a.name));
      expect(attributes.filter((a) => /^on|href$/i.test(a)), name).toEqual([]);
    }
  });
});
