// Issue 14 #11, `--format github`: a map's control characters (YAML escapes) reach the CI log
// viewer as visible escapes, never as terminal commands.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cjm, tempDir } from "../helpers/cli.js";

describe("github annotations and control characters", () => {
  it("an ESC or BEL in a stage name is written as \\x1b / \\x07 in the annotation", async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, "m.yaml"),
      'cjm: 1\ntitle: "T"\nobjective: x\npersonas: [{ id: p, name: P }]\nstages:\n  - name: "S \\e[2K\\e]0;pwned\\a"\n    steps:\n      - { name: "Pay", emotion: 3 }\n',
    );
    const r = await cjm(["validate", "m.yaml", "--format", "github"], { cwd: dir });
    expect(r.stdout).toContain("stage-without-touchpoint");
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(r.stdout).toContain("S \\x1b[2K\\x1b]0;pwned\\x07");
  });
});
