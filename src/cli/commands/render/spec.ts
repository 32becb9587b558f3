import { REPORTERS } from "../../../diagnostics/formatters/index.js";
import { INPUT_OPTIONS, localeOption, PATHS_ARGUMENT, type CommandSpec } from "../../command.js";

export const render: CommandSpec = {
  name: "render",
  summary: "compile journey maps to Markdown reports and Mermaid diagrams",
  description:
    "Compile valid journey maps. Each output is named after the journey's id: <id>.md (Markdown report with the diagrams inline), <id>.journey.mmd, <id>.flow.mmd, <id>.opportunities.mmd (Mermaid), <id>.json (the normalised journey). A map with errors gets its diagnostics and no output; the others are still written.",
  arguments: [{ ...PATHS_ARGUMENT, description: "files, folders or glob patterns; `-` reads standard input" }],
  options: [
    { flags: "-f, --format <list>", description: "comma-separated: markdown, mermaid, html, json, svg, png, pdf", default: "markdown,mermaid" },
    { flags: "-o, --out <dir>", description: "output folder, or `-` for standard output (one output only)", default: "out" },
    localeOption("language of the labels, overriding the file's `locale`"),
    { flags: "-w, --watch", description: "re-render on save (a persona file re-renders the maps that use it); Ctrl-C stops" },
    { flags: "--cache", description: "skip maps whose map, persona files, templates and options did not change since the last run into this --out (on with --watch)" },
    { flags: "--cache-location <file>", description: "the cache file (default: in the user cache folder, never in the repository)" },
    { flags: "-q, --quiet", description: "report errors only; no summary line" },
    { flags: "--index", description: "write the portfolio index (index.html, index.md) even for one map; several maps always get it" },
    { flags: "--diagrams <kinds>", description: "Mermaid diagrams to make: journey, flow, opportunities (default: all)" },
    { flags: "--shard <i/n>", description: "render only shard i of n (1-based; stable by path hash) and write no index: `cjm index` joins the shards" },
    { flags: "--scale <n>", description: "pixel density of PNG images", default: "2" },
    { flags: "--templates <dir>", description: "folder whose <format>/*.hbs files replace built-in templates of the same name" },
    { flags: "--reporter <format>", description: "how to report problems", choices: REPORTERS, default: "pretty" },
    { flags: "--strict", description: "fail on warnings too", default: false },
    ...INPUT_OPTIONS,
  ],
  examples: `
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
  handler: async () => (await import("./handler.js")).renderCommand,
};
