// The entities Congruence measures: the brand and each declared competitor, and who a signal is
// about. A review or a statement is about the entity its source is about (the brand, or the
// competitor named by the source's `about`). A news or social item is about the entities it names
// (relevance.ts): one entity gets the whole text; two or more share it clause by clause
// (entity-clauses.ts), so each is scored on what was said of it.
//
// A competitor's figures are kept beside the brand's under their own subjects: its mentions of a
// value under `<value id>@<competitor id>`, its scored signals per channel (its voice) under
// `*@<competitor id>`. The brand keeps the plain value ids and `*`.
import { entityClauseSplitter } from './entity-clauses';
import { type Competitor, competitorIdOf, type Profile } from './profile';
import { mentionFinder, type NamedBy, namingTerms, needsBrandMention } from './relevance';
import { ownDataOf } from './redaction';
import type { Signal } from './signal';
import { mentionSubject } from './value-mention';

export interface MonitoredEntity {
  /** The brand's id, or the competitor's. */
  id: string;
  name: string;
  kind: 'brand' | 'competitor';
}

/** The brand first, then its competitors in the order declared. */
export function monitoredEntities(profile: Profile): MonitoredEntity[] {
  return [
    { id: profile.brand.id, name: profile.brand.name, kind: 'brand' },
    ...competitorsOf(profile).map(({ id, name, kind }) => ({ id, name, kind })),
  ];
}

export function competitorsOf(profile: Profile): Array<MonitoredEntity & { competitor: Competitor }> {
  return profile.brand.competitors.map((competitor) => ({
    id: competitorIdOf(competitor),
    name: competitor.name,
    kind: 'competitor' as const,
    competitor,
  }));
}

/** The rollup subject of a competitor's mentions of a value. */
export function competitorValueSubject(valueId: string, competitorId: string): string {
  return mentionSubject({ valueId, competitorId });
}

/** The rollup subject of a competitor's scored signals per channel and day (WEEK_TOTALS is the brand's). */
export function competitorTotalsSubject(competitorId: string): string {
  return `*@${competitorId}`;
}

/** Whether a rollup subject is a competitor's (its value mentions or its totals). */
export function isCompetitorSubject(subject: string): boolean {
  return subject.includes('@');
}

/** Whether a rollup subject counts signals (the brand's WEEK_TOTALS, a competitor's totals) rather than a value's mentions. */
export function isTotalsSubject(subject: string): boolean {
  return subject === '*' || subject.startsWith('*@');
}

/** Every rollup subject the competitors have: one per value and one of totals each. */
export function competitorSubjects(profile: Profile): string[] {
  return competitorsOf(profile).flatMap(({ id }) => [
    ...profile.values.map((value) => competitorValueSubject(value.id, id)),
    competitorTotalsSubject(id),
  ]);
}

/**
 * Whether a signal comes from a source about a competitor (its reviews, its newsroom): never the
 * brand's own statements, reviews or bursts, whatever it names.
 */
export function fromCompetitorsSource(profile: Profile): (signal: Pick<Signal, 'sourceId'>) => boolean {
  const theirs = new Set(profile.sources.flatMap((source) => (source.about === undefined ? [] : [source.id])));
  return (signal) => theirs.has(signal.sourceId);
}

/** What one entity was said to be or do in a signal: the whole text, or its clauses. */
export interface EntityText {
  entityId: string;
  /** The text scored for it: the signal's whole text, or its clauses joined by newlines. */
  text: string;
  /** Its clauses, when the signal named more than one entity; empty when the text is whole. */
  clauses: string[];
}

/** The brand and its competitors with what names each, brand first. */
function namedEntities(profile: Profile): Array<{ id: string; named: NamedBy }> {
  return [
    { id: profile.brand.id, named: profile.brand },
    ...competitorsOf(profile).map(({ id, competitor }) => ({ id, named: competitor })),
  ];
}

/** Which entities a signal names, outside personal data (relevance.ts): their ids, brand first. */
function entitiesNamedIn(profile: Profile): (signal: Signal) => string[] {
  return mentionFinder(namedEntities(profile), ownDataOf(profile.brand));
}

/**
 * Whether a signal is off-topic: a news or social item naming neither the brand nor a competitor
 * (reviews and statements are about their source's entity by nature).
 */
export function offTopicTest(profile: Profile): (signal: Signal) => boolean {
  const named = entitiesNamedIn(profile);
  return (signal) => needsBrandMention(signal.channel) && named(signal).length === 0;
}

/**
 * Reads who a signal is about (see the header): nothing for a news or social item that names no
 * entity, else one text per entity. `text` is the signal's document text (title and body).
 */
export function signalEntityReader(profile: Profile): (signal: Signal, text: string) => EntityText[] {
  const brandId = profile.brand.id;
  const aboutBySource = new Map(profile.sources.map((source) => [source.id, source.about ?? brandId]));
  const named = entitiesNamedIn(profile);
  const split = entityClauseSplitter(
    namedEntities(profile).map(({ id, named }) => ({ id, terms: namingTerms(named) })),
  );
  return (signal, text) => {
    const about = aboutBySource.get(signal.sourceId) ?? brandId;
    if (!needsBrandMention(signal.channel)) return [{ entityId: about, text, clauses: [] }];
    const ids = named(signal);
    if (ids.length === 0) return [];
    if (ids.length === 1) return [{ entityId: ids[0] as string, text, clauses: [] }];
    const clauses = split(text, about === brandId ? null : about);
    return ids.flatMap((entityId) => {
      const own = clauses.filter((clause) => clause.entityId === entityId).map((clause) => clause.text);
      // named only where the clauses do not look (its domain in the link): nothing was said of it
      return own.length === 0 ? [] : [{ entityId, text: own.join('\n'), clauses: own }];
    });
  };
}
