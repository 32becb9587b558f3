import { realpath } from "node:fs/promises";
import path from "node:path";
import { bilingual, type Diagnostic, type Texts } from "../diagnostics/diagnostic.js";
import { parseSource, type Parsed } from "./parse.js";
import { displayName, readInput, systemMessage, systemTexts } from "./read.js";
import { inside } from "./root.js";
import type { SourceFile } from "./source.js";

export interface PersonaFile {
  /** Position in the map's `personas` list. */
  index: number;
  /** The path as written in the map. */
  written: string;
  parsed: Parsed;
}

export interface PersonaContext {
  /** The project folder persona paths may not leave. */
  root: string;
  cwd: string;
  maxFileBytes?: number;
  /** Persona files shared by several maps are read and parsed once per run. */
  cache: Map<string, Promise<Parsed | Diagnostic>>;
  /** Reads a file another way than from disk (`cjm diff` reads git revisions). */
  readFile?: FileReader;
}

/** Bytes of a file, or the system error that kept it from being read. */
export type FileReader = (absolutePath: string) => Promise<Uint8Array | NodeJS.ErrnoException>;

/**
 * Reads the persona files a map names. A path that is absolute, leaves the project folder (also
 * through a symbolic link) or names no readable file is an error at the line that names it;
 * errors inside a persona file point into that file.
 */
export async function loadPersonaFiles(
  journey: SourceFile,
  personas: readonly unknown[],
  ctx: PersonaContext,
): Promise<{ files: PersonaFile[]; diagnostics: Diagnostic[] }> {
  const files: PersonaFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const base = path.dirname(journey.absolutePath);
  // Asked only when a persona is a path: most maps write their personas inline.
  let realRoot: Promise<string> | undefined;

  for (const [index, written] of personas.entries()) {
    if (typeof written !== "string") continue;
    const pointer = `/personas/${index}`;
    const fail = (message: Texts, help?: Texts) => {
      const d: Diagnostic = { severity: "error", code: "persona-path", ...bilingual(message, help), file: journey.name, pointer };
      const span = journey.locate(pointer);
      if (span) d.span = span;
      diagnostics.push(d);
    };
    if (path.isAbsolute(written) || path.win32.isAbsolute(written)) {
      fail(
        { en: `persona path \`${written}\` is absolute`, fr: `le chemin de persona \`${written}\` est absolu` },
        { en: "write it relative to this file, e.g. `personas/marie.yaml`", fr: "écrivez-le relativement à ce fichier, par exemple `personas/marie.yaml`" },
      );
      continue;
    }
    const absolute = path.resolve(base, written);
    const real = ctx.readFile ? absolute : await realpath(absolute).catch(() => absolute);
    realRoot ??= ctx.readFile ? Promise.resolve(path.resolve(ctx.root)) : realpath(ctx.root).catch(() => path.resolve(ctx.root));
    const rootReal = await realRoot;
    if (!inside(ctx.root, absolute) || !inside(rootReal, real)) {
      const project = displayName(ctx.root, ctx.cwd) || ".";
      fail(
        { en: `persona path \`${written}\` leaves the project folder (${project})`, fr: `le chemin de persona \`${written}\` sort du dossier du projet (${project})` },
        { en: "keep persona files inside the project, or set the project folder with `--root`", fr: "gardez les fichiers de persona dans le projet, ou indiquez le dossier du projet avec `--root`" },
      );
      continue;
    }
    let pending = ctx.cache.get(real);
    if (!pending) {
      pending = (async () => {
        const name = displayName(absolute, ctx.cwd);
        let read: Awaited<ReturnType<typeof readInput>>;
        if (ctx.readFile) {
          const bytes = await ctx.readFile(absolute);
          read = bytes instanceof Uint8Array ? { bytes } : { diagnostic: { severity: "error", code: "file-unreadable", ...bilingual(systemTexts(bytes)), file: name } };
        } else {
          // The resolved path is opened, and the opened file checked: a link swapped since the
          // check above is never followed out of the project.
          read = await readInput({ name, absolutePath: real }, ctx.maxFileBytes, rootReal);
        }
        if ("diagnostic" in read) return read.diagnostic;
        return parseSource(read.bytes, name, absolute, ctx.maxFileBytes === undefined ? {} : { maxFileBytes: ctx.maxFileBytes });
      })();
      ctx.cache.set(real, pending);
    }
    const result = await pending;
    if ("severity" in result) {
      if (result.code === "file-unreadable" && result.message === systemMessage({ code: "ENOENT" })) {
        const folder = path.dirname(journey.name) || ".";
        fail(
          { en: `persona file \`${written}\` does not exist`, fr: `le fichier de persona \`${written}\` n'existe pas` },
          {
            en: `the path is read from the map's folder (\`${folder}\`); check its spelling, or write the persona inline`,
            fr: `le chemin se lit depuis le dossier de la carte (\`${folder}\`) ; vérifiez son orthographe, ou écrivez le persona dans la carte`,
          },
        );
      } else {
        fail(
          { en: `persona file \`${written}\` ${result.message}`, fr: `fichier de persona \`${written}\` : ${result.fr?.message ?? result.message}` },
          result.help !== undefined ? { en: result.help, fr: result.fr?.help ?? result.help } : undefined,
        );
      }
      continue;
    }
    files.push({ index, written, parsed: result });
  }
  return { files, diagnostics };
}

