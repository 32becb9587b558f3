// The floor cjm's batch is compared with: read and parse every map with the yaml package, in one
// process, doing nothing else.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

const dir = process.argv[2];
let count = 0;
for (const name of readdirSync(dir).sort()) {
  if (!name.endsWith(".yaml")) continue;
  parse(readFileSync(path.join(dir, name), "utf8"));
  count++;
}
if (count === 0) throw new Error(`no .yaml file in ${dir}`);
