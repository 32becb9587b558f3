import { periodEnd } from "../../data/compute.js";
import { measuredFigures } from "../../data/figures.js";
import type { JourneyRule } from "./rule.js";

/** The newest wave of a figure ended more than `staleDays` before today (diagnostics only, never outputs). */
export const staleData: JourneyRule = {
  code: "stale-data",
  severity: "warning",
  summary: "The newest wave of a figure is older than the allowed number of days",
  check({ journey, report, today, staleDays }) {
    const now = Date.parse(`${today}T00:00:00Z`);
    for (const { at, figure } of measuredFigures(journey)) {
      if ((now - Date.parse(`${periodEnd(figure.period)}T00:00:00Z`)) / 86_400_000 <= staleDays) continue;
      report(
        {
          en: `${figure.metric.toUpperCase()} at \`${at}\`: the newest data is from ${figure.period}, over ${staleDays} days ago`,
          fr: `${figure.metric.toUpperCase()} à \`${at}\` : les données les plus récentes datent de ${figure.period}, il y a plus de ${staleDays} jours`,
        },
        { file: figure.origin.file, pointer: figure.origin.pointer.replace(/\/(measures|funnel)\/.*$/, "/period") },
        { help: { en: "add the latest export as a new wave", fr: "ajoutez le dernier export comme nouvelle vague" } },
      );
    }
  },
};
