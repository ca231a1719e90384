// Detecting alerts (docs/alerts.md): what fires now, read from the weekly rollups' hourly counts
// and the kept review bursts (domain/alerts/: negative-surge.ts, stance-backlash.ts,
// review-burst.ts), with what each alert needs to say why: the value and its promise, the numbers
// against the baseline, the three most telling posts with their links, and where to look first;
// only the posts an alert quotes are read one by one. Also when a run over past data checks them.
import { ALIGNMENT_RULES } from '#domain/alignment/index';
import { byTelling, type EvidenceCandidate, mentionCandidate, pickEvidence } from '#domain/alignment/evidence';
import type { AlignmentSignal } from '#domain/alignment/types';
import { type NegativeSurge, negativeSurges, type Sensitivity, surgeWeeks } from '#domain/alerts/negative-surge';
import { burstLookback, type ReviewBurstFinding, reviewBurstFindings } from '#domain/alerts/review-burst';
import { backlashLookback, type StanceBacklash, stanceBacklashes } from '#domain/alerts/stance-backlash';
import { lastHours } from '#domain/alerts/hour-window';
import { TOP_PHRASES, type TopPhrase, topPhrases } from '#domain/alerts/top-phrases';
import type { ReviewBurstRepository, RollupRepository, ScoreRepository, SignalRepository } from '#domain/ports';
import type { AlertKind, AlertSize } from '#domain/alerts/state';
import { utcDayOf } from '#domain/alignment/review-bursts';
import type { Channel, Profile } from '#domain/profile';
import { strengthOf } from '#domain/rollup';
import type { Signal } from '#domain/signal';
import type { ValueMention } from '#domain/value-mention';
import { brandRollupSubjects } from '../rollups';
/** What detecting alerts needs of the store. */
export interface AlertStore
  extends Pick<RollupRepository, 'rollupsOf'>,
    Pick<ScoreRepository, 'valueMentionsBetween' | 'keyPhrasesOf'>,
    Pick<SignalRepository, 'getSignals' | 'signalSpanOfSource'>,
    Pick<ReviewBurstRepository, 'burstDays'> {}

/** When the store's data begins and ends: its earliest and newest signal over all the profile's sources. */
export async function dataSpan(
  store: Pick<SignalRepository, 'signalSpanOfSource'>,
  profile: Profile,
): Promise<{ earliest: string; latest: string } | undefined> {
  const spans = (await Promise.all(profile.sources.map((source) => store.signalSpanOfSource(source.id)))).filter(
    (span) => span !== undefined,
  );
  if (spans.length === 0) return undefined;
  return {
    earliest: spans.reduce(
      (first, span) => (span.earliest < first ? span.earliest : first),
      spans[0]?.earliest as string,
    ),
    latest: spans.reduce((last, span) => (span.latest > last ? span.latest : last), spans[0]?.latest as string),
  };
}

export interface AlertQuote {
  signalId: string;
  /** Untrusted text. */
  quote: string;
  title: string;
  sourceId: string;
  publishedAt: string;
  /** The post's own address, when it has one (untrusted). */
  url: string | null;
}

/** What every alert says besides its numbers. */
interface AlertWords {
  /** The phrases its posts share, most posts first (empty for a burst, whose reviews say one thing). */
  topPhrases: TopPhrase[];
  /** What it is about, the same in every run while it lasts (its state's subject). */
  subject: string;
  /** Three posts that show it, with their links (untrusted text). */
  quotes: AlertQuote[];
  /** Where to look first, in a sentence. */
  checkFirst: string;
}

export interface AlertValue {
  id: string;
  label: string;
  promise: string;
}

/** Negative mentions of a value surged on a channel; quotes: the window's most negative posts. */
export interface SurgeAlert extends NegativeSurge, AlertWords {
  value: AlertValue;
}

/** Social mentions of a value turned against it after a brand statement; quotes: the statement, then reactions. */
export interface BacklashAlert extends StanceBacklash, AlertWords {
  value: AlertValue;
}

/** Near-identical top-rated reviews close together; quotes: some of them. */
export interface BurstAlert extends ReviewBurstFinding, AlertWords {
  value: null;
}

export type Alert = SurgeAlert | BacklashAlert | BurstAlert;

/** An open surge alert that detection has not found for a whole window (sent when alerts.resolvedNotice). */
export interface ResolvedNotice {
  kind: 'resolved';
  /** The resolved alert's kind, subject and value. */
  of: { kind: AlertKind; subject: string; value: AlertValue | null; channel: Channel };
  /** When its alert was sent and when it last fired (ISO). */
  sentAt: string;
  lastFiredAt: string;
  resolvedAt: string;
  windowHours: number;
  subject: string;
}

/** What is posted to a destination: an alert, or the notice that one resolved. */
export type AlertMessage = Alert | ResolvedNotice;

/** An alert's value id, when it concerns a value. */
export function valueIdOf(alert: Alert): string | null {
  return alert.value === null ? null : alert.value.id;
}

/** What a run found, before it is worded as an alert. */
export type Finding = NegativeSurge | StanceBacklash | ReviewBurstFinding;

/**
 * What a finding is about, the same in every run while it lasts: its state's subject. A value on a
 * channel for a surge; for a backlash the value on social, whichever statement it follows (a later
 * statement's backlash on the same value, while it is open, is sent only if worse); a burst's first review.
 */
export function subjectOf(finding: Finding): string {
  if (finding.kind === 'negative-surge') return `${finding.valueId}#${finding.channel}`;
  if (finding.kind === 'stance-backlash') return `${finding.valueId}#social`;
  return finding.burst.anchorId;
}

/** How large a finding is, to tell whether an open alert of it has worsened (domain/alerts/state.ts). */
export function sizeOf(finding: Finding): AlertSize {
  if (finding.kind === 'negative-surge') return { count: finding.negative, share: finding.share };
  if (finding.kind === 'stance-backlash')
    return { count: finding.after.negative, share: finding.after.negative / finding.after.mentions };
  return { count: finding.burst.reviews, share: 0 };
}

export interface AlertDetection {
  brand: string;
  /** When detection ran (ISO), and the settings it ran with. */
  at: string;
  sensitivity: Sensitivity;
  windowHours: number;
  alerts: Alert[];
}

export interface DetectOptions {
  now: Date;
  /** profile.alerts.sensitivity when absent. */
  sensitivity?: Sensitivity;
  /** profile.alerts.windowHours when absent. */
  windowHours?: number;
}

/** The order alerts of a run are sent in: their severities are not on one scale. */
const KIND_ORDER: ReadonlyArray<Alert['kind']> = ['negative-surge', 'stance-backlash', 'review-burst'];

/** Posts read per alert to choose its quotes from: the most negative of its window. */
const QUOTE_CANDIDATES = 20;

const CHECK_FIRST: Record<Channel, string> = {
  review:
    'Read the reviews quoted here for what they share (a product, a shop, a day, a change of policy), then ask the team that delivers the promise what changed.',
  social:
    'Look for one story being passed on (a post, a video, a news item) in the posts quoted here, then at what the brand itself posted or said in the last days.',
  news: 'Check whether the articles quoted here are one story picked up by several outlets, and whether the brand has been asked to comment.',
  stance: 'Read the statements quoted here.',
};

/** Where to look first when a review burst fires. */
const CHECK_FIRST_BURST =
  'Open the reviews quoted here on their platform: who posted them (new accounts, one shop, one campaign), and whether anyone asked for reviews that day. The platform may remove them, and a journalist may find them first.';

/** Where to look first when backlash follows a statement. */
const CHECK_FIRST_BACKLASH =
  'Read the statement quoted first, then the reactions: is it the statement people object to, or a gap between what it says and what they experience? Whoever speaks for the brand may want to answer before the week is out.';

/** The weeks detection at `now` reads: the surge window with its baselines, and the backlash lookback. */
export function alertWeeks(now: number, zone: string, settings: { windowHours: number }): string[] {
  const backlash = lastHours(now, backlashLookback().readHours, zone);
  const weeks = new Set([...surgeWeeks(now, zone, settings), ...backlash.slots.map((slot) => slot.week)]);
  return [...weeks].sort();
}

export async function detectAlerts(
  store: AlertStore,
  profile: Profile,
  analyzer: string,
  options: DetectOptions,
): Promise<AlertDetection> {
  const zone = profile.digest.timezone;
  const now = options.now.getTime();
  // the profile's alerts settings, unless the caller says otherwise
  const settings = {
    sensitivity: options.sensitivity ?? profile.alerts.sensitivity,
    windowHours: options.windowHours ?? profile.alerts.windowHours,
  };
  const rollups = await store.rollupsOf(analyzer, alertWeeks(now, zone, settings), brandRollupSubjects(profile));
  const span = await dataSpan(store, profile);
  const dataFrom = span ? { dataFrom: Date.parse(span.earliest) } : {};
  const declaredValue = (id: string): AlertValue | undefined => {
    const value = profile.values.find((each) => each.id === id);
    return value === undefined ? undefined : { id: value.id, label: value.label, promise: value.promise };
  };

  const alerts: Alert[] = [];
  for (const surge of negativeSurges({ profile, rollups, now, ...settings, ...dataFrom })) {
    const value = declaredValue(surge.valueId);
    if (value === undefined) continue;
    const mentions = await negativeMentions(store, analyzer, surge.valueId, surge.channel, surge.window);
    alerts.push({
      ...surge,
      subject: subjectOf(surge),
      value,
      topPhrases: await phrasesOf(store, analyzer, mentions, profile, surge.valueId),
      quotes: await quotesOf(store, mentions, ALIGNMENT_RULES.evidencePerFlag),
      checkFirst: CHECK_FIRST[surge.channel],
    });
  }
  for (const backlash of stanceBacklashes({ profile, rollups, now, sensitivity: settings.sensitivity, ...dataFrom })) {
    const value = declaredValue(backlash.valueId);
    if (value === undefined) continue;
    // the reactions of the last hours of the backlash (the window's hours at most): the freshest
    const to = Date.parse(backlash.window.to);
    const from = Math.max(Date.parse(backlash.window.from), to - settings.windowHours * 3_600_000);
    const reactions = await negativeMentions(store, analyzer, backlash.valueId, 'social', {
      from: new Date(from).toISOString(),
      to: backlash.window.to,
    });
    const statement = await quotesOf(
      store,
      [
        {
          ...backlash.statement,
          channel: 'stance',
          sentiment: STATEMENT_SENTIMENT,
          net: 0,
          valueId: backlash.valueId,
          analyzer,
        },
      ],
      1,
    );
    alerts.push({
      ...backlash,
      subject: subjectOf(backlash),
      value,
      topPhrases: await phrasesOf(store, analyzer, reactions, profile, backlash.valueId),
      quotes: [...statement, ...(await quotesOf(store, reactions, ALIGNMENT_RULES.evidencePerFlag - 1))],
      checkFirst: CHECK_FIRST_BACKLASH,
    });
  }
  const lookback = burstLookback(now, settings.windowHours);
  // a burst is kept under the UTC day of its first review, at most a burst window before its last
  const kept = await store.burstDays(
    analyzer,
    utcDayOf(lookback.from - ALIGNMENT_RULES.burstWindowHours * 3_600_000),
    utcDayOf(lookback.to),
  );
  for (const finding of reviewBurstFindings(kept.bursts, { now, ...settings })) {
    const signals = new Map(
      (await store.getSignals(finding.burst.evidence.map((each) => each.signalId))).map((signal) => [
        signal.id,
        signal,
      ]),
    );
    alerts.push({
      ...finding,
      // when a quote's text expires is the store's business, not a receiver's
      burst: { ...finding.burst, evidence: finding.burst.evidence.map(({ expiresAt: _expires, ...quote }) => quote) },
      subject: subjectOf(finding),
      value: null,
      topPhrases: [],
      quotes: finding.burst.evidence.map((evidence) => alertQuote(evidence, signals)),
      checkFirst: CHECK_FIRST_BURST,
    });
  }
  // customers' complaints first, then reactions to the brand's words, then suspect praise (the
  // daily cap keeps the first); each kind's severity orders it within
  alerts.sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      b.severity - a.severity ||
      a.subject.localeCompare(b.subject),
  );
  return { brand: profile.brand.name, at: options.now.toISOString(), ...settings, alerts };
}

/** The phrases the most negative posts share, aside from the brand's names and the value's own words. */
async function phrasesOf(
  store: AlertStore,
  analyzer: string,
  mentions: readonly ValueMention[],
  profile: Profile,
  valueId: string,
): Promise<TopPhrase[]> {
  const value = profile.values.find((each) => each.id === valueId);
  const ids = mentions.slice(0, TOP_PHRASES.posts).map((mention) => mention.signalId);
  const keyPhrases = await store.keyPhrasesOf(ids, analyzer);
  return topPhrases([...keyPhrases.values()], {
    brand: [profile.brand.name, ...profile.brand.aliases],
    value: value === undefined ? [] : [value.label, ...value.aspects],
  });
}

/** A statement is quoted for what it says, not for how it scored. */
const STATEMENT_SENTIMENT = {
  label: 'NEUTRAL',
  scores: { positive: 0, negative: 0, neutral: 1, mixed: 0 },
} as const satisfies ValueMention['sentiment'];

/** The negative mentions of a value on a channel in a window, most telling first. */
async function negativeMentions(
  store: AlertStore,
  analyzer: string,
  valueId: string,
  channel: Channel,
  window: { from: string; to: string },
): Promise<ValueMention[]> {
  return (await store.valueMentionsBetween(valueId, window, analyzer, channel))
    .filter((mention) => mention.channel === channel && mention.sentiment.label === 'NEGATIVE')
    .map((mention) => ({
      mention,
      signalId: mention.signalId,
      publishedAt: mention.publishedAt,
      strength: strengthOf(mention),
    }))
    .sort(byTelling)
    .map(({ mention }) => mention);
}

/** The most telling of these mentions, from different sources where there is a choice, read one by one for their links. */
async function quotesOf(store: AlertStore, all: readonly ValueMention[], count: number): Promise<AlertQuote[]> {
  // the most telling few are read one by one: what the quotes are chosen from
  const mentions = all.slice(0, QUOTE_CANDIDATES);
  const signals = new Map<string, Signal>(
    (await store.getSignals(mentions.map((each) => each.signalId))).map((signal) => [signal.id, signal]),
  );
  const candidates: EvidenceCandidate[] = mentions.map((mention) =>
    mentionCandidate(mention, 'negative', signals as ReadonlyMap<string, AlignmentSignal>),
  );
  return pickEvidence(candidates, count).map((evidence) => alertQuote(evidence, signals));
}

/** A quote as an alert gives it: what the digest would quote, and the post's own link. */
function alertQuote(evidence: Omit<AlertQuote, 'url'>, signals: ReadonlyMap<string, Pick<Signal, 'url'>>): AlertQuote {
  const { signalId, quote, title, sourceId, publishedAt } = evidence;
  return { signalId, quote, title, sourceId, publishedAt, url: signals.get(signalId)?.url ?? null };
}

/**
 * When `congruence run` checks alerts: now, unless the newest stored signal is older than the
 * hours detection looks at (an import of past data), then the hour after it, so that a run over
 * past data shows the alerts its last day held.
 */
export async function alertsAsOf(
  store: Pick<SignalRepository, 'signalSpanOfSource'>,
  profile: Profile,
  now: Date,
): Promise<{ at: Date; newest?: string }> {
  const newest = (await dataSpan(store, profile))?.latest;
  if (newest === undefined) return { at: now };
  const hour = 3_600_000;
  if (now.getTime() - Date.parse(newest) <= profile.alerts.windowHours * hour) return { at: now };
  return { at: new Date(Date.parse(newest) + hour), newest };
}
