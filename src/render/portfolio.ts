import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { dropControls, mapStrings } from "../text/controls.js";
import { compareStrings } from "../diagnostics/diagnostic.js";
import { formatNumber, formatPercent, MESSAGES, translator } from "../i18n/messages.js";
import { isLive, QUADRANT_ORDER } from "../model/facts.js";
import type { Locale } from "../model/types.js";
import { STEP_WIDTH } from "./html/svg.js";
import { FACES } from "./model.js";
import { formatFigure, formatChange } from "./measured.js";
import type { Output } from "./render.js";
import type { JourneySummary } from "./summary.js";
import { loadTemplateSet, renderTemplate, type TemplateSet } from "./templates.js";


export type ReportLink = "html" | "md" | "pdf";

/** What each index links to, from the formats a run wrote: the same kind of page first, else any report written. */
export function reportLinks(formats: readonly string[]): { htmlLinks?: ReportLink; markdownLinks?: ReportLink } {
  const written = (["html", "md", "pdf"] as const).filter((ext) => formats.includes(ext === "md" ? "markdown" : ext));
  const prefer = (first: ReportLink) => (written.includes(first as never) ? first : written[0]);
  const htmlLinks = prefer("html");
  const markdownLinks = prefer("md");
  return { ...(htmlLinks && { htmlLinks }), ...(markdownLinks && { markdownLinks }) };
}

export interface PortfolioOptions {
  locale?: Locale;
  templatesDir?: string;
  cache?: Map<string, Promise<TemplateSet>>;
  /** Extension of the reports each index links to: only a kind that was written; none, no links. */
  htmlLinks?: ReportLink;
  markdownLinks?: ReportLink;
}

/** The portfolio index of a run: every journey at a glance, then one backlog across all of them. */
function buildPortfolio(summaries: readonly JourneySummary[], locale: Locale) {
  const t = translator(locale);
  const journeys = [...summaries].sort((a, b) => compareStrings(a.link, b.link));
  const backlog = QUADRANT_ORDER.map((q) => ({
    quadrant: q ?? "unrated",
    label: t(q ? `quadrant.${q}` : "quadrant.unrated"),
    items: journeys
      .flatMap((j) => j.opportunities.filter((o) => o.quadrant === q && isLive(o)).map((o) => ({ ...o, journey: j })))
      .sort((a, b) => (b.impact ?? 0) - (a.impact ?? 0) || (a.effort ?? 6) - (b.effort ?? 6) || compareStrings(a.journey.link, b.journey.link))
      .map((o) => ({
        title: o.title,
        impact: o.impact,
        effort: o.effort,
        owner: o.owner,
        statusLabel: o.status ? t(`status.${o.status}` as never) : "",
        journeyTitle: o.journey.title,
        journeyLink: o.journey.link,
        journeyHref: linkHref(o.journey.link),
      })),
  })).filter((g) => g.items.length > 0);
  return {
    locale,
    labels: MESSAGES[locale],
    lede: t("portfolioLede", {
      journeys: journeys.length,
      steps: journeys.reduce((n, j) => n + j.steps, 0),
      openPains: journeys.reduce((n, j) => n + j.openPains, 0),
      quickWins: journeys.reduce((n, j) => n + j.quickWins, 0),
    }),
    anyMeasured: journeys.some((j) => j.measured),
    journeys: journeys.map((j) => ({
      ...j,
      measuredLines: (j.measured ?? []).map((m) => {
        const trend = m.change ? ` ${m.change.delta > 0 ? "↑" : m.change.delta < 0 ? "↓" : "→"} ${t("measured.since", { change: formatChange(m.metric, m.change.delta, locale), period: m.change.from })}` : "";
        return `${m.place ? `${m.place}: ` : ""}${t(m.metric)} ${formatFigure(m.metric, m.value, locale, m.scale)} (n = ${formatNumber(m.n, locale)}, ${m.period})${trend}`;
      }),
      href: linkHref(j.link),
      viewLinks: (j.views ?? []).map((name) => ({ name, href: `${linkHref(j.link)}.${name}.html` })),
      stateLabel: t(`state.${j.state}`),
      personasText: j.personas.join(", "),
      averageText: j.averageEmotion === undefined ? "–" : `${formatNumber(j.averageEmotion, locale)}/5`,
      lowestText: j.lowest ? `${j.lowest.score}/5 ${FACES[j.lowest.score]} ${j.lowest.step}` : "–",
      npsText: j.nps ? `${j.nps.score > 0 ? "+" : ""}${formatNumber(j.nps.score, locale)} (${t(`npsCategory.${j.nps.category}`)})` : "–",
      targetsText: j.targets ? `${j.targets.met}/${j.targets.total}` : "–",
      evidenceText: formatPercent(Math.round(j.evidenceCoverage * 100) / 100, locale),
    })),
    backlog,
  };
}

/** index.md and index.html for the output folder. */
export async function renderPortfolio(
  summaries: readonly JourneySummary[],
  options: PortfolioOptions,
): Promise<{ outputs: Output[]; diagnostics: Diagnostic[] }> {
  const locale = options.locale ?? majorityLocale(summaries);
  const model = mapStrings(buildPortfolio(summaries, locale), dropControls);
  const cache = options.cache ?? new Map<string, Promise<TemplateSet>>();
  const set = (format: "markdown" | "html") => {
    let s = cache.get(format);
    if (!s) cache.set(format, (s = loadTemplateSet(format, options.templatesDir)));
    return s;
  };
  const outputs: Output[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [format, file, ext] of [["markdown", "index.md", options.markdownLinks], ["html", "index.html", options.htmlLinks]] as const) {
    const r = await renderTemplate(await set(format), "index", { ...model, ...(ext !== undefined && { ext }), stepWidth: STEP_WIDTH }, file);
    if ("diagnostic" in r) diagnostics.push(r.diagnostic);
    else outputs.push({ path: file, content: dropControls(r.text).replace(/\n*$/, "\n") });
  }
  return { outputs, diagnostics };
}

/**
 * A relative URL for a report path (`<folder>/<id>`, the extension added by the template): every
 * segment percent-encoded, so a folder named `javascript:x`, `a|b` or `x#y?z%` is a path, not a
 * scheme, a table cell break, a fragment or a query.
 */
export function linkHref(link: string): string {
  return link.split("/").map(encodeURIComponent).join("/");
}

function majorityLocale(summaries: readonly JourneySummary[]): Locale {
  const fr = summaries.filter((s) => s.locale === "fr").length;
  return fr > summaries.length - fr ? "fr" : "en";
}
