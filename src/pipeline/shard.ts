import { createHash } from "node:crypto";
import path from "node:path";
import type { InputRef } from "../load/read.js";

/** One part of a run split over machines: `index` of `count`, 1-based as in Jest and Playwright. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * The shard a file belongs to: a hash of its path relative to the repository root, with forward
 * slashes, so every machine of a CI matrix (whatever its checkout folder or OS) agrees, and a map
 * stays in its shard when others are added.
 */
export function shardOf(repositoryPath: string, count: number): number {
  const digest = createHash("sha256").update(repositoryPath).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

/** The inputs of one shard; standard input, which has no path, belongs to the first. */
export function inShard(inputs: readonly InputRef[], shard: Shard, repoRoot: string): InputRef[] {
  return inputs.filter((input) => {
    if (input.bytes) return shard.index === 1;
    const rel = path.relative(repoRoot, input.absolutePath);
    const key = rel.startsWith("..") || path.isAbsolute(rel) ? input.absolutePath : rel;
    return shardOf(key.split(path.sep).join("/"), shard.count) === shard.index;
  });
}
