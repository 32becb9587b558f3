import { pointerOf } from "../diagnostics/diagnostic.js";
import { extensionsOf } from "./extensions.js";
import { normalizeMetrics, quadrantOf } from "./metrics.js";
import { deriveId } from "./slug.js";
import {
  BLUEPRINT_LANES,
  type Channel,
  type Input,
  type Journey,
  type Opportunity,
  type Origin,
  type Pain,
  type Persona,
  type Stage,
  type Step,
  type Touchpoint,
} from "./types.js";

/** A persona as found: written inline in the map, or read from a persona file. */
export interface PersonaSource {
  data: Input.Persona;
  origin: Origin;
  /** The path as written in the map, for persona files. */
  file?: string;
}

/**
 * Builds the normalised journey from schema-valid data: ids derived where not written, defaults
 * applied, emotions spread per persona, pains and metrics normalised. Pure; references are checked
 * afterwards by the rules, on this model.
 */
export function normalizeJourney(
  data: Input.CjmJourneyMap,
  file: string,
  defaultId: string,
  personaSources: readonly PersonaSource[],
): Journey {
  const at = (...path: (string | number)[]): Origin => ({ file, pointer: pointerOf(path) });

  const personas = personaSources.map((p, i) => normalizePersona(p, i));
  const channels: Channel[] = (data.channels ?? []).map((c, i) =>
    withExtensions<Channel>(
      {
        id: c.id,
        name: label(c.name),
        ...(c.kind !== undefined && { kind: c.kind }),
        owned: c.owned ?? true,
        origin: at("channels", i),
      },
      c,
    ),
  );
  const channelById = new Map(channels.map((c) => [c.id, c]));
  const personaIds = personas.map((p) => p.id);

  const stages: Stage[] = data.stages.map((s, si) => {
    const steps: Step[] = s.steps.map((st, ti) => {
      const base = ["stages", si, "steps", ti] as const;
      const stepPersonas = st.personas ? [...st.personas] : [...personaIds];
      const touchpoints: Touchpoint[] = (st.touchpoints ?? []).map((tp, k) =>
        withExtensions<Touchpoint>(
          {
            channel: tp.channel,
            name: label(tp.name),
            owned: tp.owned ?? channelById.get(tp.channel)?.owned ?? true,
            origin: at(...base, "touchpoints", k),
          },
          tp,
        ),
      );
      const pains: Pain[] = (st.pains ?? []).map((p, k) => {
        const origin = at(...base, "pains", k);
        if (typeof p === "string") {
          return { id: deriveId(p, "pain", k + 1), idDerived: true, text: p, origin };
        }
        return withExtensions<Pain>(
          {
            id: p.id ?? deriveId(p.text, "pain", k + 1),
            idDerived: p.id === undefined,
            text: p.text,
            ...(p.severity !== undefined && { severity: p.severity }),
            origin,
          },
          p,
        );
      });
      const emotion = st.emotion;
      const emotions = stepPersonas.map((persona) => {
        // Own keys only: a persona id `constructor` must not read Object.prototype.
        const score = typeof emotion === "number" ? emotion : emotion !== undefined && Object.hasOwn(emotion, persona) ? emotion[persona] : undefined;
        return score === undefined ? { persona } : { persona, score };
      });
      const blueprint = Object.fromEntries(
        BLUEPRINT_LANES.map((lane) => [lane, [...(st.blueprint?.[lane] ?? [])]]),
      ) as Step["blueprint"];
      const metrics = normalizeMetrics(st.metrics);
      return withExtensions<Step>(
        {
          id: st.id ?? deriveId(st.name, "step", ti + 1),
          idDerived: st.id === undefined,
          name: label(st.name),
          personas: stepPersonas,
          personasExplicit: st.personas !== undefined,
          ...(st.does !== undefined && { does: st.does }),
          ...(st.thinks !== undefined && { thinks: st.thinks }),
          ...(st.feels !== undefined && { feels: st.feels }),
          ...(emotion !== undefined && { emotion: typeof emotion === "number" ? emotion : sortedRecord(emotion) }),
          emotions,
          touchpoints,
          pains,
          gains: [...(st.gains ?? [])],
          ...(st.moment !== undefined && { moment: st.moment }),
          ...(st.evidence !== undefined && { evidence: st.evidence }),
          blueprint,
          owners: [...(st.owners ?? [])],
          ...(metrics !== undefined && { metrics }),
          origin: at(...base),
        },
        st,
      );
    });
    const metrics = normalizeMetrics(s.metrics);
    return withExtensions<Stage>(
      {
        id: s.id ?? deriveId(s.name, "stage", si + 1),
        idDerived: s.id === undefined,
        name: label(s.name),
        ...(s.description !== undefined && { description: s.description }),
        ...(s.goal !== undefined && { goal: s.goal }),
        questions: [...(s.questions ?? [])],
        ...(metrics !== undefined && { metrics }),
        steps,
        origin: at("stages", si),
      },
      s,
    );
  });

  const opportunities: Opportunity[] = (data.opportunities ?? []).map((o, i) => {
    const quadrant = quadrantOf(o.impact, o.effort);
    return withExtensions<Opportunity>(
      {
        id: o.id ?? deriveId(o.title, "opportunity", i + 1),
        idDerived: o.id === undefined,
        title: label(o.title),
        ...(o.description !== undefined && { description: o.description }),
        addresses: [...(o.addresses ?? [])],
        ...(o.impact !== undefined && { impact: o.impact }),
        ...(o.effort !== undefined && { effort: o.effort }),
        ...(quadrant !== undefined && { quadrant }),
        ...(o.owner !== undefined && { owner: o.owner }),
        ...(o.status !== undefined && { status: o.status }),
        why: [...(o.why ?? [])],
        links: [...(o.links ?? [])],
        origin: at("opportunities", i),
      },
      o,
    );
  });

  const metrics = normalizeMetrics(data.metrics);
  return withExtensions<Journey>(
    {
      id: data.id ?? defaultId,
      title: label(data.title),
      ...(data.description !== undefined && { description: data.description }),
      locale: data.locale ?? "en",
      state: data.state ?? "current",
      ...(data.objective !== undefined && { objective: data.objective }),
      ...(data.owner !== undefined && { owner: data.owner }),
      ...(data.updated !== undefined && { updated: data.updated }),
      tags: [...(data.tags ?? [])],
      personas,
      channels,
      stages,
      opportunities,
      ...(metrics !== undefined && { metrics }),
      file,
    },
    data,
  );
}

function normalizePersona(source: PersonaSource, index: number): Persona {
  const p = source.data;
  return withExtensions<Persona>(
    {
      id: p.id ?? deriveId(p.name, "persona", index + 1),
      idDerived: p.id === undefined,
      name: label(p.name),
      ...(p.role !== undefined && { role: p.role }),
      ...(p.age !== undefined && { age: p.age }),
      ...(p.segment !== undefined && { segment: p.segment }),
      ...(p.quote !== undefined && { quote: p.quote }),
      ...(p.description !== undefined && { description: p.description }),
      goals: [...(p.goals ?? [])],
      frustrations: [...(p.frustrations ?? [])],
      motivations: [...(p.motivations ?? [])],
      channels: [...(p.channels ?? [])],
      ...(source.file !== undefined && { file: source.file }),
      origin: source.origin,
    },
    p,
  );
}

function withExtensions<T extends { extensions?: Record<string, unknown> }>(model: T, input: object): T {
  const ext = extensionsOf(input);
  if (ext) model.extensions = ext;
  return model;
}

function sortedRecord(r: Record<string, number | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(r).sort()) {
    const v = r[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/**
 * A name or title as shown: without the final line break a YAML block scalar (`name: |`) adds,
 * which no one means (it came out as a stray `<br>` in tables and headings).
 */
function label(text: string): string {
  return text.replace(/(\r\n|\r|\n)+$/, "");
}
