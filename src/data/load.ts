import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import type { RuleCode } from "../diagnostics/codes.js";
import { bilingual, type Diagnostic, type Texts } from "../diagnostics/diagnostic.js";
import { displayName, systemTexts } from "../load/read.js";
import type { FileReader } from "../load/personas.js";
import type { Input, Journey, Measured, MeasuredFigure, Origin } from "../model/types.js";
import { closest } from "../validate/suggest.js";
import { beyondMargin, periodStart } from "./compute.js";
import { measureTable, type PendingFigure } from "./measure.js";
import { openTable } from "./table.js";

export const DATA_LIMITS = { maxDataBytes: 200 * 1024 * 1024 } as const;

export interface DataContext {
  /** The project folder data files may not leave. */
  root: string;
  cwd: string;
  /** The map file: data paths are relative to its folder. */
  mapFile: string;
  mapAbsolutePath: string;
  maxDataBytes?: number;
  /** Reads files another way than from disk (`cjm diff` reads git revisions). */
  readFile?: FileReader;
  /** Told of every data file read, so that a cached or watched map is rebuilt when one changes. */
  onFile?: (absolutePath: string) => void;
}

type Place = { measured?: Measured; metrics?: Journey["metrics"]; origin?: Origin };

/**
 * Reads a map's data files and attaches every measured figure (with its earlier waves) and
 * verbatim to the journey, stage or step it names. Data files are untrusted: inside the project
 * folder, regular files, under the size cap; problems are diagnostics, located in the map or at
 * the data file's cell.
 */
export async function measureJourney(journey: Journey, data: readonly Input.DataSource[], ctx: DataContext): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const mapProblem = (code: RuleCode, message: Texts, pointer: string, help?: Texts, severity: Diagnostic["severity"] = "error") =>
    out.push({ severity, code, ...bilingual(message, help), file: ctx.mapFile, pointer });
  const didYouMean = (guess: string): Texts => ({ en: `did you mean \`${guess}\`?`, fr: `vouliez-vous dire \`${guess}\` ?` });
  const commit: Texts = { en: "commit the export beside the map, or fix the path", fr: "versionnez l'export à côté de la carte, ou corrigez le chemin" };
  const raise: Texts = { en: "raise the cap with `--max-data-size`", fr: "relevez la limite avec `--max-data-size`" };

  const places = new Map<string, Place>([["journey", journey as Place]]);
  for (const stage of journey.stages) {
    places.set(stage.id, stage);
    for (const step of stage.steps) places.set(step.id, step);
  }
  const personaIds = journey.personas.map((p) => p.id);
  const checkAt = (at: string, pointer: string) => {
    if (places.has(at)) return true;
    const guess = closest(at, [...places.keys()]);
    mapProblem(
        "dangling-reference",
        { en: `\`at: ${at}\` names no stage or step of this map`, fr: `\`at: ${at}\` ne désigne aucune phase ni étape de cette carte` },
        pointer,
        guess ? didYouMean(guess) : { en: "write `journey`, or a stage or step id", fr: "écrivez `journey`, ou un id de phase ou d'étape" },
      );
    return false;
  };
  let ok = true;
  data.forEach((entry, i) => {
    for (const [j, m] of (entry.measures ?? []).entries()) ok = checkAt(String(m["at"]), `/data/${i}/measures/${j}/at`) && ok;
    for (const [label, at] of Object.entries(entry.funnel ?? {})) ok = checkAt(String(at), `/data/${i}/funnel/${label.replace(/~/g, "~0").replace(/\//g, "~1")}`) && ok;
    for (const [value, persona] of Object.entries(entry.segment?.personas ?? {})) {
      if (persona !== undefined && !personaIds.includes(persona)) {
        const guess = closest(persona, personaIds);
        mapProblem(
          "dangling-reference",
          { en: `persona \`${persona}\` is not defined in this map`, fr: `\`${persona}\` ne désigne aucun persona de cette carte` },
          `/data/${i}/segment/personas/${value.replace(/~/g, "~0").replace(/\//g, "~1")}`,
          guess ? didYouMean(guess) : { en: "name a persona id of this map", fr: "indiquez un id de persona de cette carte" },
        );
        ok = false;
      }
    }
    if (!entry.measures && !entry.funnel) mapProblem("missing-field", { en: "a data entry needs `measures:` or `funnel:`", fr: "une entrée de données a besoin de `measures:` ou de `funnel:`" }, `/data/${i}`, {
        en: "add `measures: [{ metric: nps, column: Q5, at: journey }]`",
        fr: "ajoutez `measures: [{ metric: nps, column: Q5, at: journey }]`",
      });
  });
  if (!ok) return out;

  const pending: PendingFigure[] = [];
  const quotes: { at: string; quote: Measured["quotes"][number] }[] = [];
  const base = path.dirname(ctx.mapAbsolutePath);
  const rootReal = ctx.readFile ? path.resolve(ctx.root) : await realpath(ctx.root).catch(() => path.resolve(ctx.root));
  const cap = ctx.maxDataBytes ?? DATA_LIMITS.maxDataBytes;
  for (const [i, entry] of data.entries()) {
    const pointer = `/data/${i}/file`;
    const written = entry.file;
    if (path.isAbsolute(written) || path.win32.isAbsolute(written)) {
      mapProblem("data-outside-root", { en: `data path \`${written}\` is absolute`, fr: `le chemin de données \`${written}\` est absolu` }, pointer, {
        en: "write it relative to this map, e.g. `data/survey.csv`",
        fr: "écrivez-le relativement à cette carte, par exemple `data/survey.csv`",
      });
      continue;
    }
    const absolute = path.resolve(base, written);
    const real = ctx.readFile ? absolute : await realpath(absolute).catch(() => absolute);
    if (!inside(ctx.root, absolute) || !inside(rootReal, real)) {
      const project = displayName(ctx.root, ctx.cwd) || ".";
      mapProblem("data-outside-root", { en: `data path \`${written}\` leaves the project folder (${project})`, fr: `le chemin de données \`${written}\` sort du dossier du projet (${project})` }, pointer, {
        en: "keep data files inside the project, or set the project folder with `--root`",
        fr: "gardez les fichiers de données dans le projet, ou indiquez le dossier du projet avec `--root`",
      });
      continue;
    }
    const name = displayName(absolute, ctx.cwd);
    ctx.onFile?.(absolute);
    const hash = createHash("sha256");
    let hashed = false;
    let open: () => AsyncIterable<Uint8Array>;
    if (ctx.readFile) {
      const bytes = await ctx.readFile(absolute);
      if (!(bytes instanceof Uint8Array)) {
        mapProblem("data-file-missing", { en: `data file \`${written}\`: ${systemTexts(bytes).en}`, fr: `fichier de données \`${written}\` : ${systemTexts(bytes).fr}` }, pointer, commit);
        continue;
      }
      if (bytes.length > cap) {
        mapProblem("file-too-large", { en: `data file \`${written}\` is over the ${cap / 1024 / 1024} MB cap`, fr: `le fichier de données \`${written}\` dépasse la limite de ${cap / 1024 / 1024} MB` }, pointer, raise);
        continue;
      }
      open = () =>
        (async function* () {
          if (!hashed) hash.update(bytes);
          hashed = true;
          yield bytes;
        })();
    } else {
      try {
        const info = await stat(real);
        if (!info.isFile()) {
          mapProblem("data-file-missing", { en: `data file \`${written}\` is not a regular file`, fr: `le fichier de données \`${written}\` n'est pas un fichier ordinaire` }, pointer, commit);
          continue;
        }
        if (info.size > cap) {
          const [size, max] = [(info.size / 1024 / 1024).toFixed(1), (cap / 1024 / 1024).toFixed(0)];
          mapProblem("file-too-large", { en: `data file \`${written}\` is ${size} MB, over the ${max} MB cap`, fr: `le fichier de données \`${written}\` fait ${size} MB, au-delà de la limite de ${max} MB` }, pointer, raise);
          continue;
        }
      } catch (e) {
        mapProblem("data-file-missing", { en: `data file \`${written}\`: ${systemTexts(e).en}`, fr: `fichier de données \`${written}\` : ${systemTexts(e).fr}` }, pointer, commit);
        continue;
      }
      // Read once for the figures (hashed on the way); again only to locate a bad cell.
      open = () =>
        (async function* () {
          const first = !hashed;
          hashed = true;
          let total = 0;
          for await (const chunk of createReadStream(real, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
            total += chunk.length;
            if (total > cap) throw new Error("grew over the cap while read");
            if (first) hash.update(chunk);
            yield chunk;
          }
        })();
    }
    const fileProblems: Diagnostic[] = [];
    try {
      const table = await openTable(open, {
        xlsx: /\.xlsx$/i.test(written),
        ...(entry.format !== undefined && { format: entry.format }),
        onProblem: (p) =>
          fileProblems.push({
            severity: "error",
            code: p.code,
            ...bilingual(p.message, p.help),
            file: name,
            span: p.at ? { start: p.at, end: p.at } : { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } },
          }),
      });
      if (table) {
        const r = await measureTable(entry, table, { mapFile: ctx.mapFile, pointer: `/data/${i}`, dataFile: name, sha256: () => hash.copy().digest("hex") });
        out.push(...r.diagnostics);
        if (fileProblems.length === 0) {
          pending.push(...r.figures);
          quotes.push(...r.quotes);
        }
      }
    } catch (e) {
      fileProblems.push({
        severity: "error",
        code: "data-file-missing",
        ...bilingual({ en: `data file \`${written}\` ${systemTexts(e).en}`, fr: `fichier de données \`${written}\` : ${systemTexts(e).fr}` }, commit),
        file: ctx.mapFile,
        pointer,
      });
    }
    out.push(...fileProblems);
  }
  if (out.some((d) => d.severity === "error")) return out;

  // Waves: one figure per metric and place, its earlier periods attached; one period, one source.
  const groups = new Map<string, PendingFigure[]>();
  for (const p of pending) {
    const key = `${p.figure.metric}\u0000${p.at}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  for (const [, list] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    list.sort((a, b) => (periodStart(a.figure.period) < periodStart(b.figure.period) ? -1 : periodStart(a.figure.period) > periodStart(b.figure.period) ? 1 : 0));
    let conflict = false;
    for (let k = 1; k < list.length; k++) {
      if (list[k]!.figure.period === list[k - 1]!.figure.period) {
        const first = list[k - 1]!.figure;
        const metric = list[k]!.figure.metric.toUpperCase();
        const d: Diagnostic = {
          severity: "error",
          code: "data-conflict",
          ...bilingual(
            {
              en: `two ${metric} figures for \`${list[k]!.at}\` in period ${first.period} (from \`${first.source.id}\` and \`${list[k]!.figure.source.id}\`)`,
              fr: `deux chiffres ${metric} pour \`${list[k]!.at}\` sur la période ${first.period} (de \`${first.source.id}\` et de \`${list[k]!.figure.source.id}\`)`,
            },
            {
              en: "one figure, one source: give each wave its own period, or drop one entry",
              fr: "un chiffre, une source : donnez à chaque vague sa propre période, ou retirez une entrée",
            },
          ),
          file: list[k]!.figure.origin.file,
          pointer: list[k]!.figure.origin.pointer,
          related: [{ file: first.origin.file, pointer: first.origin.pointer, message: "the other figure", fr: "l'autre chiffre" }],
        };
        out.push(d);
        conflict = true;
      }
    }
    if (conflict) continue;
    const latest = list[list.length - 1]!;
    const place = places.get(latest.at)!;
    const handTyped = place.metrics?.[latest.figure.metric];
    if (handTyped !== undefined) {
      const where = latest.at === "journey" ? "" : (place.origin?.pointer ?? "");
      const metric = latest.figure.metric.toUpperCase();
      mapProblem(
        "data-conflict",
        {
          en: `\`${latest.at}\` has a hand-typed ${metric} and a measured one from \`${latest.figure.source.id}\``,
          fr: `\`${latest.at}\` a un ${metric} saisi à la main et un autre mesuré depuis \`${latest.figure.source.id}\``,
        },
        `${where}/metrics/${latest.figure.metric}`,
        { en: "one figure, one source: remove the hand-typed value", fr: "un chiffre, une source : retirez la valeur saisie à la main" },
      );
      continue;
    }
    const figure: MeasuredFigure = { ...latest.figure };
    if (list.length > 1) {
      figure.waves = list.slice(0, -1).map((p) => p.figure);
      const previous = figure.waves[figure.waves.length - 1]!;
      const delta = Math.round((figure.value - previous.value) * 10000) / 10000;
      figure.change = {
        delta,
        from: previous.period,
        beyondMargin: beyondMargin(delta, figure.margin ?? 0, previous.margin ?? 0),
        improved: figure.better === "higher" ? delta > 0 : delta < 0,
      };
    }
    place.measured ??= { figures: [], quotes: [] };
    place.measured.figures.push(figure);
  }
  for (const q of quotes) {
    const place = places.get(q.at)!;
    place.measured ??= { figures: [], quotes: [] };
    place.measured.quotes.push(q.quote);
  }
  return out;
}

function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}
