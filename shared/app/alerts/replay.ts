// Replaying alerts: what would have been sent at every hour of past days, at each sensitivity, on
// the stored rollups and kept review bursts, with the rules against spam applied. Sends nothing.
import { ALIGNMENT_RULES } from '#domain/alignment/index';
import { negativeSurges, type Sensitivity } from '#domain/alerts/negative-surge';
import { burstLookback, reviewBurstFindings } from '#domain/alerts/review-burst';
import { stanceBacklashes } from '#domain/alerts/stance-backlash';
import type { HourCounts } from '#domain/alerts/hour-counts';
import type { ReviewBurstRepository, RollupRepository, SignalRepository } from '#domain/ports';
import { type AlertSize, hasResolved, hasWorsened } from '#domain/alerts/state';
import { SENSITIVITIES } from '#domain/alerts/settings';
import { utcDayOf } from '#domain/alignment/review-bursts';
import { isoWeeksFromTo } from '#domain/iso-week';
import type { Channel, Profile } from '#domain/profile';
import { brandRollupSubjects } from '../rollups';
import { alertWeeks, dataSpan, sizeOf, subjectOf } from './detect';
import { dayIn } from './send';

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
  const rollups = await store.rollupsOf(analyzer, weeks, brandRollupSubjects(profile));
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
          subject: `negative-surge#${subjectOf(surge)}`,
          size: sizeOf(surge),
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
          subject: `stance-backlash#${subjectOf(backlash)}`,
          size: sizeOf(backlash),
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
          subject: `review-burst#${subjectOf(finding)}`,
          size: sizeOf(finding),
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
