/**
 * CLI cases for issue 15 ("what a new user hit"): one per item, run by test/cases.test.ts through
 * the spawned bin in a fresh folder with LANG pinned.
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

/** A valid map with three warnings (no objective, no touchpoint, no emotion). */
const WARNED = `cjm: 1
title: Warned
personas: [{ name: Ann }]
stages:
  - name: S
    steps: [{ name: A }]
`;

export const CASES: CliCase[] = [
  {
    name: "--strict -q: the summary counts the hidden warnings and says why it fails",
    args: ["validate", "w.yaml", "--strict", "-q"],
    files: { "w.yaml": WARNED },
    expect: { code: 1, stderr: [/3 warnings \(not shown: --quiet\) in 1 journey; --strict fails on warnings/], notStderr: [/no problems/] },
  },
  {
    name: "render --strict -q: the failing run prints its summary",
    args: ["render", "w.yaml", "--strict", "-q"],
    files: { "w.yaml": WARNED },
    expect: { code: 1, stderr: [/--strict fails on warnings/] },
  },
  {
    name: "-q without --strict: warnings counted, exit 0",
    args: ["validate", "w.yaml", "-q"],
    files: { "w.yaml": WARNED },
    expect: { code: 0, stderr: [/⚠ 3 warnings \(not shown: --quiet\)/], notStderr: [/warning\[/] },
  },
  {
    name: "--templates naming a missing folder: exit 2 with the path",
    args: ["render", "m.yaml", "--templates", "no-such-templates"],
    files: { "m.yaml": map() },
    expect: { code: 2, stderr: [/--templates `no-such-templates`: no such folder/, /help: /], notWritten: ["out"] },
  },
  {
    name: "CJM_CHROME=/nonexistent: exit 2 with the how-to, not an internal error",
    args: ["render", "m.yaml", "--format", "markdown,svg"],
    files: { "m.yaml": map() },
    env: { CJM_CHROME: "/nonexistent" },
    expect: {
      code: 2,
      stderr: [/cannot start the browser `\/nonexistent`/, /svg not written/, /help: install one .*CJM_CHROME/],
      notStderr: [/internal error/, /bug in cjm/],
      written: ["out/m.md"],
    },
  },
  {
    name: "--out /proc/nope: exit 2 at once (no endless mkdir)",
    args: ["render", "m.yaml", "--out", "/proc/nope/deeper"],
    files: { "m.yaml": map() },
    timeoutMs: 15_000,
    expect: { code: 2, stderr: [/--out `.*proc\/nope\/deeper` cannot be created in `\/proc`/, /help: /] },
  },
  {
    name: "--out naming a file: exit 2",
    args: ["render", "m.yaml", "--out", "m.yaml/x"],
    files: { "m.yaml": map() },
    expect: { code: 2, stderr: [/is a file/] },
  },
];
