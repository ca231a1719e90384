// Alerts between digests (docs/alerts.md). Detection: what fires now, read from the weekly rollups'
// hourly counts (domain/alerts/negative-surge.ts), with what each alert needs to say why: the value
// and its promise, the numbers against the baseline, the three most telling posts with their links,
// and where to look first; only the posts an alert quotes are read one by one. Sending, without
// spam: no repeat of an open alert unless it worsens, one send for two runs at once, a daily cap.
// Replay: what would have been sent at every hour of past days.
import { ALIGNMENT_RULES } from '#domain/alignment/index';
import { byTelling, type EvidenceCandidate, mentionCandidate, pickEvidence } from '#domain/alignment/evidence';
import type { AlignmentSignal } from '#domain/alignment/types';
import { type NegativeSurge, negativeSurges, type Sensitivity, surgeWeeks } from '#domain/alerts/negative-surge';
import type { AlertRepository, RollupRepository, ScoreRepository, SignalRepository } from '#domain/ports';
import { type AlertState, alertKey, type DeliveryOutcome, hasResolved, hasWorsened } from '#domain/alerts/state';
import { type AlertChannel, SENSITIVITIES } from '#domain/alerts/settings';
import { isoWeeksFromTo } from '#domain/iso-week';
import type { Channel, Profile } from '#domain/profile';
import { strengthOf } from '#domain/rollup';
import type { Signal } from '#domain/signal';
import { rollupSubjects } from './rollups';

/** What detecting alerts needs of the store. */
export interface AlertStore
  extends Pick<RollupRepository, 'rollupsOf'>,
    Pick<ScoreRepository, 'valueMentionsBetween'>,
    Pick<SignalRepository, 'getSignals' | 'signalSpanOfSource'> {}

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

export interface SurgeAlert extends NegativeSurge {
  value: { id: string; label: string; promise: string };
  /** The most negative posts of the window, from different sources where there is a choice. */
  quotes: AlertQuote[];
  /** Where to look first, in a sentence. */
  checkFirst: string;
}

export interface AlertDetection {
  brand: string;
  /** When detection ran (ISO), and the settings it ran with. */
  at: string;
  sensitivity: Sensitivity;
  windowHours: number;
  alerts: SurgeAlert[];
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
  const weeks = surgeWeeks(now, zone, settings);
  const rollups = await store.rollupsOf(analyzer, weeks, rollupSubjects(profile));
  const span = await dataSpan(store, profile);
  const surges = negativeSurges({
    profile,
    rollups,
    now,
    ...settings,
    ...(span ? { dataFrom: Date.parse(span.earliest) } : {}),
  });
  const alerts: SurgeAlert[] = [];
  for (const surge of surges) {
    const value = profile.values.find((each) => each.id === surge.valueId);
    if (value === undefined) continue;
    alerts.push({
      ...surge,
      value: { id: value.id, label: value.label, promise: value.promise },
      quotes: await quotesOf(store, analyzer, surge),
      checkFirst: CHECK_FIRST[surge.channel],
    });
  }
  return { brand: profile.brand.name, at: options.now.toISOString(), ...settings, alerts };
}

/** The window's most negative posts of the alert's value and channel, read one by one, with their links. */
async function quotesOf(store: AlertStore, analyzer: string, surge: NegativeSurge): Promise<AlertQuote[]> {
  const mentions = (await store.valueMentionsBetween(surge.valueId, surge.window, analyzer, surge.channel))
    .filter((mention) => mention.channel === surge.channel && mention.sentiment.label === 'NEGATIVE')
    .map((mention) => ({
      mention,
      signalId: mention.signalId,
      publishedAt: mention.publishedAt,
      strength: strengthOf(mention),
    }))
    .sort(byTelling)
    .slice(0, QUOTE_CANDIDATES);
  const signals = new Map<string, Signal>(
    (await store.getSignals(mentions.map((each) => each.signalId))).map((signal) => [signal.id, signal]),
  );
  const candidates: EvidenceCandidate[] = mentions.map(({ mention }) =>
    mentionCandidate(mention, 'negative', signals as ReadonlyMap<string, AlignmentSignal>),
  );
  return pickEvidence(candidates, ALIGNMENT_RULES.evidencePerFlag).map((evidence) => ({
    signalId: evidence.signalId,
    quote: evidence.quote,
    title: evidence.title,
    sourceId: evidence.sourceId,
    publishedAt: evidence.publishedAt,
    url: signals.get(evidence.signalId)?.url ?? null,
  }));
}

/** Posts one alert to one destination (adapters/alerts/deliver.ts in the CLI). */
export type AlertSender = (destination: AlertChannel, alert: SurgeAlert, key: string) => Promise<DeliveryOutcome>;

export interface SendDeps {
  store: AlertRepository;
  send: AlertSender;
  now: Date;
}

export type AlertOutcome =
  | {
      key: string;
      alert: SurgeAlert;
      status: 'sent';
      /** Per destination: "delivered", or why not (it gets the alert on the next run). */
      destinations: Record<string, string>;
    }
  | { key: string; alert: SurgeAlert; status: 'not sent'; reason: string };

export interface AlertSending {
  outcomes: AlertOutcome[];
  /** Alerts open before that detection has not found for a whole window: "<value> on <channel>". */
  resolved: string[];
  /** Destinations that could not be reached (their alerts are sent on the next run). */
  failed: number;
}

/** A destination's name in the alert state: its kind and the environment variable of its address (e-mail: its recipients). */
export function destinationName(destination: AlertChannel): string {
  if (destination.kind === 'email') return `email:${destination.to?.join(',') ?? 'digest.recipients'}`;
  return `${destination.kind}:${destination.urlEnv}`;
}

/**
 * Sends each alert detected to the profile's alerts.channels, unless it spams: an alert already
 * sent to a destination for the same value, channel and kind, and still open, is sent there again
 * only once it has worsened (domain/alerts/state.ts); two runs at once send an alert once; at most
 * alerts.dailyCap a day. A destination that fails keeps its alert due: the next run sends it.
 * Open alerts that detection has not found for a whole window are marked resolved.
 */
export async function sendAlerts(detection: AlertDetection, profile: Profile, deps: SendDeps): Promise<AlertSending> {
  const destinations = profile.alerts.channels.map((channel) => ({ channel, name: destinationName(channel) }));
  const stateKey = (alert: Pick<AlertState, 'kind' | 'valueId' | 'channel'>, destination: string) =>
    `${alert.kind}\u0000${alert.valueId}\u0000${alert.channel}\u0000${destination}`;
  const states = new Map((await deps.store.alertStates()).map((state) => [stateKey(state, state.destination), state]));
  const sending: AlertSending = { outcomes: [], resolved: [], failed: 0 };
  const day = dayIn(deps.now, profile.digest.timezone);
  const firing = new Set<string>();

  for (const alert of detection.alerts) {
    const key = alertKey(detection.brand, alert);
    for (const { name } of destinations) firing.add(stateKey(alert, name));
    const due = destinations.filter(({ name }) => {
      const state = states.get(stateKey(alert, name));
      return !(state?.open && !hasWorsened(state, alert));
    });
    // found again: an open alert stays open a window longer
    for (const { name } of destinations) {
      const state = states.get(stateKey(alert, name));
      if (state?.open && !due.some((each) => each.name === name))
        await deps.store.putAlertState({ ...state, lastFiredAt: deps.now.toISOString() });
    }
    if (due.length === 0) {
      sending.outcomes.push({ key, alert, status: 'not sent', reason: 'sent before, and not worse since' });
      continue;
    }
    if (!(await deps.store.claimAlertSend({ key, claimedAt: deps.now.toISOString(), channels: {} }))) {
      sending.outcomes.push({ key, alert, status: 'not sent', reason: 'another run is sending it' });
      continue;
    }
    if (!(await deps.store.takeDailySlot(day, profile.alerts.dailyCap, key))) {
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
        valueId: alert.valueId,
        channel: alert.channel,
        destination: name,
        open: true,
        share: alert.share,
        negative: alert.negative,
        windowTo: alert.window.to,
        sentAt: deps.now.toISOString(),
        lastFiredAt: deps.now.toISOString(),
      });
    }
    await deps.store.putAlertSend({ key, claimedAt: deps.now.toISOString(), channels: results });
    sending.outcomes.push({ key, alert, status: 'sent', destinations: results });
  }

  for (const state of states.values()) {
    if (!state.open || firing.has(stateKey(state, state.destination))) continue;
    if (!hasResolved(Date.parse(state.lastFiredAt), deps.now.getTime(), detection.windowHours)) continue;
    await deps.store.putAlertState({ ...state, open: false, resolvedAt: deps.now.toISOString() });
    const name = `${state.valueId} on ${state.channel}`;
    if (!sending.resolved.includes(name)) sending.resolved.push(name);
  }
  return sending;
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
export interface ReplayedAlert {
  /** The hour detection ran (ISO). */
  at: string;
  valueId: string;
  channel: Channel;
  mentions: number;
  negative: number;
  share: number;
  countRatio: number;
  /** Earlier weeks the baseline held (0: the days before). */
  baselineWeeks: number;
}

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
 * Runs detection as it would have run at every hour of [from, to) on the stored rollups, at each
 * sensitivity, and lists what would have been sent: an open alert again only once worse, at most
 * alerts.dailyCap a day. Sends nothing and writes nothing; reads the rollups once.
 */
export async function replayAlerts(
  store: Pick<RollupRepository, 'rollupsOf'> & Pick<SignalRepository, 'signalSpanOfSource'>,
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
  const earliest = surgeWeeks(first, zone, { windowHours })[0];
  const latest = surgeWeeks(range.to.getTime(), zone, { windowHours }).at(-1);
  const weeks = earliest === undefined || latest === undefined ? [] : isoWeeksFromTo(earliest, latest, zone);
  const rollups = await store.rollupsOf(analyzer, weeks, rollupSubjects(profile));
  const span = await dataSpan(store, profile);
  const dataFrom = span ? { dataFrom: Date.parse(span.earliest) } : {};
  const sent = {} as Record<Sensitivity, ReplayedAlert[]>;
  for (const sensitivity of SENSITIVITIES) {
    const open = new Map<string, { share: number; negative: number; lastFiredAt: number }>();
    const perDay = new Map<string, number>();
    const list: ReplayedAlert[] = [];
    for (const at of hours) {
      const surges = negativeSurges({ profile, rollups, now: at, sensitivity, windowHours, ...dataFrom });
      const firing = new Set(surges.map((surge) => `${surge.valueId}\u0000${surge.channel}`));
      for (const [key, state] of [...open.entries()])
        if (!firing.has(key) && hasResolved(state.lastFiredAt, at, windowHours)) open.delete(key);
      for (const surge of surges) {
        const key = `${surge.valueId}\u0000${surge.channel}`;
        const before = open.get(key);
        if (before !== undefined) before.lastFiredAt = at;
        if (before !== undefined && !hasWorsened(before, surge)) continue;
        const day = dayIn(new Date(at), zone);
        if ((perDay.get(day) ?? 0) >= profile.alerts.dailyCap) continue;
        perDay.set(day, (perDay.get(day) ?? 0) + 1);
        open.set(key, { share: surge.share, negative: surge.negative, lastFiredAt: at });
        list.push({
          at: new Date(at).toISOString(),
          valueId: surge.valueId,
          channel: surge.channel,
          mentions: surge.mentions,
          negative: surge.negative,
          share: surge.share,
          countRatio: surge.countRatio,
          baselineWeeks: surge.baseline.weeks,
        });
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
