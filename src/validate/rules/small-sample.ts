import { measuredFigures } from "../../data/figures.js";
import type { JourneyRule } from "./rule.js";

export const SMALL_SAMPLE = 30;

/** A measured figure on fewer than 30 answers: its margin is too wide to act on. */
export const smallSample: JourneyRule = {
  code: "small-sample",
  severity: "warning",
  summary: "A measured figure rests on fewer than 30 answers",
  check({ journey, report }) {
    for (const { at, figure } of measuredFigures(journey)) {
      if (figure.metric === "conversion" || figure.n >= SMALL_SAMPLE) continue;
      report(
        {
          en: `${figure.metric.toUpperCase()} at \`${at}\` rests on ${figure.n} answers (fewer than ${SMALL_SAMPLE}); margin ±${figure.margin}`,
          fr: `${figure.metric.toUpperCase()} à \`${at}\` repose sur ${figure.n} réponses (moins de ${SMALL_SAMPLE}) ; marge ±${figure.margin}`,
        },
        figure.origin,
        { help: { en: "collect more answers, or read the figure as a hint only", fr: "recueillez plus de réponses, ou lisez ce chiffre comme une simple indication" } },
      );
    }
  },
};
