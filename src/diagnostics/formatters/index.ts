import type { Formatter } from "../report.js";

/** Every report format, each in its own module, loaded only when asked for. `--format` offers these. */
const FORMATTERS = {
  pretty: async () => (await import("./pretty.js")).formatPretty,
  json: async () => (await import("./json.js")).formatJson,
  github: async () => (await import("./github.js")).formatGithub,
  sarif: async () => (await import("./sarif.js")).formatSarif,
} satisfies Record<string, () => Promise<Formatter>>;

export type ReporterName = keyof typeof FORMATTERS;
export const REPORTERS = Object.keys(FORMATTERS) as ReporterName[];

export function loadFormatter(name: ReporterName = "pretty"): Promise<Formatter> {
  return FORMATTERS[name]();
}
