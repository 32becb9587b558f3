import { localeOption, type CommandSpec } from "../../command.js";

export const index: CommandSpec = {
  name: "index",
  summary: "one portfolio index from the JSON models of several render runs (CI shards)",
  description:
    "Build index.html and index.md from the <id>.json models that `cjm render --format json` wrote,\nfor instance by each machine of a CI matrix (`--shard i/n`). Folders are searched recursively;\nlinks point from the index's folder to each report.",
  arguments: [{ name: "<dirs...>", description: "folders the render runs wrote to" }],
  options: [
    { flags: "-o, --out <dir>", description: "where index.html and index.md go (default: the folder, when one is given)" },
    localeOption("language of the labels (default: most maps')"),
    { flags: "-q, --quiet", description: "no summary line" },
  ],
  examples: `
Examples:
  $ cjm render journeys/ --format html,json --shard 1/2 --out site    on machine 1
  $ cjm render journeys/ --format html,json --shard 2/2 --out site    on machine 2
  $ cjm index site/                                                  once both are in site/`,
  handler: async () => (await import("./handler.js")).indexCommand,
};
