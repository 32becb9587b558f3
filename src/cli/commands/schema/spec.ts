import type { CommandSpec } from "../../command.js";

export const schema: CommandSpec = {
  name: "schema",
  summary: "print the JSON Schema of journey files",
  options: [{ flags: "--persona", description: "print the schema of a persona file instead", default: false }],
  examples: "\nExample:\n  $ cjm schema > journey.schema.json",
  handler: async () => (await import("./handler.js")).schemaCommand,
};
