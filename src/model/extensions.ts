import type { Extensions } from "./types.js";

/** The `x-` keys of a mapping, sorted (key order never changes output), or undefined if none. */
export function extensionsOf(input: object): Extensions | undefined {
  const keys = Object.keys(input)
    .filter((k) => k.startsWith("x-"))
    .sort();
  if (keys.length === 0) return undefined;
  const out: Extensions = {};
  for (const k of keys) out[k] = (input as Record<string, unknown>)[k];
  return out;
}
