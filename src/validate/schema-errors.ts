import type { RuleCode } from "../diagnostics/codes.js";
import { bilingual, pathOf, type Diagnostic, type Texts } from "../diagnostics/diagnostic.js";
import type { Lang } from "../i18n/lang.js";
import type { SourceFile } from "../load/source.js";
import { deriveId } from "../model/slug.js";
import { closest } from "./suggest.js";
import { journeySchema, validators, type SchemaError, type ValidatorName } from "./validators.js";

/** What each named part of the schema expects, in the words of a consultant, not of JSON Schema. */
const EXPECTED: Record<Lang, Record<string, string>> = {
  en: {
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
  },
  fr: {
    Slug: "un id : lettres minuscules, chiffres et tirets, commençant par une lettre",
    Text: "un texte",
    TextList: "une liste de textes",
    IsoDate: "une date écrite AAAA-MM-JJ",
    Score: "un nombre entier de 1 à 5",
    Link: "une adresse web commençant par http:// ou https://",
    PersonaPath: "le chemin d'un fichier de persona en .yaml, .yml ou .json",
    Persona: "un persona (un dictionnaire avec au moins un `name`)",
    Channel: "un canal (un dictionnaire avec `id` et `name`)",
    Stage: "une phase (un dictionnaire avec `name` et `steps`)",
    Step: "une étape (un dictionnaire avec au moins un `name`)",
    Touchpoint: "un point de contact (un dictionnaire avec `channel` et `name`)",
    Opportunity: "une opportunité (un dictionnaire avec au moins un `title`)",
    Blueprint: "un dictionnaire des couloirs du blueprint (`frontstage`, `backstage`, `support`, `systems`, `data`)",
    Metrics: "un dictionnaire d'indicateurs (`nps`, `csat`, `ces`, `conversion`, `custom`)",
    CustomMetric: "un indicateur personnalisé (un dictionnaire avec `name` et `value`)",
    EmotionMap: "une table qui associe à chaque id de persona un nombre entier de 1 à 5",
    PainDetail: "un dictionnaire avec `text` (et, en option, `id` et `severity`)",
    NpsScore: "`{ score }`",
    NpsBreakdown: "`{ promoters, passives, detractors }`",
    CsatAverage: "un nombre de 1 à 5",
    CsatPercent: 'un pourcentage comme "82%"',
    CesOnSeven: "un nombre de 1 à 7 (l'échelle CES habituelle)",
    CesScored: "`{ score, scale }`, par exemple `{ score: 2.1, scale: 5 }`",
  },
};

const TYPE_WORDS: Record<Lang, Record<string, string>> = {
  en: { string: "a text", integer: "a whole number", number: "a number", boolean: "true or false", array: "a list", object: "a mapping (key: value)", null: "nothing" },
  fr: { string: "un texte", integer: "un nombre entier", number: "un nombre", boolean: "true ou false", array: "une liste", object: "un dictionnaire (clé: valeur)", null: "rien" },
};

/** The same sentence in each language, from one function of the language. */
function both(say: (l: Lang) => string): Texts {
  return { en: say("en"), fr: say("fr") };
}

/** `en` or `fr` as the language asks (short phrases inside a sentence). */
function w(l: Lang, en: string, fr: string): string {
  return l === "fr" ? fr : en;
}

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
  const expected = (l: Lang) =>
    [
      ...branches.map((b) => EXPECTED[l][(defs[b]?.["title"] as string) ?? ""] ?? b),
      ...inline.map((b) =>
        Array.isArray(b["enum"]) ? `${w(l, "one of", "l'une de ces valeurs :")} ${b["enum"].map((v) => `\`${String(v)}\``).join(", ")}` : typeWords(b["type"], l),
      ),
    ].join(w(l, ", or ", ", ou "));
  const pointer = ctx.base + e.instancePath;
  const code = kind === "number" || kind === "integer" ? "out-of-range" : "wrong-type";
  return [make(ctx, code, mustBe(pointer, expected, value), pointer)];
}

/** "`x` must be …; found …" in each language. */
function mustBe(pointer: string, expected: (l: Lang) => string, value: unknown): Texts {
  return both((l) => w(l, `${subject(pointer, l)} must be ${expected(l)}; found ${describe(value, l)}`, `${subject(pointer, l)} doit être ${expected(l)} ; trouvé : ${describe(value, l)}`));
}

function translate(e: SchemaError, ctx: Context): Diagnostic | undefined {
  const pointer = ctx.base + e.instancePath;
  const value = e.data;
  const parent = e.parentSchema ?? {};
  const title = (parent["title"] as string | undefined) ?? "";
  const what = (l: Lang) => subject(pointer, l);
  const didYouMean = (guess: string): Texts => ({ en: `did you mean \`${guess}\`?`, fr: `vouliez-vous dire \`${guess}\` ?` });
  switch (e.keyword) {
    case "required": {
      const missing = String(e.params["missingProperty"]);
      const where = (l: Lang) => (title ? noun(title, l) : w(l, "this mapping", "ce dictionnaire"));
      return make(ctx, "missing-field", both((l) => w(l, `${where(l)} needs \`${missing}\`, which is missing`, `\`${missing}\` manque dans ${where(l)}`)), pointer, {
        help: requiredHelp(missing),
      });
    }
    case "additionalProperties": {
      const key = String(e.params["additionalProperty"]);
      const known = Object.keys((parent["properties"] as object | undefined) ?? {});
      const guess = closest(key, known);
      const where = (l: Lang) => (title ? ` ${w(l, "in", "dans")} ${noun(title, l)}` : "");
      const list = known.map((k) => `\`${k}\``).join(", ");
      return make(ctx, "unknown-key", both((l) => `${w(l, "unknown key", "clé inconnue")} \`${key}\`${where(l)}`), `${pointer}/${escapeSegment(key)}`, {
        at: "key",
        help: guess
          ? didYouMean(guess)
          : { en: `known keys: ${list}; keys starting with \`x-\` hold free data`, fr: `clés connues : ${list} ; les clés qui commencent par \`x-\` portent des données libres` },
      });
    }
    case "type":
      return make(ctx, "wrong-type", mustBe(pointer, (l) => EXPECTED[l][title] ?? typeWords(e.params["type"], l), value), pointer);
    case "const": {
      if (pointer === "/cjm") {
        const found = describeScalar(value);
        return make(
          ctx,
          "unsupported-version",
          { en: `this build of cjm reads format version 1; found \`cjm: ${found}\``, fr: `cette version de cjm lit la version 1 du format ; trouvé : \`cjm: ${found}\`` },
          pointer,
          {
            help: {
              en: "set `cjm: 1`, or upgrade cjm if the file was written for a newer version",
              fr: "mettez `cjm: 1`, ou mettez cjm à jour si le fichier a été écrit pour une version plus récente",
            },
          },
        );
      }
      return make(ctx, "invalid-value", mustBe(pointer, () => JSON.stringify(e.params["allowedValue"]), value), pointer);
    }
    case "enum": {
      const allowed = (e.params["allowedValues"] as unknown[]).map(String);
      const guess = typeof value === "string" ? closest(value, allowed) : undefined;
      const list = allowed.map((a) => `\`${a}\``).join(", ");
      return make(ctx, "invalid-value", mustBe(pointer, (l) => `${w(l, "one of", "l'une des valeurs")} ${list}`, value), pointer, {
        help: guess ? didYouMean(guess) : undefined,
      });
    }
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return make(ctx, "out-of-range", mustBe(pointer, (l) => EXPECTED[l][title] ?? rangeWords(parent, l), value), pointer);
    case "minLength":
      return make(ctx, "empty-value", both((l) => w(l, `${what(l)} must not be empty`, `${what(l)} ne doit pas être vide`)), pointer);
    case "maxLength": {
      const limit = String(e.params["limit"]);
      return make(ctx, "invalid-value", both((l) => w(l, `${what(l)} is too long (at most ${limit} characters)`, `${what(l)} est trop long (${limit} caractères au plus)`)), pointer);
    }
    case "minItems": {
      const limit = Number(e.params["limit"]);
      return make(
        ctx,
        "empty-value",
        both((l) =>
          w(
            l,
            `${what(l)} must list at least ${limit} item${limit === 1 ? "" : "s"}; found ${describe(value, l)}`,
            `${what(l)} doit compter au moins ${limit} élément${limit <= 1 ? "" : "s"} ; trouvé : ${describe(value, l)}`,
          ),
        ),
        pointer,
      );
    }
    case "minProperties":
      return make(ctx, "empty-value", both((l) => w(l, `${what(l)} must not be an empty mapping`, `${what(l)} ne doit pas être un dictionnaire vide`)), pointer);
    case "pattern": {
      const code = PATTERN_CODES[title] ?? "invalid-value";
      const expected = (l: Lang) => EXPECTED[l][title] ?? w(l, `text matching ${String(e.params["pattern"])}`, `un texte conforme à ${String(e.params["pattern"])}`);
      let help: Texts | undefined;
      if (code === "invalid-id" && typeof value === "string") {
        const id = deriveId(value, "my", 1);
        help = { en: `try \`${id}\``, fr: `essayez \`${id}\`` };
      }
      if (code === "unsafe-link") {
        help = {
          en: "only http and https links are kept; other schemes (javascript:, file:, data:) could run code or leak files",
          fr: "seuls les liens http et https sont gardés ; les autres schémas (javascript:, file:, data:) pourraient exécuter du code ou divulguer des fichiers",
        };
      }
      return make(ctx, code, mustBe(pointer, expected, value), pointer, { help });
    }
    case "propertyNames": {
      const name = String(e.params["propertyName"]);
      const allowed = ((parent["propertyNames"] as { enum?: string[] } | undefined)?.enum ?? []).map(String);
      if (allowed.length > 0) {
        const guess = closest(name, allowed);
        const list = allowed.map((a) => `\`${a}\``).join(", ");
        return make(ctx, "unknown-key", both((l) => `${w(l, "unknown key", "clé inconnue")} \`${name}\`${title ? ` ${w(l, "in", "dans")} ${noun(title, l)}` : ""}`), `${pointer}/${escapeSegment(name)}`, {
          at: "key",
          help: guess ? didYouMean(guess) : { en: `allowed: ${list}`, fr: `clés permises : ${list}` },
        });
      }
      return make(
        ctx,
        "invalid-id",
        {
          en: `key \`${name}\` must be a persona id: lowercase letters, digits and hyphens, starting with a letter`,
          fr: `la clé \`${name}\` doit être un id de persona : lettres minuscules, chiffres et tirets, commençant par une lettre`,
        },
        `${pointer}/${escapeSegment(name)}`,
        { at: "key" },
      );
    }
    default:
      return make(ctx, "invalid-value", both((l) => w(l, `${what(l)} ${e.message ?? "is not valid"}`, `${what(l)} n'est pas valide (${e.message ?? "?"})`)), pointer);
  }
}

function make(
  ctx: Context,
  code: RuleCode,
  message: Texts,
  pointer: string,
  extra: { help?: Texts | undefined; at?: "key" | "value" } = {},
): Diagnostic {
  const d: Diagnostic = { severity: "error", code, ...bilingual(message, extra.help), file: ctx.file, pointer };
  const span = ctx.source.locate(pointer, extra.at ?? "value");
  if (span) d.span = span;
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
export function subject(pointer: string, l: Lang = "en"): string {
  const path = pathOf(pointer);
  if (path.length === 0) return w(l, "the file", "le fichier");
  const last = path[path.length - 1]!;
  if (/^\d+$/.test(last)) {
    const parent = path[path.length - 2];
    const item = `${w(l, "item", "l'élément")} ${Number(last) + 1}`;
    return parent === undefined ? item : `${item} ${w(l, "of", "de")} \`${parent}\``;
  }
  return `\`${last}\``;
}

const REQUIRED_HELP: Record<string, Texts> = {
  cjm: { en: "add `cjm: 1` at the top of the file", fr: "ajoutez `cjm: 1` en tête du fichier" },
  title: { en: "add a `title:` line: the map's name as people say it", fr: "ajoutez une ligne `title:` : le nom de la carte tel qu'on le dit" },
  personas: { en: "add `personas:` with at least one persona (`- name: Marie`)", fr: "ajoutez `personas:` avec au moins un persona (`- name: Marie`)" },
  stages: { en: "add `stages:` with at least one stage and its steps", fr: "ajoutez `stages:` avec au moins une phase et ses étapes" },
  steps: { en: "add `steps:` with at least one step (`- name: Reads the reviews`)", fr: "ajoutez `steps:` avec au moins une étape (`- name: Lit les avis`)" },
  name: { en: "add `name:`", fr: "ajoutez `name:`" },
};

function requiredHelp(field: string): Texts | undefined {
  return REQUIRED_HELP[field];
}

function typeWords(type: unknown, l: Lang): string {
  const list = Array.isArray(type) ? type : [type];
  return list.map((t) => TYPE_WORDS[l][String(t)] ?? String(t)).join(w(l, " or ", " ou "));
}

function rangeWords(schema: Record<string, unknown>, l: Lang): string {
  const min = schema["minimum"];
  const max = schema["maximum"];
  const kind = schema["type"] === "integer" ? w(l, "a whole number", "un nombre entier") : w(l, "a number", "un nombre");
  if (min !== undefined && max !== undefined) return `${kind} ${w(l, "from", "de")} ${String(min)} ${w(l, "to", "à")} ${String(max)}`;
  if (min !== undefined) return `${kind} ${w(l, "of at least", "d'au moins")} ${String(min)}`;
  if (max !== undefined) return `${kind} ${w(l, "of at most", "d'au plus")} ${String(max)}`;
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

export function describe(v: unknown, l: Lang = "en"): string {
  if (v === null || v === undefined) return w(l, "nothing", "rien");
  if (Array.isArray(v)) return v.length === 0 ? w(l, "an empty list", "une liste vide") : w(l, `a list of ${v.length}`, `une liste de ${v.length}`);
  if (typeof v === "object") return w(l, "a mapping", "un dictionnaire");
  if (typeof v === "string") return v === "" ? w(l, "an empty text", "un texte vide") : `\`${truncate(v)}\``;
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

const NOUNS: Record<Lang, Record<string, string>> = {
  en: {
    "cjm journey map": "the journey map",
    PainDetail: "a pain",
    NpsScore: "an NPS score",
    NpsBreakdown: "an NPS given as respondents",
    CustomMetric: "a custom indicator",
    EmotionMap: "an emotion map",
    Metrics: "the metrics",
    Blueprint: "a blueprint",
  },
  fr: {
    "cjm journey map": "la carte de parcours",
    "cjm persona file": "le fichier de persona",
    "cjm project configuration": "la configuration du projet",
    PainDetail: "un irritant",
    Pain: "un irritant",
    NpsScore: "un score NPS",
    NpsBreakdown: "un NPS donné en répondants",
    CustomMetric: "un indicateur personnalisé",
    EmotionMap: "une table d'émotions",
    Metrics: "les indicateurs",
    Blueprint: "un blueprint",
    Persona: "un persona",
    Channel: "un canal",
    Stage: "une phase",
    Step: "une étape",
    Touchpoint: "un point de contact",
    Opportunity: "une opportunité",
    DataSource: "une source de données",
    Measure: "une mesure",
    Period: "une période",
    Segment: "un segment",
    Quotes: "des verbatims",
    Emotion: "une émotion",
  },
};

/** "a step", "an opportunity", "an NPS score": the kind of mapping a schema title names. */
function noun(title: string, l: Lang): string {
  const known = NOUNS[l][title];
  if (known) return known;
  const words = title.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  if (l === "fr") return `un élément "${words}"`;
  return `${/^[aeiou]/.test(words) ? "an" : "a"} ${words}`;
}
