import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse as parseJsonc } from "jsonc-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { cjm, ROOT, tempDir } from "./helpers/cli.js";
import { YamlLanguageServer } from "./helpers/yaml-ls.js";

/**
 * The editor set-up as a user gets it: `cjm init` writes the map and its modeline, then
 * yaml-language-server (what VS Code's YAML extension runs; SchemaStore and downloads off) reads
 * the schema through that modeline: diagnostics, completion, hover.
 */
describe(`yaml-language-server ${YamlLanguageServer.version()} with the schema cjm init points at`, () => {
  let dir: string;
  let file: string;
  let starter: string;
  let ls: YamlLanguageServer;

  beforeAll(async () => {
    dir = tempDir("cjm-editor-");
    mkdirSync(path.join(dir, ".git"));
    mkdirSync(path.join(dir, "journeys"));
    const r = await cjm(["init", "journeys/map.yaml"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    file = path.join(dir, "journeys/map.yaml");
    starter = readFileSync(file, "utf8");
    ls = await YamlLanguageServer.start(dir);
  });

  afterAll(async () => {
    await ls?.close();
  });

  it("no local install: the schema is copied into .cjm/schemas/ and the modeline points there", () => {
    expect(starter.split("\n")[0]).toBe("# yaml-language-server: $schema=../.cjm/schemas/journey.schema.json");
    expect(existsSync(path.join(dir, ".cjm/schemas/journey.schema.json"))).toBe(true);
    expect(existsSync(path.join(dir, ".cjm/schemas/persona.schema.json"))).toBe(true);
  });

  it("the starter map has no diagnostic", async () => {
    expect(await ls.open(file, starter)).toEqual([]);
  });

  it("a typo and a wrong type are underlined where they are", async () => {
    const text = starter.replace("title:", "tittle:").replace("emotion: 3", "emotion: high");
    const diags = await ls.open(path.join(dir, "journeys/typo.yaml"), text);
    const lines = text.split("\n");
    const typo = diags.find((d) => lines[d.range.start.line]!.includes("tittle"));
    expect(typo, JSON.stringify(diags)).toBeDefined();
    expect(typo!.message).toMatch(/tittle|not allowed/i);
    const wrong = diags.find((d) => lines[d.range.start.line]!.includes("emotion: high"));
    expect(wrong, JSON.stringify(diags)).toBeDefined();
    // The missing `title` is reported too (it is required).
    expect(diags.some((d) => /title/.test(d.message))).toBe(true);
  });

  it("completion at a step key offers the step's fields", async () => {
    const marker = "        does: ";
    const at = starter.indexOf(marker);
    const text = `${starter.slice(0, at)}        \n${starter.slice(at)}`;
    const f = path.join(dir, "journeys/complete.yaml");
    await ls.open(f, text);
    const line = text.slice(0, at).split("\n").length - 1;
    const items = (await ls.completion(f, line, 8))?.items.map((i) => i.label) ?? [];
    for (const key of ["thinks", "feels", "pains", "moment", "evidence"]) expect(items, items.join(",")).toContain(key);
  });

  it("hover on a step's `emotion` shows the field's description, as Markdown", async () => {
    await ls.open(file, starter);
    const lines = starter.split("\n");
    const line = lines.findIndex((l) => l.trim().startsWith("emotion:"));
    const hover = await ls.hover(file, line, lines[line]!.indexOf("emotion") + 2);
    const value = hover?.contents.value ?? "";
    expect(value).toContain("How the customer feels at this step");
    expect(value).not.toContain("Score");
  });
});

describe("cjm init: a modeline that works for the install it finds", () => {
  it("with cjm in node_modules: the modeline points into it, and nothing is copied", async () => {
    const dir = tempDir("cjm-editor-");
    mkdirSync(path.join(dir, ".git"));
    mkdirSync(path.join(dir, "node_modules/cjm/schemas"), { recursive: true });
    for (const f of ["journey.schema.json", "persona.schema.json"]) copyFileSync(path.join(ROOT, "schemas", f), path.join(dir, "node_modules/cjm/schemas", f));
    mkdirSync(path.join(dir, "journeys/sales"), { recursive: true });
    expect((await cjm(["init", "journeys/sales/a.yaml"], { cwd: dir })).code).toBe(0);
    expect((await cjm(["init", "b.yaml"], { cwd: path.join(dir, "journeys") })).code).toBe(0);
    expect(readFileSync(path.join(dir, "journeys/sales/a.yaml"), "utf8").split("\n")[0]).toBe("# yaml-language-server: $schema=../../node_modules/cjm/schemas/journey.schema.json");
    expect(readFileSync(path.join(dir, "journeys/b.yaml"), "utf8").split("\n")[0]).toBe("# yaml-language-server: $schema=../node_modules/cjm/schemas/journey.schema.json");
    expect(existsSync(path.join(dir, ".cjm"))).toBe(false);
  });

  it("`cjm init -` prints the map; the schema copy is still written for its modeline", async () => {
    const dir = tempDir("cjm-editor-");
    mkdirSync(path.join(dir, ".git"));
    const r = await cjm(["init", "-"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("# yaml-language-server: $schema=./.cjm/schemas/journey.schema.json");
    expect(JSON.parse(readFileSync(path.join(dir, ".cjm/schemas/journey.schema.json"), "utf8"))).toEqual(JSON.parse(readFileSync(path.join(ROOT, "schemas/journey.schema.json"), "utf8")));
  });
});

describe("cjm init --editor: .vscode/settings.json yaml.schemas", () => {
  const SETTINGS = `// Team settings: keep this comment
{
  "editor.tabSize": 2, // and this one
  /* block comment */
  "yaml.schemas": {
    "https://json.schemastore.org/github-workflow.json": ".github/workflows/*.yml"
  },
}
`;

  it("merges into the team's file, keeps its comments, and associates the folders holding maps", async () => {
    const dir = tempDir("cjm-editor-");
    mkdirSync(path.join(dir, ".git"));
    mkdirSync(path.join(dir, ".vscode"));
    writeFileSync(path.join(dir, ".vscode/settings.json"), SETTINGS);
    mkdirSync(path.join(dir, "journeys/sales"), { recursive: true });
    mkdirSync(path.join(dir, "personas"));
    copyFileSync(path.join(ROOT, "examples/achat-smartphone.yaml"), path.join(dir, "journeys/sales/achat.yaml"));
    writeFileSync(path.join(dir, "personas/alex.yaml"), "id: alex\nname: Alex\n");
    writeFileSync(path.join(dir, "docker-compose.yaml"), "services: {}\n");
    writeFileSync(path.join(dir, "top.yaml"), "cjm: 1\ntitle: T\npersonas: [{ name: A }]\nstages: [{ name: S, steps: [{ name: X }] }]\n");

    const r = await cjm(["init", "--editor"], { cwd: dir });
    expect(r.stderr).toContain("wrote .vscode/settings.json");
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, "journey.yaml"))).toBe(false);
    const text = readFileSync(path.join(dir, ".vscode/settings.json"), "utf8");
    for (const comment of ["// Team settings: keep this comment", "// and this one", "/* block comment */"]) expect(text).toContain(comment);
    const settings = parseJsonc(text) as Record<string, Record<string, unknown>>;
    expect(settings["editor.tabSize"]).toBe(2);
    expect(settings["yaml.schemas"]).toEqual({
      "https://json.schemastore.org/github-workflow.json": ".github/workflows/*.yml",
      "./.cjm/schemas/journey.schema.json": ["journeys/**/*.yaml", "top.yaml"],
    });

    // Run again with a new map in a new folder: merged, nothing listed twice.
    mkdirSync(path.join(dir, "maps"));
    expect((await cjm(["init", "maps/new.yaml", "--editor"], { cwd: dir })).code).toBe(0);
    const again = parseJsonc(readFileSync(path.join(dir, ".vscode/settings.json"), "utf8")) as Record<string, Record<string, unknown>>;
    expect(again["yaml.schemas"]!["./.cjm/schemas/journey.schema.json"]).toEqual(["journeys/**/*.yaml", "top.yaml", "maps/**/*.yaml"]);

    // What VS Code's YAML extension does with those settings: a map with no modeline gets checked.
    const ls = await YamlLanguageServer.start(dir, { schemas: again["yaml.schemas"] as Record<string, string | string[]> });
    try {
      const map = path.join(dir, "journeys/sales/achat.yaml");
      const typo = readFileSync(map, "utf8").replace(/^# yaml-language-server.*\n/m, "").replace("objective:", "objectiv:");
      const diags = await ls.open(map, typo);
      expect(diags.some((d) => typo.split("\n")[d.range.start.line]!.startsWith("objectiv:")), JSON.stringify(diags)).toBe(true);
      const other = await ls.open(path.join(dir, "docker-compose.yaml"), "services: {}\nunknown: 1\n");
      expect(other).toEqual([]);
    } finally {
      await ls.close();
    }
  });

  it("a settings file that is not JSON is left as it is: exit 2 with a how-to", async () => {
    const dir = tempDir("cjm-editor-");
    mkdirSync(path.join(dir, ".git"));
    mkdirSync(path.join(dir, ".vscode"));
    writeFileSync(path.join(dir, ".vscode/settings.json"), "{ \"a\": [1, }\n");
    const r = await cjm(["init", "--editor"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is not valid JSON with comments");
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(readFileSync(path.join(dir, ".vscode/settings.json"), "utf8")).toBe("{ \"a\": [1, }\n");
  });
});

describe("a top-level `$schema` key (how a JSON map names its schema)", () => {
  it("is accepted by cjm validate, in a map and in a persona file", async () => {
    const dir = tempDir("cjm-editor-");
    const map = parseYaml(readFileSync(path.join(ROOT, "examples/bank-onboarding.yaml"), "utf8")) as Record<string, unknown>;
    mkdirSync(path.join(dir, "personas"));
    writeFileSync(path.join(dir, "personas/sam.json"), JSON.stringify({ $schema: "../node_modules/cjm/schemas/persona.schema.json", id: "sam", name: "Sam" }));
    const personas = (map["personas"] as unknown[]).map((p) => (typeof p === "string" ? "personas/sam.json" : p));
    writeFileSync(path.join(dir, "map.json"), JSON.stringify({ $schema: "./node_modules/cjm/schemas/journey.schema.json", ...map, personas }, null, 2));
    const r = await cjm(["validate", "map.json"], { cwd: dir });
    expect(r.stderr).toContain("no problems");
    expect(r.code).toBe(0);
    const typo = await cjm(["validate", "-"], { cwd: dir, input: JSON.stringify({ $schemas: "x", ...map, personas: [{ name: "A" }] }) });
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain("$schemas");
  });
});
