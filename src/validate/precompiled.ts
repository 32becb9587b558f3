import { createRequire } from "node:module";
import { packageFile } from "../load/package-files.js";

/** The validators written by the build. The CLI bundle replaces this module with the file itself
 * (scripts/build.mjs), so they are compiled once with the rest of the CLI's code cache. */
export function precompiledValidators(): unknown {
  return createRequire(import.meta.url)(packageFile("dist/validate/validators.cjs"));
}
