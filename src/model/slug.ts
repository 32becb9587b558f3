/**
 * The slug of a name: accents folded, lowercase ASCII letters, digits and hyphens
 * ("Notoriété" → `notoriete`, "Paie sur l'app" → `paie-sur-l-app`). Empty when nothing is left.
 */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[œŒ]/g, "oe")
    .replace(/[æÆ]/g, "ae")
    .replace(/ß/g, "ss")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 100)
    .replace(/-+$/, "");
}

/**
 * A valid id derived from a name. A slug must start with a letter: "1er contact" becomes
 * `step-1er-contact`; a name with no letters or digits at all gets `step-3` (its position).
 */
export function deriveId(name: string, kind: string, position: number): string {
  const slug = slugify(name);
  if (slug === "") return `${kind}-${position}`;
  return /^[a-z]/.test(slug) ? slug : `${kind}-${slug}`;
}
