import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT, cjm, tempDir } from "./helpers/cli.js";

const CORPUS = path.join(ROOT, "test/fixtures/import/mermaid");
const GOOD = ["docs-example.mmd", "atelier-fr.mmd", "multilingual.md"];

interface MapShape {
  title: string;
  description?: string;
  personas: { id: string; name: string }[];
  stages: { id?: string; name: string; steps: { name: string; emotion: number; personas?: string[]; "x-mermaid-score"?: number }[] }[];
}

describe("cjm import mermaid", () => {
  it("imports every journey diagram of the corpus into maps that validate", async () => {
    const out = tempDir();
    for (const file of GOOD) {
      const dir = path.join(out, path.basename(file, path.extname(file))) + "/";
      const r = await cjm(["import", "mermaid", path.join(CORPUS, file), "-o", dir]);
      expect(r.stderr).not.toMatch(/error\[/);
      expect(r.code, r.stderr).toBe(0);
    }
    const written = readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith(".yaml"));
    expect(written.length).toBe(4); // the Markdown file holds two journeys and one flowchart
    for (const f of written) {
      const text = readFileSync(path.join(out, String(f)), "utf8");
      expect(text.split("\n")[0]).toMatch(/^# yaml-language-server: \$schema=.*schemas\/journey\.schema\.json$/);
      expect(text).toMatch(/# test\/fixtures\/import\/mermaid\/[\w-]+\.(mmd|md):\d+\n/);
    }
    const v = await cjm(["validate", out]);
    expect(v.stderr).toMatch(/4 journeys/);
    expect(v.code, v.stderr).toBe(0);
  });

  it("maps title, sections, tasks, actors and scores", async () => {
    const r = await cjm(["import", "mermaid", "test/fixtures/import/mermaid/docs-example.mmd"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    const map = parse(r.stdout) as MapShape;
    expect(map.title).toBe("My working day");
    expect(map.personas).toEqual([{ id: "me", name: "Me" }, { id: "cat", name: "Cat" }]);
    expect(map.stages.map((s) => s.name)).toEqual(["Go to work", "Go home"]);
    expect(map.stages[0]!.steps).toEqual([
      { name: "Make tea", personas: ["me"], emotion: 5 },
      { name: "Go upstairs", personas: ["me"], emotion: 3 },
      { name: "Do work", emotion: 1 },
    ]);
  });

  it("clamps scores outside 1..5 with a warning at the .mmd line, keeping the original", async () => {
    const r = await cjm(["import", "mermaid", "test/fixtures/import/mermaid/atelier-fr.mmd"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("warning[import-score-clamped]: score 6 is outside 1..5: written as emotion 5");
    expect(r.stderr).toContain("--> test/fixtures/import/mermaid/atelier-fr.mmd:11:19");
    expect(r.stderr).toContain("--> test/fixtures/import/mermaid/atelier-fr.mmd:15:31");
    expect(r.stderr).toContain("4 warnings");
    const map = parse(r.stdout) as MapShape;
    const steps = map.stages.flatMap((s) => s.steps);
    expect(steps.map((s) => [s.emotion, s["x-mermaid-score"]])).toEqual([[5, 6], [1, 0], [2, undefined], [1, -1], [5, 8]]);
    // accDescr becomes the description, accTitle is kept beside the title, %% comments stay comments
    expect(map.description).toBe("Ce que vit Zoé, de la publicité\nà la première carte");
    expect(r.stdout).toContain("x-mermaid-acc-title: Parcours d'ouverture");
    expect(r.stdout).toContain("# Atelier du 12 novembre, équipe CX");
    expect(r.stdout).toMatch(/# vu en entretien, 3 personnes sur 5\n\s+# test\/fixtures\/import\/mermaid\/atelier-fr\.mmd:11\n\s+- name: Voit une pub/);
    expect(r.stdout).toContain("# fin de l'atelier");
    expect(map.personas).toEqual([{ id: "zoe", name: "Zoé" }, { id: "lea", name: "Léa" }]);
  });

  it("finds journeys in Markdown fences, skips other diagrams, and asks which one to take", async () => {
    const file = "test/fixtures/import/mermaid/multilingual.md";
    const all = await cjm(["import", "mermaid", file]);
    expect(all.code).toBe(2);
    expect(all.stderr).toContain("holds 2 journey diagrams (lines 16, 28)");
    expect(all.stdout).toBe("");
    const first = await cjm(["import", "mermaid", file, "--block", "1"]);
    expect(first.code, first.stderr).toBe(0);
    const tokyo = parse(first.stdout) as MapShape;
    expect(tokyo.title).toBe("オンライン予約"); // from the front matter
    expect(tokyo.stages.map((s) => [s.id, s.name])).toEqual([["stage-1", "検索"], ["stage-2", "予約"]]);
    expect(tokyo.personas.map((p) => p.name)).toEqual(["顧客", "店員"]);
    const second = await cjm(["import", "mermaid", file, "--block", "2"]);
    expect(second.code, second.stderr).toBe(0);
    const madrid = parse(second.stdout) as MapShape;
    expect(madrid.title).toBe("Compra en línea");
    expect(madrid.stages.map((s) => s.name)).toEqual(["Compra en línea", "Pago"]);
    expect(madrid.stages[1]!.steps[1]!.name).toBe("¿Dónde está mi pedido?");
    expect(second.stderr).toContain("warning[import-dropped]: section `Vacía` has no tasks");
    expect(second.stderr).toContain("multilingual.md:34:1");
  });

  it("reads back the journey diagrams cjm itself writes (entities decoded)", async () => {
    const out = tempDir();
    const r = await cjm(["render", "examples/achat-smartphone.yaml", "--format", "mermaid", "-o", out, "-q"]);
    expect(r.code, r.stderr).toBe(0);
    const back = await cjm(["import", "mermaid", path.join(out, "achat-smartphone.journey.mmd"), "-o", path.join(out, "back.yaml")]);
    expect(back.code, back.stderr).toBe(0);
    const original = parse(readFileSync(path.join(ROOT, "examples/achat-smartphone.yaml"), "utf8")) as MapShape;
    const map = parse(readFileSync(path.join(out, "back.yaml"), "utf8")) as MapShape;
    expect(map.title).toBe(original.title);
    expect(map.stages.map((s) => s.name)).toEqual(original.stages.map((s) => s.name));
    expect(map.stages.flatMap((s) => s.steps.map((t) => [t.name, t.emotion]))).toEqual(original.stages.flatMap((s) => s.steps.map((t) => [t.name, t.emotion])));
    expect((await cjm(["validate", path.join(out, "back.yaml")])).code).toBe(0);
  });

  it("reports a malformed task line and a file with no journey at file:line:col, exit 1, nothing written", async () => {
    const out = tempDir();
    const bad = await cjm(["import", "mermaid", "test/fixtures/import/mermaid/malformed.mmd", "-o", path.join(out, "x.yaml")]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("error[import-malformed-line]: expected a task line `<step>: <score>: <actors>`, found `Forgot the colon and score` with no `:`");
    expect(bad.stderr).toContain("--> test/fixtures/import/mermaid/malformed.mmd:5:5");
    expect(bad.stderr).toContain("found `high`");
    expect(bad.stderr).toContain("--> test/fixtures/import/mermaid/malformed.mmd:6:16");
    expect(bad.stderr).toContain("= help: a task line is");
    expect(existsSync(path.join(out, "x.yaml"))).toBe(false);
    const none = await cjm(["import", "mermaid", "test/fixtures/import/mermaid/no-journey.mmd"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("error[import-no-journey]: expected a Mermaid `journey` diagram, found `flowchart TD`");
    expect(none.stderr).toContain("no-journey.mmd:1:1");
    expect(none.stdout).toBe("");
    expect(none.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it("never overwrites an output file without --force", async () => {
    const out = tempDir();
    const target = path.join(out, "map.yaml");
    writeFileSync(target, "mine\n");
    const r = await cjm(["import", "mermaid", "test/fixtures/import/mermaid/docs-example.mmd", "-o", target]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("already exists");
    expect(r.stderr).toContain("help: give `--force`");
    expect(readFileSync(target, "utf8")).toBe("mine\n");
    const forced = await cjm(["import", "mermaid", "test/fixtures/import/mermaid/docs-example.mmd", "-o", target, "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(target, "utf8")).toContain("title: My working day");
  });

  it("reads standard input", async () => {
    const r = await cjm(["import", "mermaid", "-"], { input: "journey\n  section A\n    Step one: 4: Ana\n" });
    expect(r.code, r.stderr).toBe(0);
    expect((parse(r.stdout) as MapShape).stages[0]!.steps[0]).toEqual({ name: "Step one", emotion: 4 });
  });
});
