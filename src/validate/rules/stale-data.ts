import { periodEnd } from "../../data/compute.js";
import { measuredFigures } from "../../data/figures.js";
import type { DataRule } from "./data-rule.js";

/** The newest wave of a figure ended more than `staleDays` before today. */
export const staleData: DataRule = (journey, ctx) => {
  const today = Date.parse(`${ctx.today}T00:00:00Z`);
  return measuredFigures(journey)
    .filter(({ figure }) => (today - Date.parse(`${periodEnd(figure.period)}T00:00:00Z`)) / 86_400_000 > ctx.staleDays)
    .map(({ at, figure }) => ({
      severity: "warning",
      code: "stale-data",
      message: `${figure.metric.toUpperCase()} at \`${at}\`: the newest data is from ${figure.period}, over ${ctx.staleDays} days ago`,
      file: figure.origin.file,
      pointer: figure.origin.pointer.replace(/\/(measures|funnel)\/.*$/, "/period"),
      help: "add the latest export as a new wave",
    }));
};
