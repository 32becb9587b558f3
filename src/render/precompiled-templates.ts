import { pathToFileURL } from "node:url";
import { packageFile } from "../load/package-files.js";

/** The built-in templates precompiled by the build (dist/templates-precompiled.js). The CLI bundle
 * replaces this module with that file itself (scripts/build.mjs), so no module is loaded at run time. */
export async function loadPrecompiledTemplates(): Promise<unknown> {
  return ((await import(pathToFileURL(packageFile("dist/templates-precompiled.js")).href)) as { PRECOMPILED: unknown }).PRECOMPILED;
}
