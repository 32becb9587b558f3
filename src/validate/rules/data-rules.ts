import type { DataRule } from "./data-rule.js";
import { handTypedMetric } from "./hand-typed-metric.js";
import { metricRegression } from "./metric-regression.js";
import { smallSample } from "./small-sample.js";
import { staleData } from "./stale-data.js";

/** The rules over measured figures, by code. */
export const DATA_RULES: Record<string, DataRule> = {
  "small-sample": smallSample,
  "metric-regression": metricRegression,
  "stale-data": staleData,
  "hand-typed-metric": handTypedMetric,
};
