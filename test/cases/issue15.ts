/**
 * CLI cases for issue 15 ("what a new user hit") that check parts of the reports a run writes and
 * the wrapping of --help, run by test/cases.test.ts through the spawned bin in a fresh folder with
 * LANG pinned. The other issue-15 cases are folders of the case table, test/cases/<command>/<case>/
 * (their case.yaml says "(issue 15)").
 */
export interface CliCase {
  name: string;
  args: string[];
  /** Files written into the case's folder before the run: relative path → text. */
  files?: Record<string, string>;
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  expect: {
    code: number;
    stdout?: RegExp[];
    stderr?: RegExp[];
    notStdout?: RegExp[];
    notStderr?: RegExp[];
    /** Files that must exist after the run (relative to the case folder). */
    written?: string[];
    notWritten?: string[];
    /** File → patterns its text must match. */
    files?: Record<string, RegExp[]>;
  };
}

/** A small valid map; `extra` lines are appended at the top level. */
export function map(extra = "", steps = "      - { name: Pays, emotion: 3, touchpoints: [{ channel: web, name: Form }] }"): string {
  return `cjm: 1
title: Test map
objective: Why?
personas: [{ id: ann, name: Ann }]
channels: [{ id: web, name: Website, kind: digital }]
stages:
  - name: Buy
    steps:
${steps}
${extra}`;
}

const KPIS = `metrics:
  custom:
    - { name: Wait time, value: 12, unit: min, target: 5, better: lower }
    - { name: Calls solved, value: 70, unit: "%", target: 60 }
`;

export const CASES: CliCase[] = [
  {
    name: "better: lower — a 12 min wait against a 5 min target is missed, in Markdown and HTML",
    args: ["render", "m.yaml", "--format", "markdown,html"],
    files: { "m.yaml": map(KPIS) },
    expect: {
      code: 0,
      files: {
        "out/m.md": [/\| Wait time \| 12 min \| target ≤ 5 min · missed \|/, /\| Calls solved \| 70% \| target ≥ 60% · met \|/],
        "out/m.html": [/<dt>Wait time<\/dt><dd><span class="value missed">12 min<\/span> <span class="note">target ≤ 5 min · missed<\/span>/, /<dt>Calls solved<\/dt><dd><span class="value met">/],
      },
    },
  },
  {
    name: "better: lower — the index counts targets met the same way",
    args: ["render", "a.yaml", "b.yaml", "--format", "markdown"],
    files: { "a.yaml": map(KPIS).replace("title: Test map", "id: a\ntitle: A"), "b.yaml": map().replace("title: Test map", "id: b\ntitle: B") },
    expect: { code: 0, files: { "out/index.md": [/Targets met/, /\[A\]\(<a\.md>\) · As-is \|[^\n]*\| 1\/2 \|/, /\[B\]\(<b\.md>\) · As-is \|[^\n]*\| – \|/] } },
  },
  {
    name: "CES { score: 2.1, scale: 5 } renders as 2.1/5",
    args: ["render", "m.yaml", "--format", "markdown"],
    files: { "m.yaml": map("metrics:\n  ces: { score: 2.1, scale: 5 }\n") },
    expect: { code: 0, files: { "out/m.md": [/\| CES \| 2\.1\/5 \| lower is better \|/] } },
  },
  {
    name: "index.html links only to reports that were written (json only: no links)",
    args: ["render", "a.yaml", "b.yaml", "--format", "json"],
    files: { "a.yaml": map().replace("title: Test map", "id: a\ntitle: A"), "b.yaml": map().replace("title: Test map", "id: b\ntitle: B") },
    expect: { code: 0, written: ["out/index.html", "out/a.json"], files: { "out/index.html": [/<th scope="row">A <span/], "out/index.md": [/\| A · As-is \|/] } },
  },
  {
    name: "index links to the Markdown reports when only Markdown was written",
    args: ["render", "a.yaml", "b.yaml", "--format", "markdown"],
    files: { "a.yaml": map().replace("title: Test map", "id: a\ntitle: A"), "b.yaml": map().replace("title: Test map", "id: b\ntitle: B") },
    expect: { code: 0, files: { "out/index.html": [/<a href="a\.md">A<\/a>/] } },
  },
];

const sameId = map().replace("title: Test map", "id: same\ntitle: Same id");

CASES.push(
  {
    name: "files from different folders are mirrored below their common folder (same id, no conflict)",
    args: ["render", "dup/a/m.yaml", "dup/b/m.yaml"],
    files: { "dup/a/m.yaml": sameId, "dup/b/m.yaml": sameId },
    expect: { code: 0, written: ["out/a/same.md", "out/b/same.md", "out/index.md"], notStderr: [/output-conflict/], files: { "out/index.md": [/\(<a\/same\.md>\)/, /\(<b\/same\.md>\)/] } },
  },
);

CASES.push(
  ...["validate", "render", "diff", "import"].map((command) => ({
    name: `--help is wrapped once, by commander (${command}): full lines, no orphan words`,
    args: [command, "--help"],
    expect: { code: 0, stdout: [/^Usage: cjm \S+ \[options\][^\n]*\n\n(?:[^\n]{60,80}\n)+[^\n]{1,80}\n\n(Arguments|Options):/] },
  })),
);

CASES.push({
  name: "insights of one kind are one card listing the steps (three steps with no owner)",
  args: ["render", "m.yaml", "--format", "html,markdown"],
  files: {
    "m.yaml": map(
      "",
      ["Pays", "Waits", "Calls"].map((n) => `      - { name: ${n}, emotion: 3, touchpoints: [{ channel: web, name: Form }] }`).join("\n"),
    ),
  },
  expect: {
    code: 0,
    files: {
      "out/m.html": [
        /<li class="insight insight-no-owner">3 steps with no owner<ul class="insight-items"><li><a href="#pays">Pays<\/a><\/li><li><a href="#waits">Waits<\/a><\/li><li><a href="#calls">Calls<\/a><\/li><\/ul><\/li>/,
        /^(?![\s\S]*insight-no-owner[\s\S]*insight-no-owner)/,
      ],
      "out/m.md": [/- 3 steps with no owner: Pays; Waits; Calls\n/],
    },
  },
});

CASES.push(
  {
    name: "messages in French from LANG=fr_FR.UTF-8; --locale still picks the report labels",
    args: ["render", "m.yaml", "--locale", "en"],
    env: { LANG: "fr_FR.UTF-8" },
    files: { "m.yaml": map() },
    expect: { code: 0, stderr: [/✔ 1 parcours vérifié\(s\) : aucun problème|fichiers? écrit\(s\) dans out\//], files: { "out/m.md": [/Touchpoints/] } },
  },
);
