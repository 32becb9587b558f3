import path from "node:path";
import { hasErrors, bilingual, type Diagnostic } from "../diagnostics/diagnostic.js";
import { parseSource } from "../load/parse.js";
import { readInput } from "../load/read.js";
import { CONFIG_NAMES, findConfigAbove, gitTopLevel, realPathOf, staysInside } from "../load/root.js";
import type { CjmProjectConfiguration } from "./config.generated.js";
import { schemaDiagnostics } from "../validate/schema-errors.js";
import type { SeverityOverrides } from "../validate/severity.js";
import { validators } from "../validate/validators.js";

export { CONFIG_NAMES };

/** The named fields of a generated type, without the `x-` index signature. */
type Known<T> = { [K in keyof T as string extends K ? never : K]: T[K] };

/**
 * A project's defaults, paths resolved against the config file's folder. The fields are those of
 * schemas/config.schema.json (config.generated.ts, `npm run gen:types`); rule severities keyed by
 * rule code.
 */
export type ProjectConfig = { file: string } & Omit<Known<CjmProjectConfiguration>, "rules"> & { rules?: SeverityOverrides };

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
 * from outside its own folder: `out:` and `templates:` must stay inside it, symbolic links
 * resolved (the command line may name any folder).
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
  const data = parsed.data as Omit<ProjectConfig, "file">;
  const dir = path.dirname(file);
  const config: ProjectConfig = { file, ...data };
  const escapes: Diagnostic[] = [];
  for (const key of ["out", "templates"] as const) {
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
          {
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
  if (escapes.length > 0) return { diagnostics: escapes, text: parsed.source.text, name: displayName };
  return { config, diagnostics: parsed.diagnostics.filter((d) => !hasErrors([d])) };
}
