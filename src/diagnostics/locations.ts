import path from "node:path";
import { pathToFileURL } from "node:url";
import type { FormatOptions } from "./report.js";

/** Where a diagnostic's file is, for tools that read paths from the repository root. */
export interface RepositoryPath {
  /** POSIX path relative to the repository root, when the file is inside it. */
  relative?: string;
  /** The absolute path, when the file is on disk. */
  absolute?: string;
}

/** `file` as the report names it (relative to the working directory, or absolute), placed in the repository. */
export function repositoryPath(file: string, options: Pick<FormatOptions, "cwd" | "repoRoot">): RepositoryPath {
  // Standard input (`<stdin>`) is in no file.
  if (file.startsWith("<")) return {};
  if (options.cwd === undefined) return { relative: file };
  const absolute = path.resolve(options.cwd, file);
  const root = options.repoRoot ?? options.cwd;
  const rel = path.relative(root, absolute);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return { absolute };
  return { relative: rel.split(path.sep).join("/"), absolute };
}

/** A relative POSIX path as a URI reference: each segment percent-encoded (`#`, `?`, `%`, spaces, non-ASCII). */
export function encodePathUri(relative: string): string {
  return relative.split("/").map(encodeURIComponent).join("/");
}

export function fileUri(absolute: string): string {
  return pathToFileURL(absolute).href;
}
