import { stat } from "node:fs/promises";
import path from "node:path";
import { hasErrors, bilingual, type Diagnostic } from "../diagnostics/diagnostic.js";
import { parseSource } from "../load/parse.js";
import { readInput } from "../load/read.js";
import { CONFIG_NAMES, findConfigAbove, gitTopLevel, realPathOf, staysInside } from "../load/root.js";
import type { CjmProjectConfiguration } from "./config.generated.js";
import { schemaDiagnostics } from "../validate/schema-errors.js";
import type { SeverityOverrides } from "../validate/severity.js";
import { validators } from "../validate/validators.js";
import type { CheckOptions } from "../validate/check.js";

export { CONFIG_NAMES };

/** The named fields of a generated type, without the `x-` index signature. */
type Known<T> = { [K in keyof T as string extends K ? never : K]: T[K] };

/**
 * A project's defaults, paths resolved against the config file's folder. The fields are those of
 * schemas/config.schema.json (config.generated.ts, `npm run gen:types`); rule severities keyed by
 * rule code.
 */
export type ProjectConfig = { file: string } & Omit<Known<CjmProjectConfiguration>, "rules"> & {
  rules?: SeverityOverrides;
  /** `rules.stale-data.days`. */
  staleDays?: number;
};

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

/**
 * Reads and checks a config file like any input (a regular file under the size cap; located
 * diagnostics, never an exception). A repository's config may not send outputs or take templates
 * from outside its own folder: `out:`, `templates:` and `benchmarks:` must stay inside it, symbolic
 * links resolved (the command line may name any folder); `benchmarks:` must name a file.
 */
export async function loadConfig(file: string, displayName: string, maxFileBytes?: number): Promise<ConfigResult> {
  // A config linked out of its repository is not read, so never excerpted in a code frame.
  const root = gitTopLevel(path.dirname(file)) ?? path.dirname(file);
  if (!(await staysInside(root, file))) {
    return {
      diagnostics: [
        {
          severity: "error",
          code: "config-path",
          ...bilingual(
            {
              en: "the config file is a symbolic link to a file outside the repository; it was not read",
              fr: "le fichier de configuration est un lien symbolique vers un fichier hors du dépôt ; il n'a pas été lu",
            },
            { en: "replace the link with the config itself", fr: "remplacez le lien par la configuration elle-même" },
          ),
          file: displayName,
          span: { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } },
        },
      ],
    };
  }
  const read = await readInput({ name: displayName, absolutePath: file }, maxFileBytes, await realPathOf(root));
  if ("diagnostic" in read) return { diagnostics: [read.diagnostic] };
  const parsed = parseSource(read.bytes, displayName, file, maxFileBytes === undefined ? {} : { maxFileBytes });
  if (!parsed.data) return { diagnostics: parsed.diagnostics, text: parsed.source.text, name: displayName };
  const validate = validators().config;
  if (!validate(parsed.data)) {
    const diagnostics = schemaDiagnostics(validate.errors ?? [], parsed.data, parsed.source);
    return { diagnostics, text: parsed.source.text, name: displayName };
  }
  const { rules, ...data } = parsed.data as Known<CjmProjectConfiguration>;
  const dir = path.dirname(file);
  const config: ProjectConfig = { file, ...data, ...ruleSettings(rules) };
  const escapes: Diagnostic[] = [];
  for (const key of ["out", "templates", "benchmarks"] as const) {
    const written = data[key];
    if (written === undefined) continue;
    const resolved = path.resolve(dir, written);
    if (!(await staysInside(dir, resolved))) {
      const d: Diagnostic = {
        severity: "error",
        code: "config-path",
        ...bilingual(
          {
            en: `\`${key}: ${written}\` leaves the folder of the config file${path.isAbsolute(written) ? " (an absolute path)" : ""}`,
            fr: `\`${key}: ${written}\` sort du dossier du fichier de configuration${path.isAbsolute(written) ? " (un chemin absolu)" : ""}`,
          },
          key === "benchmarks"
            ? {
                en: "a repository's config names files inside it, e.g. `benchmarks: data/benchmarks.yaml`",
                fr: "la configuration d'un dépôt nomme des fichiers qui sont dedans, par exemple `benchmarks: data/benchmarks.yaml`",
              }
            : {
                en: `a repository's config names folders inside it, e.g. \`${key}: ${key === "out" ? "site" : "templates"}\`; give another folder on the command line (\`--${key} <dir>\`)`,
                fr: `la configuration d'un dépôt nomme des dossiers qui sont dedans, par exemple \`${key}: ${key === "out" ? "site" : "templates"}\` ; donnez un autre dossier en ligne de commande (\`--${key} <dir>\`)`,
              },
        ),
        file: displayName,
        pointer: `/${key}`,
      };
      const span = parsed.source.locate(`/${key}`);
      if (span) d.span = span;
      escapes.push(d);
    }
    config[key] = resolved;
  }
  if (config.benchmarks !== undefined && escapes.length === 0 && !(await isFile(config.benchmarks))) {
    const d: Diagnostic = {
      severity: "error",
      code: "config-path",
      ...bilingual(
        { en: `\`benchmarks: ${data.benchmarks}\` names no file`, fr: `\`benchmarks: ${data.benchmarks}\` ne désigne aucun fichier` },
        {
          en: "write the path of the benchmarks YAML file relative to the config file, or remove the key",
          fr: "écrivez le chemin du fichier YAML de références relativement au fichier de configuration, ou retirez la clé",
        },
      ),
      file: displayName,
      pointer: "/benchmarks",
    };
    const span = parsed.source.locate("/benchmarks", "value");
    if (span) d.span = span;
    escapes.push(d);
  }
  if (escapes.length > 0) return { diagnostics: escapes, text: parsed.source.text, name: displayName };
  return { config, diagnostics: parsed.diagnostics.filter((d) => !hasErrors([d])) };
}

/** The config's `rules:` as severities by rule code, and `stale-data`'s `days` apart. */
function ruleSettings(rules: CjmProjectConfiguration["rules"]): Pick<ProjectConfig, "rules" | "staleDays"> {
  if (rules === undefined) return {};
  const severities: SeverityOverrides = {};
  let staleDays: number | undefined;
  for (const [code, setting] of Object.entries(rules)) {
    if (setting === undefined) continue;
    if (typeof setting === "string") severities[code as keyof SeverityOverrides] = setting;
    else {
      if (setting.severity !== undefined) severities[code as keyof SeverityOverrides] = setting.severity;
      if (setting.days !== undefined) staleDays = setting.days;
    }
  }
  return { rules: severities, ...(staleDays !== undefined && { staleDays }) };
}

/** What a check takes from the project config: rule severities, `stale-data`'s days, the benchmarks file. */
export function checkSettings(config: ProjectConfig | undefined): Pick<CheckOptions, "severities" | "staleDays" | "benchmarks"> {
  if (!config) return {};
  return {
    ...(config.rules !== undefined && { severities: config.rules }),
    ...(config.staleDays !== undefined && { staleDays: config.staleDays }),
    ...(config.benchmarks !== undefined && { benchmarks: { file: config.benchmarks, config: config.file } }),
  };
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}
