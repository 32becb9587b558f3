/** Bounds that keep cjm fast and alive on hostile input. */
export const LIMITS = {
  /** Largest input file, in bytes (`--max-size` or `CJM_MAX_SIZE` raise it). */
  maxFileBytes: 5 * 1024 * 1024,
  /** Deepest nesting of collections; a real journey needs about ten. */
  maxDepth: 64,
  /** Aliases one document may expand (yaml's own guard against "billion laughs"). */
  maxAliasCount: 100,
} as const;
