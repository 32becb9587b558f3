import { execFile } from "node:child_process";
import path from "node:path";

/** A git problem a user can act on: a bad revision, a folder outside git. */
export class GitError extends Error {}

function git(cwd: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile("git", args, { cwd, encoding: "buffer", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new GitError(String(stderr).trim().split("\n")[0] || error.message));
      else resolve(stdout);
    });
  });
}

export async function repositoryRoot(dir: string): Promise<string> {
  try {
    return (await git(dir, ["rev-parse", "--show-toplevel"])).toString("utf8").trim();
  } catch {
    throw new GitError(`\`${dir}\` is not inside a git repository`);
  }
}

/** Checks that `rev` names a commit, with git's own words when it does not. */
export async function verifyRevision(root: string, rev: string): Promise<void> {
  try {
    await git(root, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]);
  } catch {
    throw new GitError(`unknown revision \`${rev}\``);
  }
}

/** The commit where `b` branched from `a`: the old side of `a...b`, as `git diff a...b` takes it. */
export async function mergeBase(root: string, a: string, b: string): Promise<string> {
  try {
    return (await git(root, ["merge-base", a, b])).toString("utf8").trim();
  } catch {
    throw new GitError(`\`${a}\` and \`${b}\` have no common ancestor`);
  }
}

/**
 * Reads files as they were at `rev`: the map and, through the same reader, its persona files, so
 * both sides of a diff are the map as it was then.
 */
export function revisionReader(root: string, rev: string) {
  return async (absolutePath: string): Promise<Uint8Array | NodeJS.ErrnoException> => {
    const rel = path.relative(root, absolutePath).split(path.sep).join("/");
    try {
      return new Uint8Array(await git(root, ["show", `${rev}:${rel}`]));
    } catch {
      const e = new Error(`not in revision ${rev}`) as NodeJS.ErrnoException;
      e.code = "ENOENT";
      return e;
    }
  };
}
