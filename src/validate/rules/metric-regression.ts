import { measuredFigures } from "../../data/figures.js";
import type { JourneyRule } from "./rule.js";

/** The latest wave is worse than the previous one beyond the margin of error (`error` makes CI a gate). */
export const metricRegression: JourneyRule = {
  code: "metric-regression",
  severity: "warning",
  summary: "The latest wave is worse than the previous one beyond the margin of error",
  check({ journey, report }) {
    for (const { at, figure } of measuredFigures(journey)) {
      const c = figure.change;
      if (!c || c.improved || !c.beyondMargin || c.delta === 0) continue;
      const before = figure.waves!.at(-1)!.value;
      report(
        {
          en: `${figure.metric.toUpperCase()} at \`${at}\` went from ${before} (${c.from}) to ${figure.value} (${figure.period}), beyond the margin of error`,
          fr: `${figure.metric.toUpperCase()} à \`${at}\` est passé de ${before} (${c.from}) à ${figure.value} (${figure.period}), au-delà de la marge d'erreur`,
        },
        figure.origin,
        {
          help: {
            en: "set `rules: { metric-regression: error }` in cjm.config.yaml to make CI fail on it",
            fr: "mettez `rules: { metric-regression: error }` dans cjm.config.yaml pour que la CI échoue dessus",
          },
        },
      );
    }
  },
};
