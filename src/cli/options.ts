import { UsageError } from "./io.js";

export interface CommandInput<O> {
  args: string[];
  options: O;
  /** Options given on the command line (not defaults): they win over the project config. */
  explicit: ReadonlySet<string>;
}

export function parseMegabytes(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError({ en: `${flag} takes a size in megabytes, such as 5; got \`${value}\``, fr: `${flag} attend une taille en mégaoctets, par exemple 5 ; reçu \`${value}\`` });
  return Math.round(n * 1024 * 1024);
}

export function parseJobsFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError({ en: `--jobs takes a whole number from 1 to 64; got \`${value}\``, fr: `--jobs attend un nombre entier de 1 à 64 ; reçu \`${value}\`` });
  return n;
}

export { missingPaths } from "../pipeline/errors.js";

/** `--shard i/n`: 1-based, as in Jest and Playwright. */
export function parseShard(value: string | undefined): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > 10000 || index < 1 || index > count) {
    throw new UsageError(
      { en: `--shard takes <index>/<count>, 1-based, such as 2/4; got \`${value}\``, fr: `--shard attend <rang>/<nombre>, à partir de 1, par exemple 2/4 ; reçu \`${value}\`` },
      { en: "a CI matrix passes `--shard ${{ matrix.shard }}/4` with shard: [1, 2, 3, 4]", fr: "une matrice de CI passe `--shard ${{ matrix.shard }}/4` avec shard: [1, 2, 3, 4]" },
    );
  }
  return { index, count };
}
