import type { Journey, MeasuredFigure, Metrics, Origin } from "../model/types.js";

/** Every measured figure of a journey with the place it is attached to, in map order. */
export function measuredFigures(journey: Journey): { at: string; figure: MeasuredFigure }[] {
  const out: { at: string; figure: MeasuredFigure }[] = [];
  for (const f of journey.measured?.figures ?? []) out.push({ at: "journey", figure: f });
  for (const stage of journey.stages) {
    for (const f of stage.measured?.figures ?? []) out.push({ at: stage.id, figure: f });
    for (const step of stage.steps) for (const f of step.measured?.figures ?? []) out.push({ at: step.id, figure: f });
  }
  return out;
}

/** Every hand-typed metric of a journey with where it was written. */
export function handTypedMetrics(journey: Journey): { at: string; metric: keyof Metrics; origin: Origin }[] {
  const out: { at: string; metric: keyof Metrics; origin: Origin }[] = [];
  const add = (at: string, metrics: Metrics | undefined, pointer: string) => {
    if (!metrics) return;
    for (const key of ["nps", "csat", "ces", "conversion"] as const) {
      if (metrics[key] !== undefined) out.push({ at, metric: key, origin: { file: journey.file, pointer: `${pointer}/metrics/${key}` } });
    }
  };
  add("journey", journey.metrics, "");
  for (const stage of journey.stages) {
    add(stage.id, stage.metrics, stage.origin.pointer);
    for (const step of stage.steps) add(step.id, step.metrics, step.origin.pointer);
  }
  return out;
}
