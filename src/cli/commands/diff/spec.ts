import { localeOption, ROOT_OPTION, type CommandSpec } from "../../command.js";

export const diff: CommandSpec = {
  name: "diff",
  summary: "what changed for the customer between two versions of a map",
  description:
    "Compare two maps, matched by id: stages and steps added, removed, renamed, moved; emotion per step and persona; pains, touchpoints, opportunities, metrics and evidence. An as-is map against its to-be map reads as-is → to-be. Old versions are read through git, persona files too.",
  arguments: [
    { name: "<old>", description: "a map file, a git revision, <rev>..<rev>, or <rev>...<rev> (from where the second branched)" },
    { name: "<new>", description: "a map file" },
  ],
  options: [
    { flags: "-f, --format <format>", description: "pretty (terminal), markdown (a pull-request comment) or json", choices: ["pretty", "markdown", "json"], default: "pretty" },
    { flags: "--exit-code", description: "exit 1 when anything differs, like git diff --exit-code", default: false },
    localeOption("language of the labels (default: the new map's)"),
    ROOT_OPTION,
  ],
  examples: `
Examples:
  $ cjm diff as-is.yaml to-be.yaml
  $ cjm diff main journeys/onboarding.yaml                 the file on main against your copy
  $ cjm diff v1..v2 journeys/onboarding.yaml --format markdown > comment.md
  $ cjm diff HEAD~1..HEAD journeys/onboarding.yaml --format json`,
  handler: async () => (await import("./handler.js")).diffCommand,
};
