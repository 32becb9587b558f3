import { localeOption, type CommandSpec } from "../../command.js";

export const init: CommandSpec = {
  name: "init",
  summary: "write a starter journey map",
  description: "Write a starter journey map with the stages of the source texts. Never overwrites a file.",
  arguments: [{ name: "[file]", description: "where to write it (`-` for standard output; default journey.yaml)" }],
  options: [
    { flags: "--stages <set>", description: "five: awareness → advocacy; seven: discovery → recommendation", choices: ["five", "seven"], default: "five" },
    localeOption("language of the stage names and report labels", "en"),
    { flags: "--title <title>", description: "the map's title" },
    { flags: "--data <file>", description: "start from a survey export or funnel: its measures go in a `data:` block" },
    { flags: "--editor", description: "also associate the schema with the project's maps in .vscode/settings.json (yaml.schemas; comments kept)" },
  ],
  examples: `
Examples:
  $ cjm init
  $ cjm init parcours.yaml --locale fr --stages seven
  $ cjm init checkout.yaml --data data/survey-2026-q3.csv
  $ cjm init --editor                       set up VS Code for the maps already there`,
  handler: async () => (await import("./handler.js")).initCommand,
};
