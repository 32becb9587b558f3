import { appendFile } from "node:fs/promises";
import path from "node:path";
import { loadFormatter, type ReporterName } from "../diagnostics/formatters/index.js";
import type { DiagnosticReport, FormatOptions } from "../diagnostics/report.js";
import { messageLanguage } from "../i18n/lang.js";
import { gitTopLevel, projectRoot } from "../load/root.js";
import { UsageError, type Io } from "./io.js";

/**
 * Options of the machine formats: file names are resolved from the working directory and made
 * relative to the repository root, the git top level (else the project root: `--root`, the folder
 * of the nearest `cjm.config.*`, or the working directory), so annotations and SARIF URIs point at the same file from any folder.
 */
export function formatOptions(io: Io, toolVersion: string, color: boolean, root?: string): FormatOptions {
  return {
    color,
    toolVersion,
    cwd: io.cwd,
    repoRoot: gitTopLevel(io.cwd) ?? projectRoot(path.join(io.cwd, "-"), { root, cwd: io.cwd }),
    lang: messageLanguage(io.lang, io.env),
  };
}

/** With `--format github` in a GitHub Actions job, the full list when annotations were cut. */
export async function writeStepSummary(io: Io, reporter: ReporterName, report: DiagnosticReport, options: FormatOptions): Promise<void> {
  const file = io.env["GITHUB_STEP_SUMMARY"];
  if (reporter !== "github" || !file) return;
  const { githubStepSummary } = await import("../diagnostics/formatters/github.js");
  const markdown = githubStepSummary(report, options);
  if (markdown === undefined) return;
  try {
    await appendFile(file, markdown + "\n");
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new UsageError(
      { en: `cannot write the step summary \`${file}\`: ${why}`, fr: `impossible d'écrire le résumé de job \`${file}\` : ${why}` },
      {
        en: "GITHUB_STEP_SUMMARY names a file the runner creates; unset it outside GitHub Actions",
        fr: "GITHUB_STEP_SUMMARY nomme un fichier que crée le runner ; retirez-la hors de GitHub Actions",
      },
    );
  }
}

/**
 * The report format a command line asks for (`validate --format`, `render --reporter`), read from
 * the raw arguments: a usage error may stop the parser before it gets there.
 */
export function requestedReporter(argv: readonly string[]): ReporterName | undefined {
  const command = argv[0];
  const flags = command === "validate" ? ["-f", "--format"] : command === "render" ? ["--reporter"] : [];
  let found: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") break;
    for (const f of flags) {
      if (a === f) found = argv[i + 1];
      else if (a.startsWith(`${f}=`)) found = a.slice(f.length + 1);
      else if (f.length === 2 && a.startsWith(f) && !a.startsWith("--")) found = a.slice(2);
    }
  }
  return found === "json" || found === "sarif" || found === "github" || found === "pretty" ? found : undefined;
}

/** What stdout gets on a usage error when a machine format was asked for: a valid report with no results. */
export async function emptyReport(reporter: ReporterName, io: Io, toolVersion: string): Promise<string | undefined> {
  if (reporter !== "json" && reporter !== "sarif") return undefined;
  const format = await loadFormatter(reporter);
  return format({ diagnostics: [], sources: new Map(), filesChecked: 0 }, formatOptions(io, toolVersion, false));
}
