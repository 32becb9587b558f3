import { readFile } from "node:fs/promises";
import path from "node:path";
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { parseSource } from "../load/parse.js";
import { CONFIG_NAMES, findConfigAbove } from "../load/root.js";
import type { Locale } from "../model/types.js";
import type { DiagramKind, OutputFormat } from "../render/render.js";
import { schemaDiagnostics } from "../validate/schema-errors.js";
import type { SeverityOverrides } from "../validate/severity.js";
import { validators } from "../validate/validators.js";

export { CONFIG_NAMES };

/** A project's defaults, paths resolved against the config file's folder. */
export interface ProjectConfig {
  file: string;
  formats?: OutputFormat[];
  out?: string;
  locale?: Locale;
  templates?: string;
  diagrams?: DiagramKind[];
  index?: boolean;
  rules?: SeverityOverrides;
}

export interface ConfigResult {
  config?: ProjectConfig;
  diagnostics: Diagnostic[];
  /** The file's text and shown name, for code frames when it has errors. */
  text?: string;
  name?: string;
}

/**
 * The nearest config file from `cwd` upward, or none. The search stops at the git top level (or
 * the home folder outside git): a config above the repository never applies to it.
 */
export function findConfig(cwd: string): string | undefined {
  return findConfigAbove(cwd);
}

/** Reads and checks a config file: located diagnostics like any input, never an exception. */
export async function loadConfig(file: string, displayName: string): Promise<ConfigResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    return { diagnostics: [{ severity: "error", code: "file-unreadable", message: `config file cannot be read (${(e as NodeJS.ErrnoException).code ?? e})`, file: displayName }] };
  }
  const parsed = parseSource(bytes, displayName, file);
  if (!parsed.data) return { diagnostics: parsed.diagnostics, text: parsed.source.text, name: displayName };
  const validate = validators().config;
  if (!validate(parsed.data)) {
    const diagnostics = schemaDiagnostics(validate.errors ?? [], parsed.data, parsed.source);
    return { diagnostics, text: parsed.source.text, name: displayName };
  }
  const data = parsed.data as Omit<ProjectConfig, "file">;
  const dir = path.dirname(file);
  const config: ProjectConfig = { file, ...data };
  if (data.out !== undefined) config.out = path.resolve(dir, data.out);
  if (data.templates !== undefined) config.templates = path.resolve(dir, data.templates);
  return { config, diagnostics: parsed.diagnostics.filter((d) => !hasErrors([d])) };
}
