import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { bilingual, type Diagnostic } from "../diagnostics/diagnostic.js";
import { packageFile } from "../load/package-files.js";
import { withCsp } from "./csp.js";
import { loadPrecompiledTemplates } from "./precompiled-templates.js";
import { fillPlaceholders } from "../i18n/messages.js";
import { markdownText, mermaidAccessible, mermaidActor, mermaidLabel, mermaidNode, mermaidText } from "./escape.js";
import { faceIcon } from "./html/svg.js";
import { VIEWS_SCRIPT, VIEWS_SCRIPT_HASH } from "./html/views.js";
import { inside } from "../load/root.js";

export type TemplateFormat = "markdown" | "mermaid" | "html";

export interface TemplateFile {
  name: string;
  /** Where it was read from, for messages. */
  file: string;
  /** Source to compile (user templates, or built-ins when no precompiled build is there). */
  source?: string;
  /** A precompiled built-in template. */
  spec?: object;
  /** From the user's `--templates` folder. */
  user?: boolean;
}

export interface TemplateSet {
  format: TemplateFormat;
  templates: Map<string, TemplateFile>;
  partials: Map<string, TemplateFile>;
  /** The real path of the user's templates folder: helpers read assets only below it. */
  userRoot?: string;
  /** A user template that may not be read (outside the folder, not a regular file, too large). */
  refused?: { file: string; message: string };
}

/** A template file is source text, not data: a few hundred kilobytes at most. */
const MAX_TEMPLATE_BYTES = 1024 * 1024;
/** A file a template inlines as a `data:` URL (a logo, a font). */
export const MAX_ASSET_BYTES = 2 * 1024 * 1024;

/**
 * Reads a file of the user's templates folder: its real path must be inside `root` (a symlink to
 * a secret is refused), it must be a regular file (a FIFO would hang the run) and under `max` bytes.
 * The opened file is the one checked: the resolved path is opened, without following links, and
 * its handle is stat'ed.
 */
export function readInsideRoot(root: string, file: string, max: number): Uint8Array {
  const real = realpathSync(file);
  // The one containment test of every path check (load/root.ts); the folder itself is not a file.
  if (real === path.resolve(root) || !inside(root, real)) throw new RefusedFile("resolves outside the templates folder");
  const fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new RefusedFile("is not a regular file");
    if (info.size > max) throw new RefusedFile(`is ${info.size} bytes, over the ${max}-byte cap`);
    const buffer = Buffer.alloc(info.size + 1);
    let total = 0;
    for (;;) {
      const n = readSync(fd, buffer, total, buffer.length - total, total);
      if (n === 0) break;
      total += n;
      if (total > max) throw new RefusedFile(`is over the ${max}-byte cap`);
      if (total === buffer.length) break;
    }
    return buffer.subarray(0, total);
  } finally {
    closeSync(fd);
  }
}

export class RefusedFile extends Error {}

type Precompiled = Record<string, { templates: Record<string, object>; partials: Record<string, object> }>;
let precompiled: Precompiled | null | undefined;

/** The built-in templates as precompiled by the build, or null when running from source. */
async function builtIns(): Promise<Precompiled | null> {
  if (precompiled !== undefined) return precompiled;
  try {
    precompiled = (await loadPrecompiledTemplates()) as Precompiled;
  } catch {
    precompiled = null;
  }
  return precompiled;
}

/**
 * The templates of one format: the built-in `templates/<format>/*.hbs` (and `partials/*.hbs`),
 * each replaced by the file of the same name under `<userDir>/<format>/` when the user gives
 * `--templates`.
 */
export async function loadTemplateSet(format: TemplateFormat, userDir?: string): Promise<TemplateSet> {
  const set: TemplateSet = { format, templates: new Map(), partials: new Map() };
  const built = (await builtIns())?.[format];
  if (built) {
    for (const kind of ["templates", "partials"] as const) {
      for (const [name, spec] of Object.entries(built[kind])) {
        const file = packageFile(`templates/${format}/${kind === "partials" ? "partials/" : ""}${name}.hbs`);
        set[kind].set(name, { name, file, spec });
      }
    }
  }
  let userRoot: string | undefined;
  if (userDir) {
    try {
      userRoot = realpathSync(userDir);
      set.userRoot = userRoot;
    } catch {
      // A missing folder replaces nothing (as before).
    }
  }
  const dirs = [...(built ? [] : [packageFile(`templates/${format}`)]), ...(userRoot ? [path.join(userDir!, format)] : [])];
  for (const dir of dirs) {
    const user = userRoot !== undefined && dir !== packageFile(`templates/${format}`);
    for (const [sub, target] of [["", set.templates], ["partials", set.partials]] as const) {
      const folder = path.join(dir, sub);
      let names: string[];
      try {
        names = (await readdir(folder)).filter((n) => n.endsWith(".hbs")).sort();
      } catch {
        continue;
      }
      for (const name of names) {
        const file = path.join(folder, name);
        let source: string;
        try {
          source = new TextDecoder().decode(readInsideRoot(user ? userRoot! : realpathSync(packageFile("templates")), file, MAX_TEMPLATE_BYTES));
        } catch (e) {
          set.refused ??= { file, message: e instanceof RefusedFile ? `this file ${e.message}; templates are read only from inside \`${userDir ?? dir}\`` : `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
          continue;
        }
        target.set(name.slice(0, -4), { name: name.slice(0, -4), file, source, ...(user && { user }) });
      }
    }
  }
  return set;
}

type HandlebarsModule = typeof import("handlebars");
type Environment = ReturnType<HandlebarsModule["create"]>;
type Compiled = (context: object, options?: object) => string;

/** The compiler when a set has sources to compile; the small runtime when all is precompiled. */
async function engine(needsCompiler: boolean): Promise<HandlebarsModule> {
  const mod = (needsCompiler ? await import("handlebars") : await import("handlebars/runtime.js")) as unknown as { default?: HandlebarsModule } & HandlebarsModule;
  return mod.default ?? mod;
}

interface HelperOptions {
  hash?: Record<string, unknown>;
  data?: { root?: { labels?: Record<string, string> } };
}

/** The helpers every template may use. Escaping helpers are named for the output they serve. */
function registerHelpers(hb: Environment, set: TemplateSet) {
  hb.registerHelper("mm", (text: unknown) => mermaidText(String(text ?? "")));
  hb.registerHelper("mmLabel", (text: unknown) => mermaidLabel(String(text ?? "")));
  hb.registerHelper("mmNode", (text: unknown) => mermaidNode(String(text ?? "")));
  hb.registerHelper("mmActor", (text: unknown) => mermaidActor(String(text ?? "")));
  // A `%%` comment ends at the line's end: any line break or control character becomes a space.
  hb.registerHelper("mmComment", (text: unknown) => String(text ?? "").replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " "));
  hb.registerHelper("mmAcc", (text: unknown) => mermaidAccessible(String(text ?? "")));
  hb.registerHelper("md", (text: unknown) => markdownText(String(text ?? "")));
  hb.registerHelper("mdUrl", (url: unknown) => String(url ?? "").replace(/[<>\s]/g, (c) => encodeURIComponent(c)));
  // Labels come from the context being rendered (`labels`), so one compiled set serves every locale.
  hb.registerHelper("t", (key: string, options: HelperOptions) => {
    const labels = options?.data?.root?.labels;
    const text = labels && Object.hasOwn(labels, key) ? String(labels[key]) : String(key);
    return fillPlaceholders(text, options?.hash ?? {});
  });
  hb.registerHelper("join", (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === "string" ? sep : ", ") : ""));
  hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  hb.registerHelper("gt", (a: unknown, b: unknown) => Number(a) > Number(b));
  hb.registerHelper("add", (a: unknown, b: unknown) => Number(a) + Number(b));
  hb.registerHelper("or", (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hb.registerHelper("and", (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hb.registerHelper("not", (a: unknown) => !a);
  hb.registerHelper("json", (a: unknown) => JSON.stringify(a));
  hb.registerHelper("faceIcon", (score: unknown) => new hb.SafeString(faceIcon(Number(score))));
  // No request leaves a rendered page, so a logo or a font is inlined: `{{asset "logo.png"}}` is a
  // `data:` URL of a file inside the templates folder.
  hb.registerHelper("asset", (name: unknown) => {
    if (set.userRoot === undefined) throw new Error("`asset` reads files of a `--templates` folder, and none is given");
    const file = path.resolve(set.userRoot, String(name ?? ""));
    let bytes: Uint8Array;
    try {
      bytes = readInsideRoot(set.userRoot, file, MAX_ASSET_BYTES);
    } catch (e) {
      throw new Error(`asset \`${String(name)}\` ${e instanceof RefusedFile ? e.message : `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`}`);
    }
    const mime = ASSET_TYPES.get(path.extname(file).toLowerCase()) ?? "application/octet-stream";
    return new hb.SafeString(`data:${mime};base64,${Buffer.from(bytes).toString("base64")}`);
  });
}

const ASSET_TYPES = new Map<string, string>(Object.entries({
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
  ".webp": "image/webp",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".css": "text/css",
}));

function hasUserFiles(set: TemplateSet): boolean {
  return [...set.templates.values(), ...set.partials.values()].some((f) => f.user === true);
}

export type Rendered = { text: string } | { diagnostic: Diagnostic };

interface CompiledSet {
  templates: Map<string, Compiled>;
  /** A compile error, reported for every journey that uses the set. */
  failure?: { file: string; message: string };
}

const compiledSets = new WeakMap<TemplateSet, CompiledSet>();

/** Compiles a set once per run: one Handlebars environment, its partials and templates. */
async function compileSet(set: TemplateSet): Promise<CompiledSet> {
  const known = compiledSets.get(set);
  if (known) return known;
  const files = [...set.partials.values(), ...set.templates.values()];
  const hb = (await engine(files.some((f) => f.source !== undefined))).create();
  registerHelpers(hb, set);
  const options = { noEscape: set.format !== "html", strict: false, preventIndent: true };
  const compiled: CompiledSet = { templates: new Map() };
  if (set.refused) {
    compiled.failure = set.refused;
    compiledSets.set(set, compiled);
    return compiled;
  }
  const load = (f: TemplateFile) => {
    if (f.spec) return hb.template(f.spec as Parameters<typeof hb.template>[0]);
    // Partials compile lazily in Handlebars: precompile now so that syntax errors name this file.
    hb.precompile(f.source!, options);
    return hb.compile(f.source!, options);
  };
  let current: TemplateFile | undefined;
  try {
    for (const partial of set.partials.values()) {
      current = partial;
      hb.registerPartial(partial.name, load(partial));
    }
    for (const template of set.templates.values()) {
      current = template;
      compiled.templates.set(template.name, load(template) as Compiled);
    }
  } catch (e) {
    compiled.failure = { file: current?.file ?? set.format, message: String((e as Error)?.message ?? e) };
  }
  compiledSets.set(set, compiled);
  return compiled;
}

/**
 * Renders one template of a set with `context`. A template that fails to compile or to run is a
 * `template-error` naming the template file (and its line when Handlebars gives one).
 */
export async function renderTemplate(set: TemplateSet, name: string, context: object, journeyFile: string): Promise<Rendered> {
  const compiled = await compileSet(set);
  const fail = (file: string, message: string): Rendered => {
    const line = /line (\d+)/.exec(message)?.[1];
    const d: Diagnostic = {
      severity: "error",
      code: "template-error",
      ...bilingual(
        {
          en: `template \`${file}\`${line ? ` line ${line}` : ""}: ${message.split("\n")[0]}`,
          fr: `gabarit \`${file}\`${line ? ` ligne ${line}` : ""} : ${message.split("\n")[0]}`,
        },
        {
          en: "fix the template at the place shown, or remove it from `--templates` to use the built-in one",
          fr: "corrigez le gabarit à l'endroit indiqué, ou retirez-le de `--templates` pour utiliser celui de cjm",
        },
      ),
      file: journeyFile,
    };
    if (line) d.related = [{ file, span: { start: { line: Number(line), col: 1 }, end: { line: Number(line), col: 1 } }, message: "in this template", fr: "dans ce gabarit" }];
    return { diagnostic: d };
  };
  if (compiled.failure) return fail(compiled.failure.file, compiled.failure.message);
  const template = compiled.templates.get(name);
  if (!template) return fail(`${set.format}/${name}.hbs`, "template not found");
  try {
    const text = template(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    // HTML written from a user's template carries cjm's CSP first, whatever the template says; it
    // allows the report's one script (by its hash) only when the page includes it (`{{> script}}`).
    if (set.format !== "html" || !hasUserFiles(set)) return { text };
    return { text: withCsp(text, text.includes(`<script>${VIEWS_SCRIPT}</script>`) ? VIEWS_SCRIPT_HASH : undefined) };
  } catch (e) {
    return fail(set.templates.get(name)?.file ?? name, String((e as Error)?.message ?? e));
  }
}
