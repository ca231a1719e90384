// Alerts between digests, first part: detection. What fires now, read from the weekly rollups'
// hourly counts (domain/alerts/negative-surge.ts), with what each alert needs to say why: the value
// and its promise, the numbers against the baseline, the three most telling posts with their links,
// and where to look first. Only the posts an alert quotes are read one by one. Delivery (Slack,
// Teams, webhooks, e-mail), the alert state that stops repeats and the daily cap come next
// (docs/alerts.md).
import { ALIGNMENT_RULES } from '#domain/alignment/index';
import { type EvidenceCandidate, mentionCandidate, pickEvidence } from '#domain/alignment/evidence';
import type { AlignmentSignal } from '#domain/alignment/types';
import { type NegativeSurge, negativeSurges, type Sensitivity, surgeWeeks } from '#domain/alerts/negative-surge';
import type { RollupRepository, ScoreRepository, SignalRepository } from '#domain/ports';
import type { Channel, Profile } from '#domain/profile';
import { byTelling } from '#domain/alignment/evidence';
import { strengthOf } from '#domain/rollup';
import type { Signal } from '#domain/signal';
import { rollupSubjects } from './rollups';

/** What detecting alerts needs of the store. */
export interface AlertStore
  extends Pick<RollupRepository, 'rollupsOf'>,
    Pick<ScoreRepository, 'valueMentionsBetween'>,
    Pick<SignalRepository, 'getSignals'> {}

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
  const surges = negativeSurges({ profile, rollups, now, ...settings });
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
  const mentions = (await store.valueMentionsBetween(surge.valueId, surge.window, analyzer))
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
