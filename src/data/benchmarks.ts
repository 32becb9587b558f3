import { realpath } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { parseSource } from "../load/parse.js";
import { displayName, readInput, systemMessage } from "../load/read.js";
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
  const fail = (code: Diagnostic["code"], message: string, help?: string) => ({
    diagnostics: [
      {
        severity: "error" as const,
        code,
        message,
        file: fromConfig ? displayName(given.config, ctx.cwd) : ctx.mapFile,
        pointer: "/benchmarks",
        ...(fromConfig && { span: { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } } }),
        ...(help !== undefined && { help }),
      },
    ],
  });
  if (!fromConfig && path.isAbsolute(written)) return fail("data-outside-root", `benchmarks path \`${written}\` is absolute`, "write it relative to this map");
  const absolute = fromConfig ? given.file : path.resolve(path.dirname(ctx.mapAbsolutePath), written);
  const real = ctx.readFile ? absolute : await realpath(absolute).catch(() => absolute);
  const rootReal = ctx.readFile ? path.resolve(ctx.root) : await realpath(ctx.root).catch(() => path.resolve(ctx.root));
  const rel = path.relative(rootReal, real);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return fail("data-outside-root", `benchmarks path \`${written}\` leaves the project folder`, "keep it inside the project");
  const name = displayName(absolute, ctx.cwd);
  ctx.onFile?.(absolute);
  let bytes: Uint8Array;
  if (ctx.readFile) {
    const b = await ctx.readFile(absolute);
    if (!(b instanceof Uint8Array)) return fail("data-file-missing", `benchmarks file \`${written}\`: ${systemMessage(b)}`);
    bytes = b;
  } else {
    const read = await readInput({ name, absolutePath: absolute }, ctx.maxFileBytes);
    if ("diagnostic" in read) return fail("data-file-missing", `benchmarks file \`${written}\`: ${read.diagnostic.message}`);
    bytes = read.bytes;
  }
  const parsed = parseSource(bytes, name, absolute, ctx.maxFileBytes === undefined ? {} : { maxFileBytes: ctx.maxFileBytes });
  if (!parsed.data) return { diagnostics: parsed.diagnostics, source: parsed.source };
  const out: Diagnostic[] = [];
  const problem = (pointer: string, message: string, help: string) => {
    const span = parsed.source.locate(pointer);
    out.push({ severity: "error", code: "missing-field", message, file: name, pointer, ...(span && { span }), help });
  };
  const list = (parsed.data as { benchmarks?: unknown }).benchmarks;
  if (!Array.isArray(list)) {
    problem("", "a benchmarks file holds `benchmarks:`, a list of reference values", "write `benchmarks: [{ metric: nps, value: 30, source: …, year: 2025, method: …, scale: -100..100 }]`");
    return { diagnostics: out, source: parsed.source };
  }
  const values: (Benchmark & { at?: string })[] = [];
  list.forEach((raw: unknown, i) => {
    const b = (raw ?? {}) as Record<string, unknown>;
    const at = `/benchmarks/${i}`;
    const missing = ["metric", "value", "source", "year", "method", "scale"].filter((k) => b[k] === undefined || b[k] === "");
    if (missing.length > 0) return problem(at, `benchmark ${i + 1} lacks ${missing.map((m) => `\`${m}\``).join(", ")}`, "every reference value names its metric, value, source, year, method and scale");
    if (!METRICS.includes(b["metric"] as (typeof METRICS)[number])) return problem(`${at}/metric`, `\`metric\` is one of ${METRICS.join(", ")}`, "write `metric: nps`");
    if (typeof b["value"] !== "number" || !Number.isInteger(b["year"])) return problem(at, "`value` is a number and `year` a whole number", "e.g. `value: 31`, `year: 2025`");
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
