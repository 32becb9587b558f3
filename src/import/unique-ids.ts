import { deriveId, slugify } from "../model/slug.js";

/**
 * Hands out ids that are unique within one kind, derived from names the way the loader derives
 * them, so an imported map only spells out an id when the derived one would clash.
 */
export class IdPool {
  private readonly taken = new Set<string>();

  constructor(private readonly kind: string) {}

  /** `explicit` is true when the loader would not derive the same id from the name. */
  take(name: string, position: number, wanted?: string): { id: string; explicit: boolean } {
    const derived = deriveId(name, this.kind, position);
    let id = wanted ?? derived;
    for (let n = 2; this.taken.has(id); n++) id = `${wanted ?? derived}-${n}`;
    this.taken.add(id);
    // A name with no letters gets a positional id; spell it out rather than guess the position.
    return { id, explicit: id !== derived || slugify(name) === "" };
  }
}
