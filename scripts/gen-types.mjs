// Generates src/model/journey.generated.ts from schemas/journey.schema.json.
// The schema is the single source of truth; test/schema-types.test.ts fails when the two drift.
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

const root = fileURLToPath(new URL("..", import.meta.url));
export const generatedPath = `${root}src/model/journey.generated.ts`;

export async function generateTypes() {
  const schema = JSON.parse(await readFile(`${root}schemas/journey.schema.json`, "utf8"));
  const body = await compile(schema, "JourneyFile", {
    bannerComment:
      "/* Generated from schemas/journey.schema.json by `npm run gen:types`. Do not edit by hand. */",
    additionalProperties: false,
    unreachableDefinitions: true,
    strictIndexSignatures: true,
    format: true,
    style: { singleQuote: false, printWidth: 100 },
  });
  return body;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(generatedPath, await generateTypes());
  console.log(`wrote ${generatedPath}`);
}
