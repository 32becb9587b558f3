import { REPORTERS } from "../../../diagnostics/formatters/index.js";
import { INPUT_OPTIONS, PATHS_ARGUMENT, type CommandSpec } from "../../command.js";

export const validate: CommandSpec = {
  name: "validate",
  summary: "check journey maps and report every problem at file:line:col",
  description: "Check journey maps against the cjm format and its rules. Folders are searched for .yaml, .yml and .json files that declare `cjm:`; `-` reads standard input.",
  arguments: [PATHS_ARGUMENT],
  options: [
    { flags: "-f, --format <format>", description: "how to report problems", choices: REPORTERS, default: "pretty" },
    { flags: "--strict", description: "fail on warnings too", default: false },
    { flags: "-q, --quiet", description: "report errors only, not warnings", default: false },
    ...INPUT_OPTIONS,
  ],
  examples: `
Examples:
  $ cjm validate journey.yaml
  $ cjm validate journeys/ --strict
  $ cjm validate journeys/ --format github     annotations on a GitHub pull request
  $ cjm validate journeys/ --format sarif > cjm.sarif
  $ cat journey.yaml | cjm validate -`,
  handler: async () => (await import("./handler.js")).validateCommand,
};
