import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { packageFile } from "../load/package-files.js";
import { precompiledValidators } from "./precompiled.js";

/** One ajv error, as the precompiled code reports it (`verbose` keeps the data and schema). */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  schema?: unknown;
  parentSchema?: Record<string, unknown>;
  data?: unknown;
  /** Set on the errors of a key that `propertyNames` refused. */
  propertyName?: string;
}

export interface ValidateFunction {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

export const SCHEMA_ID = "https://cjm.dev/schemas/journey.schema.json";
export const CONFIG_SCHEMA_ID = "https://cjm.dev/schemas/config.schema.json";

/**
 * The validators cjm needs: the whole journey, a persona file, and each `anyOf` branch (checked on
 * its own to turn "no branch matched" into the one message that helps).
 */
export const VALIDATOR_REFS = {
  journey: SCHEMA_ID,
  persona: `${SCHEMA_ID}#/$defs/persona`,
  personaPath: `${SCHEMA_ID}#/$defs/personaPath`,
  score: `${SCHEMA_ID}#/$defs/score`,
  emotionMap: `${SCHEMA_ID}#/$defs/emotionMap`,
  text: `${SCHEMA_ID}#/$defs/text`,
  painDetail: `${SCHEMA_ID}#/$defs/painDetail`,
  npsScore: `${SCHEMA_ID}#/$defs/npsScore`,
  npsBreakdown: `${SCHEMA_ID}#/$defs/npsBreakdown`,
  csatAverage: `${SCHEMA_ID}#/$defs/csatAverage`,
  csatPercent: `${SCHEMA_ID}#/$defs/csatPercent`,
  config: CONFIG_SCHEMA_ID,
} as const;

export type ValidatorName = keyof typeof VALIDATOR_REFS;
export type Validators = Record<ValidatorName, ValidateFunction>;

export const AJV_OPTIONS = {
  strict: true,
  allErrors: true,
  verbose: true,
  allowUnionTypes: true,
  // Annotations for editors (yaml-language-server): declared so strict mode accepts them.
  keywords: ["markdownDescription", "errorMessage", "patternErrorMessage"],
  code: { source: true, esm: false, lines: false },
} as const;

const schemaPath = packageFile("schemas/journey.schema.json");
const configSchemaPath = packageFile("schemas/config.schema.json");

export function journeySchemaText(): string {
  return readFileSync(schemaPath, "utf8");
}

let cached: Validators | undefined;
let cachedSchema: Record<string, unknown> | undefined;

export function journeySchema(): Record<string, unknown> {
  return (cachedSchema ??= JSON.parse(journeySchemaText()) as Record<string, unknown>);
}

/**
 * The precompiled validators written at build time (no schema compilation at startup), or, when
 * running from source, the same schema compiled by ajv now.
 */
export function validators(): Validators {
  if (cached) return cached;
  try {
    cached = precompiledValidators() as Validators;
  } catch {
    cached = compileValidators();
  }
  return cached;
}

/** Compiles the schema with ajv; used by the build (to write standalone code) and from source. */
export function compileValidators(): Validators {
  const ajv = createAjv();
  const out = {} as Validators;
  for (const [name, ref] of Object.entries(VALIDATOR_REFS) as [ValidatorName, string][]) {
    const fn = ajv.getSchema(ref);
    if (!fn) throw new Error(`schema has no ${ref}`);
    out[name] = fn as unknown as ValidateFunction;
  }
  return out;
}

export function createAjv() {
  const require = createRequire(import.meta.url);
  const Ajv2020 = (require("ajv/dist/2020.js") as { default: new (o: object) => AjvLike }).default;
  const ajv = new Ajv2020(AJV_OPTIONS);
  ajv.addSchema(journeySchema());
  ajv.addSchema(JSON.parse(readFileSync(configSchemaPath, "utf8")) as object);
  return ajv;
}

interface AjvLike {
  addSchema(schema: object): unknown;
  getSchema(ref: string): unknown;
}
