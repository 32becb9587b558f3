import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, tempDir } from "../helpers/cli.js";
import { gitInit, writeTree } from "./fixtures.js";

const SECRET = "SECRET-TOKEN-7f3a";
const INSIDE = 40;

// Issue 14 item 12: the persona check resolved the link, then opened the unresolved path; a link
// swapped in between was read. Now the resolved path is opened and the opened file is checked.
describe("a persona link swapped during the run is never read outside the project", () => {
  it("no run shows the outside file while the link flips between inside and outside", async () => {
    const base = tempDir("cjm-persona-race-");
    writeFileSync(path.join(base, "secret.yaml"), `id: pat\nname: Pat\nrole: Buyer\nleaked: ${SECRET}\n`);
    const repo = path.join(base, "repo");
    gitInit(repo);
    // The map names the one link many times; the link points at a different inside file each time
    // (a persona file is read once per run per real path), or outside.
    const personas = "  - personas/p.yaml\n".repeat(INSIDE);
    writeTree(repo, {
      "m.yaml": `cjm: 1\nid: m\ntitle: Race\npersonas:\n${personas}stages:\n  - name: S\n    steps:\n      - name: A\n`,
      ...Object.fromEntries(Array.from({ length: INSIDE }, (_, i) => [`real/p${i}.yaml`, `id: p${i}\nname: Pat ${i}\nrole: Buyer\n`])),
    });
    mkdirSync(path.join(repo, "personas"));
    const flipper = spawn(
      process.execPath,
      [
        "-e",
        `const fs = require("fs"); const [dir, inside, outside, n] = process.argv.slice(1);
         const link = dir + "/p.yaml", tmp = dir + "/.t";
         for (let k = 0; ; k++) {
           try { fs.unlinkSync(tmp); } catch {}
           fs.symlinkSync(k % 2 ? outside : inside + "/p" + ((k / 2) % Number(n)) + ".yaml", tmp);
           fs.renameSync(tmp, link);
         }`,
        path.join(repo, "personas"),
        path.join(repo, "real"),
        path.join(base, "secret.yaml"),
        String(INSIDE),
      ],
      { stdio: "ignore" },
    );
    let leaks = 0;
    let refused = 0;
    try {
      for (let run = 0; run < 16; run++) {
        const r = await cjm(["validate", "m.yaml", "--format", "json"], { cwd: repo });
        if (r.stdout.includes(SECRET) || r.stdout.includes("leaked")) leaks++;
        if (r.stdout.includes("leaves the project folder")) refused++;
      }
    } finally {
      flipper.kill("SIGKILL");
    }
    // The flipper did race: some checks saw the outside target and refused it.
    expect(refused).toBeGreaterThan(0);
    expect(leaks).toBe(0);
  }, 180_000);
});
