import { Command, CommanderError } from "commander";
import { VERSION } from "../version.js";
import { messageLanguage } from "../i18n/lang.js";
import { commanderErrorText, commandPath, langFlag } from "./commander-errors.js";
import { addCommand, LANG_OPTION, makeOption, type CommandSpec, type Handler } from "./command.js";
import { data } from "./commands/data/spec.js";
import { diff } from "./commands/diff/spec.js";
import { exportSpec } from "./commands/export/spec.js";
import { importSpec } from "./commands/import/spec.js";
import { index } from "./commands/index/spec.js";
import { init } from "./commands/init/spec.js";
import { lsp } from "./commands/lsp/spec.js";
import { render } from "./commands/render/spec.js";
import { schema } from "./commands/schema/spec.js";
import { serve } from "./commands/serve/spec.js";
import { validate } from "./commands/validate/spec.js";
import { EXIT, UsageError, usageErrorText, type Io } from "./io.js";

/** The commands, in the order `cjm --help` lists them. */
const COMMANDS: readonly CommandSpec[] = [validate, render, index, diff, schema, init, data, lsp, serve, importSpec, exportSpec];

/**
 * Parses the command line and dispatches to one command module, loaded only when that command
 * runs. Returns the exit code: 0 clean, 1 invalid input, 2 usage error or broken environment.
 */
export async function main(given: Io): Promise<number> {
  let exitCode: number = EXIT.ok;
  // Whether a report reached stdout: a usage error with a machine format still owes it one.
  let wroteStdout = false;
  const io: Io = { ...given, stdout: (text) => ((wroteStdout = true), given.stdout(text)) };
  // Read before parsing: commander's own errors come before any action and follow `--lang` too.
  const flag = langFlag(io.argv);
  if (flag === "en" || flag === "fr") io.lang = flag;
  const program = new Command("cjm")
    .description("Customer journey maps as code: validate YAML journey maps and compile them to Mermaid, Markdown, HTML, SVG, PNG and PDF.")
    .version(VERSION, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help for a command")
    .addOption(makeOption(LANG_OPTION))
    .hook("preAction", (program) => {
      const lang = program.opts()["lang"] as string | undefined;
      if (lang !== undefined) io.lang = lang;
    })
    .showSuggestionAfterError(true)
    // commander's errors are printed by `failed`, in the run's language.
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s), outputError: () => undefined })
    .exitOverride()
    .addHelpText(
      "after",
      `
Examples:
  $ cjm init journey.yaml --locale fr     start a map (French labels, five stages)
  $ cjm validate journeys/                check every map under journeys/
  $ cjm render journey.yaml               write the Markdown report and Mermaid diagrams to out/
  $ cjm render journeys/ --format html    one HTML report per map
  $ cjm schema > journey.schema.json      the JSON Schema, for editors and other tools

Exit codes: 0 no errors, 1 invalid input, 2 usage error or broken environment.
Docs: README.md and docs/ in the package.`,
    );

  const run = (load: () => Promise<Handler>) =>
    async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      const handler = await load();
      const explicit = new Set(Object.keys(command.opts()).filter((k) => command.getOptionValueSource(k) === "cli"));
      exitCode = await handler(io, { args: command.args, options: command.opts(), explicit } as never);
    };

  for (const spec of COMMANDS) addCommand(program, spec, run);

  try {
    await program.parseAsync(io.argv, { from: "user" });
    return exitCode;
  } catch (e) {
    const code = failed(io, e, program);
    if (code === EXIT.usage && !wroteStdout) {
      const { emptyReport, requestedReporter } = await import("./report-output.js");
      const reporter = requestedReporter(io.argv);
      const empty = reporter && (await emptyReport(reporter, io, VERSION).catch(() => undefined));
      if (empty) io.stdout(empty);
    }
    return code;
  }
}

/** The exit code of a run that threw, its message on stderr. */
function failed(io: Io, e: unknown, program: Command): number {
  if (e instanceof CommanderError) {
    if (e.exitCode === 0) return EXIT.ok;
    io.stderr(commanderErrorText(e.message, e.code, messageLanguage(io.lang, io.env), commandPath(program, io.argv)));
    return EXIT.usage;
  }
  if (e instanceof UsageError) {
    io.stderr(usageErrorText(io, e));
    return EXIT.usage;
  }
  const err = e as Error;
  const why = err?.message ?? String(e);
  io.stderr(messageLanguage(io.lang, io.env) === "fr"
    ? `cjm: erreur interne : ${why}\nC'est un bogue de cjm ; merci de le signaler avec le fichier qui l'a provoqué.\n`
    : `cjm: internal error: ${why}\nThis is a bug in cjm; please report it with the file that caused it.\n`);
  if (io.env["CJM_DEBUG"]) io.stderr(`${err?.stack ?? ""}\n`);
  return EXIT.usage;
}
