import path from "node:path";
import { findConfig, loadConfig, type ProjectConfig } from "../config/config.js";
import { localize } from "../diagnostics/diagnostic.js";
import { loadFormatter } from "../diagnostics/formatters/index.js";
import { messageLanguage } from "../i18n/lang.js";
import { colorEnabled, UsageError, type Io } from "./io.js";
import { VERSION } from "../version.js";

/**
 * The project config found upward from the working directory, if any. An invalid one is reported
 * like any input (file:line:col, code frame) and stops the run with exit 2: a broken environment.
 */
export async function projectConfig(io: Io, maxFileBytes?: number): Promise<ProjectConfig | undefined> {
  const file = findConfig(io.cwd);
  if (!file) return undefined;
  const name = path.relative(io.cwd, file) || file;
  const result = await loadConfig(file, name, maxFileBytes);
  if (result.config) return result.config;
  const pretty = await loadFormatter("pretty");
  const lang = messageLanguage(io.lang, io.env);
  const text = await pretty(
    { diagnostics: result.diagnostics.map((d) => localize(d, lang)), sources: new Map(result.text !== undefined ? [[name, result.text]] : []), filesChecked: 0 },
    { color: colorEnabled(io, io.stderrIsTTY), toolVersion: VERSION, lang },
  );
  io.stderr(text.replace(/\n\n[^\n]* (in|dans) 0 (journeys|parcours)\n$/, "\n"));
  throw new UsageError(
    { en: `the project config \`${name}\` is invalid`, fr: `la configuration du projet \`${name}\` est invalide` },
    { en: "fix it, or move it away to run with the defaults", fr: "corrigez-la, ou déplacez-la pour utiliser les réglages par défaut" },
  );
}
