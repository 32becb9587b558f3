// The ids of a journey and where they are written, for the language server: every declaration
// (persona, channel, stage, step, pain, opportunity) and every reference to one, as JSON pointers
// into the file that holds it. Built from the parsed data, not the checked journey, so a map with
// schema errors still navigates; ids are derived exactly as the model derives them.
import { deriveId } from "../model/slug.js";

export type IdKind = "persona" | "channel" | "stage" | "step" | "pain" | "opportunity";

/** Where a thing is written: the file (absolute path) and a JSON pointer, at the key or the value. */
export interface Place {
  file: string;
  pointer: string;
  at: "key" | "value";
}

export interface Declaration {
  kind: IdKind;
  id: string;
  /** The id is derived from a name (no `id:` written): `place` is then the name. */
  derived: boolean;
  /** The text people know it by (name, title, pain text). */
  label: string;
  place: Place;
  /** The mapping that declares it. */
  container: Place;
}

export interface Reference {
  /** What the reference may name: `addresses` names a step, a stage or a pain. */
  kinds: readonly IdKind[];
  id: string;
  place: Place;
}

export interface SymbolIndex {
  declarations: Declaration[];
  references: Reference[];
}

/** A persona file the map names, as parsed (undefined when it cannot be read or parsed). */
export type PersonaFileData = { file: string; data: unknown } | undefined;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const esc = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * The index of one map. `personaFiles[i]` is the parsed persona file for `personas[i]` when that
 * entry is a path.
 */
export function symbolIndex(file: string, data: unknown, personaFiles: PersonaFileData[] = []): SymbolIndex {
  const index: SymbolIndex = { declarations: [], references: [] };
  if (!isObj(data)) return index;
  const at = (pointer: string, where: "key" | "value" = "value"): Place => ({ file, pointer, at: where });

  const declare = (kind: IdKind, obj: Obj, pointer: string, labelKey: string, position: number, inFile = file) => {
    const label = text(obj[labelKey]) ?? "";
    const written = text(obj["id"]);
    const id = written ?? deriveId(label, kind, position);
    index.declarations.push({
      kind,
      id,
      derived: written === undefined,
      label,
      place: { file: inFile, pointer: `${pointer}/${written !== undefined ? "id" : labelKey}`, at: "value" },
      container: { file: inFile, pointer, at: "value" },
    });
  };
  const refer = (kinds: readonly IdKind[], id: unknown, place: Place) => {
    if (typeof id === "string") index.references.push({ kinds, id, place });
  };
  const personaChannels = (persona: Obj, pointer: string, inFile: string) =>
    list(persona["channels"]).forEach((c, k) => refer(["channel"], c, { file: inFile, pointer: `${pointer}/channels/${k}`, at: "value" }));

  list(data["personas"]).forEach((p, i) => {
    if (isObj(p)) {
      declare("persona", p, `/personas/${i}`, "name", i + 1);
      personaChannels(p, `/personas/${i}`, file);
    } else if (typeof p === "string") {
      const loaded = personaFiles[i];
      if (loaded && isObj(loaded.data)) {
        declare("persona", loaded.data, "", "name", i + 1, loaded.file);
        personaChannels(loaded.data, "", loaded.file);
      }
    }
  });
  list(data["channels"]).forEach((c, i) => {
    if (isObj(c)) declare("channel", c, `/channels/${i}`, "name", i + 1);
  });
  list(data["stages"]).forEach((s, si) => {
    if (!isObj(s)) return;
    const stagePointer = `/stages/${si}`;
    declare("stage", s, stagePointer, "name", si + 1);
    list(s["steps"]).forEach((st, ti) => {
      if (!isObj(st)) return;
      const stepPointer = `${stagePointer}/steps/${ti}`;
      declare("step", st, stepPointer, "name", ti + 1);
      list(st["personas"]).forEach((p, k) => refer(["persona"], p, at(`${stepPointer}/personas/${k}`)));
      if (isObj(st["emotion"])) {
        for (const key of Object.keys(st["emotion"])) refer(["persona"], key, at(`${stepPointer}/emotion/${esc(key)}`, "key"));
      }
      list(st["touchpoints"]).forEach((t, k) => {
        if (isObj(t)) refer(["channel"], t["channel"], at(`${stepPointer}/touchpoints/${k}/channel`));
      });
      list(st["pains"]).forEach((pain, k) => {
        const pointer = `${stepPointer}/pains/${k}`;
        if (typeof pain === "string") {
          index.declarations.push({ kind: "pain", id: deriveId(pain, "pain", k + 1), derived: true, label: pain, place: at(pointer), container: at(pointer) });
        } else if (isObj(pain)) {
          declare("pain", pain, pointer, "text", k + 1);
        }
      });
    });
  });
  list(data["opportunities"]).forEach((o, i) => {
    if (!isObj(o)) return;
    declare("opportunity", o, `/opportunities/${i}`, "title", i + 1);
    list(o["addresses"]).forEach((a, k) => refer(["step", "stage", "pain"], a, at(`/opportunities/${i}/addresses/${k}`)));
  });
  return index;
}

/** The declarations a reference names (none when dangling; several when ambiguous). */
export function resolve(index: SymbolIndex, ref: Reference): Declaration[] {
  return index.declarations.filter((d) => ref.kinds.includes(d.kind) && d.id === ref.id);
}

/** Every reference to a declaration. */
export function referencesTo(index: SymbolIndex, decl: Declaration): Reference[] {
  return index.references.filter((r) => r.kinds.includes(decl.kind) && r.id === decl.id);
}
