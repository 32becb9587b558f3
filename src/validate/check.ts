import path from "node:path";
import { bilingual, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { parseSource, type Parsed } from "../load/parse.js";
import { loadPersonaFiles, type FileReader } from "../load/personas.js";
import { declaresCjm, displayName, readInput, type InputRef } from "../load/read.js";
import { projectRoot, realRootOf, staysInside } from "../load/root.js";
import type { SourceFile } from "../load/source.js";
import { journeyFacts, type JourneyFacts } from "../model/facts.js";
import { normalizeJourney, type PersonaSource } from "../model/normalize.js";
import { deriveId } from "../model/slug.js";
import type { Input, Journey, Origin } from "../model/types.js";
import { checkData } from "./data-rules.js";
import { addFixHints } from "./fix-hints.js";
import { checkJourney } from "./rules/index.js";
import { schemaDiagnostics } from "./schema-errors.js";
import { applySeverities, isOff, type SeverityOverrides } from "./severity.js";
import { validators } from "./validators.js";

export interface CheckOptions {
  /** The project folder persona paths may not leave (`--root`). Default: the map's project root. */
  root?: string;
  cwd?: string;
  maxFileBytes?: number;
  /** Per-rule severities from the project config (lint rules only). */
  severities?: SeverityOverrides;
  /** Shared between the files of one run, so a persona file is read once. */
  personaCache?: Map<string, Promise<Parsed | Diagnostic>>;
  /** Reads persona files another way than from disk (`cjm diff` reads git revisions). */
  readFile?: FileReader;
  /** Largest data file, in bytes (default 200 MB; `--max-data-size`). */
  maxDataBytes?: number;
  /** Today (`YYYY-MM-DD`) for `stale-data`; default `SOURCE_DATE_EPOCH`, else the clock. */
  today?: string;
  /** `stale-data`: how old the newest wave may be, in days (default 365). */
  staleDays?: number;
  /** The project config's `benchmarks:` (absolute), for maps that name none; `config` is the config file. */
  benchmarks?: { file: string; config: string };
}

export interface CheckResult {
  input: InputRef;
  /** A file found in a folder that does not declare `cjm:` (a persona file, say). */
  skipped: boolean;
  /** The normalised journey, present only when the file has no error. */
  journey?: Journey;
  /** What is derived from the journey, with it. */
  facts?: JourneyFacts;
  /** In English (`message`, `help`) with the French beside them (`fr`): `localize` or `buildReport` keeps one language. */
  diagnostics: Diagnostic[];
  /** A persona file given on its own (no `cjm:`): checked against the persona schema, no journey. */
  persona?: boolean;
  /** Every file read for this journey (the map, its persona files): code frames and watch use them. */
  sources: SourceFile[];
  /** Data and benchmarks files read (absolute paths): the cache and watch depend on them too; never shown. */
  dataFiles: string[];
  /** The map as parsed (plain data), when it parsed: the language server indexes its ids from it. */
  data?: unknown;
}

/** Load → parse → schema → persona files → model → rules, for one input. Never throws on bad input. */
export async function checkInput(input: InputRef, options: CheckOptions = {}): Promise<CheckResult> {
  const cwd = options.cwd ?? process.cwd();
  const result: CheckResult = { input, skipped: false, diagnostics: [], sources: [], dataFiles: [] };
  const finish = (diagnostics: Diagnostic[]) => {
    result.diagnostics = applySeverities(diagnostics, options.severities);
    return result;
  };

  const root = projectRoot(input.absolutePath, { root: options.root, cwd });
  // A file on disk is read only if it is inside its project once links are resolved: a committed
  // `journeys/creds.yaml -> ~/.aws/credentials` is never read, so never excerpted.
  if (input.bytes === undefined && !(await staysInside(root, input.absolutePath))) {
    return finish([
      {
        severity: "error",
        code: "input-outside-root",
        ...bilingual(
          {
            en: `\`${input.name}\` is a symbolic link to a file outside the project folder (${displayName(root, cwd) || "."}); it was not read`,
            fr: `\`${input.name}\` est un lien symbolique vers un fichier hors du dossier du projet (${displayName(root, cwd) || "."}) ; il n'a pas été lu`,
          },
          {
            en: "keep journey files inside the project, or set the project folder with `--root`",
            fr: "gardez les fichiers de parcours dans le projet, ou indiquez le dossier du projet avec `--root`",
          },
        ),
        file: input.name,
        span: { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } },
      },
    ]);
  }
  const read = await readInput(input, options.maxFileBytes, input.bytes === undefined ? await realRootOf(root) : undefined);
  if ("diagnostic" in read) return finish([read.diagnostic]);
  if (checkedAs(input, read.bytes) === "skipped") {
    result.skipped = true;
    return result;
  }
  const parseOptions = options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes };
  const parsed = parseSource(read.bytes, input.name, input.absolutePath, parseOptions);
  result.sources.push(parsed.source);
  if (!parsed.data) return finish(parsed.diagnostics);
  result.data = parsed.data;

  const v = validators();
  if (checkedAs(input, read.bytes, parsed.data) === "persona") {
    result.persona = true;
    return finish(v.persona(parsed.data) ? [] : schemaDiagnostics(v.persona.errors ?? [], parsed.data, parsed.source));
  }
  const dataDiagnostics = checkData(parsed.data, parsed.source);
  if (!v.journey(parsed.data)) {
    const schema = addFixHints([...schemaDiagnostics(v.journey.errors ?? [], parsed.data, parsed.source), ...dataDiagnostics], parsed.data);
    return finish([...schema, ...rulesDespiteSchema(parsed.data, parsed.source, input, schema)]);
  }
  const data = parsed.data as unknown as Input.CjmJourneyMap;

  const personaFiles = await loadPersonaFiles(parsed.source, data.personas, {
    root,
    cwd,
    ...(options.maxFileBytes !== undefined && { maxFileBytes: options.maxFileBytes }),
    cache: options.personaCache ?? new Map(),
    ...(options.readFile !== undefined && { readFile: options.readFile }),
  });
  const diagnostics = [...dataDiagnostics, ...personaFiles.diagnostics];
  const fromFiles = new Map<number, PersonaSource>();
  // Persona files that fail their schema, as written: the one-pass rules still read their ids.
  const asWritten = new Map<number, PersonaSource>();
  for (const file of personaFiles.files) {
    const { source, data: personaData } = file.parsed;
    if (!result.sources.includes(source)) result.sources.push(source);
    diagnostics.push(...file.parsed.diagnostics);
    if (!personaData) continue;
    if (!v.persona(personaData)) {
      const schema = schemaDiagnostics(v.persona.errors ?? [], personaData, source);
      diagnostics.push(...schema);
      // Its id is trusted only if the schema found nothing wrong with it (or with its name, when the id is derived).
      if (!schema.some((d) => ["", "/id", "/name"].includes(d.pointer ?? ""))) {
        asWritten.set(file.index, { data: personaData as unknown as Input.Persona, origin: { file: source.name, pointer: "" }, file: file.written });
      }
      continue;
    }
    fromFiles.set(file.index, {
      data: personaData as unknown as Input.Persona,
      origin: { file: source.name, pointer: "" },
      file: file.written,
    });
  }
  if (hasErrors(diagnostics)) {
    // One pass: a broken persona file (or date, or CES) does not hide the map's id and reference problems.
    const readable = data.personas.map((p, i) =>
      typeof p === "string" ? (fromFiles.get(i) ?? asWritten.get(i)) : { data: p, origin: { file: input.name, pointer: `/personas/${i}` } },
    );
    if (readable.every((p) => p !== undefined)) diagnostics.push(...onePassRules(parsed.data, readable, input, result.sources, diagnostics));
    return finish(diagnostics);
  }

  const personas: PersonaSource[] = data.personas.map((p, i) =>
    typeof p === "string" ? fromFiles.get(i)! : { data: p, origin: { file: input.name, pointer: `/personas/${i}` } },
  );
  const defaultId = input.bytes ? "journey" : deriveId(path.basename(input.absolutePath).replace(/\.(ya?ml|json)$/i, ""), "journey", 1);
  const journey = normalizeJourney(data, input.name, defaultId, personas);
  const byName = new Map(result.sources.map((s) => [s.name, s]));
  const locate = (origin: Origin, at?: "key" | "value") => byName.get(origin.file)?.locate(origin.pointer, at);
  /** A data or benchmarks diagnostic with its span: its own, else its pointer's in its file. */
  const placed = (d: Diagnostic): Diagnostic => {
    const span = d.span ?? (d.pointer !== undefined ? locate({ file: d.file, pointer: d.pointer }) : undefined);
    return { ...d, ...(span && { span }) };
  };
  if (data.data) {
    // Data files are read before the rules run: the data rules check the figures they give. The
    // readers (csv-parse, the xlsx reader, hashing) load only for a map that names data files.
    const { measureJourney } = await import("../data/load.js");
    const measured = await measureJourney(journey, data.data, {
      root,
      cwd,
      mapFile: input.name,
      mapAbsolutePath: input.absolutePath,
      onFile: (f) => result.dataFiles.push(f),
      ...(options.maxDataBytes !== undefined && { maxDataBytes: options.maxDataBytes }),
      ...(options.readFile !== undefined && { readFile: options.readFile }),
    });
    diagnostics.push(...measured.map(placed));
  }
  const benchmarks = data.benchmarks ?? options.benchmarks;
  if (benchmarks !== undefined && !hasErrors(diagnostics)) {
    const { applyBenchmarks } = await import("../data/benchmarks.js");
    const b = await applyBenchmarks(journey, benchmarks, {
      root,
      cwd,
      mapFile: input.name,
      mapAbsolutePath: input.absolutePath,
      onFile: (f) => result.dataFiles.push(f),
      ...(options.maxFileBytes !== undefined && { maxFileBytes: options.maxFileBytes }),
      ...(options.readFile !== undefined && { readFile: options.readFile }),
    });
    if (b.source && b.diagnostics.length > 0) result.sources.push(b.source);
    diagnostics.push(...b.diagnostics.map(placed));
  }
  const facts = journeyFacts(journey);
  const dates = { today: options.today ?? today(), staleDays: options.staleDays ?? 365 };
  for (const { at, help, related, ...d } of checkJourney(journey, facts, locate, dates)) {
    // A rule switched off (by the config, or off by default) is not located only to be dropped.
    if (isOff(d.code, options.severities)) continue;
    const span = locate({ file: d.file, pointer: d.pointer ?? "" }, at);
    diagnostics.push({ ...d, ...(span && { span }), ...(help !== undefined && { help }), ...(related && { related }) });
  }
  finish(diagnostics);
  if (!hasErrors(result.diagnostics)) {
    result.journey = journey;
    result.facts = facts;
  }
  return result;
}

/**
 * What a file is checked as (issue 15's decision). A file that declares `cjm:` is a journey map.
 * One found by a folder search without `cjm:` is skipped: persona files are checked through the
 * maps that use them. One given explicitly without `cjm:` is a persona file, checked against the
 * persona schema, unless it holds a journey's `stages` or `title` (a map that lost its `cjm:`
 * line, told so by the journey schema). `data` is the parsed file; before parsing only
 * "skipped" is decided.
 */
export function checkedAs(input: Pick<InputRef, "discovered">, bytes: Uint8Array, data?: unknown): "journey" | "persona" | "skipped" {
  if (declaresCjm(bytes)) return "journey";
  if (input.discovered) return "skipped";
  if (typeof data !== "object" || data === null || Array.isArray(data)) return "journey";
  const keys = Object.keys(data);
  return keys.includes("cjm") || keys.includes("stages") || keys.includes("title") ? "journey" : "persona";
}

/** Rules that still mean something on a file with schema errors: ids and the references between them. */
const ONE_PASS_RULES = new Set<string>(["duplicate-id", "id-collision", "dangling-reference", "ambiguous-reference", "persona-not-on-step"]);

/**
 * One pass: the id and reference rules run on the parts of the file the schema accepted, so the
 * author sees every problem at once. Personas written in files are not read before the map's own
 * schema passes, so a map with schema errors and persona files gets these rules only once it passes.
 */
function rulesDespiteSchema(data: Record<string, unknown>, source: SourceFile, input: InputRef, schema: readonly Diagnostic[]): Diagnostic[] {
  const personas = data["personas"];
  if (!Array.isArray(personas) || personas.some((p) => typeof p !== "object" || p === null)) return [];
  const inline: PersonaSource[] = personas.map((p, i) => ({ data: p as Input.Persona, origin: { file: input.name, pointer: `/personas/${i}` } }));
  return onePassRules(data, inline, input, [source], schema);
}

/**
 * The rules that still mean something beside other errors, run on the data as it is (a part the
 * model cannot read ends the attempt quietly). A finding at or under a place already flagged (in
 * the same file) is dropped: one cause, one message. A missing field leaves the rest of its mapping readable.
 */
function onePassRules(data: Record<string, unknown>, personas: PersonaSource[], input: InputRef, sources: readonly SourceFile[], flaggedBy: readonly Diagnostic[]): Diagnostic[] {
  if (!Array.isArray(data["stages"])) return [];
  const flagged = flaggedBy.filter((d) => d.code !== "missing-field" && d.severity === "error").map((d) => ({ file: d.file, pointer: d.pointer ?? "" }));
  const under = (file: string, pointer: string) =>
    flagged.some((f) => f.file === file && (pointer === f.pointer || pointer.startsWith(`${f.pointer}/`) || (f.pointer !== "" && f.pointer.startsWith(`${pointer}/`))));
  try {
    const journey = normalizeJourney(data as unknown as Input.CjmJourneyMap, input.name, "journey", personas);
    const byName = new Map(sources.map((s) => [s.name, s]));
    const locate = (origin: Origin, at?: "key" | "value") => byName.get(origin.file)?.locate(origin.pointer, at);
    const out: Diagnostic[] = [];
    for (const { at, help, related, ...d } of checkJourney(journey, journeyFacts(journey), locate)) {
      if (!ONE_PASS_RULES.has(d.code) || under(d.file, d.pointer ?? "")) continue;
      const span = locate({ file: d.file, pointer: d.pointer ?? "" }, at);
      out.push({ ...d, ...(span && { span }), ...(help !== undefined && { help }), ...(related && { related }) });
    }
    return out;
  } catch {
    return [];
  }
}

/** `SOURCE_DATE_EPOCH` (seconds) when set, else the clock: only diagnostics use it, never outputs. */
function today(): string {
  const epoch = Number(process.env["SOURCE_DATE_EPOCH"]);
  return new Date(process.env["SOURCE_DATE_EPOCH"] && Number.isFinite(epoch) ? epoch * 1000 : Date.now()).toISOString().slice(0, 10);
}
