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

CASES.push({
  name: "cd sub && cjm validate ../maps/m.yaml: the persona path is read from the map's project, not the working folder",
  args: ["validate", "../maps/m.yaml"],
  cwd: "sub",
  files: {
    "sub/.keep": "",
    "maps/m.yaml": map().replace("personas: [{ id: ann, name: Ann }]", "personas: [personas/ann.yaml]"),
    "maps/personas/ann.yaml": "id: ann\nname: Ann\n",
  },
  expect: { code: 0, stderr: [/✔ 1 journey checked: no problems/], notStderr: [/leaves the project/] },
});

CASES.push({
  name: "one pass: a schema error does not hide the duplicate id and the dangling reference beside it",
  args: ["validate", "m.yaml"],
  files: {
    "m.yaml": map(
      "",
      "      - { id: a, name: A, emotion: 3, touchpoints: [{ channel: webb, name: x }] }\n      - { id: a, name: B, emotion: 9, touchpoints: [{ channel: web, name: y }] }",
    ).replace("  - name: Buy\n", "  - name: Buy\n    colour: red\n"),
  },
  expect: {
    code: 1,
    stderr: [/error\[unknown-key\]: unknown key `colour`/, /error\[dangling-reference\]: channel `webb`/, /error\[duplicate-id\]: step id `a` is used twice/, /error\[out-of-range\]: `emotion`/, /✖ 4 errors in 1 journey/],
  },
});

// Messages in French, one case per family of diagnostics: the same rule code, the French message
// and its `aide:` line, from `--lang fr` and from `LANG=fr_FR.UTF-8`.
const FR = { LANG: "fr_FR.UTF-8" };
CASES.push(
  {
    name: "French (LANG): a journey rule, dangling-reference, with its aide line",
    args: ["validate", "m.yaml"],
    env: FR,
    files: { "m.yaml": map("", "      - { name: Pays, emotion: 3, touchpoints: [{ channel: webb, name: Form }] }") },
    expect: {
      code: 1,
      stderr: [/error\[dangling-reference\]: `webb` ne désigne aucun canal de cette carte/, /= aide: vouliez-vous dire `web` \?/, /✖ 1 erreur dans 1 parcours/],
      notStderr: [/is not defined/, /did you mean/],
    },
  },
  {
    name: "French (--lang fr): a lint warning, stage-without-touchpoint, with its aide line",
    args: ["--lang", "fr", "validate", "m.yaml"],
    files: { "m.yaml": map("", "      - { name: Pays, emotion: 3 }") },
    expect: {
      code: 0,
      stderr: [/warning\[stage-without-touchpoint\]: la phase "Buy" n'a aucun point de contact/, /= aide: ajoutez une entrée `touchpoints:` à l'une de ses étapes/],
      notStderr: [/has no touchpoint/],
    },
  },
  {
    name: "French (LANG): schema errors (unknown-key, out-of-range) and a fix hint",
    args: ["validate", "m.yaml"],
    env: FR,
    files: { "m.yaml": map("colour: red\nmetrics:\n  nps: -18\n") },
    expect: {
      code: 1,
      stderr: [
        /error\[unknown-key\]: clé inconnue `colour` dans la carte de parcours/,
        /= aide: clés connues : /,
        /error\[out-of-range\]: `nps` doit être /,
        /= aide: un score NPS s'écrit `nps: \{ score: -18 \}`/,
      ],
      notStderr: [/unknown key/, /must be/],
    },
  },
  {
    name: "French (--lang fr): a YAML syntax error in plain French words",
    args: ["validate", "m.yaml", "--lang", "fr"],
    files: { "m.yaml": "cjm: 1\ntitle: T\ntags: [a, b\npersonas: [{ name: Ann }]\n" },
    expect: { code: 1, stderr: [/error\[yaml-syntax\]: une liste entre crochets `\[…\]` n'est pas fermée/, /= aide: fermez la liste avec `\]`/], notStderr: [/is not closed/] },
  },
  {
    name: "French (LANG): a load error, a missing persona file, and the JSON format carries the French with the same code",
    args: ["validate", "m.yaml", "-f", "json"],
    env: FR,
    files: { "m.yaml": map().replace("personas: [{ id: ann, name: Ann }]", "personas: [personas/nope.yaml]") },
    expect: {
      code: 1,
      stdout: [/"code": "persona-path"/, /"message": "le fichier de persona `personas\/nope.yaml` n'existe pas"/, /"help": "le chemin se lit depuis le dossier de la carte/],
      notStdout: [/does not exist/],
    },
  },
  {
    name: "French (--lang fr): a data-file diagnostic, a column that is not in the export",
    args: ["--lang", "fr", "validate", "m.yaml", "-f", "sarif"],
    files: {
      "m.yaml": map("data:\n  - { id: s, file: s.csv, period: 2026-Q1, measures: [{ metric: nps, column: npss, at: journey }] }\n"),
      "s.csv": "nps\n9\n10\n",
    },
    expect: { code: 1, stdout: [/"ruleId": "data-column-missing"/, /"text": "la colonne `npss` n'est pas dans s.csv \(aide: vouliez-vous dire `nps` \?/], notStdout: [/is not in s.csv/] },
  },
  {
    name: "French (LANG): an import diagnostic, a Mermaid task line without a score",
    args: ["import", "mermaid", "j.mmd", "-o", "j.yaml"],
    env: FR,
    files: { "j.mmd": "journey\n  title T\n  section S\n    Pays: x: Me\n" },
    expect: { code: 1, stderr: [/error\[import-malformed-line\]: une note \(un nombre de 1 à 5\) était attendue après `Pays:`/, /= aide: une ligne de tâche s'écrit/], notStderr: [/expected a score/] },
  },
);

// Persona files: what a file is checked as (one function, `checkedAs` in src/validate/check.ts).
CASES.push(
  {
    name: "persona detection: a YAML file without `cjm:` in a folder run is not reported on its own",
    args: ["validate", "maps"],
    files: { "maps/m.yaml": map().replace("personas: [{ id: ann, name: Ann }]", "personas: [personas/ann.yaml]"), "maps/personas/ann.yaml": "id: ann\nname: Ann\n", "maps/notes.yaml": "colour: 3\nfoo: [1\n" },
    expect: { code: 0, stderr: [/✔ 1 journey checked: no problems/], notStderr: [/notes.yaml/, /persona file/] },
  },
  {
    name: "persona detection: an explicit invalid persona file gets persona-schema errors, located in it",
    args: ["validate", "personas/zoe.yaml"],
    files: { "personas/zoe.yaml": "id: Zoé\nname: Zoé\nage: old\n" },
    expect: {
      code: 1,
      stderr: [/error\[invalid-id\]: `id` must be an id/, /--> personas\/zoe.yaml:1:5/, /error\[wrong-type\]: `age` must be a whole number/, /--> personas\/zoe.yaml:3:6/, /✖ 2 errors in 1 persona file/],
      notStderr: [/missing-field/, /`cjm`/],
    },
  },
  {
    name: "one pass: a map whose persona file fails its schema still gets its dangling-reference and duplicate-id errors",
    args: ["validate", "m.yaml"],
    files: {
      "m.yaml": map(
        "",
        "      - { id: a, name: A, emotion: 3, personas: [bob], touchpoints: [{ channel: webb, name: x }] }\n      - { id: a, name: B, emotion: 3, touchpoints: [{ channel: web, name: y }] }",
      ).replace("personas: [{ id: ann, name: Ann }]", "personas: [personas/ann.yaml]"),
      "personas/ann.yaml": "id: ann\nname: Ann\nage: old\n",
    },
    expect: {
      code: 1,
      stderr: [
        /error\[wrong-type\]: `age` must be a whole number/,
        /error\[dangling-reference\]: persona `bob` is not defined in this map/,
        /error\[dangling-reference\]: channel `webb` is not defined in this map/,
        /error\[duplicate-id\]: step id `a` is used twice/,
        /✖ 4 errors in 1 journey/,
      ],
    },
  },
);
