import type { Diagnostic, Texts } from "../diagnostics/diagnostic.js";
import { MESSAGES } from "../i18n/messages.js";
import { slugify } from "../model/slug.js";
import { BLUEPRINT_LANES, type Locale } from "../model/types.js";
import { importDiagnostic } from "./diagnostics.js";
import { foldHeader, headerMeaning, type GridKey, type HeaderMeaning } from "./grid-columns.js";
import type { ImportedMap } from "./mermaid.js";
import { IdPool } from "./unique-ids.js";
import { commentText, type PathComment } from "./yaml-out.js";

/** A cell of a sheet, with where it sits in the file for diagnostics. */
export interface Cell {
  text: string;
  line: number;
  col: number;
  /** How a person names the cell: `C5`, or `C5 of sheet Steps`. */
  ref: string;
}

/** What an `.xlsx` file adds to the grid: its other sheets, already read into map items. */
export interface GridExtras {
  meta?: Record<string, unknown>;
  personas?: Record<string, unknown>[];
  channels?: Record<string, unknown>[];
  opportunities?: Record<string, unknown>[];
}

const DEFAULT_PERSONA: Record<Locale, string> = { en: "Customer", fr: "Client" };

/** Lines of a cell: a list cell holds one item per line. */
function items(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Values a column takes, by key, with the labels cjm prints for them in both languages. */
function enumLookup(prefix: "moment" | "evidence", keys: readonly string[]): Map<string, string> {
  const table = new Map<string, string>();
  for (const key of keys) {
    table.set(foldHeader(key), key);
    for (const locale of ["en", "fr"] as const) {
      const label = (MESSAGES[locale] as Record<string, string>)[`${prefix}.${key}`];
      if (label) table.set(foldHeader(label), key);
    }
  }
  return table;
}
const MOMENTS = enumLookup("moment", ["truth", "magic", "micro"]);
const EVIDENCE = enumLookup("evidence", ["observed", "reported", "inferred", "assumed"]);

function extensionValue(text: string): unknown {
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/**
 * A journey grid (first non-empty row: the headers; then one row per step) → a map. Every problem
 * is a diagnostic at its cell; unknown columns are kept as `x-` data on the steps.
 */
export function gridToMap(rows: Cell[][], file: string, options: { fallbackTitle: string; locale?: Locale; where?: string }, extras: GridExtras = {}): ImportedMap {
  const diagnostics: Diagnostic[] = [];
  const bad = (cell: Cell, message: Texts, help?: Texts) =>
    diagnostics.push(
      importDiagnostic("error", "import-bad-cell", file, cell.line, cell.col, { en: `${message.en} (cell ${cell.ref})`, fr: `${message.fr} (cellule ${cell.ref})` }, help, Math.max(1, [...cell.text].length)),
    );
  const filled = rows.filter((r) => r.some((c) => c.text.trim() !== ""));
  const header = filled[0];
  const empty = (message: Texts): ImportedMap => {
    diagnostics.push(
      importDiagnostic("error", "import-empty-sheet", file, header?.[0]?.line ?? 1, 1, message, {
        en: "the first row names the columns (stage, step, does, emotion… or phase, étape, fait, émotion…), then one row per step",
        fr: "la première ligne nomme les colonnes (phase, étape, fait, émotion… ou stage, step, does, emotion…), puis une ligne par étape",
      }),
    );
    return { map: {}, comments: [], line: 1, title: "", diagnostics };
  };
  if (!header) return empty({
      en: `expected a header row and one row per step${options.where ? ` in ${options.where}` : ""}, found an empty sheet`,
      fr: `une ligne d'en-tête et une ligne par étape étaient attendues${options.where ? ` dans ${options.where}` : ""} ; la feuille est vide`,
    });
  const body = filled.slice(1);

  const meanings: (HeaderMeaning & { cell: Cell; extensionKey?: string })[] = header.map((cell) => ({ ...headerMeaning(cell.text), cell }));
  const seen = new Map<string, Cell>();
  let fr = 0;
  let en = 0;
  for (const m of meanings) {
    if (m.kind === "column" || m.kind === "emotion") {
      if (m.locale === "fr") fr++;
      if (m.locale === "en") en++;
      const id = m.kind === "column" ? m.key : `emotion:${m.persona}`;
      const first = seen.get(id);
      if (first) {
        bad(
          m.cell,
          { en: `column \`${m.cell.text.trim()}\` appears twice (first at ${first.ref})`, fr: `la colonne \`${m.cell.text.trim()}\` apparaît deux fois (d'abord en ${first.ref})` },
          { en: "keep one column per field", fr: "gardez une colonne par champ" },
        );
      }
      seen.set(id, m.cell);
    } else if (m.kind === "unknown") {
      m.extensionKey = `x-${slugify(m.cell.text) || `column-${m.cell.col}`}`;
      diagnostics.push(
        importDiagnostic(
          "warning",
          "import-unknown-column",
          file,
          m.cell.line,
          m.cell.col,
          {
            en: `unknown column \`${m.cell.text.trim()}\`: kept as \`${m.extensionKey}\` on each step (cell ${m.cell.ref})`,
            fr: `colonne inconnue \`${m.cell.text.trim()}\` : gardée comme \`${m.extensionKey}\` sur chaque étape (cellule ${m.cell.ref})`,
          },
          {
            en: "known columns: stage, step, does, thinks, feels, emotion, personas, touchpoint, channel, pain, gain, moment, evidence, owner, frontstage, backstage, support, systems, data (or their French names: phase, étape, fait, pense, ressent…)",
            fr: "colonnes connues : phase, étape, fait, pense, ressent, émotion, personas, point de contact, canal, irritant, gain… (ou leurs noms anglais : stage, step, does, thinks, feels, emotion…)",
          },
          [...m.cell.text].length,
        ),
      );
    }
  }
  if (!seen.has("step")) if (!seen.has("step")) {
    const found = header.filter((c) => c.text.trim() !== "").map((c) => `\`${c.text.trim()}\``).join(", ");
    return empty({
      en: `expected a \`step\` (or \`étape\`) column in the header row, found ${found}`,
      fr: `une colonne \`étape\` (ou \`step\`) était attendue dans la ligne d'en-tête ; trouvé : ${found}`,
    });
  }
  if (body.length === 0) return empty({ en: "expected one row per step under the header row, found none", fr: "une ligne par étape était attendue sous la ligne d'en-tête ; il n'y en a aucune" });
  const locale: Locale = options.locale ?? (fr > en ? "fr" : "en");

  // Personas: the Personas sheet first, then every name the grid uses.
  const personaPool = new IdPool("persona");
  const personas: Record<string, unknown>[] = [];
  const personaByText = new Map<string, string>();
  const addPersona = (text: string, given?: Record<string, unknown>): string => {
    const known = personaByText.get(text) ?? personaByText.get(foldHeader(text));
    if (known) return known;
    const isSlug = /^[a-z][a-z0-9-]*$/.test(text);
    const wanted = typeof given?.["id"] === "string" ? (given["id"] as string) : isSlug ? text : undefined;
    const { id } = personaPool.take(text, personas.length + 1, wanted);
    personas.push(given ? { ...given, id } : { id, name: text });
    personaByText.set(text, id);
    personaByText.set(id, id);
    personaByText.set(foldHeader(text), id);
    if (typeof given?.["name"] === "string") personaByText.set(given["name"] as string, id);
    return id;
  };
  for (const p of extras.personas ?? []) addPersona(String(p["id"] ?? p["name"]), p);
  const emotionPersonas = [...new Set(meanings.flatMap((m) => (m.kind === "emotion" ? [addPersona(m.persona)] : [])))];

  const channelPool = new IdPool("channel");
  const channels: Record<string, unknown>[] = [];
  const channelByText = new Map<string, string>();
  const addChannel = (text: string, given?: Record<string, unknown>): string => {
    const known = channelByText.get(text);
    if (known) return known;
    const wanted = typeof given?.["id"] === "string" ? (given["id"] as string) : /^[a-z][a-z0-9-]*$/.test(text) ? text : undefined;
    const { id } = channelPool.take(text, channels.length + 1, wanted);
    channels.push(given ? { ...given, id } : { id, name: text });
    channelByText.set(text, id);
    channelByText.set(id, id);
    if (typeof given?.["name"] === "string") channelByText.set(given["name"] as string, id);
    return id;
  };
  for (const c of extras.channels ?? []) addChannel(String(c["id"] ?? c["name"]), c);

  const comments: PathComment[] = [];
  const stagePool = new IdPool("stage");
  const stepPool = new IdPool("step");
  const stages: { key: string; value: Record<string, unknown>; steps: Record<string, unknown>[] }[] = [];
  let position = 0;
  const at = (row: Cell[], key: GridKey): Cell | undefined => {
    const i = meanings.findIndex((m) => m.kind === "column" && m.key === key);
    return i < 0 ? undefined : row[i];
  };
  const where = (cell: Cell) => commentText(options.where ? `${file}, ${options.where} row ${cell.line}` : `${file}:${cell.line}`);

  for (const row of body) {
    const get = (key: GridKey) => at(row, key)?.text.trim() ?? "";
    const first = row.find((c) => c.text.trim() !== "")!;
    const stageName = get("stage");
    const stageIdText = get("stageId");
    const stepCell = at(row, "step");
    if (stepCell === undefined || stepCell.text.trim() === "") {
      bad(
        stepCell ?? first,
        { en: "expected a step name, found an empty cell", fr: "un nom d'étape était attendu ; la cellule est vide" },
        { en: "every row is one step: give it a name in the step column", fr: "chaque ligne est une étape : donnez-lui un nom dans la colonne étape" },
      );
      continue;
    }
    const key = stageIdText || stageName;
    let stage = stages[stages.length - 1];
    if (key !== "" && (stage === undefined || stage.key !== key)) {
      const name = stageName || stageIdText;
      const { id, explicit } = stagePool.take(name, stages.length + 1, stageIdText || undefined);
      stage = { key, value: { ...(explicit && { id }), name }, steps: [] };
      comments.push({ path: ["stages", stages.length], comment: where(at(row, "stage") ?? first) });
      stages.push(stage);
    }
    if (stage === undefined) {
      bad(
        at(row, "stage") ?? first,
        { en: "expected a stage name on the first step row, found an empty cell", fr: "un nom de phase était attendu sur la première ligne d'étape ; la cellule est vide" },
        {
          en: "name the stage in the stage (phase) column; rows below with an empty stage cell stay in it",
          fr: "nommez la phase dans la colonne phase ; les lignes suivantes dont la cellule de phase est vide y restent",
        },
      );
      continue;
    }
    position++;
    const stepIdText = get("stepId");
    const stepName = stepCell.text.trim();
    const stepId = stepPool.take(stepName, position, stepIdText || undefined);
    const step: Record<string, unknown> = { ...(stepId.explicit && { id: stepId.id }), name: stepName };

    const personaCell = get("personas");
    if (personaCell !== "") step["personas"] = [...new Set(personaCell.split(/[,\n]/).map((s) => s.trim()).filter((s) => s !== "").map((s) => addPersona(s)))];
    for (const field of ["does", "thinks", "feels"] as const) if (get(field) !== "") step[field] = get(field);

    const score = (cell: Cell): number | undefined => {
      const text = cell.text.trim();
      if (text === "") return undefined;
      const n = Number(text.replace(",", "."));
      if (!Number.isInteger(n) || n < 1 || n > 5) {
        bad(
          cell,
          { en: `expected an emotion, a whole number from 1 to 5, found \`${text.slice(0, 20)}\``, fr: `une émotion était attendue, un nombre entier de 1 à 5 ; trouvé : \`${text.slice(0, 20)}\`` },
          { en: "1 very negative, 3 neutral, 5 very positive", fr: "1 très négatif, 3 neutre, 5 très positif" },
        );
        return undefined;
      }
      return n;
    };
    const perPersona: Record<string, number> = {};
    meanings.forEach((m, i) => {
      const cell = row[i];
      if (m.kind !== "emotion" || cell === undefined) return;
      const n = score(cell);
      if (n !== undefined) perPersona[addPersona(m.persona)] = n;
    });
    const emotionCell = at(row, "emotion");
    const scored = Object.keys(perPersona);
    const takers = (step["personas"] as string[] | undefined) ?? emotionPersonas;
    const one = perPersona[scored[0]!];
    // One score for everyone who takes the step reads best as one number.
    if (scored.length > 0 && scored.length === takers.length && takers.every((p) => perPersona[p] === one) && personas.length === emotionPersonas.length) step["emotion"] = one;
    else if (scored.length > 0) step["emotion"] = perPersona;
    else if (emotionCell) {
      const n = score(emotionCell);
      if (n !== undefined) step["emotion"] = n;
    }

    const touchpoints = items(get("touchpoint"));
    const channelCell = at(row, "channel");
    const channelNames = items(get("channel"));
    if (touchpoints.length > 0 || channelNames.length > 0) {
      if (channelNames.length !== touchpoints.length && channelNames.length !== 1) {
        bad(
          channelCell ?? at(row, "touchpoint")!,
          {
            en: `expected one channel per touchpoint line (${touchpoints.length}), found ${channelNames.length}`,
            fr: `un canal par ligne de point de contact (${touchpoints.length}) était attendu ; trouvé : ${channelNames.length}`,
          },
          {
            en: "write the touchpoints one per line, and their channels one per line in the same order (or one channel for all)",
            fr: "écrivez les points de contact un par ligne, et leurs canaux un par ligne dans le même ordre (ou un seul canal pour tous)",
          },
        );
      } else if (touchpoints.length === 0) {
        bad(
          at(row, "touchpoint") ?? channelCell!,
          { en: "expected a touchpoint name beside the channel, found an empty cell", fr: "un nom de point de contact était attendu à côté du canal ; la cellule est vide" },
          { en: "name what the customer meets on that channel in the touchpoint column", fr: "nommez ce que le client rencontre sur ce canal dans la colonne point de contact" },
        );
      } else {
        step["touchpoints"] = touchpoints.map((name, i) => ({ channel: addChannel(channelNames[channelNames.length === 1 ? 0 : i]!), name }));
      }
    }

    const pains = items(get("pain"));
    const painIds = items(get("painId"));
    const severityCell = at(row, "painSeverity");
    const severities = items(get("painSeverity"));
    if (pains.length > 0) {
      step["pains"] = pains.map((text, i) => {
        const written = painIds.length === pains.length ? painIds[i] : undefined;
        const id = written === "-" ? undefined : written;
        const sevText = severities.length === pains.length ? severities[i] : undefined;
        let severity: number | undefined;
        if (sevText !== undefined && sevText !== "-") {
          severity = Number(sevText);
          if (!Number.isInteger(severity) || severity < 1 || severity > 5) {
            bad(
              severityCell!,
              {
                en: `expected a pain severity, a whole number from 1 to 5, found \`${sevText.slice(0, 20)}\``,
                fr: `une gravité d'irritant était attendue, un nombre entier de 1 à 5 ; trouvé : \`${sevText.slice(0, 20)}\``,
              },
              { en: "1 minor, 5 severe", fr: "1 mineur, 5 grave" },
            );
            severity = undefined;
          }
        }
        return id === undefined && severity === undefined ? text : { ...(id !== undefined && { id }), text, ...(severity !== undefined && { severity }) };
      });
    }
    if (items(get("gain")).length > 0) step["gains"] = items(get("gain"));
    for (const [field, table, help, aide] of [
      ["moment", MOMENTS, "truth (moment of truth), magic or micro", "truth (moment de vérité), magic ou micro"],
      ["evidence", EVIDENCE, "observed, reported, inferred or assumed", "observed, reported, inferred ou assumed"],
    ] as const) {
      const cell = at(row, field);
      const text = cell?.text.trim() ?? "";
      if (text === "") continue;
      const value = table.get(foldHeader(text));
      if (value === undefined) {
        bad(
          cell!,
          { en: `expected a ${field}: ${help}; found \`${text.slice(0, 30)}\``, fr: `une valeur de \`${field}\` était attendue : ${aide} ; trouvé : \`${text.slice(0, 30)}\`` },
          { en: `one of: ${help}`, fr: `l'une de : ${aide}` },
        );
      }
      else step[field] = value;
    }
    const blueprint: Record<string, string[]> = {};
    for (const lane of BLUEPRINT_LANES) if (items(get(lane)).length > 0) blueprint[lane] = items(get(lane));
    if (Object.keys(blueprint).length > 0) step["blueprint"] = blueprint;
    if (items(get("owner")).length > 0) step["owners"] = items(get("owner"));
    meanings.forEach((m, i) => {
      const text = row[i]?.text.trim() ?? "";
      if (text === "") return;
      if (m.kind === "extension") step[m.key] = extensionValue(text);
      else if (m.kind === "unknown") step[m.extensionKey!] = extensionValue(text);
    });
    comments.push({ path: ["stages", stages.length - 1, "steps", stage.steps.length], comment: where(stepCell) });
    stage.steps.push(step);
  }
  if (personas.length === 0) addPersona(DEFAULT_PERSONA[locale]);

  const meta = extras.meta ?? {};
  const title = typeof meta["title"] === "string" ? meta["title"] : options.fallbackTitle;
  const map: Record<string, unknown> = {
    cjm: 1,
    ...meta,
    title,
    ...(locale !== "en" && meta["locale"] === undefined && { locale }),
    personas,
    ...(channels.length > 0 && { channels }),
    stages: stages.map((s) => ({ ...s.value, steps: s.steps })),
    ...(extras.opportunities && extras.opportunities.length > 0 && { opportunities: extras.opportunities }),
  };
  return { map, comments, line: header[0]?.line ?? 1, title, diagnostics };
}
