// `npm run bench`: what users feel, measured side by side. `-- --smoke` runs tiny sizes (the test
// suite does, so the bench never rots); `-- --only cold,batch,scaling,images,cache,lsp,serve` picks sections.
// `-- --rev <commit>` builds that revision in a temporary git worktree and compares it with this
// tree: cold start and the 1,000-map batch, both sides alternating (`--runs <n>` repetitions).
// Every figure is a median over several runs with its min–max; every comparison is a ratio of two
// commands run alternately in the same session (the machines are shared and noisy).
import { spawn, execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem, tmpdir, release } from "node:os";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateMap } from "./generate.mjs";
import { SURVEY_MAP, writeSurvey } from "./generate-data.mjs";
import { buildYamlFloor } from "./yaml-floor.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const BIN = path.join(root, "bin/cjm.cjs");
const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(`npm run bench -- [flags]
  --smoke            tiny sizes (the test suite runs this; RESULTS.md is not written)
  --only <sections>  comma-separated: cold,batch,scaling,stages,images,cache,lsp,serve,data (RESULTS.md is not written)
  --rev <commit>     build <commit> in a temporary worktree; cold start and the 1,000-map batch, both sides alternating
  --runs <n>         repetitions for --rev (default 5)`);
  process.exit(0);
}
const SMOKE = args.includes("--smoke");
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const REV = flag("--rev");
const only = flag("--only")?.split(",") ?? (REV ? ["rev"] : ["cold", "batch", "scaling", "stages", "images", "cache", "lsp", "serve", "data"]);
const work = mkdtempSync(path.join(tmpdir(), "cjm-bench-"));
const rows = [];

const sizes = SMOKE
  ? { coldRuns: 3, batchMaps: 20, batchRuns: 1, scaling: [50, 100], images: [2], imageRuns: 1, serveSaves: 3, dataRows: 2000, dataRuns: 1 }
  : { coldRuns: 15, batchMaps: 1000, batchRuns: 3, scaling: [100, 1000, 2000, 10000], images: [20, 100], imageRuns: 1, serveSaves: 20, dataRows: 200_000, dataRuns: 5 };

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function fmtMs(ms) {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

function stats(times) {
  return `${fmtMs(median(times))} (${fmtMs(Math.min(...times))}–${fmtMs(Math.max(...times))})`;
}

/** Peak RSS in MB of the processes whose command line contains `marker`, summed, polled until `done`. */
function pollTreeMemory(marker) {
  let peak = 0;
  let stop = false;
  const tick = () => {
    if (stop) return;
    let sum = 0;
    for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
        if (!cmd.includes(marker)) continue;
        const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
        if (rss) sum += Number(rss[1]);
      } catch {
        // gone
      }
    }
    peak = Math.max(peak, sum);
    setTimeout(tick, 50);
  };
  tick();
  return () => {
    stop = true;
    return peak / 1024;
  };
}

/** Runs a command; resolves with wall time (ms), exit code and the peak RSS (MB) of its own process. */
function run(cmd, cmdArgs, { cwd = work, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, cmdArgs, { cwd, env: { ...process.env, NO_COLOR: "1", ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let peakKb = 0;
    let cpuTicks = 0;
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const poll = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
        // utime + stime (fields 14 and 15, in clock ticks of 10 ms), sampled until the process exits.
        const stat = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]?.split(" ");
        if (stat) cpuTicks = Math.max(cpuTicks, Number(stat[11]) + Number(stat[12]));
      } catch {
        // exited
      }
    }, 20);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(poll);
      resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, code, rssMb: peakKb / 1024, cpuMs: cpuTicks * 10, stderr });
    });
  });
}

/** A batch run that only fills a folder for the timed runs after it; it must succeed all the same. */
async function primed(args) {
  const r = await run(node, args, { cwd: work });
  if (r.code !== 0) throw new Error(`${args.join(" ")} exited ${r.code}: ${r.stderr.slice(0, 500)}`);
}

/** Runs each command `n` times, alternating, and returns their times. */
async function alternate(n, commands) {
  const times = commands.map(() => []);
  const results = commands.map(() => []);
  for (let i = 0; i < n; i++) {
    for (const [k, c] of commands.entries()) {
      c.before?.();
      const r = await run(c.cmd, c.args, c.opts);
      if (c.expect !== undefined && !c.expect.includes(r.code)) throw new Error(`${c.cmd} ${c.args.join(" ")} exited ${r.code}: ${r.stderr.slice(0, 500)}`);
      times[k].push(r.ms);
      results[k].push(r);
    }
  }
  return { times, results };
}

function row(section, what, figure, ratio = "", goal = "", met = "") {
  rows.push({ section, what, figure, ratio, goal, met });
  console.log(`${section.padEnd(8)} ${what.padEnd(64)} ${figure.padEnd(34)} ${ratio.padEnd(14)} ${goal.padEnd(10)} ${met}`);
}

function writeMaps(dir, count, opts = {}) {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(path.join(dir, `map-${String(i).padStart(5, "0")}.yaml`), generateMap(1000 + i, opts));
}

const node = process.execPath;
console.log(`cjm bench${SMOKE ? " (smoke)" : ""}: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);

if (only.includes("cold")) {
  const one = path.join(work, "one.yaml");
  writeFileSync(one, generateMap(7));
  const out = path.join(work, "cold-out");
  // Warm: the code cache filled by a first run (the goal). Cold: an empty cache folder
  // before every run, as on a fresh CI runner (the run compiles everything and writes the cache).
  const warm = { cwd: work, env: { CJM_CACHE_DIR: path.join(work, "cache-warm") } };
  const emptyDir = path.join(work, "cache-empty");
  const cold = { cwd: work, env: { CJM_CACHE_DIR: emptyDir } };
  const empty = () => rmSync(emptyDir, { recursive: true, force: true });
  for (const args of [["validate", one], ["render", one, "--format", "markdown", "--out", out]]) await run(node, [BIN, ...args], warm);
  const floor = await buildYamlFloor(path.join(work, "yaml-floor"));
  await run(node, [floor, one]);
  const { times } = await alternate(sizes.coldRuns, [
    { cmd: node, args: ["-e", ""], expect: [0] },
    { cmd: node, args: [floor, one], expect: [0] },
    { cmd: node, args: [BIN, "validate", one], opts: warm, expect: [0] },
    { cmd: node, args: [BIN, "render", one, "--format", "markdown", "--out", out], opts: warm, expect: [0] },
    { cmd: node, args: [BIN, "validate", one], opts: cold, before: empty, expect: [0] },
    { cmd: node, args: [BIN, "render", one, "--format", "markdown", "--out", out], opts: cold, before: empty, expect: [0] },
  ]);
  const base = median(times[0]);
  row("cold", 'node -e ""', stats(times[0]));
  row("cold", "floor: a process that only parses one.yaml with yaml (code cache)", stats(times[1]), `${(median(times[1]) / base).toFixed(2)}×`);
  const v = median(times[2]) / base;
  row("cold", "cjm validate one.yaml (code cache warm)", stats(times[2]), `${v.toFixed(2)}×`, "≤ 1.5×", v <= 1.5 ? "yes" : "no");
  const r = median(times[3]) / base;
  row("cold", "cjm render one.yaml --format markdown (code cache warm)", stats(times[3]), `${r.toFixed(2)}×`, "≤ 1.5×", r <= 1.5 ? "yes" : "no");
  row("cold", "cjm validate one.yaml, empty cache (first run)", stats(times[4]), `${(median(times[4]) / base).toFixed(2)}×`);
  row("cold", "cjm render one.yaml --format markdown, empty cache", stats(times[5]), `${(median(times[5]) / base).toFixed(2)}×`);
}

if (only.includes("batch")) {
  const dir = path.join(work, "batch");
  writeMaps(dir, sizes.batchMaps);
  // Every run writes into an empty folder of its own (as on a CI runner), the disk's pending
  // writes flushed first (untimed): no run finds its outputs in place or pays for the one before.
  // The "again" runs render into the folder of their own last run (a re-render after an edit: the
  // outputs whose bytes did not change are left in place), filled once before the timed runs.
  const render = (jobs, tag = `${jobs}`, fresh = true) => {
    const out = path.join(work, `batch-out-${tag}`);
    return {
      cmd: node,
      args: [BIN, "render", dir, "--format", "markdown,mermaid,html", "--out", out, "--jobs", String(jobs)],
      opts: { cwd: work },
      expect: [0],
      before: () => {
        if (fresh) rmSync(out, { recursive: true, force: true });
        execFileSync("sync");
      },
    };
  };
  for (const jobs of [1, 2]) await primed(render(jobs, `again-${jobs}`, false).args);
  // The one-job run is not one core's work: V8's garbage collector and compiler threads and libuv's
  // file threads run beside the main thread, on the other core when it is idle. The same run
  // pinned to one core (taskset) says what a single core does, and so what the second one adds.
  const taskset = (() => {
    try {
      execFileSync("taskset", ["-c", "0", "true"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();
  const { times, results } = await alternate(sizes.batchRuns, [
    { cmd: node, args: [path.join(root, "bench/yaml-baseline.mjs"), dir], expect: [0] },
    render(1),
    render(2),
    ...(taskset ? [{ ...render(1, "pinned"), cmd: "taskset", args: ["-c", "0", node, ...render(1, "pinned").args] }] : []),
    render(1, "again-1", false),
    render(2, "again-2", false),
  ]);
  const [againOne, againTwo] = taskset ? [4, 5] : [3, 4];
  const base = median(times[0]);
  row("batch", `yaml.parse of ${sizes.batchMaps} maps, one process`, stats(times[0]));
  const one = median(times[1]) / base;
  row("batch", `cjm render ${sizes.batchMaps} maps: validate+md+mermaid+html, 1 job, into an empty folder`, stats(times[1]), `${one.toFixed(2)}×`, "≤ 2×", one <= 2 ? "yes" : "no");
  const two = median(times[2]) / base;
  row("batch", `the same with --jobs 2 (both cores)`, stats(times[2]), `${two.toFixed(2)}×`, "≤ 2×", two <= 2 ? "yes" : "no");
  const speedup = median(times[1]) / median(times[2]);
  row("batch", "speed-up of 2 jobs over 1", "", `${speedup.toFixed(2)}×`, "≥ 1.7×", speedup >= 1.7 ? "yes" : "no");
  const cpu = (k) => median(results[k].map((r) => r.cpuMs));
  const coresOfOne = cpu(1) / median(times[1]);
  row("batch", "cores the 1-job run keeps busy (CPU time ÷ wall time)", `${fmtMs(cpu(1))} CPU in ${fmtMs(median(times[1]))}`, `${coresOfOne.toFixed(2)} cores`, "", "");
  row("batch", "CPU time of 2 jobs ÷ 1 job (the cost of a second lane)", `${fmtMs(cpu(2))} / ${fmtMs(cpu(1))}`, `${(cpu(2) / cpu(1)).toFixed(2)}×`, "", "");
  if (taskset) {
    row("batch", "the 1-job run pinned to one core (taskset -c 0)", stats(times[3]), "", "", "");
    const overOneCore = median(times[3]) / median(times[2]);
    row("batch", "speed-up of 2 jobs on 2 cores over 1 job on 1 core", "", `${overOneCore.toFixed(2)}×`, "≥ 1.7×", overOneCore >= 1.7 ? "yes" : "no");
  }
  const again = median(times[againOne]) / base;
  row("batch", `again into its own last outputs (a re-render), 1 job`, stats(times[againOne]), `${again.toFixed(2)}×`, "≤ 2×", again <= 2 ? "yes" : "no");
  const againBoth = median(times[againTwo]) / base;
  row("batch", `again into its own last outputs, --jobs 2`, stats(times[againTwo]), `${againBoth.toFixed(2)}×`, "≤ 2×", againBoth <= 2 ? "yes" : "no");
  row("batch", "speed-up of 2 jobs over 1, re-rendering", "", `${(median(times[againOne]) / median(times[againTwo])).toFixed(2)}×`, "", "");
  const rss = Math.max(...results[1].map((r) => r.rssMb));
  const rss2 = Math.max(...results[2].map((r) => r.rssMb));
  row("memory", `peak RSS, ${sizes.batchMaps}-map batch, 1 job`, `${rss.toFixed(0)} MB`, "", "≤ 300 MB", rss <= 300 ? "yes" : "no");
  row("memory", `peak RSS, ${sizes.batchMaps}-map batch, 2 jobs (workers are threads: one process)`, `${rss2.toFixed(0)} MB`, "", "", "");
}

if (only.includes("scaling")) {
  let previous;
  for (const steps of sizes.scaling) {
    const file = path.join(work, `scale-${steps}.yaml`);
    const stages = Math.max(5, Math.round(steps / 100));
    writeFileSync(file, generateMap(steps, { stages, stepsPerStage: Math.round(steps / stages), personas: 2, id: `scale-${steps}` }));
    const { times, results } = await alternate(steps >= 10000 ? 1 : 3, [
      // Maps this large exceed Mermaid's 50,000-character limit: cjm reports it (exit 1) after doing the work.
      { cmd: node, args: [BIN, "render", file, "--format", "markdown,mermaid,html,json", "--out", path.join(work, "scale-out"), "--max-size", "50"], expect: [0, 1] },
    ]);
    const t = median(times[0]);
    const rss = Math.max(...results[0].map((r) => r.rssMb));
    const growth = previous ? `${(t / previous.t).toFixed(1)}× for ${(steps / previous.steps).toFixed(0)}×` : "";
    // Past Mermaid's limits the map is refused at the check (diagram-too-large, exit 1): what is
    // timed then is load + check + the report, and the row says so (the stages section times the
    // formatters on the same map).
    const refused = results[0].some((r) => r.code === 1);
    const what = refused ? "refused at the check (diagram-too-large): load + check + report" : "all text formats";
    const goal = steps === 2000 ? (refused ? "< 2 s (for the formats: see stages)" : "< 2 s") : previous && steps / previous.steps === 10 ? "≤ 12×" : "";
    const met = steps === 2000 ? (refused ? "n/a" : t < 2000 ? "yes" : "no") : goal ? (t / previous.t <= 12 ? "yes" : "no") : "";
    row("scaling", `${steps} steps, ${what} (${(readFileSync(file).length / 1024).toFixed(0)} KB)`, `${stats(times[0])}, ${rss.toFixed(0)} MB`, growth, goal, met);
    if (steps !== 2000) previous = { t, steps };
  }
}

if (only.includes("stages")) {
  // The 2,000-step map's stages in one process: bare yaml.parse is the floor; each stage is told
  // as its CPU time and its share of that floor. (Since the diagram-too-large rule, `cjm render`
  // refuses such a map at the check, so the scaling row above times load + check + report; the
  // formatters are timed here, on the same map.)
  const steps = SMOKE ? 100 : 2000;
  const file = path.join(work, `stages-${steps}.yaml`);
  const stages = Math.max(5, Math.round(steps / 100));
  writeFileSync(file, generateMap(steps, { stages, stepsPerStage: Math.round(steps / stages), personas: 2, id: `stages-${steps}` }));
  const out = execFileSync(node, [path.join(root, "bench/stages.mjs"), file, SMOKE ? "1" : "5"], { encoding: "utf8" });
  const lines = out.trim().split("\n").map((l) => /^(.*?)\s+(\d+) ms$/.exec(l)).filter(Boolean);
  const floor = Number(lines[0][2]);
  for (const [, stage, ms] of lines) row("stages", `${steps} steps: ${stage}`, `${ms} ms CPU`, stage.startsWith("yaml.parse") ? "" : `${(Number(ms) / floor).toFixed(2)}× the parse`);
}

if (only.includes("images")) {
  const chromium = ["CJM_CHROME", "PUPPETEER_EXECUTABLE_PATH"].map((k) => process.env[k]).find(Boolean) ?? "/usr/bin/chromium";
  const puppeteerConfig = path.join(work, "puppeteer.json");
  writeFileSync(puppeteerConfig, JSON.stringify({ executablePath: chromium, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"] }));
  const mmdc = path.join(root, "node_modules/@mermaid-js/mermaid-cli/src/cli.js");
  for (const n of sizes.images) {
    const dir = path.join(work, `images-${n}`);
    writeMaps(dir, n, { personas: 1, stages: 5, stepsPerStage: 2 });
    const mmdDir = path.join(work, `images-${n}-mmd`);
    execFileSync(node, [BIN, "render", dir, "--format", "mermaid", "--diagrams", "journey", "--out", mmdDir], { cwd: work, stdio: "ignore" });
    const mmdFiles = readdirSync(mmdDir).filter((f) => f.endsWith(".mmd")).sort();
    const tmp = mkdtempSync(path.join(tmpdir(), "cjm-bench-browser-"));
    const cjmTimes = [];
    const mmdcTimes = [];
    let browserPeak = 0;
    // A cache folder of the bench's own: the first run fills it (Mermaid's compiled code, as on a
    // fresh CI runner), the timed runs use it.
    const cacheDir = path.join(work, `images-${n}-cache`);
    rmSync(cacheDir, { recursive: true, force: true });
    const cold = await run(node, [BIN, "render", dir, "--format", "svg", "--diagrams", "journey", "--out", path.join(work, `images-${n}-svg`)], { env: { TMPDIR: tmp, CJM_CACHE_DIR: cacheDir } });
    if (cold.code !== 0) throw new Error(`cjm images exited ${cold.code}: ${cold.stderr}`);
    for (let i = 0; i < sizes.imageRuns; i++) {
      const stopPoll = pollTreeMemory(tmp);
      const r = await run(node, [BIN, "render", dir, "--format", "svg", "--diagrams", "journey", "--out", path.join(work, `images-${n}-svg`)], { env: { TMPDIR: tmp, CJM_CACHE_DIR: cacheDir } });
      browserPeak = Math.max(browserPeak, stopPoll());
      if (r.code !== 0) throw new Error(`cjm images exited ${r.code}: ${r.stderr}`);
      cjmTimes.push(r.ms);
      const start = process.hrtime.bigint();
      for (const f of mmdFiles) {
        const m = await run(node, [mmdc, "-i", path.join(mmdDir, f), "-o", path.join(work, `mmdc-${f}.svg`), "-p", puppeteerConfig, "-q"], { env: { PUPPETEER_SKIP_DOWNLOAD: "1" } });
        if (m.code !== 0) throw new Error(`mmdc exited ${m.code}: ${m.stderr.slice(0, 400)}`);
      }
      mmdcTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const ratio = median(mmdcTimes) / median(cjmTimes);
    const goal = n >= 100 ? 40 : 15;
    row("images", `${n} journey diagrams → SVG: ${n} mmdc processes`, stats(mmdcTimes));
    row("images", `${n} journey diagrams → SVG: cjm, one browser`, stats(cjmTimes), `${ratio.toFixed(1)}× faster`, `≥ ${goal}×`, SMOKE ? "" : ratio >= goal ? "yes" : "no");
    row("images", `${n} journey diagrams → SVG: cjm, empty cache folder (first run)`, `${(cold.ms / 1000).toFixed(2)} s`, `${(median(mmdcTimes) / cold.ms).toFixed(1)}× faster`);
    row("images", `browser process tree, peak RSS (${n} diagrams)`, `${browserPeak.toFixed(0)} MB`);
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (only.includes("data")) {
  // A 200,000-response survey export (20 columns, Qualtrics-shaped) measured by a map: cjm's whole
  // check against one bare csv-parse pass over the same file, each in its own process.
  const dir = path.join(work, "data");
  mkdirSync(dir, { recursive: true });
  await writeSurvey(path.join(dir, "survey.csv"), sizes.dataRows);
  writeFileSync(path.join(dir, "map.yaml"), SURVEY_MAP);
  const mb = (readFileSync(path.join(dir, "survey.csv")).length / 1024 / 1024).toFixed(0);
  const load0 = loadavg()[0].toFixed(2);
  const { times, results } = await alternate(sizes.dataRuns, [
    { cmd: node, args: [path.join(root, "bench/csv-baseline.mjs"), path.join(dir, "survey.csv")], expect: [0] },
    { cmd: node, args: [BIN, "validate", "map.yaml"], opts: { cwd: dir }, expect: [0] },
  ]);
  const ratio = median(times[1]) / median(times[0]);
  row("data", "load average (1 min) before / after the alternating runs", `${load0} / ${loadavg()[0].toFixed(2)}`);
  row("data", `csv-parse alone, ${sizes.dataRows} rows × 20 columns (${mb} MB)`, stats(times[0]));
  row("data", "cjm validate: the map's NPS, CSAT, CES, quotes, segments", stats(times[1]), `${ratio.toFixed(2)}×`, "≤ 1.5×", ratio <= 1.5 ? "yes" : "no");
  // On a shared machine wall time swings with the neighbours' load; CPU time is what each side spent.
  const cpu = results.map((rs) => median(rs.map((r) => r.cpuMs)));
  row("data", "CPU time (user + system): csv-parse alone / cjm validate", `${fmtMs(cpu[0])} / ${fmtMs(cpu[1])}`, `${(cpu[1] / cpu[0]).toFixed(2)}×`, "≤ 1.5×", cpu[1] / cpu[0] <= 1.5 ? "yes" : "no");
  row("data", "peak RSS: csv-parse alone / cjm validate", `${median(results[0].map((r) => r.rssMb)).toFixed(0)} MB / ${median(results[1].map((r) => r.rssMb)).toFixed(0)} MB`);
  // Bounded memory: the peak RSS must not grow with the file. A quarter of the rows, both sides
  // alternating again, beside the full size.
  const smallDir = path.join(work, "data-small");
  mkdirSync(smallDir, { recursive: true });
  const smallRows = Math.max(1, Math.round(sizes.dataRows / 4));
  await writeSurvey(path.join(smallDir, "survey.csv"), smallRows);
  writeFileSync(path.join(smallDir, "map.yaml"), SURVEY_MAP);
  const small = await alternate(Math.min(3, sizes.dataRuns), [
    { cmd: node, args: [path.join(root, "bench/csv-baseline.mjs"), path.join(smallDir, "survey.csv")], expect: [0] },
    { cmd: node, args: [BIN, "validate", "map.yaml"], opts: { cwd: smallDir }, expect: [0] },
  ]);
  const rss = (rs) => median(rs.map((r) => r.rssMb));
  const growth = rss(results[1]) / rss(small.results[1]);
  row("data", `peak RSS, ${smallRows} rows → ${sizes.dataRows} rows: csv-parse alone / cjm validate`, `${rss(small.results[0]).toFixed(0)}→${rss(results[0]).toFixed(0)} MB / ${rss(small.results[1]).toFixed(0)}→${rss(results[1]).toFixed(0)} MB`, `${growth.toFixed(2)}× for 4×`, "≤ 1.2×", growth <= 1.2 ? "yes" : "no");
  const capped = await run(node, ["--max-old-space-size=48", BIN, "validate", "map.yaml"], { cwd: dir });
  row("data", "cjm validate with V8's old space capped at 48 MB (memory stays bounded)", capped.code === 0 ? `passes, ${fmtMs(capped.ms)}` : `exit ${capped.code}`, "", "passes", capped.code === 0 ? "yes" : "no");
}

if (only.includes("serve")) {
  // Save → update, as a page open in `cjm serve` sees it: from the write of the file to the event
  // on the stream and the page fetched again holding the new title.
  const { get } = await import("node:http");
  const dir = path.join(work, "serve");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "map.yaml");
  const base = generateMap(11, { id: "served" });
  writeFileSync(file, base);
  const child = spawn(node, [BIN, "serve", dir, "--port", "0"], { cwd: work, stdio: ["ignore", "ignore", "pipe"] });
  const port = await new Promise((resolve, reject) => {
    let log = "";
    child.stderr.setEncoding("utf8").on("data", (d) => {
      log += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(log);
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", (code) => reject(new Error(`cjm serve exited ${code}: ${log}`)));
  });
  const headers = { host: `127.0.0.1:${port}` };
  const fetchText = (p) => new Promise((resolve, reject) => get({ host: "127.0.0.1", port, path: p, headers, agent: false }, (res) => {
    let body = "";
    res.setEncoding("utf8").on("data", (d) => (body += d)).on("end", () => resolve(body));
  }).on("error", reject));
  let onEvent = () => undefined;
  const stream = get({ host: "127.0.0.1", port, path: "/__cjm/events", headers }, (res) => {
    res.setEncoding("utf8").on("data", (chunk) => {
      for (const m of chunk.matchAll(/^data: (\d+)$/gm)) onEvent(Number(m[1]));
    });
  });
  await new Promise((r) => setTimeout(r, 300));
  const times = [];
  for (let i = 0; i < sizes.serveSaves; i++) {
    const title = `Served title ${i}`;
    const event = new Promise((r) => (onEvent = r));
    const start = process.hrtime.bigint();
    writeFileSync(file, base.replace(/^title: .*$/m, `title: ${title}`));
    await event;
    const page = await fetchText("/served.html");
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (!page.includes(title)) throw new Error(`cjm serve: the page does not show "${title}" after the update`);
    times.push(ms);
    await new Promise((r) => setTimeout(r, 150));
  }
  stream.destroy();
  child.kill("SIGINT");
  await new Promise((r) => child.on("exit", r));
  const m = median(times);
  row("serve", "save → page updated (event + page fetched again), 1 map", stats(times), "", "≤ 300 ms", SMOKE ? "" : m <= 300 ? "yes" : "no");
}

if (only.includes("rev")) {
  if (!REV) throw new Error("--only rev needs --rev <commit>");
  const runs = Number(flag("--runs") ?? (SMOKE ? 1 : 5));
  const commit = execFileSync("git", ["rev-parse", "--verify", `${REV}^{commit}`], { cwd: root, encoding: "utf8" }).trim();
  const tree = path.join(work, `rev-${commit.slice(0, 7)}`);
  execFileSync("git", ["worktree", "add", "--detach", tree, commit], { cwd: root, stdio: "ignore" });
  try {
    // The revision's own dependencies would be a fresh install: this tree's node_modules serves
    // (the bench measures cjm's code, not its dependencies' versions).
    execFileSync("ln", ["-s", path.join(root, "node_modules"), path.join(tree, "node_modules")]);
    execFileSync(node, [path.join(tree, "scripts/build.mjs")], { cwd: tree, stdio: "ignore" });
    // The revision's own bin (its file name changed: bin/cjm.js before the CommonJS entry).
    const binOf = (dir) => {
      const bin = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).bin;
      return path.join(dir, typeof bin === "string" ? bin : bin.cjm);
    };
    const theirs = binOf(tree);
    const label = commit.slice(0, 7);
    const one = path.join(work, "rev-one.yaml");
    writeFileSync(one, generateMap(7));
    const cold = (bin, cmd) =>
      cmd === "validate"
        ? { cmd: node, args: [bin, "validate", one], expect: [0] }
        : { cmd: node, args: [bin, "render", one, "--format", "markdown", "--out", path.join(work, "rev-cold-out")], expect: [0] };
    const compare = (what, ours, them, times) => {
      const ratio = median(times[0]) / median(times[1]);
      row("rev", `${what}: this tree`, stats(times[0]), `${ratio.toFixed(3)}× ${label}`, "≤ 1.05×", ratio <= 1.05 ? "yes" : "no");
      row("rev", `${what}: ${label}`, stats(times[1]));
    };
    const coldRuns = Math.max(runs, SMOKE ? 1 : 10);
    for (const cmd of ["validate", "render"]) {
      const { times } = await alternate(coldRuns, [cold(BIN, cmd), cold(theirs, cmd)]);
      compare(`cold cjm ${cmd} one.yaml (${coldRuns} runs each)`, BIN, theirs, times);
    }
    const maps = SMOKE ? 20 : 1000;
    const dir = path.join(work, "rev-batch");
    writeMaps(dir, maps);
    // Each side writes to a folder of its own (one shared folder made every run rename ~6,000
    // files over the other side's different ones: a third case, timed in neither), and the disk's
    // pending writes are flushed before each run (untimed), so no run pays for the one before.
    // Two real cases: a fresh folder (a CI checkout), and the folder of that side's own last run
    // (rendering again after an edit: cjm leaves the outputs whose bytes did not change).
    const outOf = (bin) => path.join(work, bin === BIN ? "rev-batch-out-ours" : "rev-batch-out-theirs");
    const batch = (bin, jobs, fresh) => ({
      cmd: node,
      args: [bin, "render", dir, "--format", "markdown,mermaid,html", "--out", outOf(bin), "--jobs", String(jobs)],
      opts: { cwd: work },
      expect: [0],
      before: () => {
        if (fresh) rmSync(outOf(bin), { recursive: true, force: true });
        execFileSync("sync");
      },
    });
    for (const fresh of [true, false]) {
      for (const jobs of [1, 2]) {
        if (!fresh) for (const bin of [BIN, theirs]) await primed(batch(bin, jobs, true).args);
        const { times } = await alternate(runs, [batch(BIN, jobs, fresh), batch(theirs, jobs, fresh)]);
        compare(`${maps}-map batch, --jobs ${jobs}, ${fresh ? "into an empty folder" : "again into its last outputs"} (${runs} runs each)`, BIN, theirs, times);
      }
    }
  } finally {
    execFileSync("git", ["worktree", "remove", "--force", tree], { cwd: root, stdio: "ignore" });
  }
}

if (only.includes("cache")) {
  // --cache on a portfolio: the full run, then the same run after one map was edited (alternating:
  // each warm run is preceded by a fresh edit of one map, so it always has one map to redo).
  const maps = SMOKE ? 20 : 1000;
  const dir = path.join(work, "cache-maps");
  writeMaps(dir, maps);
  const cacheDir = path.join(work, "cache-user");
  const out = path.join(work, "cache-out");
  const args = ["render", dir, "--format", "markdown,mermaid,html", "--out", out, "--jobs", "1"];
  const env = { CJM_CACHE_DIR: cacheDir };
  const full = [];
  const warm = [];
  const runs = SMOKE ? 1 : 3;
  for (let i = 0; i < runs; i++) {
    rmSync(cacheDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
    full.push((await run(node, [BIN, ...args, "--cache"], { env })).ms);
    const one = path.join(dir, "map-00007.yaml");
    writeFileSync(one, readFileSync(one, "utf8").replace(/^title: .*$/m, `title: Edited ${i}`));
    warm.push((await run(node, [BIN, ...args, "--cache"], { env })).ms);
  }
  const ratio = median(warm) / median(full);
  row("cache", `${maps} maps, full run (cold cache)`, stats(full));
  row("cache", `${maps} maps, one edited, --cache`, stats(warm), `${(ratio * 100).toFixed(1)} % of the full run`, "< 10 %", ratio < 0.1 ? "yes" : "no");
}

if (only.includes("lsp")) {
  // The language server over stdio, as an editor drives it (bench/lsp.mjs).
  const { benchLsp } = await import("./lsp.mjs");
  for (const r of await benchLsp(SMOKE)) {
    row("lsp", `${r.steps} steps: change → diagnostics`, fmtMs(r.change), `parse ${fmtMs(r.parse)}, ${fmtMs(r.change - r.parse)} above it`, r.steps <= 500 ? "≤ 300 ms" : "parse + 300 ms", r.steps <= 500 ? (r.change <= 300 ? "yes" : "no") : r.change - r.parse <= 300 ? "yes" : "no");
    row("lsp", `${r.steps} steps: definition / references / hover`, `${fmtMs(r.def)} / ${fmtMs(r.refs)} / ${fmtMs(r.hover)}`, "", "≤ 50 ms", Math.max(r.def, r.refs, r.hover) <= 50 ? "yes" : "no");
  }
}

rmSync(work, { recursive: true, force: true });

// RESULTS.md holds complete runs only: a smoke run or a partial one (--only) just prints.
if (!SMOKE && !args.includes("--only") && !REV) {
  const chromiumVersion = (() => {
    try {
      return execFileSync("chromium", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return "chromium: not found";
    }
  })();
  const table = [
    "| section | what | median (min–max) | ratio | goal | met |",
    "|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.section} | ${r.what} | ${r.figure} | ${r.ratio} | ${r.goal} | ${r.met} |`),
  ].join("\n");
  // Hand-written notes below the table (sections from the first "## " heading) are kept.
  const resultsFile = path.join(root, "bench/RESULTS.md");
  const previous = existsSync(resultsFile) ? readFileSync(resultsFile, "utf8") : "";
  const notesAt = previous.search(/^## /m);
  const notes = notesAt >= 0 ? `\n${previous.slice(notesAt)}` : "";
  writeFileSync(
    resultsFile,
    `# Benchmark results\n\nMade by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}.\n\n` +
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Linux ${release()}, Node ${process.version}, ${chromiumVersion}. ` +
      "Shared and noisy: read the ratios (both sides measured alternately in one run), not the absolute times.\n\n" +
      `${table}\n${notes}`,
  );
  console.log("\nwrote bench/RESULTS.md");
}
