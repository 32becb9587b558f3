import { Argument, Command, CommanderError, Option } from "commander";
import { REPORTERS } from "../diagnostics/formatters/index.js";
import { VERSION } from "../version.js";
import { messageLanguage, say } from "../i18n/lang.js";
import { EXIT, UsageError, type Io } from "./io.js";


/** Options of the commands that read many maps. */
function inputOptions(command: Command): void {
  command
    .option("--root <dir>", "project folder that persona paths may not leave (default: per map, the folder of the nearest cjm.config.yaml, else the git top level, else the map's folder)")
    .option("--max-size <megabytes>", "largest file read, in MB", "5")
    .option("--max-data-size <megabytes>", "largest data file (survey export, funnel) read, in MB", "200")
    .option("-j, --jobs <n>", "worker threads (default: one per core from 16 files on)");
}

/**
 * Parses the command line and dispatches to one command module, loaded only when that command
 * runs. Returns the exit code: 0 clean, 1 invalid input, 2 usage error or broken environment.
 */
export async function main(given: Io): Promise<number> {
  let exitCode: number = EXIT.ok;
  // Whether a report reached stdout: a usage error with a machine format still owes it one.
  let wroteStdout = false;
  const io: Io = { ...given, stdout: (text) => ((wroteStdout = true), given.stdout(text)) };
  const program = new Command("cjm")
    .description("Customer journey maps as code: validate YAML journey maps and compile them to Mermaid, Markdown, HTML, SVG, PNG and PDF.")
    .version(VERSION, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help for a command")
    .addOption(new Option("--lang <lang>", "language of cjm's messages (default: from LC_ALL, LC_MESSAGES or LANG); report labels follow --locale").choices(["en", "fr"]))
    .hook("preAction", (program) => {
      const lang = program.opts()["lang"] as string | undefined;
      if (lang !== undefined) io.lang = lang;
    })
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
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

  const run = (load: () => Promise<(io: Io, args: never) => Promise<number>>) =>
    async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      const handler = await load();
      const explicit = new Set(Object.keys(command.opts()).filter((k) => command.getOptionValueSource(k) === "cli"));
      exitCode = await handler(io, { args: command.args, options: command.opts(), explicit } as never);
    };

  program
    .command("validate")
    .summary("check journey maps and report every problem at file:line:col")
    .description("Check journey maps against the cjm format and its rules. Folders are searched for .yaml, .yml and .json files that declare `cjm:`; `-` reads standard input.")
    .argument("[paths...]", "files, folders or glob patterns", ["."])
    .addOption(new Option("-f, --format <format>", "how to report problems").choices(REPORTERS).default("pretty"))
    .option("--strict", "fail on warnings too", false)
    .option("-q, --quiet", "report errors only, not warnings", false)
    .addHelpText(
      "after",
      `
Examples:
  $ cjm validate journey.yaml
  $ cjm validate journeys/ --strict
  $ cjm validate journeys/ --format github     annotations on a GitHub pull request
  $ cjm validate journeys/ --format sarif > cjm.sarif
  $ cat journey.yaml | cjm validate -`,
    )
    .action(run(async () => (await import("./commands/validate.js")).validateCommand));
  inputOptions(program.commands.find((c) => c.name() === "validate")!);

  program
    .command("render")
    .summary("compile journey maps to Markdown reports and Mermaid diagrams")
    .description(
      "Compile valid journey maps. Each output is named after the journey's id: <id>.md (Markdown report with the diagrams inline), <id>.journey.mmd, <id>.flow.mmd, <id>.opportunities.mmd (Mermaid), <id>.json (the normalised journey). A map with errors gets its diagnostics and no output; the others are still written.",
    )
    .argument("[paths...]", "files, folders or glob patterns; `-` reads standard input", ["."])
    .option("-f, --format <list>", "comma-separated: markdown, mermaid, html, json, svg, png, pdf", "markdown,mermaid")
    .option("-o, --out <dir>", "output folder, or `-` for standard output (one output only)", "out")
    .addOption(new Option("--locale <locale>", "language of the labels, overriding the file's `locale`").choices(["en", "fr"]))
    .option("-w, --watch", "re-render on save (a persona file re-renders the maps that use it); Ctrl-C stops")
    .option("--cache", "skip maps whose map, persona files, templates and options did not change since the last run into this --out (on with --watch)")
    .option("--cache-location <file>", "the cache file (default: in the user cache folder, never in the repository)")
    .option("-q, --quiet", "report errors only; no summary line")
    .option("--index", "write the portfolio index (index.html, index.md) even for one map; several maps always get it")
    .option("--diagrams <kinds>", "Mermaid diagrams to make: journey, flow, opportunities (default: all)")
    .option("--shard <i/n>", "render only shard i of n (1-based; stable by path hash) and write no index: `cjm index` joins the shards")
    .option("--scale <n>", "pixel density of PNG images", "2")
    .option("--templates <dir>", "folder whose <format>/*.hbs files replace built-in templates of the same name")
    .addOption(new Option("--reporter <format>", "how to report problems").choices(REPORTERS).default("pretty"))
    .option("--strict", "fail on warnings too", false)
    .addHelpText(
      "after",
      `
Examples:
  $ cjm render journey.yaml                         out/<id>.md and out/<id>.*.mmd
  $ cjm render journeys/ --out docs/journeys        mirrors journeys/ and writes index.html, index.md
  $ cjm render journeys/ --format html --watch      re-render on save
  $ cjm render journeys/ --cache                    only what changed since the last run
  $ cjm render journey.yaml --format html          one self-contained HTML report
  $ cjm render maps/ --format svg,png,pdf            diagrams as images, the report as PDF
                                                     (needs Chromium: CJM_CHROME or chromium on PATH)
  $ cjm render journey.yaml --format mermaid --out site/diagrams
  $ cjm render journey.yaml --format markdown --out - > JOURNEY.md
  $ cjm render parcours.yaml --locale en            English labels for a French map
  $ cjm render journey.yaml --templates my-templates   my-templates/markdown/partials/stage.hbs wins
  $ cjm render journeys/ --format html,json --shard 2/4 --out site   one machine of a CI matrix`,
    )
    .action(run(async () => (await import("./commands/render.js")).renderCommand));
  inputOptions(program.commands.find((c) => c.name() === "render")!);

  program
    .command("index")
    .summary("one portfolio index from the JSON models of several render runs (CI shards)")
    .description(
      "Build index.html and index.md from the <id>.json models that `cjm render --format json` wrote,\nfor instance by each machine of a CI matrix (`--shard i/n`). Folders are searched recursively;\nlinks point from the index's folder to each report.",
    )
    .argument("<dirs...>", "folders the render runs wrote to")
    .option("-o, --out <dir>", "where index.html and index.md go (default: the folder, when one is given)")
    .addOption(new Option("--locale <locale>", "language of the labels (default: most maps')").choices(["en", "fr"]))
    .option("-q, --quiet", "no summary line")
    .addHelpText(
      "after",
      `
Examples:
  $ cjm render journeys/ --format html,json --shard 1/2 --out site    on machine 1
  $ cjm render journeys/ --format html,json --shard 2/2 --out site    on machine 2
  $ cjm index site/                                                  once both are in site/`,
    )
    .action(run(async () => (await import("./commands/build-index.js")).indexCommand));

  program
    .command("diff")
    .summary("what changed for the customer between two versions of a map")
    .description(
      "Compare two maps, matched by id: stages and steps added, removed, renamed, moved; emotion per step and persona; pains, touchpoints, opportunities, metrics and evidence. An as-is map against its to-be map reads as-is → to-be. Old versions are read through git, persona files too.",
    )
    .argument("<old>", "a map file, a git revision, <rev>..<rev>, or <rev>...<rev> (from where the second branched)")
    .argument("<new>", "a map file")
    .addOption(new Option("-f, --format <format>", "pretty (terminal), markdown (a pull-request comment) or json").choices(["pretty", "markdown", "json"]).default("pretty"))
    .option("--exit-code", "exit 1 when anything differs, like git diff --exit-code", false)
    .addOption(new Option("--locale <locale>", "language of the labels (default: the new map's)").choices(["en", "fr"]))
    .option("--root <dir>", "project folder that persona paths may not leave")
    .addHelpText(
      "after",
      `
Examples:
  $ cjm diff as-is.yaml to-be.yaml
  $ cjm diff main journeys/onboarding.yaml                 the file on main against your copy
  $ cjm diff v1..v2 journeys/onboarding.yaml --format markdown > comment.md
  $ cjm diff HEAD~1..HEAD journeys/onboarding.yaml --format json`,
    )
    .action(run(async () => (await import("./commands/diff.js")).diffCommand));

  program
    .command("schema")
    .summary("print the JSON Schema of journey files")
    .option("--persona", "print the schema of a persona file instead", false)
    .addHelpText("after", "\nExample:\n  $ cjm schema > journey.schema.json")
    .action(run(async () => (await import("./commands/schema.js")).schemaCommand));

  program
    .command("init")
    .summary("write a starter journey map")
    .description("Write a starter journey map with the stages of the source texts. Never overwrites a file.")
    .argument("[file]", "where to write it (`-` for standard output; default journey.yaml)")
    .addOption(new Option("--stages <set>", "five: awareness → advocacy; seven: discovery → recommendation").choices(["five", "seven"]).default("five"))
    .addOption(new Option("--locale <locale>", "language of the stage names and report labels").choices(["en", "fr"]).default("en"))
    .option("--title <title>", "the map's title")
    .option("--data <file>", "start from a survey export or funnel: its measures go in a `data:` block")
    .option("--editor", "also associate the schema with the project's maps in .vscode/settings.json (yaml.schemas; comments kept)")
    .addHelpText("after", "\nExamples:\n  $ cjm init\n  $ cjm init parcours.yaml --locale fr --stages seven\n  $ cjm init checkout.yaml --data data/survey-2026-q3.csv\n  $ cjm init --editor                       set up VS Code for the maps already there")
    .action(run(async () => (await import("./commands/init.js")).initCommand));

  const data = program.command("data").summary("look into survey exports and funnels before measuring them");
  data
    .command("inspect")
    .summary("the detected format, the columns and a `data:` entry to paste")
    .description(
      "Read a survey export or funnel (CSV, TSV, UTF-16 text or .xlsx) and print its detected format,\nits columns (the range of answer-scale columns; text columns by name and count only, never\ntheir values) and a suggested `data:` entry for a map.",
    )
    .argument("<file>", "the data file")
    .option("--max-data-size <megabytes>", "largest data file read, in MB", "200")
    .addHelpText("after", "\nExample:\n  $ cjm data inspect data/survey-2026-q3.csv")
    .action(run(async () => (await import("./commands/data.js")).dataInspectCommand));

  program
    .command("lsp")
    .summary("run the language server (for editors: diagnostics, go to definition, rename, hover)")
    .description("Run cjm's language server over standard input and output. Editors start it; see docs/editors.md for VS Code, Neovim, Helix and JetBrains.")
    .option("--stdio", "talk JSON-RPC over standard input and output", false)
    .addHelpText("after", "\nExample (what an editor runs):\n  $ cjm lsp --stdio")
    .action(run(async () => (await import("./commands/lsp.js")).lspCommand));

  program
    .command("serve")
    .summary("preview the portfolio and every report in a browser, updated on save")
    .description(
      "Serve the portfolio index and each map's HTML report on 127.0.0.1, rendered in memory as\n`cjm render` renders them. A save (a map, a persona file, a template, the config) updates open\npages by themselves; a map that breaks keeps its last good page, with its problems over it.",
    )
    .argument("[paths...]", "files, folders or glob patterns", ["."])
    .option("-p, --port <n>", "port (default: 4178, or the next free one)")
    .option("--host <address>", "address to listen on; anything but loopback needs --allow-host", "127.0.0.1")
    .option("--allow-host <name...>", "host names the browser may use besides localhost (with --host)")
    .option("--open", "open the browser")
    .addOption(new Option("--locale <locale>", "language of the labels, overriding the files'").choices(["en", "fr"]))
    .option("--templates <dir>", "folder whose <format>/*.hbs files replace built-in templates")
    .option("--root <dir>", "project folder that persona paths may not leave")
    .option("--max-size <megabytes>", "largest file read, in MB", "5")
    .addHelpText("after", "\nExamples:\n  $ cjm serve journeys/\n  $ cjm serve journeys/ --port 8080 --open")
    .action(run(async () => (await import("./commands/serve.js")).serveCommand));

  program
    .command("import")
    .summary("turn a Mermaid journey diagram or a spreadsheet into a journey map")
    .description(
      "Read a Mermaid `journey` diagram (a .mmd file, or ```mermaid blocks in Markdown) or a spreadsheet grid (CSV or XLSX, one row per step, English or French column names) and write the journey map as YAML: to standard output, or to -o <file>.",
    )
    .addArgument(new Argument("<format>", "what the file holds").choices(["mermaid", "csv", "xlsx"]))
    .argument("<file>", "the file to read; `-` reads standard input")
    .option("-o, --output <file>", "write the map there (a folder ending in / for several diagrams) instead of standard output")
    .option("--force", "overwrite an existing output file", false)
    .addOption(new Option("--locale <locale>", "language of the map's labels (default: English; French column names give French)").choices(["en", "fr"]))
    .option("--title <title>", "the map's title (default: the diagram's title, or the file name)")
    .option("--block <n>", "import only the n-th journey diagram of the file")
    .addHelpText(
      "after",
      `
Examples:
  $ cjm import mermaid journey.mmd -o journey.yaml
  $ cjm import mermaid notes.md --block 2 > second.yaml
  $ cjm import mermaid workshop.md -o journeys/     one map per journey diagram
  $ cjm import csv atelier.csv -o parcours.yaml     French column names (phase, étape, fait…)`,
    )
    .action(run(async () => (await import("./commands/import.js")).importCommand));

  program
    .command("export")
    .summary("write a journey map as a spreadsheet grid (CSV or XLSX), for review in a spreadsheet")
    .description(
      "Write the map's grid, one row per step (stage, step, does, thinks, feels, emotion per persona,\ntouchpoints, pains, gains, lanes…), with column names in the map's language. XLSX adds sheets\nfor the map's fields, personas, channels and opportunities. `cjm import` reads it back.",
    )
    .addArgument(new Argument("<format>", "csv or xlsx").choices(["csv", "xlsx"]))
    .argument("<map>", "the journey map; `-` reads standard input")
    .option("-o, --output <file>", "write there instead of standard output")
    .option("--force", "overwrite an existing output file", false)
    .addOption(new Option("--locale <locale>", "language of the column names (default: the map's)").choices(["en", "fr"]))
    .option("--root <dir>", "project folder that persona paths may not leave")
    .option("--max-size <megabytes>", "largest file read, in MB", "5")
    .addHelpText("after", "\nExamples:\n  $ cjm export csv journey.yaml > journey.csv\n  $ cjm export xlsx journey.yaml -o journey.xlsx\n  $ cjm import xlsx journey.xlsx -o journey.yaml --force     after the review")
    .action(run(async () => (await import("./commands/export.js")).exportCommand));

  try {
    await program.parseAsync(io.argv, { from: "user" });
    return exitCode;
  } catch (e) {
    const code = failed(io, e);
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
function failed(io: Io, e: unknown): number {
  if (e instanceof CommanderError) {
    return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (e instanceof UsageError) {
    io.stderr(`cjm: ${e.message}\n${e.help ? `${say(messageLanguage(io.lang, io.env), "help")}: ${e.help}\n` : ""}`);
    return EXIT.usage;
  }
  const err = e as Error;
  io.stderr(`cjm: internal error: ${err?.message ?? String(e)}\nThis is a bug in cjm; please report it with the file that caused it.\n`);
  if (io.env["CJM_DEBUG"]) io.stderr(`${err?.stack ?? ""}\n`);
  return EXIT.usage;
}
