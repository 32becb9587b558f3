// The VS Code extension is packaged as CI would package it (`vsce package`, nothing published).
// VS Code itself cannot run here: what is checked is the .vsix a user would install.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "./helpers/cli.js";

/** The names in a zip's central directory (a .vsix is a zip). */
function zipEntries(zip: Buffer): string[] {
  const names: string[] = [];
  for (let i = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); i >= 0; i = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)) {
    const nameLength = zip.readUInt16LE(i + 28);
    names.push(zip.subarray(i + 46, i + 46 + nameLength).toString("utf8"));
  }
  return names.sort();
}

describe("editors/vscode", () => {
  it("packages to a .vsix holding the manifest, the bundled client and the licence", () => {
    const out = path.join(tempDir("cjm-vsix-"), "cjm.vsix");
    execFileSync(process.execPath, [path.join(ROOT, "scripts/package-vscode.mjs"), out], { cwd: ROOT, stdio: "pipe", timeout: 120_000 });
    const entries = zipEntries(readFileSync(out));
    expect(entries).toEqual(expect.arrayContaining(["extension.vsixmanifest", "extension/package.json", "extension/dist/extension.js", "extension/LICENSE.txt", "extension/readme.md"]));
    expect(entries.some((e) => e.includes("node_modules") || e.startsWith("extension/src/"))).toBe(false);

    const manifest = JSON.parse(readFileSync(path.join(ROOT, "editors/vscode/package.json"), "utf8")) as Record<string, unknown>;
    expect(manifest).toMatchObject({ publisher: expect.any(String), license: "MIT", main: "./dist/extension.js", repository: expect.any(Object) });
    expect((manifest["contributes"] as { commands: { command: string }[] }).commands.map((c) => c.command)).toContain("cjm.openPreview");
    // The client is one file: besides VS Code's API it needs only Node's own modules at run time.
    const client = readFileSync(path.join(ROOT, "editors/vscode/dist/extension.js"), "utf8");
    const required = new Set([...client.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!));
    for (const r of required) expect(r === "vscode" || /^(node:)?[a-z_]+$/.test(r), r).toBe(true);
    // It starts the project's own cjm language server.
    expect(client).toContain("lsp");
    expect(client).toContain("--stdio");
  }, 180_000);
});
