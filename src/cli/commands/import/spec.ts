import { FORCE_OPTION, localeOption, type CommandSpec } from "../../command.js";

export const importSpec: CommandSpec = {
  name: "import",
  summary: "turn a Mermaid journey diagram or a spreadsheet into a journey map",
  description:
    "Read a Mermaid `journey` diagram (a .mmd file, or ```mermaid blocks in Markdown) or a spreadsheet grid (CSV or XLSX, one row per step, English or French column names) and write the journey map as YAML: to standard output, or to -o <file>.",
  arguments: [
    { name: "<format>", description: "what the file holds", choices: ["mermaid", "csv", "xlsx"] },
    { name: "<file>", description: "the file to read; `-` reads standard input" },
  ],
  options: [
    { flags: "-o, --output <file>", description: "write the map there (a folder ending in / for several diagrams) instead of standard output" },
    FORCE_OPTION,
    localeOption("language of the map's labels (default: English; French column names give French)"),
    { flags: "--title <title>", description: "the map's title (default: the diagram's title, or the file name)" },
    { flags: "--block <n>", description: "import only the n-th journey diagram of the file" },
  ],
  examples: `
Examples:
  $ cjm import mermaid journey.mmd -o journey.yaml
  $ cjm import mermaid notes.md --block 2 > second.yaml
  $ cjm import mermaid workshop.md -o journeys/     one map per journey diagram
  $ cjm import csv atelier.csv -o parcours.yaml     French column names (phase, étape, fait…)`,
  handler: async () => (await import("./handler.js")).importCommand,
};
