// A seeded generator of realistic journey maps: same seed, same files, on every machine.
const WORDS = {
  verbs: ["Compares", "Reads", "Opens", "Calls", "Pays", "Waits for", "Searches", "Signs", "Downloads", "Asks about", "Reviews", "Tries"],
  objects: ["the offer", "the reviews", "the app", "customer service", "the invoice", "the delivery", "the contract", "the FAQ", "the price list", "the order", "the account", "the store"],
  feelings: ["Curious", "Confident", "Hesitant", "Annoyed", "Relieved", "Impatient", "Delighted", "Lost", "Reassured", "Frustrated"],
  stages: ["Awareness", "Consideration", "Purchase", "Onboarding", "Use", "Support", "Renewal", "Advocacy"],
  names: ["Marie", "Sam", "Ruth", "Karim", "Lea", "Tom", "Ines", "Paul", "Chloé", "Hugo"],
  teams: ["Marketing", "Sales", "E-commerce", "IT", "Support", "Operations", "Legal", "Finance"],
  systems: ["CRM", "ERP", "Payment gateway", "CMS", "Ticketing", "Data warehouse"],
};

export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const q = (s) => JSON.stringify(s);

/** One map as YAML text: personas, stages, steps with every lane filled, opportunities, metrics. */
export function generateMap(seed, { stages = 0, stepsPerStage = 0, personas = 0, id = `map-${seed}` } = {}) {
  const r = rng(seed);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const nStages = stages || int(5, 7);
  const nPersonas = personas || int(1, 3);
  const people = Array.from({ length: nPersonas }, (_, i) => ({ id: `p${i + 1}`, name: `${pick(WORDS.names)} ${i + 1}` }));
  const lines = [
    "cjm: 1",
    `id: ${id}`,
    `title: ${q(`Journey ${seed}: ${pick(WORDS.objects)}`)}`,
    "locale: en",
    `state: ${r() < 0.7 ? "current" : "future"}`,
    `objective: ${q(`Why do customers drop out at ${pick(WORDS.objects)}?`)}`,
    `owner: ${q(pick(WORDS.teams))}`,
    "updated: 2026-10-01",
    "tags: [bench, generated]",
    "personas:",
  ];
  for (const p of people) {
    lines.push(`  - { id: ${p.id}, name: ${q(p.name)}, role: Customer, age: ${int(20, 70)}, goals: [${q(`Get ${pick(WORDS.objects)}`)}], frustrations: [${q(`Slow ${pick(WORDS.objects)}`)}] }`);
  }
  lines.push(
    "channels:",
    "  - { id: web, name: Website, kind: digital }",
    "  - { id: app, name: Mobile app, kind: digital }",
    "  - { id: store, name: Store, kind: physical }",
    "  - { id: phone, name: Call centre, kind: human }",
    "  - { id: reviews, name: Review sites, kind: digital, owned: false }",
    "metrics:",
    `  nps: { promoters: ${int(10, 60)}, passives: ${int(10, 40)}, detractors: ${int(5, 40)} }`,
    `  csat: ${(int(20, 48) / 10).toFixed(1)}`,
    "stages:",
  );
  const stepIds = [];
  const painIds = [];
  let n = 0;
  for (let s = 0; s < nStages; s++) {
    const stageName = nStages <= WORDS.stages.length ? WORDS.stages[s] : `${pick(WORDS.stages)} ${s + 1}`;
    lines.push(`  - id: s${s + 1}`, `    name: ${q(stageName)}`, `    goal: ${q(`Get ${pick(WORDS.objects)} done`)}`, `    questions: [${q(`Is ${pick(WORDS.objects)} worth it?`)}]`, "    steps:");
    const nSteps = stepsPerStage || int(2, 4);
    for (let t = 0; t < nSteps; t++) {
      n++;
      const id = `t${n}`;
      stepIds.push(id);
      const emotion = nPersonas > 1 && r() < 0.5 ? `{ ${people.map((p) => `${p.id}: ${int(1, 5)}`).join(", ")} }` : String(int(1, 5));
      const painId = `pain-${n}`;
      painIds.push(painId);
      lines.push(
        `      - id: ${id}`,
        `        name: ${q(`${pick(WORDS.verbs)} ${pick(WORDS.objects)}`)}`,
        `        does: ${q(`${pick(WORDS.verbs)} ${pick(WORDS.objects)} on the ${pick(["phone", "laptop", "counter"])}`)}`,
        `        thinks: ${q(`Will ${pick(WORDS.objects)} work for me?`)}`,
        `        feels: ${q(pick(WORDS.feelings))}`,
        `        emotion: ${emotion}`,
        `        touchpoints: [{ channel: ${pick(["web", "app", "store", "phone", "reviews"])}, name: ${q(`${pick(WORDS.objects)} page`)} }]`,
        `        pains: [{ id: ${painId}, text: ${q(`Too long: ${pick(WORDS.objects)}`)}, severity: ${int(1, 5)} }]`,
        `        gains: [${q(`Clear ${pick(WORDS.objects)}`)}]`,
        ...(() => {
          const moment = pick(["truth", "magic", "micro"]);
          const evidence = moment === "truth" ? pick(["observed", "reported"]) : pick(["observed", "reported", "inferred", "assumed"]);
          return [`        moment: ${moment}`, `        evidence: ${evidence}`];
        })(),
        `        blueprint: { frontstage: [${q(`Agent explains ${pick(WORDS.objects)}`)}], backstage: [${q("Back-office check")}], support: [${q("Partner")}], systems: [${q(pick(WORDS.systems))}], data: [${q("Customer id")}] }`,
        `        owners: [${q(pick(WORDS.teams))}]`,
        `        metrics: { csat: ${(int(10, 50) / 10).toFixed(1)} }`,
      );
    }
  }
  lines.push("opportunities:");
  const nOpp = Math.max(3, Math.round(stepIds.length / 4));
  for (let o = 0; o < nOpp; o++) {
    lines.push(
      `  - id: o${o + 1}`,
      `    title: ${q(`Improve ${pick(WORDS.objects)} ${o + 1}`)}`,
      `    addresses: [${painIds.filter((_, i) => i % nOpp === o).slice(0, 20).join(", ") || painIds[0]}]`,
      `    impact: ${int(1, 5)}`,
      `    effort: ${int(1, 5)}`,
      `    status: ${pick(["idea", "planned", "in-progress", "done"])}`,
      `    why: [${q("Customers drop out")}, ${q("The form is long")}, ${q("No one owns it")}]`,
    );
  }
  return lines.join("\n") + "\n";
}
