import { parse as parseYaml } from "yaml";
import type { Diagnostic, Texts } from "../diagnostics/diagnostic.js";
import type { Locale } from "../model/types.js";
import { importDiagnostic } from "./diagnostics.js";
import { IdPool } from "./unique-ids.js";
import { commentText, type PathComment } from "./yaml-out.js";

/** One `journey` diagram found in a file, with the 1-based line of each of its lines. */
export interface JourneyBlock {
  /** Line of the `journey` keyword. */
  line: number;
  lines: { text: string; line: number }[];
  /** `%%` comments before the keyword. */
  leading: string[];
  /** The title of a `---` front matter before the keyword. */
  frontTitle?: string;
}

export interface ImportedMap {
  map: Record<string, unknown>;
  comments: PathComment[];
  /** Line of the block's `journey` keyword (or first row), for the header comment. */
  line: number;
  title: string;
  /** Comments of the source that belong to the whole map. */
  header?: string[];
  /** What was found wrong in this map's part of the file. */
  diagnostics: Diagnostic[];
}

export interface MermaidImport {
  maps: ImportedMap[];
  diagnostics: Diagnostic[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/;

/**
 * The `journey` diagrams of a `.mmd` file (the whole file is one diagram) or of a Markdown file
 * (every ```mermaid fence whose diagram is a journey). Other diagram types are passed over.
 */
export function findJourneyBlocks(text: string): { blocks: JourneyBlock[]; fenced: boolean; firstKeyword?: { text: string; line: number } } {
  const all = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const fences: JourneyBlock["lines"][] = [];
  let current: JourneyBlock["lines"] | undefined;
  let closer = "";
  for (let i = 0; i < all.length; i++) {
    const raw = all[i]!;
    const open = FENCE.exec(raw);
    if (current === undefined) {
      if (open && open[2]!.toLowerCase() === "mermaid") {
        current = [];
        closer = open[1]!;
      }
      continue;
    }
    if (open && open[1]!.startsWith(closer) && open[1]![0] === closer[0] && raw.trim() === open[1]) {
      fences.push(current);
      current = undefined;
      continue;
    }
    current.push({ text: raw, line: i + 1 });
  }
  if (current !== undefined) fences.push(current);
  const fenced = fences.length > 0;
  const candidates = fenced ? fences : [all.map((t, i) => ({ text: t, line: i + 1 }))];
  const blocks: JourneyBlock[] = [];
  let firstKeyword: { text: string; line: number } | undefined;
  for (const lines of candidates) {
    const start = diagramStart(lines);
    if (start === undefined) continue;
    const keyword = lines[start]!;
    firstKeyword ??= { text: keyword.text.trim(), line: keyword.line };
    const leading = lines.slice(0, start).map((l) => l.text.trim()).filter((t) => t.startsWith("%%") && !t.startsWith("%%{")).map((t) => t.slice(2).trim());
    if (/^journey\b/i.test(keyword.text.trim())) {
      const frontTitle = frontMatterTitle(lines, start);
      blocks.push({ line: keyword.line, lines: lines.slice(start), leading, ...(frontTitle !== undefined && { frontTitle }) });
    }
  }
  return { blocks, fenced, ...(firstKeyword && { firstKeyword }) };
}

/** Index of the diagram keyword: after blank lines, `%%` comments and a `---` front matter. */
function diagramStart(lines: JourneyBlock["lines"]): number | undefined {
  let i = 0;
  while (i < lines.length) {
    const t = lines[i]!.text.trim();
    if (t === "" || t.startsWith("%%")) i++;
    else if (t === "---") {
      i++;
      while (i < lines.length && lines[i]!.text.trim() !== "---") i++;
      i++;
    } else return i;
  }
  return undefined;
}

/** The title a `---` front matter gives the diagram (Mermaid 10.5+). */
function frontMatterTitle(lines: JourneyBlock["lines"], before: number): string | undefined {
  const start = lines.findIndex((l) => l.text.trim() === "---");
  if (start < 0 || start >= before) return undefined;
  const end = lines.findIndex((l, i) => i > start && l.text.trim() === "---");
  if (end < 0 || end > before) return undefined;
  try {
    const data = parseYaml(lines.slice(start + 1, end).map((l) => l.text).join("\n")) as unknown;
    const title = (data as { title?: unknown } | null)?.title;
    return typeof title === "string" ? title : undefined;
  } catch {
    return undefined;
  }
}

/** Mermaid entity codes as cjm and others write them: `#58;` → `:`, `#quot;` → `"`. */
export function decodeMermaidText(text: string): string {
  const named: Record<string, string> = { quot: '"', amp: "&", lt: "<", gt: ">", nbsp: "\u00a0", colon: ":", semi: ";", num: "#", apos: "'" };
  return text
    .replace(/#(\d{1,7});/g, (m, n: string) => {
      const cp = Number(n);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    })
    .replace(/#([a-z]{2,8});/gi, (m, name: string) => (Object.hasOwn(named, name.toLowerCase()) ? named[name.toLowerCase()]! : m))
    .trim();
}

interface Task {
  name: string;
  line: number;
  score: number;
  rawScore: number;
  actors: string[];
  comments: string[];
}

interface Section {
  name: string;
  line: number;
  tasks: Task[];
  comments: string[];
}

const DEFAULT_PERSONA: Record<Locale, string> = { en: "Customer", fr: "Client" };
const DEFAULT_STAGE: Record<Locale, string> = { en: "Journey", fr: "Parcours" };

/**
 * Turns the journey diagrams of one file into maps: `title` → title, `section` → stage, task →
 * step, actors → personas, score → emotion. Scores outside 1..5 are clamped with a warning at the
 * score and kept under `x-mermaid-score`; `%%` comments become YAML comments, `accTitle` and
 * `accDescr` the title (when there is none) and the description.
 */
export function importMermaid(text: string, file: string, options: { locale?: Locale; fallbackTitle: string }): MermaidImport {
  const locale = options.locale ?? "en";
  const diagnostics: Diagnostic[] = [];
  const found = findJourneyBlocks(text);
  if (found.blocks.length === 0) {
    const where = found.firstKeyword;
    diagnostics.push(
      importDiagnostic(
        "error",
        "import-no-journey",
        file,
        where?.line ?? 1,
        1,
        where
          ? {
              en: `expected a Mermaid \`journey\` diagram, found \`${where.text.slice(0, 40)}\`${found.fenced ? " and no journey block" : ""}`,
              fr: `un diagramme Mermaid \`journey\` était attendu ; trouvé : \`${where.text.slice(0, 40)}\`${found.fenced ? " et aucun bloc journey" : ""}`,
            }
          : found.fenced
            ? { en: "expected a ```mermaid block holding a `journey` diagram, found none", fr: "un bloc ```mermaid contenant un diagramme `journey` était attendu ; il n'y en a aucun" }
            : { en: "expected a Mermaid `journey` diagram, found an empty file", fr: "un diagramme Mermaid `journey` était attendu ; le fichier est vide" },
        {
          en: "a journey diagram starts with the line `journey`, then `title`, `section` and task lines such as `Make tea: 5: Me`",
          fr: "un diagramme journey commence par la ligne `journey`, puis des lignes `title`, `section` et des tâches comme `Fait le thé: 5: Moi`",
        },
        where ? Math.max(1, [...where.text].length) : 1,
      ),
    );
    return { maps: [], diagnostics };
  }
  const maps = found.blocks.map((block, n) =>
    blockToMap(block, file, locale, found.blocks.length > 1 ? `${options.fallbackTitle} ${n + 1}` : options.fallbackTitle),
  );
  return { maps, diagnostics };
}

function blockToMap(block: JourneyBlock, file: string, locale: Locale, fallbackTitle: string): ImportedMap {
  const diagnostics: Diagnostic[] = [];
  const lines = block.lines;
  let title: string | undefined = block.frontTitle;
  let accTitle: string | undefined;
  let accDescr: string | undefined;
  const sections: Section[] = [];
  let pending: string[] = [];
  const headComments: string[] = block.leading;
  let inDescr: string[] | undefined;

  for (let i = 1; i < lines.length; i++) {
    const { text: raw, line } = lines[i]!;
    const t = raw.trim();
    if (inDescr !== undefined) {
      const close = t.indexOf("}");
      if (close >= 0) {
        inDescr.push(t.slice(0, close));
        accDescr = inDescr.join("\n").trim();
        inDescr = undefined;
      } else inDescr.push(t);
      continue;
    }
    if (t === "" || t.startsWith("%%{")) continue;
    if (t.startsWith("%%")) {
      pending.push(t.slice(2).trim());
      continue;
    }
    const col = raw.length - raw.trimStart().length + 1;
    let m: RegExpExecArray | null;
    if ((m = /^title(?:\s+(.*))?$/i.exec(t))) {
      title = decodeMermaidText(m[1] ?? "");
      headComments.push(...pending);
      pending = [];
    } else if ((m = /^accTitle\s*:\s*(.*)$/.exec(t))) {
      accTitle = decodeMermaidText(m[1]!);
    } else if ((m = /^accDescr\s*:\s*(.*)$/.exec(t))) {
      accDescr = decodeMermaidText(m[1]!);
    } else if ((m = /^accDescr\s*\{(.*)$/.exec(t))) {
      const rest = m[1]!;
      const close = rest.indexOf("}");
      if (close >= 0) accDescr = rest.slice(0, close).trim();
      else inDescr = [rest];
    } else if ((m = /^section(?:\s+(.*))?$/i.exec(t))) {
      sections.push({ name: decodeMermaidText(m[1] ?? ""), line, tasks: [], comments: pending });
      pending = [];
    } else {
      const task = parseTask(t, line, col, file, diagnostics);
      if (task === undefined) continue;
      task.comments = pending;
      pending = [];
      if (sections.length === 0) sections.push({ name: title ?? DEFAULT_STAGE[locale], line, tasks: [], comments: [] });
      sections[sections.length - 1]!.tasks.push(task);
    }
  }
  if (inDescr !== undefined) accDescr = inDescr.join("\n").trim();
  if (title === undefined || title === "") {
    title = accTitle || fallbackTitle;
    accTitle = undefined;
  }

  const personaPool = new IdPool("persona");
  const personas: { id: string; name: string }[] = [];
  const byActor = new Map<string, string>();
  for (const s of sections) {
    for (const task of s.tasks) {
      for (const actor of task.actors) {
        if (byActor.has(actor)) continue;
        const { id } = personaPool.take(actor, personas.length + 1);
        byActor.set(actor, id);
        personas.push({ id, name: actor });
      }
    }
  }
  if (personas.length === 0) personas.push({ id: personaPool.take(DEFAULT_PERSONA[locale], 1).id, name: DEFAULT_PERSONA[locale] });
  const allIds = personas.map((p) => p.id);

  const comments: PathComment[] = [];
  const stagePool = new IdPool("stage");
  const stepPool = new IdPool("step");
  const stages: Record<string, unknown>[] = [];
  let stepPosition = 0;
  for (const s of sections) {
    if (s.tasks.length === 0) {
      diagnostics.push(
        importDiagnostic(
          "warning",
          "import-dropped",
          file,
          s.line,
          1,
          { en: `section \`${s.name}\` has no tasks, and a stage needs at least one step: left out`, fr: `la section \`${s.name}\` n'a aucune tâche, et une phase a besoin d'au moins une étape : laissée de côté` },
          { en: "add a task line under the section, such as `First step: 3: Me`", fr: "ajoutez une ligne de tâche sous la section, comme `Première étape: 3: Moi`" },
          7,
        ),
      );
      continue;
    }
    const name = s.name || DEFAULT_STAGE[locale];
    const stageId = stagePool.take(name, stages.length + 1);
    const steps: Record<string, unknown>[] = [];
    const stageIndex = stages.length;
    for (const task of s.tasks) {
      stepPosition++;
      const stepId = stepPool.take(task.name, stepPosition);
      const actorIds = [...new Set(task.actors.map((a) => byActor.get(a)!))];
      const everyone = actorIds.length === 0 || (actorIds.length === allIds.length && allIds.every((id) => actorIds.includes(id)));
      const step: Record<string, unknown> = {
        ...(stepId.explicit && { id: stepId.id }),
        name: task.name,
        ...(!everyone && { personas: actorIds }),
        emotion: task.score,
        ...(task.rawScore !== task.score && { "x-mermaid-score": task.rawScore }),
      };
      comments.push({ path: ["stages", stageIndex, "steps", steps.length], comment: [...task.comments, `${file}:${task.line}`].map(commentText).join("\n") });
      steps.push(step);
    }
    comments.push({ path: ["stages", stageIndex], comment: [...s.comments, `${file}:${s.line}`].map(commentText).join("\n") });
    stages.push({ ...(stageId.explicit && { id: stageId.id }), name, steps });
  }
  if (pending.length > 0 && stages.length > 0) {
    // Comments after the last task: keep them before the last step rather than lose them.
    const last = comments.find((c) => c.path.length === 4 && c.path[1] === stages.length - 1 && c.path[3] === (stages[stages.length - 1]!.steps as unknown[]).length - 1);
    if (last) last.comment += "\n" + pending.map(commentText).join("\n");
  }

  const map: Record<string, unknown> = {
    cjm: 1,
    title,
    ...(accDescr && { description: accDescr }),
    ...(locale !== "en" && { locale }),
    ...(accTitle && accTitle !== title && { "x-mermaid-acc-title": accTitle }),
    // Persona ids are always written: steps name them.
    personas: personas.map((p) => ({ id: p.id, name: p.name })),
    stages,
  };
  return { map, comments, line: block.line, title, header: headComments.map((c) => c.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ")), diagnostics };
}

const TASK_HELP: Texts = {
  en: "a task line is `<step name>: <score 1-5>: <actor>, <actor>`, such as `Make tea: 5: Me, Cat`",
  fr: "une ligne de tâche s'écrit `<nom de l'étape>: <note 1-5>: <acteur>, <acteur>`, comme `Fait le thé: 5: Moi, Chat`",
};

function parseTask(t: string, line: number, col: number, file: string, diagnostics: Diagnostic[]): Task | undefined {
  const colon = t.indexOf(":");
  if (colon < 0) {
    diagnostics.push(importDiagnostic("error", "import-malformed-line", file, line, col, { en: `expected a task line \`<step>: <score>: <actors>\`, found \`${t.slice(0, 60)}\` with no \`:\``, fr: `une ligne de tâche \`<étape>: <note>: <acteurs>\` était attendue ; trouvé : \`${t.slice(0, 60)}\`, sans \`:\`` }, TASK_HELP, [...t].length));
    return undefined;
  }
  const name = decodeMermaidText(t.slice(0, colon));
  const pieces = t.slice(colon + 1).split(":");
  const scoreText = pieces[0]!.trim();
  const scoreCol = col + colon + 1 + (pieces[0]!.length - pieces[0]!.trimStart().length);
  if (name === "") {
    diagnostics.push(importDiagnostic("error", "import-malformed-line", file, line, col, { en: "expected a step name before `:`, found nothing", fr: "un nom d'étape était attendu avant `:` ; il n'y a rien" }, TASK_HELP));
    return undefined;
  }
  const rawScore = scoreText === "" ? NaN : Number(scoreText);
  if (!Number.isFinite(rawScore)) {
    diagnostics.push(
      importDiagnostic("error", "import-malformed-line", file, line, scoreCol, {
          en: `expected a score (a number, 1 to 5) after \`${name.slice(0, 40)}:\`, found ${scoreText === "" ? "nothing" : `\`${scoreText.slice(0, 20)}\``}`,
          fr: `une note (un nombre de 1 à 5) était attendue après \`${name.slice(0, 40)}:\` ; trouvé : ${scoreText === "" ? "rien" : `\`${scoreText.slice(0, 20)}\``}`,
        },
        TASK_HELP, Math.max(1, [...scoreText].length)),
    );
    return undefined;
  }
  const score = Math.min(5, Math.max(1, Math.round(rawScore)));
  if (score !== rawScore) {
    diagnostics.push(
      importDiagnostic(
        "warning",
        "import-score-clamped",
        file,
        line,
        scoreCol,
        {
          en: `score ${scoreText} is ${Number.isInteger(rawScore) ? "outside 1..5" : "not a whole number"}: written as emotion ${score}`,
          fr: `la note ${scoreText} ${Number.isInteger(rawScore) ? "est hors de 1..5" : "n'est pas un nombre entier"} : écrite comme émotion ${score}`,
        },
        {
          en: "cjm emotions are whole numbers from 1 (very negative) to 5 (very positive); the original is kept under `x-mermaid-score`",
          fr: "les émotions de cjm sont des nombres entiers de 1 (très négatif) à 5 (très positif) ; la note d'origine est gardée sous `x-mermaid-score`",
        },
        [...scoreText].length,
      ),
    );
  }
  const actors = pieces.length > 1 ? pieces[1]!.split(",").map(decodeMermaidText).filter((a) => a !== "") : [];
  return { name, line, score, rawScore, actors, comments: [] };
}
