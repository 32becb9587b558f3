import type { Metrics, Origin } from "../../model/types.js";
import { child, type JourneyRule } from "./rule.js";

/** A breakdown of 0 promoters, 0 passives, 0 detractors computes to NPS 0 "good": it is no score at all. */
export const npsNoResponses: JourneyRule = {
  code: "nps-no-responses",
  severity: "error",
  summary: "An NPS breakdown with no respondents (all counts 0)",
  check({ journey, facts, report }) {
    const check = (metrics: Metrics | undefined, origin: Origin) => {
      if (metrics?.nps?.breakdown?.total !== 0) return;
      report(
        {
          en: "the NPS has no respondents: promoters, passives and detractors are all 0",
          fr: "le NPS n'a aucun répondant : promoteurs, passifs et détracteurs sont tous à 0",
        },
        child(origin, "metrics", "nps"),
        {
          help: {
            en: "give the counts from the survey, or `{ score: … }` if you only have the score; leave `nps` out until there are answers",
            fr: "donnez les effectifs de l'enquête, ou `{ score: … }` si vous n'avez que le score ; omettez `nps` tant qu'il n'y a pas de réponses",
          },
        },
      );
    };
    check(journey.metrics, { file: journey.file, pointer: "" });
    for (const stage of journey.stages) check(stage.metrics, stage.origin);
    for (const { step } of facts.steps) check(step.metrics, step.origin);
  },
};
