// Alerts between digests (docs/alerts.md). Detection: what fires now, read from the weekly rollups'
// hourly counts and the kept review bursts (domain/alerts/: negative-surge.ts, stance-backlash.ts,
// review-burst.ts), with what each alert needs to say why: the value and its promise, the numbers
// against the baseline, the three most telling posts with their links, and where to look first;
// only the posts an alert quotes are read one by one. Sending, without
// spam: no repeat of an open alert unless it worsens, one send for two runs at once, a daily cap.
// Replay: what would have been sent at every hour of past days.
import { ALIGNMENT_RULES } from '#domain/alignment/index';
import { byTelling, type EvidenceCandidate, mentionCandidate, pickEvidence } from '#domain/alignment/evidence';
import type { AlignmentSignal } from '#domain/alignment/types';
import { type NegativeSurge, negativeSurges, type Sensitivity, surgeWeeks } from '#domain/alerts/negative-surge';
import { burstLookback, type ReviewBurstFinding, reviewBurstFindings } from '#domain/alerts/review-burst';
import { backlashLookback, type StanceBacklash, stanceBacklashes } from '#domain/alerts/stance-backlash';
import type { HourCounts } from '#domain/alerts/hour-counts';
import { lastHours } from '#domain/alerts/hour-window';
import type {
  AlertRepository,
  ReviewBurstRepository,
  RollupRepository,
  ScoreRepository,
  SignalRepository,
} from '#domain/ports';
import {
  type AlertKind,
  type AlertSize,
  type AlertState,
  alertKey,
  type DeliveryOutcome,
  hasResolved,
  hasWorsened,
} from '#domain/alerts/state';
import { type AlertChannel, SENSITIVITIES } from '#domain/alerts/settings';
import { utcDayOf } from '#domain/alignment/review-bursts';
import { isoWeeksFromTo } from '#domain/iso-week';
import type { Channel, Profile } from '#domain/profile';
import { strengthOf } from '#domain/rollup';
import type { Signal } from '#domain/signal';
import type { ValueMention } from '#domain/value-mention';
import { rollupSubjects } from './rollups';

/** What detecting alerts needs of the store. */
export interface AlertStore
  extends Pick<RollupRepository, 'rollupsOf'>,
    Pick<ScoreRepository, 'valueMentionsBetween'>,
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

/** How large an alert is, to tell whether an open one has worsened (domain/alerts/state.ts). */
export function sizeOf(alert: Alert): AlertSize {
  if (alert.kind === 'negative-surge') return { count: alert.negative, share: alert.share };
  if (alert.kind === 'stance-backlash')
    return { count: alert.after.negative, share: alert.after.negative / alert.after.mentions };
  return { count: alert.burst.reviews, share: 0 };
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
  const rollups = await store.rollupsOf(analyzer, alertWeeks(now, zone, settings), rollupSubjects(profile));
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
      subject: `${surge.valueId}#${surge.channel}`,
      value,
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
      // one backlash per value: a later statement's, while it is open, is sent only if worse
      subject: `${backlash.valueId}#social`,
      value,
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
      subject: finding.burst.anchorId,
      value: null,
      quotes: finding.burst.evidence.map((evidence) => alertQuote(evidence, signals)),
      checkFirst: CHECK_FIRST_BURST,
    });
  }
  alerts.sort((a, b) => b.severity - a.severity || a.subject.localeCompare(b.subject));
  return { brand: profile.brand.name, at: options.now.toISOString(), ...settings, alerts };
}

/** A statement is quoted for what it says, not for how it scored. */
const STATEMENT_SENTIMENT = {
  label: 'NEUTRAL',
  scores: { positive: 0, negative: 0, neutral: 1, mixed: 0 },
} as const satisfies ValueMention['sentiment'];

/** The negative mentions of a value on a channel in a window, most telling first (at most QUOTE_CANDIDATES). */
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
    .slice(0, QUOTE_CANDIDATES)
    .map(({ mention }) => mention);
}

/** The most telling of these mentions, from different sources where there is a choice, read one by one for their links. */
async function quotesOf(store: AlertStore, mentions: readonly ValueMention[], count: number): Promise<AlertQuote[]> {
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

/** Posts one alert, or a resolved notice, to one destination (adapters/alerts/sender.ts). */
export type AlertSender = (destination: AlertChannel, message: AlertMessage, key: string) => Promise<DeliveryOutcome>;

export interface SendDeps {
  store: AlertRepository;
  send: AlertSender;
  now: Date;
}

/** Per destination (destinationName): "delivered", or why not. */
export type DestinationOutcomes = Record<string, string>;

export type AlertOutcome =
  | {
      key: string;
      alert: Alert;
      status: 'sent';
      /** Per destination: "delivered", or why not (it gets the alert on the next run). */
      destinations: Record<string, string>;
    }
  | { key: string; alert: Alert; status: 'not sent'; reason: string };

export interface AlertSending {
  outcomes: AlertOutcome[];
  /** Alerts open before that detection has not found for a whole window, with the notices sent of them. */
  resolved: Array<{ notice: ResolvedNotice; destinations: Record<string, string> }>;
  /** Destinations that could not be reached (their alerts are sent on the next run). */
  failed: number;
}

/** A destination's name in the alert state: its kind and the environment variable of its address (e-mail: its recipients). */
export function destinationName(destination: AlertChannel): string {
  if (destination.kind === 'email') return `email:${destination.to?.join(',') ?? 'digest.recipients'}`;
  return `${destination.kind}:${destination.urlEnv}`;
}

const stateKey = (alert: Pick<AlertState, 'kind' | 'subject'>, destination: string) =>
  `${alert.kind}\u0000${alert.subject}\u0000${destination}`;

/**
 * Sends each alert detected to the profile's alerts.channels, unless it spams: an alert already
 * sent to a destination for the same kind and subject, and still open, is sent there again only
 * once it has worsened (domain/alerts/state.ts); two runs at once send an alert once; at most
 * alerts.dailyCap a day. A destination that fails keeps its alert due: the next run sends it.
 * Open alerts that detection has not found for a whole window are marked resolved, and with
 * alerts.resolvedNotice a surge's destinations are told so.
 */
export async function sendAlerts(detection: AlertDetection, profile: Profile, deps: SendDeps): Promise<AlertSending> {
  const destinations = profile.alerts.channels.map((channel) => ({ channel, name: destinationName(channel) }));
  const states = new Map((await deps.store.alertStates()).map((state) => [stateKey(state, state.destination), state]));
  const sending: AlertSending = { outcomes: [], resolved: [], failed: 0 };
  const day = dayIn(deps.now, profile.digest.timezone);
  const firing = new Set<string>();
  const now = deps.now.toISOString();

  for (const alert of detection.alerts) {
    const key = alertKey(detection.brand, alert, detection.at);
    const size = sizeOf(alert);
    for (const { name } of destinations) firing.add(stateKey(alert, name));
    const due = destinations.filter(({ name }) => {
      const state = states.get(stateKey(alert, name));
      return !(state?.open && !hasWorsened(state, size));
    });
    // found again: an open alert stays open a window longer
    for (const { name } of destinations) {
      const state = states.get(stateKey(alert, name));
      if (state?.open && !due.some((each) => each.name === name))
        await deps.store.putAlertState({ ...state, lastFiredAt: now });
    }
    if (due.length === 0) {
      sending.outcomes.push({ key, alert, status: 'not sent', reason: 'sent before, and not worse since' });
      continue;
    }
    if (!(await deps.store.claimAlertSend({ key, claimedAt: now, channels: {} }))) {
      sending.outcomes.push({ key, alert, status: 'not sent', reason: 'another run is sending it' });
      continue;
    }
    // a destination that failed getting it later is not another alert of the day
    const retry = due.length < destinations.length;
    if (!retry && !(await deps.store.takeDailySlot(day, profile.alerts.dailyCap, key))) {
      sending.outcomes.push({
        key,
        alert,
        status: 'not sent',
        reason: `today's ${profile.alerts.dailyCap} alerts (alerts.dailyCap) are sent: it waits for the weekly digest`,
      });
      continue;
    }
    const results: Record<string, string> = {};
    for (const { channel, name } of due) {
      const outcome = await deps.send(channel, alert, key);
      results[name] = outcome.status === 'delivered' ? 'delivered' : outcome.reason;
      if (outcome.status !== 'delivered') {
        sending.failed++;
        continue;
      }
      await deps.store.putAlertState({
        kind: alert.kind,
        subject: alert.subject,
        valueId: valueIdOf(alert),
        channel: alert.channel,
        destination: name,
        open: true,
        ...size,
        windowTo: alert.window.to,
        sentAt: now,
        lastFiredAt: now,
      });
    }
    await deps.store.putAlertSend({ key, claimedAt: now, channels: results });
    sending.outcomes.push({ key, alert, status: 'sent', destinations: results });
  }

  const resolved = new Map<string, { notice: ResolvedNotice; destinations: Record<string, string> }>();
  for (const state of states.values()) {
    if (!state.open || firing.has(stateKey(state, state.destination))) continue;
    if (!hasResolved(Date.parse(state.lastFiredAt), deps.now.getTime(), detection.windowHours)) continue;
    await deps.store.putAlertState({ ...state, open: false, resolvedAt: now });
    const subject = `${state.kind}\u0000${state.subject}`;
    let entry = resolved.get(subject);
    if (entry === undefined) {
      entry = { notice: resolvedNotice(state, profile, detection.windowHours, now), destinations: {} };
      resolved.set(subject, entry);
    }
    // a surge's end is news to whoever was told it began; a burst or a backlash just ends
    const destination = destinations.find(({ name }) => name === state.destination);
    if (!profile.alerts.resolvedNotice || state.kind !== 'negative-surge' || destination === undefined) continue;
    const outcome = await deps.send(
      destination.channel,
      entry.notice,
      alertKey(detection.brand, entry.notice, detection.at),
    );
    entry.destinations[destination.name] = outcome.status === 'delivered' ? 'delivered' : outcome.reason;
    // a notice that does not arrive is not sent again: the next alert says more than a late "resolved"
  }
  sending.resolved = [...resolved.values()];
  return sending;
}

function resolvedNotice(state: AlertState, profile: Profile, windowHours: number, now: string): ResolvedNotice {
  const value = profile.values.find((each) => each.id === state.valueId);
  return {
    kind: 'resolved',
    of: {
      kind: state.kind,
      subject: state.subject,
      value: value === undefined ? null : { id: value.id, label: value.label, promise: value.promise },
      channel: state.channel,
    },
    sentAt: state.sentAt,
    lastFiredAt: state.lastFiredAt,
    resolvedAt: now,
    windowHours,
    subject: `resolved#${state.subject}`,
  };
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone: the daily cap's day. */
function dayIn(instant: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
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

/** An alert a past run would have sent (replayAlerts): when, and its numbers. */
export type ReplayedAlert = {
  /** The hour detection ran (ISO). */
  at: string;
} & (
  | {
      kind: 'negative-surge';
      valueId: string;
      channel: Channel;
      mentions: number;
      negative: number;
      share: number;
      countRatio: number;
      /** Earlier weeks the baseline held (0: the days before). */
      baselineWeeks: number;
    }
  | {
      kind: 'stance-backlash';
      valueId: string;
      channel: 'social';
      statementAt: string;
      /** Untrusted text. */
      statementTitle: string;
      mentions: number;
      negative: number;
      /** Net after minus net before the statement. */
      drop: number;
    }
  | { kind: 'review-burst'; channel: 'review'; anchorId: string; firstAt: string; reviews: number; sources: string[] }
);

export interface AlertReplay {
  brand: string;
  from: string;
  to: string;
  /** Hours detection ran at. */
  hours: number;
  windowHours: number;
  dailyCap: number;
  /** What each sensitivity would have sent, with the rules against spam applied. */
  sent: Record<Sensitivity, ReplayedAlert[]>;
}

/** Longest range replayed at once: a quarter. */
export const MAX_REPLAY_DAYS = 92;

/**
 * Runs detection as it would have run at every hour of [from, to) on the stored rollups and kept
 * review bursts, at each sensitivity, and lists what would have been sent: an open alert again only
 * once worse, at most alerts.dailyCap a day. Sends nothing and writes nothing; reads the rollups
 * and the bursts once.
 */
export async function replayAlerts(
  store: Pick<RollupRepository, 'rollupsOf'> &
    Pick<SignalRepository, 'signalSpanOfSource'> &
    Pick<ReviewBurstRepository, 'burstDays'>,
  profile: Profile,
  analyzer: string,
  range: { from: Date; to: Date },
): Promise<AlertReplay> {
  const hour = 3_600_000;
  const zone = profile.digest.timezone;
  const windowHours = profile.alerts.windowHours;
  const first = Math.ceil(range.from.getTime() / hour) * hour;
  const hours: number[] = [];
  for (let at = first; at < range.to.getTime(); at += hour) hours.push(at);
  const earliest = alertWeeks(first, zone, { windowHours })[0];
  const latest = alertWeeks(range.to.getTime(), zone, { windowHours }).at(-1);
  const weeks = earliest === undefined || latest === undefined ? [] : isoWeeksFromTo(earliest, latest, zone);
  const rollups = await store.rollupsOf(analyzer, weeks, rollupSubjects(profile));
  const bursts = (
    await store.burstDays(
      analyzer,
      utcDayOf(burstLookback(first, windowHours).from - ALIGNMENT_RULES.burstWindowHours * hour),
      utcDayOf(range.to.getTime()),
    )
  ).bursts
    // a burst over before the range would have been alerted before it
    .filter((burst) => Date.parse(burst.lastAt) >= first);
  const span = await dataSpan(store, profile);
  const dataFrom = span ? { dataFrom: Date.parse(span.earliest) } : {};
  const sent = {} as Record<Sensitivity, ReplayedAlert[]>;
  // what a statement's backlash is compared with does not change from hour to hour
  const before = new Map<string, HourCounts | undefined>();
  for (const sensitivity of SENSITIVITIES) {
    const open = new Map<string, AlertSize & { lastFiredAt: number }>();
    const perDay = new Map<string, number>();
    const list: ReplayedAlert[] = [];
    for (const at of hours) {
      const found: Array<{ subject: string; size: AlertSize; replayed: ReplayedAlert }> = [];
      const iso = new Date(at).toISOString();
      for (const surge of negativeSurges({ profile, rollups, now: at, sensitivity, windowHours, ...dataFrom }))
        found.push({
          subject: `negative-surge#${surge.valueId}#${surge.channel}`,
          size: { count: surge.negative, share: surge.share },
          replayed: {
            at: iso,
            kind: 'negative-surge',
            valueId: surge.valueId,
            channel: surge.channel,
            mentions: surge.mentions,
            negative: surge.negative,
            share: surge.share,
            countRatio: surge.countRatio,
            baselineWeeks: surge.baseline.weeks,
          },
        });
      for (const backlash of stanceBacklashes({ profile, rollups, now: at, sensitivity, before, ...dataFrom }))
        found.push({
          subject: `stance-backlash#${backlash.valueId}#social`,
          size: { count: backlash.after.negative, share: backlash.after.negative / backlash.after.mentions },
          replayed: {
            at: iso,
            kind: 'stance-backlash',
            valueId: backlash.valueId,
            channel: 'social',
            statementAt: backlash.statement.publishedAt,
            statementTitle: backlash.statement.title,
            mentions: backlash.after.mentions,
            negative: backlash.after.negative,
            drop: backlash.drop.value,
          },
        });
      for (const finding of reviewBurstFindings(bursts, { now: at, windowHours, sensitivity }))
        found.push({
          subject: `review-burst#${finding.burst.anchorId}`,
          size: { count: finding.burst.reviews, share: 0 },
          replayed: {
            at: iso,
            kind: 'review-burst',
            channel: 'review',
            anchorId: finding.burst.anchorId,
            firstAt: finding.burst.firstAt,
            reviews: finding.burst.reviews,
            sources: finding.burst.sources,
          },
        });
      const firing = new Set(found.map((each) => each.subject));
      for (const [subject, state] of [...open.entries()])
        if (!firing.has(subject) && hasResolved(state.lastFiredAt, at, windowHours)) open.delete(subject);
      for (const { subject, size, replayed } of found) {
        const before = open.get(subject);
        if (before !== undefined) before.lastFiredAt = at;
        if (before !== undefined && !hasWorsened(before, size)) continue;
        const day = dayIn(new Date(at), zone);
        if ((perDay.get(day) ?? 0) >= profile.alerts.dailyCap) continue;
        perDay.set(day, (perDay.get(day) ?? 0) + 1);
        open.set(subject, { ...size, lastFiredAt: at });
        list.push(replayed);
      }
    }
    sent[sensitivity] = list;
  }
  return {
    brand: profile.brand.name,
    from: new Date(first).toISOString(),
    to: range.to.toISOString(),
    hours: hours.length,
    windowHours,
    dailyCap: profile.alerts.dailyCap,
    sent,
  };
}
