import { measuredFigures } from "../../data/figures.js";
import type { DataRule } from "./data-rule.js";

/** The latest wave is worse than the previous one beyond the margin of error. */
export const metricRegression: DataRule = (journey) =>
  measuredFigures(journey)
    .filter(({ figure }) => figure.change && !figure.change.improved && figure.change.beyondMargin && figure.change.delta !== 0)
    .map(({ at, figure }) => ({
      severity: "warning",
      code: "metric-regression",
      message: `${figure.metric.toUpperCase()} at \`${at}\` went from ${figure.waves!.at(-1)!.value} (${figure.change!.from}) to ${figure.value} (${figure.period}), beyond the margin of error`,
      file: figure.origin.file,
      pointer: figure.origin.pointer,
      help: "set `rules: { metric-regression: error }` in cjm.config.yaml to make CI fail on it",
    }));
