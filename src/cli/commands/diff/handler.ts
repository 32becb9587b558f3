import { existsSync } from "node:fs";
import path from "node:path";
import { dropControls, mapStrings, visibleControls } from "../../../text/controls.js";
import { diffJourneys } from "../../../diff/diff.js";
import { diffJson, diffMarkdown, diffPretty, type DiffFormat } from "../../../diff/format.js";
import { GitError, mergeBase, repositoryRoot, revisionReader, verifyRevision } from "../../../diff/git.js";
import { hasErrors } from "../../../diagnostics/diagnostic.js";
import { loadFormatter } from "../../../diagnostics/formatters/index.js";
import { displayName } from "../../../load/read.js";
import type { Journey, Locale } from "../../../model/types.js";
import { buildReport } from "../../../pipeline/check.js";
import { messageLanguage } from "../../../i18n/lang.js";
import { checkInput, type CheckResult } from "../../../validate/check.js";
import { EXIT, UsageError, colorEnabled, type Io } from "../../io.js";
import { VERSION } from "../../../version.js";
import type { CommandInput } from "../../options.js";

interface DiffOptions {
  format: DiffFormat;
  exitCode: boolean;
  locale?: Locale;
  root?: string;
}

interface SideSpec {
  /** A file on disk, or a file at a git revision. */
  file: string;
  rev?: string;
  /** `a...b`: the side is the file where `b` branched from `a` (their merge base), as in git. */
  mergeBaseOf?: [string, string];
}

/**
 * `cjm diff old.yaml new.yaml`, `cjm diff <rev> file.yaml` (the file at rev against the working
 * tree), `cjm diff <rev>..<rev> file.yaml` (two revisions; an empty side is HEAD), `cjm diff
 * <a>...<b> file.yaml` (the merge base of a and b against b, as `git diff a...b`).
 */
function sidesOf(io: Io, args: string[]): [SideSpec, SideSpec] {
  const [a, b] = args as [string, string];
  const exists = (p: string) => existsSync(path.resolve(io.cwd, p));
  if (exists(a) && exists(b)) return [{ file: a }, { file: b }];
  if (!exists(a) && a.includes("...")) {
    const [from, to] = a.split("...") as [string, string];
    return [{ file: b, rev: `${from || "HEAD"}...${to || "HEAD"}`, mergeBaseOf: [from || "HEAD", to || "HEAD"] }, { file: b, rev: to || "HEAD" }];
  }
  if (!exists(a) && a.includes("..")) {
    const [from, to] = a.split("..");
    return [{ file: b, rev: from || "HEAD" }, { file: b, rev: to || "HEAD" }];
  }
  if (!exists(a) && exists(b)) return [{ file: b, rev: a }, { file: b }];
  const missing = [a, b].filter((p) => !exists(p));
  throw new UsageError(
    { en: `${missing.map((m) => `\`${m}\``).join(" and ")}: no such file`, fr: `${missing.map((m) => `\`${m}\``).join(" et ")} : fichier introuvable` },
    {
      en: "compare two files (`cjm diff old.yaml new.yaml`) or a file with a git revision (`cjm diff main journey.yaml`, `cjm diff v1..v2 journey.yaml`)",
      fr: "comparez deux fichiers (`cjm diff ancien.yaml nouveau.yaml`) ou un fichier avec une révision git (`cjm diff main parcours.yaml`, `cjm diff v1..v2 parcours.yaml`)",
    },
  );
}

async function load(io: Io, side: SideSpec, options: DiffOptions): Promise<CheckResult> {
  const absolutePath = path.resolve(io.cwd, side.file);
  if (!side.rev) {
    return checkInput({ name: displayName(absolutePath, io.cwd), absolutePath }, { cwd: io.cwd, ...(options.root !== undefined && { root: options.root }) });
  }
  try {
    const root = await repositoryRoot(path.dirname(absolutePath));
    let rev = side.rev;
    if (side.mergeBaseOf) {
      for (const r of side.mergeBaseOf) await verifyRevision(root, r);
      rev = await mergeBase(root, ...side.mergeBaseOf);
    } else await verifyRevision(root, rev);
    const read = revisionReader(root, rev);
    const bytes = await read(absolutePath);
    if (!(bytes instanceof Uint8Array)) throw new GitError(`\`${side.file}\` does not exist at revision \`${side.rev}\``);
    return checkInput(
      { name: `${side.rev}:${displayName(absolutePath, io.cwd)}`, absolutePath, bytes },
      { cwd: io.cwd, root: options.root !== undefined ? path.resolve(io.cwd, options.root) : root, readFile: read },
    );
  } catch (e) {
    if (e instanceof GitError) {
      throw new UsageError(
        { en: `git: ${e.message}`, fr: `git : ${e.message}` },
        { en: "check the revision with `git log`, and that the file is tracked by git", fr: "vérifiez la révision avec `git log`, et que git suit bien le fichier" },
      );
    }
    throw e;
  }
}

export async function diffCommand(io: Io, { args, options }: CommandInput<DiffOptions>): Promise<number> {
  if (args.length !== 2) {
    throw new UsageError(
      { en: "cjm diff takes two arguments", fr: "cjm diff prend deux arguments" },
      {
        en: "`cjm diff old.yaml new.yaml`, `cjm diff main journey.yaml` or `cjm diff v1..v2 journey.yaml`",
        fr: "`cjm diff ancien.yaml nouveau.yaml`, `cjm diff main parcours.yaml` ou `cjm diff v1..v2 parcours.yaml`",
      },
    );
  }
  const [left, right] = sidesOf(io, args);
  const results = [await load(io, left, options), await load(io, right, options)];
  const lang = messageLanguage(io.lang, io.env);
  const report = buildReport({ results: results.map((r) => ({ ...r, sources: r.sources })), pathDiagnostics: [] }, [], lang);
  if (hasErrors(report.diagnostics)) {
    const pretty = await loadFormatter("pretty");
    io.stderr(await pretty(report, { color: colorEnabled(io, io.stderrIsTTY), toolVersion: VERSION, lang }));
    return EXIT.invalid;
  }
  const [before, after] = results.map((r) => r.journey) as [Journey, Journey];
  const [b, a] = results.map((r) => r.facts);
  const diff = b && a ? diffJourneys(before, after, { before: b, after: a }) : diffJourneys(before, after);
  const locale = options.locale ?? after.locale;
  if (options.format === "json") io.stdout(diffJson(diff));
  // Names can hold control characters (YAML escapes): visible on a terminal, dropped in Markdown.
  else if (options.format === "markdown") io.stdout(diffMarkdown(mapStrings(diff, dropControls), locale));
  else io.stdout(await diffPretty(mapStrings(diff, visibleControls), locale, colorEnabled(io, io.stdoutIsTTY)));
  return options.exitCode && diff.changed ? EXIT.invalid : EXIT.ok;
}
