import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Journey } from "../../model/types.js";

/** What the data rules are told besides the journey. */
export interface DataRuleContext {
  /** Today as `YYYY-MM-DD`: `SOURCE_DATE_EPOCH` when set, else the clock. */
  today: string;
  /** `stale-data`: the newest wave may be at most this many days old. */
  staleDays: number;
}

/** A rule over a journey's measured figures: diagnostics with a pointer, located by the caller. */
export type DataRule = (journey: Journey, ctx: DataRuleContext) => Diagnostic[];

export const SMALL_SAMPLE = 30;
