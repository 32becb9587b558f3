import { handTypedMetrics } from "../../data/figures.js";
import type { JourneyRule } from "./rule.js";

/** A figure typed by hand rather than computed from data (off unless a project turns it on). */
export const handTypedMetric: JourneyRule = {
  code: "hand-typed-metric",
  severity: "warning",
  defaultOff: true,
  summary: "A figure typed by hand instead of computed from data (off by default)",
  check({ journey, report }) {
    for (const { at, metric, origin } of handTypedMetrics(journey)) {
      report({ en: `${metric.toUpperCase()} at \`${at}\` is typed by hand`, fr: `${metric.toUpperCase()} à \`${at}\` est saisi à la main` }, origin, {
        help: { en: "compute it from the export with a `data:` entry", fr: "calculez-le depuis l'export avec une entrée `data:`" },
      });
    }
  },
};
