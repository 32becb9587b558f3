import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../src/diagnostics/codes.js";
import { ROOT } from "./helpers/cli.js";

const schema = JSON.parse(readFileSync(path.join(ROOT, "schemas/journey.schema.json"), "utf8"));

describe("the schema is the single source of truth", () => {
  it("the TypeScript types are generated from it and have not drifted", async () => {
    // @ts-expect-error plain ESM script without types
    const { generateTypes, generatedPath } = await import("../scripts/gen-types.mjs");
    expect(readFileSync(generatedPath, "utf8"), "run `npm run gen:types`").toBe(await generateTypes());
  });

  it("the config's TypeScript type is generated from config.schema.json and has not drifted", async () => {
    // @ts-expect-error plain ESM script without types
    const { generateConfigTypes, configGeneratedPath } = await import("../scripts/gen-types.mjs");
    expect(readFileSync(configGeneratedPath, "utf8"), "run `npm run gen:types`").toBe(await generateConfigTypes());
  });

  it("every property carries a description (editors show it)", () => {
    const missing: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (!node || typeof node !== "object") return;
      const n = node as Record<string, unknown>;
      for (const [key, sub] of Object.entries((n["properties"] as object) ?? {})) {
        if (!(sub as Record<string, unknown>)["description"]) missing.push(`${where}/properties/${key}`);
        walk(sub, `${where}/properties/${key}`);
      }
      for (const [key, sub] of Object.entries((n["$defs"] as object) ?? {})) {
        if (!(sub as Record<string, unknown>)["description"]) missing.push(`${where}/$defs/${key}`);
        walk(sub, `${where}/$defs/${key}`);
      }
      for (const k of ["items", "additionalProperties"]) walk(n[k], `${where}/${k}`);
    };
    walk(schema, "#");
    expect(missing).toEqual([]);
  });

  it("has an $id and is JSON Schema 2020-12", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toMatch(/^https:\/\//);
  });

  it("docs/rules.md documents every rule code", () => {
    const doc = readFileSync(path.join(ROOT, "docs/rules.md"), "utf8");
    for (const code of Object.keys(RULES)) expect(doc, code).toContain(`\`${code}\``);
  });
});
