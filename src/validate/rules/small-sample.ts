import { measuredFigures } from "../../data/figures.js";
import { SMALL_SAMPLE, type DataRule } from "./data-rule.js";

/** A measured figure on fewer than 30 answers: its margin is too wide to act on. */
export const smallSample: DataRule = (journey) =>
  measuredFigures(journey)
    .filter(({ figure }) => figure.metric !== "conversion" && figure.n < SMALL_SAMPLE)
    .map(({ at, figure }) => ({
      severity: "warning",
      code: "small-sample",
      message: `${figure.metric.toUpperCase()} at \`${at}\` rests on ${figure.n} answers (fewer than ${SMALL_SAMPLE}); margin ±${figure.margin}`,
      file: figure.origin.file,
      pointer: figure.origin.pointer,
      help: "collect more answers, or read the figure as a hint only",
    }));
