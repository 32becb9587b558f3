import { FORCE_OPTION, localeOption, MAX_SIZE_OPTION, ROOT_OPTION, type CommandSpec } from "../../command.js";

export const exportSpec: CommandSpec = {
  name: "export",
  summary: "write a journey map as a spreadsheet grid (CSV or XLSX), for review in a spreadsheet",
  description:
    "Write the map's grid, one row per step (stage, step, does, thinks, feels, emotion per persona,\ntouchpoints, pains, gains, lanes…), with column names in the map's language. XLSX adds sheets\nfor the map's fields, personas, channels and opportunities. `cjm import` reads it back.",
  arguments: [
    { name: "<format>", description: "csv or xlsx", choices: ["csv", "xlsx"] },
    { name: "<map>", description: "the journey map; `-` reads standard input" },
  ],
  options: [
    { flags: "-o, --output <file>", description: "write there instead of standard output" },
    FORCE_OPTION,
    localeOption("language of the column names (default: the map's)"),
    ROOT_OPTION,
    MAX_SIZE_OPTION,
  ],
  examples: "\nExamples:\n  $ cjm export csv journey.yaml > journey.csv\n  $ cjm export xlsx journey.yaml -o journey.xlsx\n  $ cjm import xlsx journey.xlsx -o journey.yaml --force     after the review",
  handler: async () => (await import("./handler.js")).exportCommand,
};
