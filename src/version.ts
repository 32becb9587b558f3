import { readFileSync } from "node:fs";
import { packageFile } from "./load/package-files.js";

/** cjm's version, from its package.json: reports and SARIF name it. */
export const VERSION = (JSON.parse(readFileSync(packageFile("package.json"), "utf8")) as { version: string }).version;
