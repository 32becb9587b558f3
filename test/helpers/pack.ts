import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT, tempDir } from "./cli.js";

/** `npm pack` of the built tree (as `npm test` leaves it): the tarball's path and its file list. */
export function packTarball(): { tarball: string; files: string[] } {
  const packDir = tempDir("cjm-pack-");
  const out = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", packDir], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  return { tarball: path.join(packDir, info!.filename), files: info!.files.map((f) => f.path) };
}

/**
 * A team's repository with cjm as a devDependency (the tarball), as a fresh CI runner checks it
 * out: package.json and package-lock.json committed, nothing installed yet (`npm ci` does that).
 */
export function consumerRepo(tarball: string): string {
  const repo = tempDir("cjm-team-");
  execFileSync("git", ["init", "-q"], { cwd: repo });
  writeFileSync(path.join(repo, "package.json"), JSON.stringify({ name: "team-journeys", private: true }, null, 2));
  writeFileSync(path.join(repo, ".gitignore"), "node_modules/\n");
  execFileSync("npm", ["install", "--save-dev", "--package-lock-only", "--no-audit", "--no-fund", tarball], {
    cwd: repo,
    stdio: "ignore",
    env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: "1" },
    timeout: 400_000,
  });
  return repo;
}
