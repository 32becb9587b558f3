// Generates the TypeScript types of the files users write from their JSON Schemas:
// src/model/journey.generated.ts (schemas/journey.schema.json) and src/config/config.generated.ts
// (schemas/config.schema.json). The schemas are the single source of truth; test/schema.test.ts
// fails when a generated file drifts.
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

const root = fileURLToPath(new URL("..", import.meta.url));
export const generatedPath = `${root}src/model/journey.generated.ts`;
export const configGeneratedPath = `${root}src/config/config.generated.ts`;

async function generate(schemaFile, name) {
  const schema = JSON.parse(await readFile(`${root}schemas/${schemaFile}`, "utf8"));
  return compile(schema, name, {
    bannerComment: `/* Generated from schemas/${schemaFile} by \`npm run gen:types\`. Do not edit by hand. */`,
    additionalProperties: false,
    unreachableDefinitions: true,
    strictIndexSignatures: true,
    format: true,
    style: { singleQuote: false, printWidth: 100 },
  });
}

export function generateTypes() {
  return generate("journey.schema.json", "JourneyFile");
}

export function generateConfigTypes() {
  return generate("config.schema.json", "ConfigFile");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(generatedPath, await generateTypes());
  await writeFile(configGeneratedPath, await generateConfigTypes());
  console.log(`wrote ${generatedPath}\nwrote ${configGeneratedPath}`);
}
