// How you compare: competitors measured on the brand's own values, beyond the margin of error and
// never on fewer than minMentions, and the brand's share of voice per channel.
import { describe, expect, it } from 'vitest';
import type { SentimentLabel } from '#domain/analyzer';
import { computeAlignment } from '#domain/alignment/index';
import type { Channel, Profile } from '#domain/profile';
import type { SignalScore } from '#domain/signal-score';
import type { ValueMention } from '#domain/value-mention';
import {
  at,
  inputOf,
  mapOf,
  mention,
  mentions,
  nextId,
  profileWith,
  REPAIRS,
  score,
  signal,
  weeksOf,
} from './builders';

const base = profileWith([REPAIRS]);
const profile: Profile = {
  ...base,
  brand: {
    ...base.brand,
    competitors: [
      { name: 'Cobalt Cycles', aliases: ['Cobalt'], handles: [], domains: [] },
      { name: 'Alderway Bikes', aliases: [], handles: [], domains: [] },
    ],
  },
};
const weeks = weeksOf(36, 47);
const W47 = '2026-W47';

/** A competitor's mentions of a value, as scoring stores them. */
function theirs(
  competitorId: string,
  week: string,
  counts: Partial<Record<SentimentLabel, number>>,
  channel: Channel = 'review',
) {
  return mentions('free-repairs', week, counts, channel).map((mention): ValueMention => ({ ...mention, competitorId }));
}

function compare(list: ValueMention[], scores: SignalScore[] = []) {
  const report = computeAlignment(inputOf({ profile, weeks, mentions: list, scores }));
  if (report.comparison === null) throw new Error('expected a comparison');
  return report.comparison;
}

const onRepairs = (comparison: ReturnType<typeof compare>, competitorId: string) =>
  comparison.values
    .find((value) => value.valueId === 'free-repairs')
    ?.competitors.find((each) => each.competitorId === competitorId);

describe('comparing competitors on the brand’s promises', () => {
  it('finds a competitor ahead when the interval of the difference lies above 0, and quotes both sides', () => {
    const comparison = compare([
      ...mentions('free-repairs', W47, { POSITIVE: 6, NEGATIVE: 12, NEUTRAL: 2 }),
      ...theirs('cobalt-cycles', W47, { POSITIVE: 13, NEGATIVE: 1, NEUTRAL: 2 }),
    ]);
    const cobalt = onRepairs(comparison, 'cobalt-cycles');
    expect(cobalt?.week).toMatchObject({ mentions: 16, positive: 13, negative: 1 });
    expect(cobalt?.week.net).toBeCloseTo(0.75, 2);
    expect(cobalt?.difference).toBeCloseTo(0.75 - -0.3, 2);
    expect(cobalt?.differenceInterval?.low).toBeGreaterThan(0);
    expect(cobalt?.standing).toBe('ahead');

    const [finding] = comparison.findings;
    expect(finding).toMatchObject({
      kind: 'competitor-ahead',
      valueId: 'free-repairs',
      competitorIds: ['cobalt-cycles'],
      title: 'Cobalt Cycles ahead of you on “Free repairs for life”',
    });
    expect(finding?.explanation).toContain('from 16 mentions');
    expect(finding?.explanation).toContain('from 20 mentions');
    expect(new Set(finding?.evidence.map((quote) => quote.entityName))).toEqual(
      new Set(['Cobalt Cycles', 'Fernhill Bikes']),
    );
    const cobaltQuotes = finding?.evidence.filter((quote) => quote.entityId === 'cobalt-cycles') ?? [];
    expect(cobaltQuotes.every((quote) => quote.quote.startsWith('positive'))).toBe(true);
  });

  it('says what a competitor ahead promised itself in its own recent statements, and quotes the first of them', () => {
    const statement = (key: string, week: string, title: string) => ({
      ...mention({
        valueId: 'free-repairs',
        label: 'POSITIVE',
        channel: 'stance',
        publishedAt: at(week, 0),
        signalId: nextId(key),
      }),
      sourceId: 'cobalt-newsroom',
      competitorId: 'cobalt-cycles',
      excerpts: [`${title}.`],
      title,
    });
    const old = statement('o', '2026-W40', 'Cobalt opens its tenth workshop');
    const recent = statement('r', '2026-W45', 'Every repair at Cobalt is now free');
    const signals = mapOf(
      [old, recent].map((each) =>
        signal({ id: each.signalId, channel: 'stance', title: each.title, publishedAt: each.publishedAt }),
      ),
    );
    const report = computeAlignment(
      inputOf({
        profile,
        weeks,
        signals,
        mentions: [
          ...mentions('free-repairs', W47, { POSITIVE: 6, NEGATIVE: 12, NEUTRAL: 2 }),
          ...theirs('cobalt-cycles', W47, { POSITIVE: 13, NEGATIVE: 1, NEUTRAL: 2 }),
          old,
          recent,
        ],
      }),
    );
    const [finding] = report.comparison?.findings ?? [];
    expect(finding?.explanation).toContain('Its own statements on it: “Every repair at Cobalt is now free” (2 Nov).');
    expect(finding?.explanation).not.toContain('tenth workshop');
    expect(finding?.evidence[0]).toMatchObject({
      channel: 'stance',
      entityName: 'Cobalt Cycles',
      quote: 'Every repair at Cobalt is now free.',
      title: 'Every repair at Cobalt is now free',
    });
    // its statements are not customers: they count in no net
    expect(onRepairs(report.comparison as NonNullable<typeof report.comparison>, 'cobalt-cycles')?.week.mentions).toBe(
      16,
    );
  });

  it('calls a competitor level when it is above the brand but within the margin of error', () => {
    const comparison = compare([
      ...mentions('free-repairs', W47, { POSITIVE: 10, NEGATIVE: 10 }),
      ...theirs('cobalt-cycles', W47, { POSITIVE: 12, NEGATIVE: 8 }),
    ]);
    const cobalt = onRepairs(comparison, 'cobalt-cycles');
    expect(cobalt?.difference).toBeCloseTo(0.2, 5);
    expect(cobalt?.differenceInterval?.low).toBeLessThan(0);
    expect(cobalt?.standing).toBe('level');
    expect(comparison.findings).toEqual([]);
  });

  it('never compares on fewer mentions than minMentions, however wide the gap', () => {
    const comparison = compare([
      ...mentions('free-repairs', W47, { NEGATIVE: 20 }),
      ...theirs('cobalt-cycles', W47, { POSITIVE: 9 }),
    ]);
    const cobalt = onRepairs(comparison, 'cobalt-cycles');
    expect(cobalt?.difference).toBeCloseTo(2, 5);
    expect(cobalt?.standing).toBe('not-enough-evidence');
    expect(comparison.findings).toEqual([]);
  });

  it('says where the brand leads, naming the competitors it leads', () => {
    const comparison = compare([
      ...mentions('free-repairs', W47, { POSITIVE: 18, NEGATIVE: 2 }),
      ...theirs('alderway-bikes', W47, { POSITIVE: 3, NEGATIVE: 12 }),
      ...theirs('cobalt-cycles', W47, { POSITIVE: 16, NEGATIVE: 2 }),
    ]);
    expect(onRepairs(comparison, 'alderway-bikes')?.standing).toBe('behind');
    expect(onRepairs(comparison, 'cobalt-cycles')?.standing).toBe('level');
    expect(comparison.findings.map((finding) => [finding.kind, finding.title, finding.competitorIds])).toEqual([
      ['brand-leads', 'You lead Alderway Bikes on “Free repairs for life”', ['alderway-bikes']],
    ]);
  });

  it('counts the weeks in a row a competitor has been above the brand', () => {
    const list = [
      ...mentions('free-repairs', '2026-W44', { POSITIVE: 8, NEGATIVE: 4 }),
      ...theirs('cobalt-cycles', '2026-W44', { POSITIVE: 2, NEGATIVE: 8 }),
    ];
    for (const week of ['2026-W45', '2026-W46', W47])
      list.push(
        ...mentions('free-repairs', week, { POSITIVE: 4, NEGATIVE: 8 }),
        ...theirs('cobalt-cycles', week, { POSITIVE: 10, NEGATIVE: 2 }),
      );
    const comparison = compare(list);
    expect(onRepairs(comparison, 'cobalt-cycles')?.weeksAbove).toBe(3);
    expect(comparison.findings[0]?.explanation).toContain('Above you 3 weeks running');
  });

  it('measures share of voice per channel, and finds the brand losing it only beyond the margin of error', () => {
    const scores: SignalScore[] = [];
    const post = (week: string, index: number, about: Extract<SignalScore, { status: 'scored' }>['about']) =>
      scores.push({
        ...score({ label: 'NEUTRAL', channel: 'social', publishedAt: at(week, index % 7) }),
        ...(about ? { about } : {}),
      });
    for (const week of weeks) {
      const recent = week >= '2026-W45';
      for (let index = 0; index < (recent ? 20 : 30); index++) post(week, index, undefined);
      for (let index = 0; index < (recent ? 40 : 10); index++)
        post(week, index, { brand: null, competitors: { 'cobalt-cycles': index < 30 ? 'POSITIVE' : 'NEGATIVE' } });
    }
    const comparison = compare([], scores);
    const social = comparison.shareOfVoice.find((voice) => voice.channel === 'social');
    expect(social?.entities.map((each) => [each.entityId, each.signals])).toEqual([
      ['fernhill-bikes', 20],
      ['cobalt-cycles', 40],
      ['alderway-bikes', 0],
    ]);
    expect(social?.brandShare).toBeCloseTo(1 / 3, 5);
    expect(social?.positiveShare).toBe(0);
    expect(social?.change).toMatchObject({ direction: 'falling', recent: { signals: 180 }, earlier: { signals: 360 } });
    expect(social?.change.recent.share).toBeCloseTo(1 / 3, 5);
    expect(social?.change.earlier.share).toBeCloseTo(0.75, 5);
    const losing = comparison.findings.find((finding) => finding.kind === 'losing-share-of-voice');
    expect(losing?.title).toBe('Losing share of voice on social: 33%, down from 75%');
    expect(losing?.competitorIds[0]).toBe('cobalt-cycles');
    // reviews held steady: no finding there
    expect(comparison.shareOfVoice.find((voice) => voice.channel === 'review')?.change.direction).toBe(
      'not-enough-evidence',
    );
  });

  it('holds a share steady when the change is within the margin of error', () => {
    const scores: SignalScore[] = [];
    for (const week of weeks) {
      const brand = week >= '2026-W45' ? 5 : 6;
      for (let index = 0; index < brand; index++)
        scores.push(score({ label: 'NEUTRAL', channel: 'news', publishedAt: at(week, index % 7) }));
      for (let index = 0; index < 4; index++)
        scores.push({
          ...score({ label: 'NEUTRAL', channel: 'news', publishedAt: at(week, index % 7) }),
          about: { brand: null, competitors: { 'alderway-bikes': 'NEUTRAL' } },
        });
    }
    const news = compare([], scores).shareOfVoice.find((voice) => voice.channel === 'news');
    expect(news?.change.direction).toBe('steady');
  });

  it('compares nothing when the profile declares no competitors', () => {
    const report = computeAlignment(
      inputOf({ profile: base, weeks, mentions: mentions('free-repairs', W47, { POSITIVE: 12 }) }),
    );
    expect(report.comparison).toBeNull();
  });
});
