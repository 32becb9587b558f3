import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "./helpers/cli.js";

/** `npx cjm …` in the app folder, as a user who installed the tarball would run it. */
function npx(cwd: string, args: string[]): { code: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync("npx", ["--no-install", "cjm", ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 });
    return { code: 0, stdout, stderr: "" };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("the npm package", () => {
  let app: string;
  let files: string[];

  beforeAll(() => {
    const packDir = tempDir("cjm-pack-");
    const out = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", packDir], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
    files = info!.files.map((f) => f.path);
    app = tempDir("cjm-app-");
    writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "app", private: true }));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", path.join(packDir, info!.filename)], {
      cwd: app,
      stdio: "ignore",
      env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: "1" },
      timeout: 240_000,
    });
  }, 300_000);

  it("ships only what runs", () => {
    const top = [...new Set(files.map((f) => f.split("/")[0]))].sort();
    expect(top).toEqual(["LICENSE", "README.md", "bin", "dist", "docs", "fonts", "package.json", "schemas", "templates"]);
    // The README's links into docs/ work for installed users.
    const links = [...readFileSync(path.join(ROOT, "README.md"), "utf8").matchAll(/\]\((docs\/[^)#\s]+)/g)].map((m) => m[1]!);
    expect(links).toContain("docs/rules.md");
    for (const link of links) expect(files, link).toContain(link);
    expect(files).toContain("dist/bundle/cli.cjs");
    expect(files).toContain("dist/bundle/boot.cjs");
    expect(files).toContain("dist/validate/validators.cjs");
    expect(files.some((f) => f.startsWith("src/") || f.startsWith("test/"))).toBe(false);
  });

  it("installed in an empty folder: --version, validate, render, init", () => {
    const version = npx(app, ["--version"]);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version);

    mkdirSync(path.join(app, "personas"));
    copyFileSync(path.join(ROOT, "examples/bank-onboarding.yaml"), path.join(app, "bank-onboarding.yaml"));
    copyFileSync(path.join(ROOT, "examples/personas/sam.yaml"), path.join(app, "personas/sam.yaml"));
    expect(npx(app, ["validate", "bank-onboarding.yaml"]).code).toBe(0);
    expect(npx(app, ["render", "bank-onboarding.yaml", "--format", "markdown,html,mermaid"]).code).toBe(0);
    expect(readdirSync(path.join(app, "out")).sort()).toEqual([
      "bank-onboarding.flow.mmd",
      "bank-onboarding.html",
      "bank-onboarding.journey.ruth.mmd",
      "bank-onboarding.journey.sam.mmd",
      "bank-onboarding.md",
      "bank-onboarding.opportunities.mmd",
    ]);

    expect(npx(app, ["init", "new.yaml", "--locale", "fr"]).code).toBe(0);
    expect(readFileSync(path.join(app, "new.yaml"), "utf8")).toMatch(/^# yaml-language-server: \$schema=\.\/node_modules\/cjm\/schemas\/journey\.schema\.json\n/);
    expect(npx(app, ["validate", "new.yaml", "--strict"]).code).toBe(0);
    expect(npx(app, ["schema"]).stdout).toContain('"$id": "https://cjm.dev/schemas/journey.schema.json"');
  });
});
