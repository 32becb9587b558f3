import { realpath } from "node:fs/promises";
import path from "node:path";
import { bilingual, type Diagnostic, type Texts } from "../diagnostics/diagnostic.js";
import { parseSource } from "../load/parse.js";
import { displayName, readInput, systemTexts } from "../load/read.js";
import type { FileReader } from "../load/personas.js";
import type { SourceFile } from "../load/source.js";
import type { Benchmark, Journey } from "../model/types.js";
import { measuredFigures } from "./figures.js";

const METRICS = ["nps", "csat", "ces", "conversion"] as const;

/**
 * Reads the map's `benchmarks:` file (else the project config's) (YAML: `benchmarks: [{ metric, value, source, year, method,
 * scale, label?, at? }]`) and attaches to each measured figure the reference value for its metric
 * (the one naming its place with `at:`, else the one without). Every value must name its source,
 * year, method and scale: cjm builds no benchmark in as truth.
 */
export async function applyBenchmarks(
  journey: Journey,
  given: string | { file: string; config: string },
  ctx: { root: string; cwd: string; mapFile: string; mapAbsolutePath: string; maxFileBytes?: number; readFile?: FileReader; onFile?: (absolutePath: string) => void },
): Promise<{ diagnostics: Diagnostic[]; source?: SourceFile }> {
  // The config's path was checked and resolved when the config was read; its problems point at it.
  const fromConfig = typeof given !== "string";
  const written = fromConfig ? displayName(given.file, ctx.cwd) : given;
  const fail = (code: Diagnostic["code"], message: Texts, help?: Texts) => ({
    diagnostics: [
      {
        severity: "error" as const,
        code,
        ...bilingual(message, help),
        file: fromConfig ? displayName(given.config, ctx.cwd) : ctx.mapFile,
        pointer: "/benchmarks",
        ...(fromConfig && { span: { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } } }),
      },
    ],
  });
  const commit: Texts = { en: "commit the benchmarks file beside the map, or fix the path", fr: "versionnez le fichier de références à côté de la carte, ou corrigez le chemin" };
  if (!fromConfig && path.isAbsolute(written)) {
    return fail("data-outside-root", { en: `benchmarks path \`${written}\` is absolute`, fr: `le chemin de références \`${written}\` est absolu` }, {
      en: "write it relative to this map",
      fr: "écrivez-le relativement à cette carte",
    });
  }
  const absolute = fromConfig ? given.file : path.resolve(path.dirname(ctx.mapAbsolutePath), written);
  const real = ctx.readFile ? absolute : await realpath(absolute).catch(() => absolute);
  const rootReal = ctx.readFile ? path.resolve(ctx.root) : await realpath(ctx.root).catch(() => path.resolve(ctx.root));
  const rel = path.relative(rootReal, real);
  if (rel.startsWith("..") || path.isAbsolute(rel)) {
    return fail("data-outside-root", { en: `benchmarks path \`${written}\` leaves the project folder`, fr: `le chemin de références \`${written}\` sort du dossier du projet` }, {
      en: "keep it inside the project",
      fr: "gardez-le dans le projet",
    });
  }
  const name = displayName(absolute, ctx.cwd);
  ctx.onFile?.(absolute);
  let bytes: Uint8Array;
  if (ctx.readFile) {
    const b = await ctx.readFile(absolute);
    if (!(b instanceof Uint8Array)) return fail("data-file-missing", { en: `benchmarks file \`${written}\`: ${systemTexts(b).en}`, fr: `fichier de références \`${written}\` : ${systemTexts(b).fr}` }, commit);
    bytes = b;
  } else {
    const read = await readInput({ name, absolutePath: absolute }, ctx.maxFileBytes);
    if ("diagnostic" in read) {
      const d = read.diagnostic;
      return fail("data-file-missing", { en: `benchmarks file \`${written}\`: ${d.message}`, fr: `fichier de références \`${written}\` : ${d.fr?.message ?? d.message}` }, commit);
    }
    bytes = read.bytes;
  }
  const parsed = parseSource(bytes, name, absolute, ctx.maxFileBytes === undefined ? {} : { maxFileBytes: ctx.maxFileBytes });
  if (!parsed.data) return { diagnostics: parsed.diagnostics, source: parsed.source };
  const out: Diagnostic[] = [];
  const problem = (pointer: string, message: Texts, help: Texts) => {
    const span = parsed.source.locate(pointer);
    out.push({ severity: "error", code: "missing-field", ...bilingual(message, help), file: name, pointer, ...(span && { span }) });
  };
  const list = (parsed.data as { benchmarks?: unknown }).benchmarks;
  if (!Array.isArray(list)) {
    problem(
      "",
      { en: "a benchmarks file holds `benchmarks:`, a list of reference values", fr: "un fichier de références contient `benchmarks:`, une liste de valeurs de référence" },
      {
        en: "write `benchmarks: [{ metric: nps, value: 30, source: …, year: 2025, method: …, scale: -100..100 }]`",
        fr: "écrivez `benchmarks: [{ metric: nps, value: 30, source: …, year: 2025, method: …, scale: -100..100 }]`",
      },
    );
    return { diagnostics: out, source: parsed.source };
  }
  const values: (Benchmark & { at?: string })[] = [];
  list.forEach((raw: unknown, i) => {
    const b = (raw ?? {}) as Record<string, unknown>;
    const at = `/benchmarks/${i}`;
    const missing = ["metric", "value", "source", "year", "method", "scale"].filter((k) => b[k] === undefined || b[k] === "");
    if (missing.length > 0) {
      const list = missing.map((m) => `\`${m}\``).join(", ");
      return problem(at, { en: `benchmark ${i + 1} lacks ${list}`, fr: `il manque ${list} à la référence ${i + 1}` }, {
        en: "every reference value names its metric, value, source, year, method and scale",
        fr: "chaque valeur de référence donne son indicateur, sa valeur, sa source, son année, sa méthode et son échelle",
      });
    }
    if (!METRICS.includes(b["metric"] as (typeof METRICS)[number])) {
      return problem(`${at}/metric`, { en: `\`metric\` is one of ${METRICS.join(", ")}`, fr: `\`metric\` est l'une de ces valeurs : ${METRICS.join(", ")}` }, { en: "write `metric: nps`", fr: "écrivez `metric: nps`" });
    }
    if (typeof b["value"] !== "number" || !Number.isInteger(b["year"])) {
      return problem(at, { en: "`value` is a number and `year` a whole number", fr: "`value` est un nombre et `year` un nombre entier" }, { en: "e.g. `value: 31`, `year: 2025`", fr: "par exemple `value: 31`, `year: 2025`" });
    }
    values.push({
      metric: b["metric"] as Benchmark["metric"],
      value: b["value"],
      source: String(b["source"]),
      year: b["year"] as number,
      method: String(b["method"]),
      scale: String(b["scale"]),
      ...(typeof b["label"] === "string" && { label: b["label"] }),
      ...(typeof b["at"] === "string" && { at: b["at"] }),
    });
  });
  if (out.length > 0) return { diagnostics: out, source: parsed.source };
  for (const { at, figure } of measuredFigures(journey)) {
    const b = values.find((v) => v.metric === figure.metric && v.at === at) ?? values.find((v) => v.metric === figure.metric && v.at === undefined);
    if (b) {
      const { at: _at, ...benchmark } = b;
      figure.benchmark = benchmark;
    }
  }
  journey.benchmarks = values.map(({ at: _at, ...b }) => b);
  return { diagnostics: out, source: parsed.source };
}
