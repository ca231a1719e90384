// "What customers talk about that you did not declare": the largest themes of the last 4 weeks that
// no value covers, each way, with their numbers, trend and quotes, and nothing the flags already say.
import { describe, expect, it } from 'vitest';
import { computeAlignment, type AlignmentReport, type AlignmentSignal } from '#domain/alignment/index';
import type { SentimentLabel } from '#domain/analyzer';
import type { SignalScore } from '#domain/signal-score';
import { authorsText } from '#domain/alignment/undeclared-themes';
import { at, inputOf, mapOf, profileWith, REPAIRS, score, signal, weeksOf } from './builders';

const weeks = weeksOf(44, 47);

interface Posts {
  scores: SignalScore[];
  signals: AlignmentSignal[];
}

/** One post a week-day for each count in `perWeek` (oldest week first), by different authors. */
function posts(perWeek: number[], label: SentimentLabel, phrases: string[], sentence: string): Posts {
  const scores: SignalScore[] = [];
  const signals: AlignmentSignal[] = [];
  perWeek.forEach((count, week) => {
    for (let index = 0; index < count; index++) {
      const publishedAt = at(weeks[week] as string, index % 7, 8 + (index % 10));
      const made = signal({
        channel: 'social',
        publishedAt,
        text: `Post ${week}-${index}: ${sentence}`,
        sourceId: `social-${index % 3}`,
      });
      signals.push(made);
      scores.push(
        score({
          channel: 'social',
          label,
          publishedAt,
          keyPhrases: phrases,
          signalId: made.id,
          sourceId: made.sourceId,
        }),
      );
    }
  });
  return { scores, signals };
}

function reportOf(parts: Posts[]): AlignmentReport {
  return computeAlignment(
    inputOf({
      profile: profileWith([REPAIRS]),
      weeks,
      scores: parts.flatMap((part) => part.scores),
      signals: mapOf(parts.flatMap((part) => part.signals)),
    }),
  );
}

// The rest of the window: 40 neutral posts about bikes, so no theme is the whole conversation.
const background = () => posts([10, 10, 10, 10], 'NEUTRAL', ['bike'], 'I ride a bike.');
const labels = (themes: AlignmentReport['undeclaredThemes']['negative']) => themes.map((theme) => theme.label);

describe('undeclared themes', () => {
  it('lists the themes no value covers, negative and positive apart, largest first', () => {
    const report = reportOf([
      background(),
      posts([3, 3, 3, 3], 'NEGATIVE', ['the parking'], 'The parking is impossible.'),
      posts([4, 4, 4, 4], 'NEGATIVE', ['the opening hours'], 'The opening hours are too short.'),
      // 8 of 12 positive: too few for an unclaimed strength (70%), so the section lists it
      posts([2, 2, 2, 2], 'POSITIVE', ['the coffee corner'], 'The coffee corner is a treat.'),
      posts([1, 1, 1, 1], 'NEUTRAL', ['the coffee corner'], 'There is a coffee corner.'),
    ]);
    expect(labels(report.undeclaredThemes.negative)).toEqual(['opening hours', 'parking']);
    expect(labels(report.undeclaredThemes.positive)).toEqual(['coffee corner']);
    expect(report.undeclaredThemes.period).toBe('26 Oct–22 Nov');
  });

  it('gives each theme its signals, authors, share with its interval, weekly counts and quotes', () => {
    const report = reportOf([
      background(),
      posts([3, 3, 3, 3], 'NEGATIVE', ['the parking'], 'The parking is impossible.'),
    ]);
    const [parking] = report.undeclaredThemes.negative;
    expect(parking).toMatchObject({ signals: 12, authors: 12, inDirection: 12, share: 1, trend: 'steady' });
    expect(parking?.perWeek).toEqual(weeks.map((week) => ({ week, signals: 3 })));
    expect(parking?.interval?.high).toBe(1);
    expect(parking?.interval?.low).toBeGreaterThan(0.75);
    expect(parking?.interval?.low).toBeLessThan(0.9);
    expect(parking?.figures).toBe(
      '12 reviews and posts, 12 authors · 100% negative (90% CI 82% to 100%) · steady: 3, 3, 3, 3 a week',
    );
    expect(parking?.evidence).toHaveLength(3);
    expect(parking?.evidence[0]?.quote).toMatch(/^Post \d-\d+: The parking is impossible\.$/);
  });

  it('says "about" of an author count past the 48 the tallies count exactly, and rounds it', () => {
    const report = reportOf([
      background(),
      posts([15, 15, 15, 15], 'NEGATIVE', ['the parking'], 'The parking is impossible.'),
    ]);
    const [parking] = report.undeclaredThemes.negative;
    expect(parking?.signals).toBe(60);
    expect(parking?.authorsEstimated).toBe(true);
    // 60 authors, estimated from the 48 smallest of their hashes
    expect(parking?.authors).toBeGreaterThan(40);
    expect(parking?.authors).toBeLessThanOrEqual(60);
    expect(parking?.figures).toMatch(/^60 reviews and posts, about \d+ authors · 100% negative/);
    const exact = reportOf([
      background(),
      posts([3, 3, 3, 3], 'NEGATIVE', ['the parking'], 'The parking is impossible.'),
    ]);
    expect(exact.undeclaredThemes.negative[0]?.authorsEstimated).toBe(false);
  });

  it('words an estimated author count with two figures', () => {
    expect(authorsText({ authors: 158, authorsEstimated: true })).toBe('about 160 authors');
    expect(authorsText({ authors: 1_234, authorsEstimated: true })).toBe('about 1,200 authors');
    expect(authorsText({ authors: 57, authorsEstimated: true })).toBe('about 57 authors');
    expect(authorsText({ authors: 158, authorsEstimated: false })).toBe('158 authors');
    expect(authorsText({ authors: 1, authorsEstimated: false })).toBe('1 author');
  });

  it('calls a theme rising when the last 2 weeks beat the 2 before beyond chance', () => {
    const report = reportOf([
      background(),
      posts([1, 1, 6, 7], 'POSITIVE', ['the coffee corner'], 'The coffee corner is a treat.'),
      posts([1, 1, 3, 3], 'NEUTRAL', ['the coffee corner'], 'There is a coffee corner.'),
    ]);
    expect(report.undeclaredThemes.positive[0]).toMatchObject({ label: 'coffee corner', trend: 'rising' });
  });

  it('lists a theme as a complaint only when it is more negative than the other posts, not merely mostly negative', () => {
    // everything is 2 negative to 1 neutral: "flight" is talked about a lot, and no worse than the rest
    const grumpy = [
      posts([6, 6, 6, 6], 'NEGATIVE', ['bike'], 'My bike broke.'),
      posts([3, 3, 3, 3], 'NEUTRAL', ['bike'], 'I ride a bike.'),
    ];
    const flight = [
      posts([4, 4, 4, 4], 'NEGATIVE', ['the flight'], 'The flight was bad.'),
      posts([2, 2, 2, 2], 'NEUTRAL', ['the flight'], 'A flight.'),
    ];
    const parking = posts([3, 3, 3, 3], 'NEGATIVE', ['the parking'], 'The parking is impossible.');
    const report = reportOf([...grumpy, ...flight, parking]);
    expect(labels(report.undeclaredThemes.negative)).toEqual(['parking']);
    expect(report.undeclaredThemes.positive).toEqual([]);
  });

  it('keeps at most 3 themes a side', () => {
    const many = ['parking', 'opening hours', 'toilets', 'queue', 'music'].map((phrase) =>
      posts([3, 3, 3, 3], 'NEGATIVE', [phrase], `The ${phrase} again.`),
    );
    expect(reportOf([background(), ...many]).undeclaredThemes.negative).toHaveLength(3);
  });

  it('leaves out themes a value covers, and filler', () => {
    const report = reportOf([
      background(),
      posts([3, 3, 3, 3], 'NEGATIVE', ['the repair'], 'The repair took ages.'),
      posts([3, 3, 3, 3], 'POSITIVE', ['thanks', 'the help', 'you guys'], 'Thanks for the help, you guys!'),
    ]);
    expect(report.undeclaredThemes.negative).toEqual([]);
    expect(report.undeclaredThemes.positive).toEqual([]);
  });

  it('does not repeat a theme raised as an unclaimed strength or an emerging complaint', () => {
    const report = reportOf([
      background(),
      posts([3, 3, 3, 3], 'POSITIVE', ['group rides'], 'The group rides are great.'),
      posts([0, 1, 6, 7], 'NEGATIVE', ['the ride app'], 'The ride app crashes.'),
    ]);
    expect(report.flags.map((flag) => flag.kind).sort()).toEqual(['emerging-topic', 'unclaimed-strength']);
    expect(report.undeclaredThemes.positive).toEqual([]);
    expect(report.undeclaredThemes.negative).toEqual([]);
  });

  it('keeps one of overlapping themes, the larger', () => {
    const report = reportOf([
      background(),
      posts([3, 3, 3, 3], 'NEGATIVE', ['the parking'], 'The parking is impossible.'),
      posts([3, 3, 3, 3], 'NEGATIVE', ['the parking fee'], 'The parking fee is steep.'),
    ]);
    expect(labels(report.undeclaredThemes.negative)).toEqual(['parking']);
    expect(report.undeclaredThemes.negative[0]?.signals).toBe(24);
  });
});
