import type { Locale } from "../model/types.js";

export type StageSet = "five" | "seven";

/** The stage lists of the source texts, in both languages. */
export const STAGE_SETS: Record<StageSet, Record<Locale, string[]>> = {
  five: {
    en: ["Awareness", "Consideration", "Purchase", "Retention", "Advocacy"],
    fr: ["Notoriété", "Considération", "Achat", "Fidélisation", "Recommandation"],
  },
  seven: {
    en: ["Discovery", "Research", "Evaluation", "Purchase", "Use", "Customer service", "Recommendation"],
    fr: ["Découverte", "Recherche", "Évaluation", "Achat", "Utilisation", "Service client", "Recommandation"],
  },
};

const WORDS = {
  en: {
    title: "My customer journey",
    objective: "Which question should this map answer?",
    persona: "Alex",
    role: "First-time customer",
    goal: "What the customer wants here",
    step: (stage: string) => `First step of ${stage.toLowerCase()}`,
    does: "What the customer does",
    web: "Website",
    touchpoint: "Home page",
    comment: "Starter map written by `cjm init`. Replace the placeholders; `cjm validate` checks your changes.",
  },
  fr: {
    title: "Mon parcours client",
    objective: "À quelle question cette carte doit-elle répondre ?",
    persona: "Camille",
    role: "Nouvelle cliente",
    goal: "Ce que le client veut ici",
    step: (stage: string) => `Première étape : ${stage.toLowerCase()}`,
    does: "Ce que fait le client",
    web: "Site web",
    touchpoint: "Page d'accueil",
    comment: "Carte de départ écrite par `cjm init`. Remplacez les exemples ; `cjm validate` vérifie vos changements.",
  },
} as const;

/** A starter map that validates without error, with comments that teach the format. */
export function starterMap(options: { stages: StageSet; locale: Locale; title?: string; schemaPath: string }): string {
  const w = WORDS[options.locale];
  const q = (s: string) => JSON.stringify(s);
  const lines = [
    `# yaml-language-server: $schema=${options.schemaPath}`,
    `# ${w.comment}`,
    "cjm: 1",
    `title: ${q(options.title ?? w.title)}`,
    `locale: ${options.locale}`,
    "state: current            # current (as-is) or future (to-be)",
    `objective: ${q(w.objective)}`,
    "",
    "personas:",
    `  - name: ${q(w.persona)}`,
    `    role: ${q(w.role)}`,
    "",
    "channels:",
    `  - { id: web, name: ${q(w.web)}, kind: digital }`,
    "",
    "stages:",
  ];
  for (const stage of STAGE_SETS[options.stages][options.locale]) {
    lines.push(
      `  - name: ${q(stage)}`,
      `    goal: ${q(w.goal)}`,
      "    steps:",
      `      - name: ${q(w.step(stage))}`,
      `        does: ${q(w.does)}`,
      "        emotion: 3         # 1 very negative … 5 very positive",
      `        touchpoints: [{ channel: web, name: ${q(w.touchpoint)} }]`,
    );
  }
  return lines.join("\n") + "\n";
}
