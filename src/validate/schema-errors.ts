import type { RuleCode } from "../diagnostics/codes.js";
import { pathOf, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../load/source.js";
import { deriveId } from "../model/slug.js";
import { closest } from "./suggest.js";
import { journeySchema, validators, type SchemaError, type ValidatorName } from "./validators.js";

/** What each named part of the schema expects, in the words of a consultant, not of JSON Schema. */
const EXPECTED: Record<string, string> = {
  Slug: "an id: lowercase letters, digits and hyphens, starting with a letter",
  Text: "a text",
  TextList: "a list of texts",
  IsoDate: "a date written YYYY-MM-DD",
  Score: "a whole number from 1 to 5",
  Link: "a web address starting with http:// or https://",
  PersonaPath: "the path of a persona file ending in .yaml, .yml or .json",
  Persona: "a persona (a mapping with at least a `name`)",
  Channel: "a channel (a mapping with `id` and `name`)",
  Stage: "a stage (a mapping with `name` and `steps`)",
  Step: "a step (a mapping with at least a `name`)",
  Touchpoint: "a touchpoint (a mapping with `channel` and `name`)",
  Opportunity: "an opportunity (a mapping with at least a `title`)",
  Blueprint: "a mapping of blueprint lanes (`frontstage`, `backstage`, `support`, `systems`, `data`)",
  Metrics: "a mapping of indicators (`nps`, `csat`, `ces`, `conversion`, `custom`)",
  CustomMetric: "a custom indicator (a mapping with `name` and `value`)",
  EmotionMap: "a map from persona id to a whole number from 1 to 5",
  PainDetail: "a mapping with `text` (and optional `id` and `severity`)",
  NpsScore: "`{ score }`",
  NpsBreakdown: "`{ promoters, passives, detractors }`",
  CsatAverage: "a number from 1 to 5",
  CsatPercent: 'a percentage such as "82%"',
  CesOnSeven: "a number from 1 to 7 (the usual CES scale)",
  CesScored: "`{ score, scale }`, e.g. `{ score: 2.1, scale: 5 }`",
};

const TYPE_WORDS: Record<string, string> = {
  string: "a text",
  integer: "a whole number",
  number: "a number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping (key: value)",
  null: "nothing",
};

/** The rule code of a pattern failure depends on what the pattern guards. */
const PATTERN_CODES: Record<string, RuleCode> = {
  Slug: "invalid-id",
  IsoDate: "invalid-date",
  Link: "unsafe-link",
  PersonaPath: "persona-path",
};

interface Context {
  file: string;
  source: SourceFile;
  root: unknown;
  /** Pointer of the validated value inside the file (a branch is checked on its own). */
  base: string;
}

/**
 * Turns ajv's errors into diagnostics a person reads once: one sentence per real problem, the
 * noise of `anyOf` collapsed into the branch that matches the data (or one "expected X or Y").
 */
export function schemaDiagnostics(
  errors: readonly SchemaError[],
  root: unknown,
  source: SourceFile,
  base = "",
): Diagnostic[] {
  const ctx: Context = { file: source.name, source, root, base };
  const pending: (SchemaError | Diagnostic[])[] = [];
  for (const e of errors) {
    // A key refused by `propertyNames` is told once, by the propertyNames error itself.
    if (e.keyword !== "propertyNames" && e.propertyName !== undefined) continue;
    if (e.keyword !== "anyOf") {
      pending.push(e);
      continue;
    }
    // Branch errors come right before their anyOf error; take them back off the list.
    const branchErrors: SchemaError[] = [];
    while (pending.length > 0) {
      const last = pending[pending.length - 1]!;
      const path = Array.isArray(last) ? last[0]?.pointer?.slice(base.length) ?? "" : last.instancePath;
      if (path === e.instancePath || path.startsWith(e.instancePath + "/")) {
        pending.pop();
        if (!Array.isArray(last)) branchErrors.unshift(last);
      } else break;
    }
    const own = inlineBranch(e, branchErrors);
    if (own) pending.push(...own);
    else pending.push(collapseAnyOf(e, ctx));
  }
  const out: Diagnostic[] = [];
  for (const p of pending) {
    if (Array.isArray(p)) out.push(...p);
    else {
      const d = translate(p, ctx);
      if (d) out.push(d);
    }
  }
  return dedupe(out);
}

/**
 * An `anyOf` of inline schemas (the config's `stale-data: warning | { severity, days }`): the
 * errors of the one branch whose type the data has, as they are; none when that is not clear.
 */
function inlineBranch(e: SchemaError, errors: SchemaError[]): SchemaError[] | undefined {
  const branches = (e.schema as Record<string, unknown>[] | undefined) ?? [];
  if (branches.length === 0 || branches.some((b) => b["$ref"] !== undefined)) return undefined;
  const kind = jsonType(e.data);
  const matching = branches.flatMap((b, i) => (typeAccepts(b["type"] ?? (Array.isArray(b["enum"]) ? [...new Set(b["enum"].map(jsonType))] : undefined), kind) ? [i] : []));
  if (matching.length !== 1) return undefined;
  const own = errors.filter((x) => x.schemaPath.startsWith(`${e.schemaPath}/${matching[0]}/`));
  return own.length > 0 ? own : undefined;
}

function collapseAnyOf(e: SchemaError, ctx: Context): Diagnostic[] {
  const value = valueAt(ctx.root, e.instancePath);
  const branches = ((e.schema as { $ref?: string }[]) ?? [])
    .map((b) => b.$ref?.replace("#/$defs/", ""))
    .filter((b): b is string => b !== undefined);
  const defs = (journeySchema()["$defs"] ?? {}) as Record<string, Record<string, unknown>>;
  const kind = jsonType(value);
  const matching = branches.filter((b) => typeAccepts(defs[b]?.["type"] ?? typeOfRef(defs[b]), kind));
  if ((kind === "object" || kind === "array") && matching.length > 0) {
    const branch = matching.length === 1 ? matching[0]! : bestObjectBranch(matching, defs, value);
    const validate = validators()[branch as ValidatorName];
    if (validate && !validate(value)) {
      return schemaDiagnostics(validate.errors ?? [], value, ctx.source, ctx.base + e.instancePath);
    }
  }
  const inline = ((e.schema as Record<string, unknown>[]) ?? []).filter((b) => b["$ref"] === undefined);
  const expected = [
    ...branches.map((b) => EXPECTED[(defs[b]?.["title"] as string) ?? ""] ?? b),
    ...inline.map((b) => (Array.isArray(b["enum"]) ? `one of ${b["enum"].map((v) => `\`${String(v)}\``).join(", ")}` : typeWords(b["type"]))),
  ].join(", or ");
  const pointer = ctx.base + e.instancePath;
  const code = kind === "number" || kind === "integer" ? "out-of-range" : "wrong-type";
  return [
    make(ctx, code, `${subject(pointer)} must be ${expected}; found ${describe(value)}`, pointer),
  ];
}

function translate(e: SchemaError, ctx: Context): Diagnostic | undefined {
  const pointer = ctx.base + e.instancePath;
  const value = e.data;
  const parent = e.parentSchema ?? {};
  const title = (parent["title"] as string | undefined) ?? "";
  const what = subject(pointer);
  switch (e.keyword) {
    case "required": {
      const missing = String(e.params["missingProperty"]);
      const where = title ? noun(title) : "this mapping";
      return make(ctx, "missing-field", `${where} needs \`${missing}\`, which is missing`, pointer, {
        help: requiredHelp(missing),
      });
    }
    case "additionalProperties": {
      const key = String(e.params["additionalProperty"]);
      const known = Object.keys((parent["properties"] as object | undefined) ?? {});
      const guess = closest(key, known);
      const where = title ? ` in ${noun(title)}` : "";
      return make(ctx, "unknown-key", `unknown key \`${key}\`${where}`, `${pointer}/${escapeSegment(key)}`, {
        at: "key",
        help: guess
          ? `did you mean \`${guess}\`?`
          : `known keys: ${known.map((k) => `\`${k}\``).join(", ")}; keys starting with \`x-\` hold free data`,
      });
    }
    case "type": {
      const expected = EXPECTED[title] ?? typeWords(e.params["type"]);
      return make(ctx, "wrong-type", `${what} must be ${expected}; found ${describe(value)}`, pointer);
    }
    case "const": {
      if (pointer === "/cjm") {
        return make(ctx, "unsupported-version", `this build of cjm reads format version 1; found \`cjm: ${describeScalar(value)}\``, pointer, {
          help: "set `cjm: 1`, or upgrade cjm if the file was written for a newer version",
        });
      }
      return make(ctx, "invalid-value", `${what} must be ${JSON.stringify(e.params["allowedValue"])}; found ${describe(value)}`, pointer);
    }
    case "enum": {
      const allowed = (e.params["allowedValues"] as unknown[]).map(String);
      const guess = typeof value === "string" ? closest(value, allowed) : undefined;
      return make(ctx, "invalid-value", `${what} must be one of ${allowed.map((a) => `\`${a}\``).join(", ")}; found ${describe(value)}`, pointer, {
        help: guess ? `did you mean \`${guess}\`?` : undefined,
      });
    }
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum": {
      const expected = EXPECTED[title] ?? rangeWords(parent);
      return make(ctx, "out-of-range", `${what} must be ${expected}; found ${describe(value)}`, pointer);
    }
    case "minLength":
      return make(ctx, "empty-value", `${what} must not be empty`, pointer);
    case "maxLength":
      return make(ctx, "invalid-value", `${what} is too long (at most ${String(e.params["limit"])} characters)`, pointer);
    case "minItems":
      return make(ctx, "empty-value", `${what} must list at least ${String(e.params["limit"])} item${e.params["limit"] === 1 ? "" : "s"}; found ${describe(value)}`, pointer);
    case "minProperties":
      return make(ctx, "empty-value", `${what} must not be an empty mapping`, pointer);
    case "pattern": {
      const code = PATTERN_CODES[title] ?? "invalid-value";
      const expected = EXPECTED[title] ?? `text matching ${String(e.params["pattern"])}`;
      let help: string | undefined;
      if (code === "invalid-id" && typeof value === "string") help = `try \`${deriveId(value, "my", 1)}\``;
      if (code === "unsafe-link") help = "only http and https links are kept; other schemes (javascript:, file:, data:) could run code or leak files";
      return make(ctx, code, `${what} must be ${expected}; found ${describe(value)}`, pointer, { help });
    }
    case "propertyNames": {
      const name = String(e.params["propertyName"]);
      const allowed = ((parent["propertyNames"] as { enum?: string[] } | undefined)?.enum ?? []).map(String);
      if (allowed.length > 0) {
        const guess = closest(name, allowed);
        return make(ctx, "unknown-key", `unknown key \`${name}\`${title ? ` in ${noun(title)}` : ""}`, `${pointer}/${escapeSegment(name)}`, {
          at: "key",
          help: guess ? `did you mean \`${guess}\`?` : `allowed: ${allowed.map((a) => `\`${a}\``).join(", ")}`,
        });
      }
      return make(ctx, "invalid-id", `key \`${name}\` must be a persona id: lowercase letters, digits and hyphens, starting with a letter`, `${pointer}/${escapeSegment(name)}`, { at: "key" });
    }
    default:
      return make(ctx, "invalid-value", `${what} ${e.message ?? "is not valid"}`, pointer);
  }
}

function make(
  ctx: Context,
  code: RuleCode,
  message: string,
  pointer: string,
  extra: { help?: string | undefined; at?: "key" | "value" } = {},
): Diagnostic {
  const d: Diagnostic = { severity: "error", code, message, file: ctx.file, pointer };
  const span = ctx.source.locate(pointer, extra.at ?? "value");
  if (span) d.span = span;
  if (extra.help) d.help = extra.help;
  return d;
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.code}|${d.pointer}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** "`emotion`", "item 2 of `tags`", "the file" for a pointer. */
export function subject(pointer: string): string {
  const path = pathOf(pointer);
  if (path.length === 0) return "the file";
  const last = path[path.length - 1]!;
  if (/^\d+$/.test(last)) {
    const parent = path[path.length - 2];
    return parent === undefined ? `item ${Number(last) + 1}` : `item ${Number(last) + 1} of \`${parent}\``;
  }
  return `\`${last}\``;
}

function requiredHelp(field: string): string | undefined {
  const examples: Record<string, string> = {
    cjm: "add `cjm: 1` at the top of the file",
    title: "add a `title:` line: the map's name as people say it",
    personas: "add `personas:` with at least one persona (`- name: Marie`)",
    stages: "add `stages:` with at least one stage and its steps",
    steps: "add `steps:` with at least one step (`- name: Reads the reviews`)",
    name: "add `name:`",
  };
  return examples[field];
}

function typeWords(type: unknown): string {
  const list = Array.isArray(type) ? type : [type];
  return list.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(" or ");
}

function rangeWords(schema: Record<string, unknown>): string {
  const min = schema["minimum"];
  const max = schema["maximum"];
  const kind = schema["type"] === "integer" ? "a whole number" : "a number";
  if (min !== undefined && max !== undefined) return `${kind} from ${String(min)} to ${String(max)}`;
  if (min !== undefined) return `${kind} of at least ${String(min)}`;
  if (max !== undefined) return `${kind} of at most ${String(max)}`;
  return kind;
}

function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function typeAccepts(type: unknown, kind: string): boolean {
  const list = Array.isArray(type) ? type.map(String) : [String(type)];
  return list.includes(kind) || (kind === "integer" && list.includes("number"));
}

function typeOfRef(def: Record<string, unknown> | undefined): unknown {
  return def?.["type"];
}

/** Among object branches, the one whose keys the data shares most. */
function bestObjectBranch(branches: string[], defs: Record<string, Record<string, unknown>>, value: unknown): string {
  const keys = Object.keys((value ?? {}) as object);
  let best = branches[0]!;
  let bestScore = -Infinity;
  for (const b of branches) {
    const props = Object.keys((defs[b]?.["properties"] as object | undefined) ?? {});
    const score = keys.filter((k) => props.includes(k)).length - keys.filter((k) => !props.includes(k)).length;
    if (score > bestScore) {
      best = b;
      bestScore = score;
    }
  }
  return best;
}

export function describe(v: unknown): string {
  if (v === null || v === undefined) return "nothing";
  if (Array.isArray(v)) return v.length === 0 ? "an empty list" : `a list of ${v.length}`;
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return v === "" ? "an empty text" : `\`${truncate(v)}\``;
  return `\`${String(v)}\``;
}

function describeScalar(v: unknown): string {
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

function truncate(s: string): string {
  const one = s.replace(/\s+/g, " ");
  return one.length > 60 ? `${one.slice(0, 57)}…` : one;
}

function valueAt(root: unknown, pointer: string): unknown {
  let v = root;
  for (const seg of pathOf(pointer)) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

function escapeSegment(s: string): string {
  return s.replace(/~/g, "~0").replace(/\//g, "~1");
}

const NOUNS: Record<string, string> = {
  "cjm journey map": "the journey map",
  PainDetail: "a pain",
  NpsScore: "an NPS score",
  NpsBreakdown: "an NPS given as respondents",
  CustomMetric: "a custom indicator",
  EmotionMap: "an emotion map",
  Metrics: "the metrics",
  Blueprint: "a blueprint",
};

/** "a step", "an opportunity", "an NPS score": the kind of mapping a schema title names. */
function noun(title: string): string {
  const known = NOUNS[title];
  if (known) return known;
  const words = title.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return `${/^[aeiou]/.test(words) ? "an" : "a"} ${words}`;
}
