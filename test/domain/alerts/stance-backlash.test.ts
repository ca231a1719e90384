// Backlash after a brand statement, found from the weekly rollups' hourly social counts and the
// statements they keep: the hours after the statement's against the 8 weeks before it.
import { describe, expect, it } from 'vitest';
import type { SentimentLabel } from '#domain/analyzer';
import { stanceBacklashes } from '#domain/alerts/stance-backlash';
import type { ProfileInput } from '#domain/profile';
import type { Rollup } from '#domain/rollup';
import type { SignalScore } from '#domain/signal-score';
import type { ValueMention } from '#domain/value-mention';
import { mention, profileWith, REPAIRS, score, rollupsFrom } from '../alignment/builders';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// the statement: Monday 16 November 2026, 09:10 UTC (the test profile's time zone)
const STATEMENT_AT = Date.parse('2026-11-16T09:10:00.000Z');
// the data begins four weeks before it
const DATA_FROM = STATEMENT_AT - 28 * DAY;

interface Parts {
  mentions: ValueMention[];
  scores: SignalScore[];
}

/** Social mentions of the value with these labels, one an hour from `start`, `every` hours apart. */
function social(start: number, labels: SentimentLabel[], every = 1): Parts {
  const parts: Parts = { mentions: [], scores: [] };
  labels.forEach((label, index) => {
    const publishedAt = new Date(start + index * every * HOUR).toISOString();
    const made = mention({ valueId: REPAIRS.id, label, channel: 'social', publishedAt });
    parts.mentions.push(made);
    parts.scores.push(
      score({ label, channel: 'social', publishedAt, signalId: made.signalId, valueIds: [REPAIRS.id] }),
    );
  });
  return parts;
}

/** The brand's statement about the value at `at`. */
function statement(at: number): Parts {
  const publishedAt = new Date(at).toISOString();
  const made = mention({ valueId: REPAIRS.id, label: 'NEUTRAL', channel: 'stance', publishedAt });
  return {
    mentions: [made],
    scores: [
      score({ label: 'NEUTRAL', channel: 'stance', publishedAt, signalId: made.signalId, valueIds: [REPAIRS.id] }),
    ],
  };
}

const times = (count: number, label: SentimentLabel) => Array.from({ length: count }, () => label);

/** Four weeks of mild praise before the statement: 16 mentions, 12 positive; then the statement, then `after`. */
function story(after: SentimentLabel[]): Rollup[] {
  return rollupsFrom(
    social(DATA_FROM + HOUR, [...times(12, 'POSITIVE'), ...times(4, 'NEUTRAL')], 40),
    statement(STATEMENT_AT),
    social(STATEMENT_AT + 2 * HOUR, after),
  );
}

const ANGRY = [...times(11, 'NEGATIVE'), 'POSITIVE' as const];

function search(
  rollups: Rollup[],
  now: number,
  extra: { sensitivity?: 'fewer' | 'balanced' | 'more' } = {},
  input: ProfileInput['thresholds'] = {},
) {
  return stanceBacklashes({ profile: profileWith([REPAIRS], input), rollups, now, dataFrom: DATA_FROM, ...extra });
}

describe('backlash after a brand statement', () => {
  it('fires once enough social mentions after the statement turned against the value, with both sides counted', () => {
    const rollups = story(ANGRY);
    // the reactions run from 11:10 to 22:10; at 23:30 the hours 10:00 to 23:00 are judged
    const [found, ...others] = search(rollups, STATEMENT_AT + 14 * HOUR + 20 * 60_000);
    expect(others).toEqual([]);
    expect(found).toMatchObject({
      kind: 'stance-backlash',
      valueId: REPAIRS.id,
      statement: { publishedAt: new Date(STATEMENT_AT).toISOString() },
      window: { from: '2026-11-16T10:00:00.000Z', to: '2026-11-16T23:00:00.000Z', hours: 13 },
      after: { mentions: 12, negative: 11, positive: 1 },
      before: { mentions: 16, positive: 12, negative: 0 },
    });
    expect(found?.drop.interval.high).toBeLessThan(0);
  });

  it('waits for thresholds.minMentions reactions: nine are not enough', () => {
    expect(search(story(times(9, 'NEGATIVE')), STATEMENT_AT + DAY)).toEqual([]);
  });

  it('does not fire when the reactions are as mixed as before', () => {
    const mixed = [...times(9, 'POSITIVE'), ...times(3, 'NEUTRAL')];
    expect(search(story(mixed), STATEMENT_AT + DAY)).toEqual([]);
  });

  it('looks at statements of the last 5 days only', () => {
    const rollups = story(ANGRY);
    expect(search(rollups, STATEMENT_AT + 5 * DAY - HOUR)).toHaveLength(1);
    expect(search(rollups, STATEMENT_AT + 5 * DAY + HOUR)).toEqual([]);
  });

  it('asks a larger drop of fewer alerts: one of 1.5 times thresholds.divergence', () => {
    const rollups = story(ANGRY);
    const now = STATEMENT_AT + DAY;
    const drop = search(rollups, now)[0]?.drop.value ?? 0;
    // a divergence just over two thirds of the drop: balanced fires, fewer asks for more than the drop
    const divergence = Math.ceil((Math.abs(drop) / 1.5) * 100 + 1) / 100;
    expect(search(rollups, now, { sensitivity: 'balanced' }, { divergence })).toHaveLength(1);
    expect(search(rollups, now, { sensitivity: 'fewer' }, { divergence })).toEqual([]);
  });

  it('does not fire without any mention before the statement to compare with', () => {
    const rollups = rollupsFrom(statement(STATEMENT_AT), social(STATEMENT_AT + 2 * HOUR, ANGRY));
    expect(
      stanceBacklashes({ profile: profileWith([REPAIRS]), rollups, now: STATEMENT_AT + DAY, dataFrom: STATEMENT_AT }),
    ).toEqual([]);
  });
});
