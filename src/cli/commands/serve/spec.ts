import { localeOption, MAX_SIZE_OPTION, ROOT_OPTION, PATHS_ARGUMENT, type CommandSpec } from "../../command.js";

export const serve: CommandSpec = {
  name: "serve",
  summary: "preview the portfolio and every report in a browser, updated on save",
  description:
    "Serve the portfolio index and each map's HTML report on 127.0.0.1, rendered in memory as\n`cjm render` renders them. A save (a map, a persona file, a template, the config) updates open\npages by themselves; a map that breaks keeps its last good page, with its problems over it.",
  arguments: [PATHS_ARGUMENT],
  options: [
    { flags: "-p, --port <n>", description: "port (default: 4178, or the next free one)" },
    { flags: "--host <address>", description: "address to listen on; anything but loopback needs --allow-host", default: "127.0.0.1" },
    { flags: "--allow-host <name...>", description: "host names the browser may use besides localhost (with --host)" },
    { flags: "--open", description: "open the browser" },
    localeOption("language of the labels, overriding the files'"),
    { flags: "--templates <dir>", description: "folder whose <format>/*.hbs files replace built-in templates" },
    ROOT_OPTION,
    MAX_SIZE_OPTION,
  ],
  examples: "\nExamples:\n  $ cjm serve journeys/\n  $ cjm serve journeys/ --port 8080 --open",
  handler: async () => (await import("./handler.js")).serveCommand,
};
