import type { Formatter } from "../report.js";

export const REPORTERS = ["pretty", "json", "github", "sarif"] as const;
export type ReporterName = (typeof REPORTERS)[number];

/** Each format in its own module, loaded only when asked for. */
export async function loadFormatter(name: ReporterName): Promise<Formatter> {
  switch (name) {
    case "pretty":
      return (await import("./pretty.js")).formatPretty;
    case "json":
      return (await import("./json.js")).formatJson;
    case "github":
      return (await import("./github.js")).formatGithub;
    case "sarif":
      return (await import("./sarif.js")).formatSarif;
    default:
      return unreachable(name);
  }
}

export function unreachable(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
}
