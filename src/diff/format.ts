import { formatNumber, translator, type Translate } from "../i18n/messages.js";
import type { Locale } from "../model/types.js";
import { markdownText } from "../render/escape.js";
import { FACES } from "../render/model.js";
import { SUMMARY_KEYS, summaryPhrase } from "../i18n/diff-summary.js";
import type { JourneyDiff, MetricChange } from "./diff.js";

export const DIFF_FORMATS = ["pretty", "markdown", "json"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

const SPARK = ["·", "▁", "▂", "▄", "▆", "█"];

/** One line: what changed, counted, in words that agree with the numbers. */
export function summaryLine(d: JourneyDiff, t: Translate, locale: Locale = d.after.locale): string {
  const parts = SUMMARY_KEYS.filter((key) => (d.summary[key] ?? 0) > 0).map((key) => summaryPhrase(key, d.summary[key], locale));
  if (parts.length === 0) return d.changed ? t("change") : t("noChanges");
  return parts.join(", ");
}

function signed(n: number, locale: Locale): string {
  return `${n > 0 ? "+" : n < 0 ? "−" : "±"}${formatNumber(Math.abs(n), locale)}`;
}

function metricValue(m: MetricChange, v: number | undefined, locale: Locale, side: 0 | 1): string {
  if (v === undefined) return "–";
  if (m.metric === "conversion") return `${formatNumber(Math.round(v * 1000) / 10, locale)}%`;
  if (m.metric === "ces") return `${formatNumber(v, locale)}/${m.scale?.[side] ?? 7}`;
  if (m.metric === "custom" && m.unit) return `${formatNumber(v, locale)}${m.unit === "%" ? (locale === "fr" ? " %" : "%") : ` ${m.unit}`}`;
  if (m.measured && m.metric === "csat") return `${formatNumber(v, locale)}%`;
  return formatNumber(v, locale);
}

/** For a measured figure: "(2026-Q2 → 2026-Q3, n = 380 → 412, within the margin of error)". */
function measuredNote(m: MetricChange, t: Translate, locale: Locale): string {
  if (!m.measured) return "";
  const { periods, n, beyondMargin } = m.measured;
  const parts = [`${periods[0] ?? "–"} → ${periods[1] ?? "–"}`, `n = ${n[0] === null ? "–" : formatNumber(n[0], locale)} → ${n[1] === null ? "–" : formatNumber(n[1], locale)}`];
  if (beyondMargin === false) parts.push(t("measured.withinMargin"));
  return ` (${parts.join(", ")})`;
}

/** The indicator's label: a fixed word, or a custom indicator's own name. */
function metricLabel(m: MetricChange, t: Translate): string {
  return m.metric === "custom" ? (m.name ?? "") : t(m.metric);
}

function spark(values: readonly (number | null)[]): string {
  return values.map((v) => SPARK[v ?? 0]).join("");
}

/** Markdown to post as a pull-request comment: a one-line summary, then sections. */
export function diffMarkdown(d: JourneyDiff, locale: Locale = d.after.locale): string {
  const t = translator(locale);
  const md = markdownText;
  const out: string[] = [];
  const title = d.before.title === d.after.title ? md(d.after.title) : `${md(d.before.title)} → ${md(d.after.title)}`;
  out.push(`## ${t("changes")}: ${title}`, "");
  out.push(`${d.asIsToBe ? `**${t("asIsToBe")}** · ` : ""}${summaryLine(d, t, locale)}`, "");
  if (!d.changed) return out.join("\n") + "\n";

  if (d.emotions.length > 0 || d.asIsToBe) {
    out.push(`### ${t("emotionCurve")}`, "");
    out.push(`| ${t("persona")} | ${t("before")} | ${t("after")} |`, "|---|---|---|");
    d.curve.personas.forEach((p, i) => out.push(`| ${md(p.name)} | \`${spark(d.curve.before[i]!)}\` | \`${spark(d.curve.after[i]!)}\` |`));
    out.push("", `${t("steps")}: ${d.curve.steps.map((s, i) => `${i + 1}. ${md(s.name)}`).join(" · ")}`, "");
    if (d.emotions.length > 0) {
      out.push(`| ${t("step")} | ${t("persona")} | ${t("before")} | ${t("after")} | ${t("change")} |`, "|---|---|---|---|---|");
      for (const e of d.emotions) {
        const face = (v?: number) => (v === undefined ? "–" : `${v} ${FACES[v]}`);
        out.push(`| ${md(e.stepName)} | ${md(e.personaName)} | ${face(e.before)} | ${face(e.after)} | ${e.before !== undefined && e.after !== undefined ? signed(e.delta, locale) : ""} |`);
      }
      out.push("");
    }
  }

  const list = (heading: string, items: string[]) => {
    if (items.length === 0) return;
    out.push(`### ${heading}`, "", ...items.map((i) => `- ${i}`), "");
  };
  list(t("stages"), [
    ...d.stages.added.map((s) => `${t("added")}: **${md(s.name)}**`),
    ...d.stages.removed.map((s) => `${t("removed")}: ~~${md(s.name)}~~`),
    ...d.stages.renamed.map((s) => `${t("renamed")}: ${md(s.before)} → **${md(s.after)}**`),
  ]);
  list(t("steps"), [
    ...d.steps.added.map((s) => `${t("added")}: **${md(s.name)}**`),
    ...d.steps.removed.map((s) => `${t("removed")}: ~~${md(s.name)}~~`),
    ...d.steps.renamed.map((s) => `${t("renamed")}: ${md(s.before)} → **${md(s.after)}**`),
    ...d.steps.moved.map((s) => `${t("moved")}: **${md(s.name)}** (${md(s.fromStage)} → ${md(s.toStage)})`),
  ]);
  list(t("pains"), [
    ...d.pains.resolved.map((p) => `${t("resolved")}: ~~${md(p.text)}~~ (${md(p.step)}${p.resolvedBy ? `, ${md(t("resolvedBy", { opportunities: p.resolvedBy.join(", ") }))}` : ""})`),
    ...d.pains.added.map((p) => `${t("added")}: **${md(p.text)}** (${md(p.step)})`),
    ...d.pains.severity.map((p) => `${md(p.text)}: ${t("severity")} ${p.before ?? "–"} → ${p.after ?? "–"}`),
  ]);
  list(t("touchpoints"), [
    ...d.touchpoints.added.map((p) => `${t("added")}: **${md(p.name)}** (${md(p.step)})`),
    ...d.touchpoints.removed.map((p) => `${t("removed")}: ~~${md(p.name)}~~ (${md(p.step)})`),
  ]);
  const entities = (e: JourneyDiff["personas"]) => [
    ...e.added.map((c) => `${t("added")}: **${md(c.name)}**`),
    ...e.removed.map((c) => `${t("removed")}: ~~${md(c.name)}~~`),
    ...e.renamed.map((c) => `${t("renamed")}: ${md(c.before)} → **${md(c.after)}**`),
  ];
  list(t("channels"), entities(d.channels));
  list(t("personas"), entities(d.personas));
  list(t("opportunities"), [
    ...d.opportunities.added.map((o) => `${t("added")}: **${md(o.name)}**`),
    ...d.opportunities.removed.map((o) => `${t("removed")}: ~~${md(o.name)}~~`),
    ...d.opportunities.status.map((o) => `${md(o.name)}: ${o.before ? t(`status.${o.before}` as never) : "–"} → **${o.after ? t(`status.${o.after}` as never) : "–"}**`),
    ...d.opportunities.quadrant.map(
      (o) => `${md(o.name)}: ${o.before ? t(`quadrant.${o.before}`) : "–"} → **${o.after ? t(`quadrant.${o.after}`) : "–"}** (${t("impact")} ${o.impact[0] ?? "–"} → ${o.impact[1] ?? "–"}, ${t("effort")} ${o.effort[0] ?? "–"} → ${o.effort[1] ?? "–"})`,
    ),
  ]);
  if (d.metrics.length > 0) {
    out.push(`### ${t("metrics")}`, "", `| ${t("level")} | ${t("metric")} | ${t("before")} | ${t("after")} | ${t("change")} |`, "|---|---|---|---|---|");
    for (const m of d.metrics) {
      const arrow = m.better === undefined ? "" : m.better ? " ▲" : " ▼";
      out.push(`| ${m.level === "journey" ? t("journeyLevel") : md(m.levelName)} | ${md(metricLabel(m, t))} | ${metricValue(m, m.before, locale, 0)} | ${metricValue(m, m.after, locale, 1)} | ${m.delta !== undefined ? `${signed(m.metric === "conversion" ? Math.round(m.delta * 1000) / 10 : m.delta, locale)}${m.metric === "conversion" ? " pt" : ""}${arrow}` : ""}${m.measured ? ` ${md(measuredNote(m, t, locale).trim())}` : ""} |`);
    }
    out.push("");
  }
  if (d.waves.length > 0) {
    out.push(`### ${t("waves")}`, "", `| ${t("level")} | ${t("metric")} | ${t("before")} | ${t("after")} | ${t("change")} |`, "|---|---|---|---|---|");
    for (const m of d.waves) {
      const arrow = m.better === undefined ? "" : m.better ? " ▲" : " ▼";
      out.push(`| ${m.level === "journey" ? t("journeyLevel") : md(m.levelName)} | ${md(metricLabel(m, t))} | ${metricValue(m, m.before, locale, 0)} | ${metricValue(m, m.after, locale, 1)} | ${m.delta !== undefined ? `${signed(m.metric === "conversion" ? Math.round(m.delta * 1000) / 10 : m.delta, locale)}${m.metric === "conversion" ? " pt" : ""}${arrow}` : ""}${m.measured ? ` ${md(measuredNote(m, t, locale).trim())}` : ""} |`);
    }
    out.push("");
  }
  list(t("evidence"), d.evidence.map((e) => `${md(e.name)}: ${e.before ? t(`evidence.${e.before}`) : t("evidence.none")} → **${e.after ? t(`evidence.${e.after}`) : t("evidence.none")}** (${t(e.direction)})`));
  return out.join("\n").replace(/\n+$/, "") + "\n";
}

/** The same for a terminal: + added, − removed, ~ changed; colour when asked. */
export async function diffPretty(d: JourneyDiff, locale: Locale = d.after.locale, color = false): Promise<string> {
  const t = translator(locale);
  const c = color ? new (await import("chalk")).Chalk({ level: 1 }) : undefined;
  const green = (s: string) => (c ? c.green(s) : s);
  const red = (s: string) => (c ? c.red(s) : s);
  const yellow = (s: string) => (c ? c.yellow(s) : s);
  const bold = (s: string) => (c ? c.bold(s) : s);
  const out: string[] = [];
  out.push(bold(`${d.before.title} → ${d.after.title}`) + (d.asIsToBe ? ` (${t("asIsToBe")})` : ""));
  out.push(summaryLine(d, t, locale));
  if (!d.changed) return out.join("\n") + "\n";
  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) out.push("", bold(title), ...lines.map((l) => `  ${l}`));
  };
  section(t("emotionCurve"), [
    ...d.curve.personas.map((p, i) => `${p.name}: ${spark(d.curve.before[i]!)} → ${spark(d.curve.after[i]!)}`),
    ...d.emotions.map((e) => {
      const text = `${e.stepName} · ${e.personaName}: ${e.before ?? "–"} → ${e.after ?? "–"}`;
      return e.delta > 0 ? green(`▲ ${text}`) : e.delta < 0 ? red(`▼ ${text}`) : yellow(`~ ${text}`);
    }),
  ]);
  section(t("stages"), [...d.stages.added.map((s) => green(`+ ${s.name}`)), ...d.stages.removed.map((s) => red(`− ${s.name}`)), ...d.stages.renamed.map((s) => yellow(`~ ${s.before} → ${s.after}`))]);
  section(t("steps"), [
    ...d.steps.added.map((s) => green(`+ ${s.name}`)),
    ...d.steps.removed.map((s) => red(`− ${s.name}`)),
    ...d.steps.renamed.map((s) => yellow(`~ ${s.before} → ${s.after}`)),
    ...d.steps.moved.map((s) => yellow(`↷ ${s.name}: ${s.fromStage} → ${s.toStage}`)),
  ]);
  section(t("pains"), [...d.pains.resolved.map((p) => green(`✓ ${p.text}${p.resolvedBy ? ` (${t("resolvedBy", { opportunities: p.resolvedBy.join(", ") })})` : ""}`)), ...d.pains.added.map((p) => red(`+ ${p.text}`)), ...d.pains.severity.map((p) => yellow(`~ ${p.text}: ${p.before ?? "–"} → ${p.after ?? "–"}`))]);
  section(t("touchpoints"), [...d.touchpoints.added.map((p) => green(`+ ${p.name} (${p.step})`)), ...d.touchpoints.removed.map((p) => red(`− ${p.name} (${p.step})`))]);
  const entities = (e: JourneyDiff["personas"]) => [...e.added.map((s) => green(`+ ${s.name}`)), ...e.removed.map((s) => red(`− ${s.name}`)), ...e.renamed.map((s) => yellow(`~ ${s.before} → ${s.after}`))];
  section(t("personas"), entities(d.personas));
  section(t("channels"), entities(d.channels));
  section(t("opportunities"), [
    ...d.opportunities.added.map((o) => green(`+ ${o.name}`)),
    ...d.opportunities.removed.map((o) => red(`− ${o.name}`)),
    ...d.opportunities.status.map((o) => yellow(`~ ${o.name}: ${o.before ?? "–"} → ${o.after ?? "–"}`)),
    ...d.opportunities.quadrant.map((o) => yellow(`~ ${o.name}: ${o.before ?? "–"} → ${o.after ?? "–"}`)),
  ]);
  section(
    t("metrics"),
    d.metrics.map((m) => {
      const text = `${m.level === "journey" ? t("journeyLevel") : m.levelName} · ${metricLabel(m, t)}: ${metricValue(m, m.before, locale, 0)} → ${metricValue(m, m.after, locale, 1)}${measuredNote(m, t, locale)}`;
      return m.better === undefined ? yellow(`~ ${text}`) : m.better ? green(`▲ ${text}`) : red(`▼ ${text}`);
    }),
  );
  section(
    t("waves"),
    d.waves.map((m) => {
      const text = `${m.level === "journey" ? t("journeyLevel") : m.levelName} · ${metricLabel(m, t)}: ${metricValue(m, m.before, locale, 0)} → ${metricValue(m, m.after, locale, 1)}${measuredNote(m, t, locale)}`;
      return m.better ? green(`▲ ${text}`) : red(`▼ ${text}`);
    }),
  );
  section(t("evidence"), d.evidence.map((e) => (e.direction === "stronger" ? green : red)(`${e.name}: ${e.before ?? "–"} → ${e.after ?? "–"}`)));
  return out.join("\n") + "\n";
}

export function diffJson(d: JourneyDiff): string {
  return JSON.stringify(d, null, 2) + "\n";
}
