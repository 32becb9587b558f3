import type { Locale } from "../model/types.js";

/** The counts of `cjm diff`'s summary line, in the order shown. */
export const SUMMARY_KEYS = [
  "stagesAdded",
  "stagesRemoved",
  "stepsAdded",
  "stepsRemoved",
  "stepsMoved",
  "renamed",
  "emotionsUp",
  "emotionsDown",
  "painsResolved",
  "painsAdded",
  "severityChanged",
  "opportunitiesAdded",
  "opportunitiesRemoved",
  "statusChanged",
  "quadrantChanged",
  "metricsChanged",
  "evidenceChanged",
] as const;
export type SummaryKey = (typeof SUMMARY_KEYS)[number];

/** [singular, plural] of each count; `{n}` is the number. */
const PHRASES: Record<Locale, Record<SummaryKey, [string, string]>> = {
  en: {
    stagesAdded: ["{n} stage added", "{n} stages added"],
    stagesRemoved: ["{n} stage removed", "{n} stages removed"],
    stepsAdded: ["{n} step added", "{n} steps added"],
    stepsRemoved: ["{n} step removed", "{n} steps removed"],
    stepsMoved: ["{n} step moved", "{n} steps moved"],
    renamed: ["{n} rename", "{n} renames"],
    emotionsUp: ["{n} emotion up", "{n} emotions up"],
    emotionsDown: ["{n} emotion down", "{n} emotions down"],
    painsResolved: ["{n} pain resolved", "{n} pains resolved"],
    painsAdded: ["{n} pain added", "{n} pains added"],
    severityChanged: ["{n} pain severity changed", "{n} pain severities changed"],
    opportunitiesAdded: ["{n} opportunity added", "{n} opportunities added"],
    opportunitiesRemoved: ["{n} opportunity removed", "{n} opportunities removed"],
    statusChanged: ["{n} opportunity status changed", "{n} opportunity statuses changed"],
    quadrantChanged: ["{n} opportunity changed quadrant", "{n} opportunities changed quadrant"],
    metricsChanged: ["{n} metric changed", "{n} metrics changed"],
    evidenceChanged: ["{n} evidence level changed", "{n} evidence levels changed"],
  },
  fr: {
    stagesAdded: ["{n} phase ajoutée", "{n} phases ajoutées"],
    stagesRemoved: ["{n} phase retirée", "{n} phases retirées"],
    stepsAdded: ["{n} étape ajoutée", "{n} étapes ajoutées"],
    stepsRemoved: ["{n} étape retirée", "{n} étapes retirées"],
    stepsMoved: ["{n} étape déplacée", "{n} étapes déplacées"],
    renamed: ["{n} renommage", "{n} renommages"],
    emotionsUp: ["{n} émotion en hausse", "{n} émotions en hausse"],
    emotionsDown: ["{n} émotion en baisse", "{n} émotions en baisse"],
    painsResolved: ["{n} irritant résolu", "{n} irritants résolus"],
    painsAdded: ["{n} irritant ajouté", "{n} irritants ajoutés"],
    severityChanged: ["{n} gravité d'irritant modifiée", "{n} gravités d'irritants modifiées"],
    opportunitiesAdded: ["{n} opportunité ajoutée", "{n} opportunités ajoutées"],
    opportunitiesRemoved: ["{n} opportunité retirée", "{n} opportunités retirées"],
    statusChanged: ["{n} statut d'opportunité modifié", "{n} statuts d'opportunités modifiés"],
    quadrantChanged: ["{n} opportunité change de quadrant", "{n} opportunités changent de quadrant"],
    metricsChanged: ["{n} indicateur modifié", "{n} indicateurs modifiés"],
    evidenceChanged: ["{n} niveau de preuve modifié", "{n} niveaux de preuve modifiés"],
  },
};

/** "1 step added", "2 steps added"; French takes the singular for 0 and 1. */
export function summaryPhrase(key: SummaryKey, n: number, locale: Locale): string {
  const [one, many] = PHRASES[locale][key];
  const singular = locale === "fr" ? n <= 1 : n === 1;
  return (singular ? one : many).replace("{n}", String(n));
}
