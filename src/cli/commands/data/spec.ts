import { MAX_DATA_SIZE_OPTION, type CommandSpec } from "../../command.js";

export const data: CommandSpec = {
  name: "data",
  summary: "look into survey exports and funnels before measuring them",
  commands: [
    {
      name: "inspect",
      summary: "the detected format, the columns and a `data:` entry to paste",
      description:
        "Read a survey export or funnel (CSV, TSV, UTF-16 text or .xlsx) and print its detected format,\nits columns (the range of answer-scale columns; text columns by name and count only, never\ntheir values) and a suggested `data:` entry for a map.",
      arguments: [{ name: "<file>", description: "the data file" }],
      options: [{ ...MAX_DATA_SIZE_OPTION, description: "largest data file read, in MB" }],
      examples: "\nExample:\n  $ cjm data inspect data/survey-2026-q3.csv",
      handler: async () => (await import("./handler.js")).dataInspectCommand,
    },
  ],
};
