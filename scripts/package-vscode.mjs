// Builds the VS Code extension (editors/vscode) into a .vsix: the client bundled with esbuild (no
// node_modules in the package), then `vsce package`. Nothing is published.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const dir = fileURLToPath(new URL("../editors/vscode/", import.meta.url));
const out = process.argv[2] ?? `${dir}cjm-journeys.vsix`;
const esbuild = await import("esbuild");
await esbuild.build({
  entryPoints: [`${dir}src/extension.ts`],
  outfile: `${dir}dist/extension.js`,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node18",
  external: ["vscode"],
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});
const vsce = require.resolve("@vscode/vsce/vsce");
execFileSync(process.execPath, [vsce, "package", "--no-dependencies", "--out", out], { cwd: dir, stdio: ["ignore", "inherit", "inherit"] });
