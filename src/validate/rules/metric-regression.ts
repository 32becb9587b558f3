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
      report(`${figure.metric.toUpperCase()} at \`${at}\` went from ${figure.waves!.at(-1)!.value} (${c.from}) to ${figure.value} (${figure.period}), beyond the margin of error`, figure.origin, {
        help: "set `rules: { metric-regression: error }` in cjm.config.yaml to make CI fail on it",
      });
    }
  },
};
