import { copyFileSync, cpSync } from "node:fs";
import path from "node:path";
import { EXAMPLES, tempDir } from "../helpers/cli.js";

/** A fresh project folder holding one valid example map (and its persona files). */
export function projectWithMap(name = "achat-smartphone.yaml"): string {
  const dir = tempDir("cjm-sec-");
  copyFileSync(path.join(EXAMPLES, name), path.join(dir, name));
  cpSync(path.join(EXAMPLES, "personas"), path.join(dir, "personas"), { recursive: true });
  return dir;
}

/** A minimal valid map; `extra` lines are appended at top level. */
export function minimalMap(fields: { title?: string; id?: string; persona?: string; step?: string } = {}): string {
  return [
    "cjm: 1",
    ...(fields.id ? [`id: ${fields.id}`] : []),
    `title: ${JSON.stringify(fields.title ?? "A map")}`,
    `personas: [{ name: ${JSON.stringify(fields.persona ?? "Marie")} }]`,
    `stages: [{ name: Stage, steps: [{ name: ${JSON.stringify(fields.step ?? "Step")}, emotion: 3 }] }]`,
    "",
  ].join("\n");
}
