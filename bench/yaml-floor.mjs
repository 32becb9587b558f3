// The floor of a cold `cjm validate one.yaml`: a process that only parses the map with the yaml
// package as cjm does (positions, unique keys), its code bundled into one script and loaded with a
// V8 code cache exactly as cjm's CLI is (src/cli/boot.ts). Whatever cjm costs above this row is
// cjm's own; this row above `node -e ""` is the parser's.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Writes the floor's script into `dir` and returns the path of its loader (run it with the map). */
export async function buildYamlFloor(dir) {
  const esbuild = await import("esbuild");
  mkdirSync(dir, { recursive: true });
  const entry = path.join(dir, "parse.mjs");
  writeFileSync(
    entry,
    `import { readFileSync } from "node:fs";
import { LineCounter, parseDocument } from "yaml";
const text = readFileSync(process.argv[2], "utf8");
const doc = parseDocument(text, { lineCounter: new LineCounter(), schema: "core", prettyErrors: false, uniqueKeys: true, strict: true });
if (doc.errors.length > 0) throw new Error("the map does not parse");
doc.toJS();
`,
  );
  const bundle = path.join(dir, "parse.bundle.cjs");
  await esbuild.build({ entryPoints: [entry], outfile: bundle, bundle: true, format: "cjs", platform: "node", target: "node20", charset: "ascii", logLevel: "warning", nodePaths: [path.join(import.meta.dirname, "..", "node_modules")] });
  const loader = path.join(dir, "floor.cjs");
  writeFileSync(
    loader,
    `const fs = require("node:fs"), vm = require("node:vm"), path = require("node:path");
const bundle = ${JSON.stringify(bundle)}, cacheFile = bundle + ".cache";
let cachedData; try { cachedData = fs.readFileSync(cacheFile); } catch {}
const script = new vm.Script("(function (exports, require, module, __filename, __dirname) {" + fs.readFileSync(bundle, "latin1") + "\\n})", { filename: bundle, cachedData });
const mod = { exports: {} };
script.runInThisContext()(mod.exports, require, mod, bundle, path.dirname(bundle));
if (!cachedData || script.cachedDataRejected) fs.writeFileSync(cacheFile, script.createCachedData());
`,
  );
  return loader;
}
