import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { bilingual, type Diagnostic, type Texts } from "../diagnostics/diagnostic.js";
import type { Journey } from "../model/types.js";
import { summarize, type JourneySummary } from "../render/summary.js";
import { displayName, systemTexts } from "./read.js";

/** The JSON models (`<id>.json`, from `cjm render --format json`) found in some folders. */
export interface FoundModels {
  summaries: JourneySummary[];
  diagnostics: Diagnostic[];
  /** The kinds of report found beside the models (`html`, `markdown`, `pdf`): the index links to them. */
  formats: string[];
  /** Folders given that do not exist. */
  missing: string[];
}

const MAX_MODEL_BYTES = 20 * 1024 * 1024;

/**
 * Reads every journey model below `dirs` (recursively, skipping `node_modules` and dot-folders),
 * for a portfolio index written to `outDir`: each link is the model's path relative to `outDir`,
 * without `.json`. JSON files that are not models (other shapes) are left alone; a model that is
 * broken is reported and left out.
 */
export async function readModels(dirs: readonly string[], cwd: string, outDir: string): Promise<FoundModels> {
  const found: FoundModels = { summaries: [], diagnostics: [], formats: [], missing: [] };
  const rerender: Texts = { en: "re-render it with `cjm render --format json` of this version of cjm", fr: "rendez-le de nouveau avec `cjm render --format json` de cette version de cjm" };
  const problem = (file: string, message: Texts, help?: Texts) =>
    found.diagnostics.push({
      severity: "error",
      code: "invalid-model",
      ...bilingual(message, help),
      file: displayName(file, cwd),
      span: { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } },
    });
  const files: string[] = [];
  for (const dir of dirs) {
    const absolute = path.resolve(cwd, dir);
    try {
      if (!(await stat(absolute)).isDirectory()) {
        problem(
          absolute,
          { en: "is not a folder", fr: "n'est pas un dossier" },
          { en: "give the folders the shards were rendered to (`cjm render --shard i/n --out <dir>`)", fr: "donnez les dossiers où les parts ont été rendues (`cjm render --shard i/n --out <dir>`)" },
        );
        continue;
      }
    } catch {
      found.missing.push(dir);
      continue;
    }
    const queue = [absolute];
    while (queue.length > 0) {
      const current = queue.pop()!;
      let entries;
      try {
        entries = await readdir(current, { withFileTypes: true });
      } catch (e) {
        problem(current, systemTexts(e));
        continue;
      }
      for (const e of entries) {
        const full = path.join(current, e.name);
        if (e.isDirectory() && e.name !== "node_modules" && !e.name.startsWith(".")) queue.push(full);
        else if (e.isFile() && e.name.endsWith(".json")) files.push(full);
      }
    }
  }
  for (const file of [...new Set(files)].sort()) {
    let data: unknown;
    try {
      const info = await stat(file);
      if (info.size > MAX_MODEL_BYTES) continue;
      data = JSON.parse(await readFile(file, "utf8"));
    } catch {
      continue;
    }
    if (!looksLikeModel(data)) continue;
    const base = file.slice(0, -".json".length);
    const link = path.relative(outDir, base).split(path.sep).join("/");
    const broken = modelProblem(data);
    if (broken) {
      problem(file, { en: `is not a journey model cjm wrote: ${broken.en}`, fr: `n'est pas un modèle de parcours écrit par cjm : ${broken.fr}` }, rerender);
      continue;
    }
    const journey = data as unknown as Journey;
    try {
      found.summaries.push(summarize({ ...journey, file: displayName(file, cwd) }, link));
    } catch (e) {
      problem(file, { en: `is not a journey model cjm wrote: ${(e as Error).message}`, fr: `n'est pas un modèle de parcours écrit par cjm : ${(e as Error).message}` }, rerender);
      continue;
    }
    for (const [format, ext] of [["html", "html"], ["markdown", "md"], ["pdf", "pdf"]] as const) {
      if (!found.formats.includes(format) && (await exists(`${base}.${ext}`))) found.formats.push(format);
    }
  }
  return found;
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isStr = (v: unknown) => typeof v === "string";
const isNum = (v: unknown) => typeof v === "number" && Number.isFinite(v);
const isScore = (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5;
// Values the index translates: anything else would name no label.
const STATUSES = new Set(["idea", "planned", "in-progress", "done", "dropped"]);
const QUADRANTS = new Set(["quick-win", "major-project", "fill-in", "thankless-task"]);
const NPS_CATEGORIES = new Set(["needs-improvement", "good", "great", "excellent"]);
const EVIDENCE = new Set(["observed", "reported", "inferred", "assumed"]);

/** The top-level shape of a model: other JSON (a package file, a report) is not one. */
function looksLikeModel(data: unknown): data is Obj {
  return isObj(data) && isStr(data["id"]) && isStr(data["title"]) && Array.isArray(data["stages"]) && Array.isArray(data["personas"]) && Array.isArray(data["opportunities"]) && "state" in data && "locale" in data;
}

/** What is wrong in a model's inside, for the fields the index reads; undefined when it is sound. */
function modelProblem(m: Obj): Texts | undefined {
  const t = (en: string, fr: string): Texts => ({ en, fr });
  if (m["state"] !== "current" && m["state"] !== "future") return t("`state` is not `current` or `future`", "`state` n'est ni `current` ni `future`");
  if (m["locale"] !== "en" && m["locale"] !== "fr") return t("`locale` is not `en` or `fr`", "`locale` n'est ni `en` ni `fr`");
  const personas = m["personas"] as unknown[];
  if (!personas.every((p) => isObj(p) && isStr(p["name"]))) return t("a persona has no `name`", "un persona n'a pas de `name`");
  for (const [s, stage] of (m["stages"] as unknown[]).entries()) {
    if (!isObj(stage) || !isStr(stage["id"]) || !Array.isArray(stage["steps"])) return t(`stage ${s + 1} has no \`id\` or \`steps\``, `la phase ${s + 1} n'a pas d'\`id\` ou de \`steps\``);
    for (const [i, step] of (stage["steps"] as unknown[]).entries()) {
      const where = t(`step ${i + 1} of stage ${s + 1}`, `l'étape ${i + 1} de la phase ${s + 1}`);
      if (!isObj(step) || !isStr(step["id"]) || !isStr(step["name"])) return t(`${where.en} has no \`id\` or \`name\``, `${where.fr} n'a pas d'\`id\` ou de \`name\``);
      if (!Array.isArray(step["emotions"]) || !step["emotions"].every((e) => isObj(e) && (e["score"] === undefined || isScore(e["score"])))) {
        return t(`${where.en}: \`emotions\` is not a list of scores`, `${where.fr} : \`emotions\` n'est pas une liste de notes`);
      }
      if (!Array.isArray(step["pains"]) || !step["pains"].every((p) => isObj(p) && isStr(p["id"]))) {
        return t(`${where.en}: \`pains\` is not a list of pains with ids`, `${where.fr} : \`pains\` n'est pas une liste d'irritants avec leurs ids`);
      }
      if (step["evidence"] !== undefined && !EVIDENCE.has(step["evidence"] as string)) {
        return t(`${where.en}: \`evidence\` is not one of the evidence levels`, `${where.fr} : \`evidence\` n'est pas un des niveaux de preuve`);
      }
    }
  }
  for (const [i, o] of (m["opportunities"] as unknown[]).entries()) {
    const n = i + 1;
    if (!isObj(o) || !isStr(o["id"]) || !isStr(o["title"]) || !Array.isArray(o["addresses"])) {
      return t(`opportunity ${n} has no \`id\`, \`title\` or \`addresses\``, `l'opportunité ${n} n'a pas d'\`id\`, de \`title\` ou d'\`addresses\``);
    }
    for (const k of ["impact", "effort"]) if (o[k] !== undefined && !isScore(o[k])) return t(`opportunity ${n}: \`${k}\` is not a score from 1 to 5`, `opportunité ${n} : \`${k}\` n'est pas une note de 1 à 5`);
    if (o["owner"] !== undefined && !isStr(o["owner"])) return t(`opportunity ${n}: \`owner\` is not text`, `opportunité ${n} : \`owner\` n'est pas un texte`);
    if (o["quadrant"] !== undefined && !QUADRANTS.has(o["quadrant"] as string)) return t(`opportunity ${n}: \`quadrant\` is not a quadrant`, `opportunité ${n} : \`quadrant\` n'est pas un quadrant`);
    if (o["status"] !== undefined && !STATUSES.has(o["status"] as string)) return t(`opportunity ${n}: \`status\` is not a status`, `opportunité ${n} : \`status\` n'est pas un statut`);
  }
  const metrics = m["metrics"];
  if (metrics !== undefined) {
    if (!isObj(metrics)) return t("`metrics` is not a mapping", "`metrics` n'est pas un dictionnaire");
    const nps = metrics["nps"];
    if (nps !== undefined && (!isObj(nps) || !isNum(nps["score"]) || !NPS_CATEGORIES.has(nps["category"] as string))) {
      return t("`metrics.nps` has no `score` and `category`", "`metrics.nps` n'a pas de `score` et de `category`");
    }
  }
  return undefined;
}
