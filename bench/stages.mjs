// A large map's stages, each timed in one process (CPU time, median of several passes, after a
// warm-up pass): the bare yaml.parse the whole run cannot go below, then how far above it each of
// cjm's stages is. `npm run bench -- --only stages`.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const load = (p) => import(path.join(dist, p));

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** CPU milliseconds (user + system) of each stage of `file`, median over `passes`. */
export async function stageTimes(file, passes = 5) {
  const { parseSource } = await load("load/parse.js");
  const { validators } = await load("validate/validators.js");
  const { normalizeJourney } = await load("model/normalize.js");
  const { journeyFacts } = await load("model/facts.js");
  const { checkJourney } = await load("validate/rules/index.js");
  const { checkInput } = await load("validate/check.js");
  const { buildRenderModel } = await load("render/model.js");
  const { renderJourney } = await load("render/render.js");
  const bytes = readFileSync(file);
  const text = bytes.toString("utf8");
  const times = new Map();
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const time = async (stage, f) => {
    const start = cpu();
    const r = await f();
    if (!times.has(stage)) times.set(stage, []);
    times.get(stage).push(cpu() - start);
    return r;
  };
  for (let pass = 0; pass <= passes; pass++) {
    await time("yaml.parse alone (the floor)", () => parse(text));
    const parsed = await time("load: cjm's parse (positions, limits)", () => parseSource(bytes, "map.yaml", file));
    await time("check: schema", () => validators().journey(parsed.data));
    const personas = parsed.data.personas.map((p, i) => ({ data: p, origin: { file: "map.yaml", pointer: `/personas/${i}` } }));
    const journey = await time("check: normalised journey", () => normalizeJourney(parsed.data, "map.yaml", "map", personas));
    const facts = await time("facts", () => journeyFacts(journey));
    await time("check: rules (located)", () => checkJourney(journey, facts, (o, at) => parsed.source.locate(o.pointer, at), { today: "2026-01-01", staleDays: 365 }));
    await time("checkInput, whole (read, parse, schema, rules)", () => checkInput({ name: "map.yaml", absolutePath: file }, { cwd: path.dirname(file) }));
    await time("view model", () => buildRenderModel(journey, undefined, facts));
    for (const format of ["mermaid", "markdown", "html", "json"]) await time(`formatter: ${format} (with its view model)`, () => renderJourney(journey, [format], { facts }));
    await time("all four formatters, one call", () => renderJourney(journey, ["markdown", "mermaid", "html", "json"], { facts }));
    if (pass === 0) times.clear(); // the warm-up pass: compiling, not the work
  }
  return [...times].map(([stage, ms]) => ({ stage, ms: median(ms) }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const { stage, ms } of await stageTimes(process.argv[2], Number(process.argv[3] ?? 5))) console.log(`${stage.padEnd(48)} ${ms.toFixed(0).padStart(6)} ms`);
}
