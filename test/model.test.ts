import { describe, expect, it } from "vitest";
import { computeNps, npsCategory, quadrantOf } from "../src/model/metrics.js";
import { deriveId, slugify } from "../src/model/slug.js";
import { markdownText, mermaidText } from "../src/render/escape.js";
import { buildRenderModel } from "../src/render/model.js";
import { validateText } from "../src/index.js";

describe("derived figures", () => {
  it("NPS from counts or percentages is % promoters − % detractors", () => {
    expect(computeNps({ promoters: 42, passives: 31, detractors: 27 }).score).toBe(15);
    expect(computeNps({ promoters: 90, passives: 5, detractors: 5 }).score).toBe(85);
    expect(computeNps({ promoters: 10, passives: 0, detractors: 30 }).score).toBe(-50);
    expect(computeNps({ promoters: 1, passives: 1, detractors: 1 }).score).toBe(0);
    expect(computeNps({ promoters: 0, passives: 0, detractors: 0 }).score).toBe(0);
    expect(computeNps({ score: 25 })).toEqual({ score: 25, category: "good" });
  });

  it("NPS categories at their boundaries", () => {
    expect([-1, 0, 29.9, 30, 69.9, 70, 100].map(npsCategory)).toEqual([
      "needs-improvement", "good", "good", "great", "great", "excellent", "excellent",
    ]);
  });

  it("quadrants: impact ≥ 3 and effort < 3 is a quick win, and so on", () => {
    expect(quadrantOf(3, 2)).toBe("quick-win");
    expect(quadrantOf(3, 3)).toBe("major-project");
    expect(quadrantOf(2, 2)).toBe("fill-in");
    expect(quadrantOf(2, 3)).toBe("thankless-task");
    expect(quadrantOf(5, undefined)).toBeUndefined();
  });

  it("slugs fold accents and punctuation", () => {
    expect(slugify("Notoriété")).toBe("notoriete");
    expect(slugify("Paie sur l'app")).toBe("paie-sur-l-app");
    expect(slugify("Œuvre  & Straße")).toBe("oeuvre-strasse");
    expect(deriveId("1er contact", "step", 1)).toBe("step-1er-contact");
    expect(deriveId("😀", "step", 3)).toBe("step-3");
  });
});

describe("escaping", () => {
  it("Mermaid: everything outside [A-Za-z0-9 ] is an entity, and a leading keyword is broken", () => {
    expect(mermaidText("Paie: 5; #1")).toBe("Paie#58; 5#59; #35;1");
    expect(mermaidText("title Hijack")).toBe("#116;itle Hijack");
    expect(mermaidText(" x ")).toBe("#32;x#32;");
  });

  it("Markdown: pipes, backslashes, HTML and line starts", () => {
    expect(markdownText("a|b\\c")).toBe("a\\|b\\\\c");
    expect(markdownText("<b>&</b>")).toBe("&lt;b&gt;&amp;&lt;/b&gt;");
    expect(markdownText("# x\n- y\n1. z")).toBe("\\# x<br>\\- y<br>1\\. z");
    expect(markdownText("+15 and 3.5")).toBe("+15 and 3.5");
  });
});

const TWO = `cjm: 1
title: Two
personas: [{ id: ana, name: Ana }, { id: ben, name: Ben }]
channels: [{ id: web, name: Web }]
stages:
  - id: buy
    name: Buy
    steps:
      - { id: a, name: Looks, emotion: 4, touchpoints: [{ channel: web, name: Home }], owners: [X], evidence: observed }
      - { id: b, name: Pays, emotion: { ana: 1, ben: 4 }, moment: truth, pains: [{ id: slow, text: Slow }] }
  - id: after
    name: After
    steps:
      - { id: c, name: Waits, emotion: 2, evidence: assumed }
opportunities:
  - { id: q, title: Quick, impact: 4, effort: 1, addresses: [a] }
  - { id: m, title: Big, impact: 5, effort: 5 }
  - { id: u, title: Unrated }
`;

describe("render model", () => {
  it("spreads emotions per persona, sorts opportunities quick wins first, and lists the insights", async () => {
    const { journey } = await validateText(TWO);
    const model = buildRenderModel(journey!);
    expect(model.steps.map((s) => s.uniformScore ?? null)).toEqual([4, null, 2]);
    expect(model.steps[1]!.emotions.map((e) => `${e.personaName}:${e.score}${e.face}`)).toEqual(["Ana:1😠", "Ben:4🙂"]);
    expect(model.opportunities.map((o) => o.id)).toEqual(["q", "m", "u"]);
    expect(model.opportunityGroups.map((g) => g.quadrant)).toEqual(["quick-win", "major-project", "unrated"]);
    expect(model.insights.map((i) => `${i.kind}:${i.target ?? ""}`)).toEqual([
      "lowest:b",
      "lowest:c",
      "weak-truth:b",
      "unaddressed-pain:b",
      "quick-win:opportunity-q",
      "evidence:",
      "no-touchpoint:stage-after",
      // Two steps with no owner: one card listing both.
      "no-owner:",
      "gap:b",
    ]);
    expect(model.insights.find((i) => i.kind === "no-owner")).toMatchObject({ text: "2 steps with no owner", items: [{ target: "b" }, { target: "c" }] });
    expect(model.insights.find((i) => i.kind === "evidence")!.text).toBe("67% of steps rest on assumption or on nothing stated");
    expect(model.lanes).toMatchObject({ does: false, pains: true, owners: true, blueprint: false });
  });

  it("labels follow the locale", async () => {
    const { journey } = await validateText(TWO);
    expect(buildRenderModel(journey!, "fr").insights[0]!.text).toBe("Point le plus bas pour Ana : Pays (1/5)");
  });
});
