import { handTypedMetrics } from "../../data/figures.js";
import type { DataRule } from "./data-rule.js";

/** A figure typed by hand rather than computed from data (off unless a project turns it on). */
export const handTypedMetric: DataRule = (journey) =>
  handTypedMetrics(journey).map(({ at, metric, origin }) => ({
    severity: "warning",
    code: "hand-typed-metric",
    message: `${metric.toUpperCase()} at \`${at}\` is typed by hand`,
    file: origin.file,
    pointer: origin.pointer,
    help: "compute it from the export with a `data:` entry",
  }));
