// Alert kind 3, backlash after a brand statement: one of the brand's own statements mentioned a
// value in the last days (ALIGNMENT_RULES.backlashDays, 5), and the social mentions of the value
// since have turned against it. The weekly digest's rule 5 (alignment/flags/stance-backlash.ts),
// applied as the backlash starts instead of once the week is over, on whole hours of the rollups:
//   1. the hours after the statement's hour, up to the last whole hour, hold at least minMentions
//      social mentions of the value;
//   2. they are mostly negative: the net's upper bound below the promised net (minNetSentiment), or
//      for a value promised as a positive share, at least 60% of them negative;
//   3. they are worse than the 8 weeks before the statement (the 1,344 hours before its hour,
//      those with data): the interval of the difference of the nets lies below 0 at the profile's confidence,
//      and the drop is at least thresholds.divergence times the sensitivity's factor.
// The statement's own hour is left out of both sides: the rollups count hours, not instants.
import { expectationOf } from '../alignment/expectation';
import { slotOfWeek, slotStart } from '../alignment/calendar';
import { ALIGNMENT_RULES } from '../alignment/rules';
import { differenceInterval, type Estimate, netEstimate, zFor } from '../alignment/statistics';
import type { Interval } from '../digest-model';
import { isoWeekOf } from '../iso-week';
import type { Profile } from '../profile';
import type { Rollup, RollupStatement } from '../rollup';
import { type HourCounts, hourCounter } from './hour-counts';
import { type HourWindow, lastHours, weekBounds } from './hour-window';
import type { Sensitivity } from './negative-surge';

/** How large a drop each sensitivity asks for, as a multiple of thresholds.divergence. */
export const BACKLASH_SENSITIVITY: Record<Sensitivity, { dropFactor: number }> = {
  fewer: { dropFactor: 1.5 },
  balanced: { dropFactor: 1 },
  more: { dropFactor: 0.75 },
};

/**
 * Hours before the statement compared with: the 8 weeks before it. A value's social mentions of one
 * week are often too few to compare with; the digest's rule compares with its history before the
 * statement (up to 11 weeks).
 */
export const BACKLASH_BEFORE_HOURS = 8 * 168;

export interface SocialTally {
  mentions: number;
  positive: number;
  negative: number;
  /** Net sentiment with its interval at the profile's confidence. */
  net: Estimate;
}

export interface StanceBacklash {
  kind: 'stance-backlash';
  valueId: string;
  channel: 'social';
  /** The brand's statement: its own words (untrusted: they came from a feed), title and time. */
  statement: Pick<RollupStatement, 'signalId' | 'sourceId' | 'publishedAt' | 'title' | 'excerpts'>;
  /** The hours after the statement's hour, up to the last whole hour. */
  window: { from: string; to: string; hours: number };
  after: SocialTally;
  /** The 8 weeks before the statement's hour (its known hours). */
  before: SocialTally & { hours: number };
  /** after − before, with its interval. */
  drop: { value: number; interval: Interval };
  severity: number;
}

export interface BacklashSearch {
  profile: Profile;
  /** The rollups of the weeks the last backlashDays and the 8 weeks before them touch. */
  rollups: readonly Rollup[];
  /** Epoch ms. */
  now: number;
  dataFrom?: number;
  sensitivity?: Sensitivity;
  /**
   * The counts of the 8 weeks before each statement (by value and statement), kept by a caller
   * that searches the same rollups again and again (a replay): they do not change from hour to hour.
   */
  before?: Map<string, HourCounts | undefined>;
}

/** How far back a statement may be and still start an alert, and the hours read to judge it. */
export function backlashLookback(): { statementHours: number; readHours: number } {
  const statementHours = ALIGNMENT_RULES.backlashDays * 24;
  return { statementHours, readHours: statementHours + BACKLASH_BEFORE_HOURS + 1 };
}

export function stanceBacklashes(search: BacklashSearch): StanceBacklash[] {
  const { profile, now } = search;
  const zone = profile.digest.timezone;
  const z = zFor(profile.thresholds.confidence);
  const { statementHours } = backlashLookback();
  const dropNeeded = profile.thresholds.divergence * BACKLASH_SENSITIVITY[search.sensitivity ?? 'balanced'].dropFactor;
  const countsOf = hourCounter(search.rollups, zone, search.dataFrom);
  const recent = lastHours(now, statementHours, zone);
  const bounds = weekBounds(zone);
  const found: StanceBacklash[] = [];

  for (const value of profile.values) {
    const statements = new Map<string, RollupStatement>();
    for (const rollup of search.rollups)
      if (rollup.subject === value.id)
        for (const statement of rollup.statements) {
          const time = Date.parse(statement.publishedAt);
          if (time >= recent.from && time < recent.to) statements.set(statement.signalId, statement);
        }
    let worst: StanceBacklash | undefined;
    for (const statement of statements.values()) {
      const time = Date.parse(statement.publishedAt);
      const { start, end } = bounds(isoWeekOf(new Date(time), zone));
      const statementHourEnd = slotStart(start, end, slotOfWeek(start, end, time) + 1);
      const after: HourWindow = {
        from: statementHourEnd,
        to: recent.to,
        slots: recent.slots.filter(
          ({ week, slot }) => slotStart(bounds(week).start, bounds(week).end, slot) >= statementHourEnd,
        ),
      };
      if (after.slots.length === 0) continue;
      const afterCounts = countsOf(value.id, 'social', after, true);
      if (afterCounts === undefined || afterCounts.mentions < profile.thresholds.minMentions) continue;
      const beforeKey = `${value.id}\u0000${statement.signalId}`;
      let beforeCounts = search.before?.get(beforeKey);
      if (beforeCounts === undefined && !search.before?.has(beforeKey)) {
        beforeCounts = countsOf(value.id, 'social', lastHours(time, BACKLASH_BEFORE_HOURS, zone), true);
        search.before?.set(beforeKey, beforeCounts);
      }
      if (beforeCounts === undefined) continue;
      const afterNet = netEstimate(tallyOf(afterCounts), z);
      const beforeNet = netEstimate(tallyOf(beforeCounts), z);
      if (afterNet === null || beforeNet === null) continue;
      const expectation = expectationOf(value);
      const mostlyNegative =
        expectation.minNet !== null
          ? afterNet.interval.high < expectation.minNet
          : afterCounts.negative >= ALIGNMENT_RULES.backlashMinNegativeShare * afterCounts.mentions;
      if (!mostlyNegative) continue;
      const interval = differenceInterval(afterNet, beforeNet);
      const drop = afterNet.value - beforeNet.value;
      if (!(interval.high < 0 && drop <= -dropNeeded)) continue;
      const backlash: StanceBacklash = {
        kind: 'stance-backlash',
        valueId: value.id,
        channel: 'social',
        statement: {
          signalId: statement.signalId,
          sourceId: statement.sourceId,
          publishedAt: statement.publishedAt,
          title: statement.title,
          excerpts: statement.excerpts,
        },
        window: {
          from: new Date(after.from).toISOString(),
          to: new Date(after.to).toISOString(),
          hours: after.slots.length,
        },
        after: {
          mentions: afterCounts.mentions,
          positive: afterCounts.positive,
          negative: afterCounts.negative,
          net: afterNet,
        },
        before: {
          mentions: beforeCounts.mentions,
          positive: beforeCounts.positive,
          negative: beforeCounts.negative,
          net: beforeNet,
          hours: beforeCounts.hours,
        },
        drop: { value: drop, interval },
        severity: (Math.abs(drop) / 2) * Math.log2(1 + afterCounts.negative),
      };
      if (worst === undefined || afterNet.value < worst.after.net.value) worst = backlash;
    }
    if (worst !== undefined) found.push(worst);
  }
  return found.sort((a, b) => b.severity - a.severity || a.valueId.localeCompare(b.valueId));
}

function tallyOf(counts: HourCounts) {
  return { n: counts.mentions, positive: counts.positive, negative: counts.negative };
}
