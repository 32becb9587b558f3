// Build: compile TypeScript to dist/, then write the schema's validators as standalone code so the
// CLI never compiles the schema at startup.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);

rmSync(`${root}dist`, { recursive: true, force: true });
const tsc = `${root}node_modules/typescript/bin/tsc`;
execFileSync(process.execPath, [tsc, "-p", `${root}tsconfig.json`], {
  stdio: "inherit",
  cwd: root,
});

const { createAjv, VALIDATOR_REFS } = await import(`${root}dist/validate/validators.js`);
const standaloneCode = require("ajv/dist/standalone").default;
const ajv = createAjv();
for (const ref of Object.values(VALIDATOR_REFS)) ajv.getSchema(ref);
mkdirSync(`${root}dist/validate`, { recursive: true });
writeFileSync(`${root}dist/validate/validators.cjs`, standaloneCode(ajv, VALIDATOR_REFS));

// The CLI as one bundle (commands split into chunks loaded on demand): module resolution was most
// of the start-up time. The library entry (dist/index.js) stays as compiled by tsc.
const esbuild = await import("esbuild");
await esbuild.build({
  entryPoints: { run: `${root}src/cli/run.ts`, worker: `${root}src/batch/worker.ts` },
  outdir: `${root}dist/bundle`,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "chunk-[hash]",
  external: ["puppeteer", "puppeteer-core", "@mermaid-js/mermaid-cli"],
  banner: { js: 'import { createRequire as __cjmRequire } from "node:module"; const require = __cjmRequire(import.meta.url);' },
  legalComments: "none",
  logLevel: "warning",
});
