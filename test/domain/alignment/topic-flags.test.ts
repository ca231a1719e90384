// Topics customers raise that no value covers: unclaimed strengths and emerging complaints, from the
// key phrases of reviews and social posts over the last 4 weeks.
import { describe, expect, it } from 'vitest';
import { computeAlignment, type AlignmentReport, type AlignmentSignal } from '#domain/alignment/index';
import { normaliseKeyPhrase } from '#domain/alignment/topics';
import type { SentimentLabel } from '#domain/analyzer';
import type { SignalScore } from '#domain/signal-score';
import type { ValueMention } from '#domain/value-mention';
import { at, inputOf, mapOf, mention, profileWith, REPAIRS, score, signal, weeksOf } from './builders';

const weeks = weeksOf(44, 47);

interface Topical {
  scores: SignalScore[];
  signals: AlignmentSignal[];
}

/** `count` reviews with these key phrases and a sentence that says them, spread over the given weeks. */
function topical(count: number, label: SentimentLabel, phrases: string[], sentence: string, inWeeks = weeks): Topical {
  const scores: SignalScore[] = [];
  const signals: AlignmentSignal[] = [];
  for (let index = 0; index < count; index++) {
    const publishedAt = at(inWeeks[index % inWeeks.length] as string, 1 + (index % 5), index % 10);
    const made = signal({
      publishedAt,
      text: `Bought a bike in March. ${sentence.replace(/[.!]$/, '')}, says reviewer ${index}.`,
      title: 'Review',
    });
    scores.push(score({ label, publishedAt, keyPhrases: phrases, signalId: made.id }));
    signals.push(made);
  }
  return { scores, signals };
}

function reportOf(
  parts: Topical[],
  options: { values?: Parameters<typeof profileWith>[0]; stance?: AlignmentSignal[]; mentions?: ValueMention[] } = {},
): AlignmentReport {
  return computeAlignment(
    inputOf({
      profile: profileWith(options.values ?? [REPAIRS]),
      weeks,
      scores: parts.flatMap((part) => part.scores),
      signals: mapOf([...parts.flatMap((part) => part.signals), ...(options.stance ?? [])]),
      mentions: options.mentions ?? [],
    }),
  );
}

const flagsOf = (report: AlignmentReport, kind: string) => report.flags.filter((flag) => flag.kind === kind);

describe('key phrase normalisation', () => {
  it('lower-cases, drops leading determiners and judging words, and keeps stems aligned with words', () => {
    expect(normaliseKeyPhrase('The support chat')).toEqual({ words: ['support', 'chat'], stems: ['support', 'chat'] });
    expect(normaliseKeyPhrase('Great advice').words).toEqual(['advice']);
    expect(normaliseKeyPhrase('my new Ride app').words).toEqual(['ride', 'app']);
    expect(normaliseKeyPhrase('love').words).toEqual([]);
    expect(normaliseKeyPhrase('2026').words).toEqual([]);
  });
});

describe('an unclaimed strength', () => {
  // the other reviews of the window: 20, one in ten positive
  const others = () => topical(20, 'NEUTRAL', ['bike'], 'It is a bike.');
  const withOthers = (part: Topical) => [part, others(), topical(2, 'POSITIVE', ['bike'], 'Nice bike.')];
  const groupRides = (count: number, positive: number): Topical[] => [
    topical(positive, 'POSITIVE', ['the Saturday group rides'], 'The Saturday group rides are brilliant.'),
    topical(count - positive, 'NEUTRAL', ['group rides'], 'There are group rides on Saturdays.'),
  ];

  it('is a phrase in at least minMentions reviews over 4 weeks, at least 70% positive, that nothing declared or stated covers', () => {
    const report = reportOf([...groupRides(10, 7), ...withOthers(topical(0, 'POSITIVE', [], ''))]);
    const [flag] = flagsOf(report, 'unclaimed-strength');
    expect(flag?.title).toBe('Unclaimed strength: customers praise the “group rides”');
    expect(flag?.explanation).toContain(
      '10 reviews and social posts in 26 Oct–22 Nov speak of the “group rides”, 7 of them (70%) positive',
    );
    expect(flag?.evidence).toHaveLength(3);
    expect(flag?.evidence[0]?.quote).toMatch(/^The Saturday group rides are brilliant, says reviewer \d\.$/);
  });

  it('is not raised one review short of minMentions', () => {
    expect(
      flagsOf(reportOf([...groupRides(9, 9), ...withOthers(topical(0, 'POSITIVE', [], ''))]), 'unclaimed-strength'),
    ).toEqual([]);
  });

  it('is not raised just under 70% positive', () => {
    // 9 of 13 = 69%
    expect(
      flagsOf(reportOf([...groupRides(13, 9), ...withOthers(topical(0, 'POSITIVE', [], ''))]), 'unclaimed-strength'),
    ).toEqual([]);
  });

  it('is not raised when a value’s aspects cover the phrase', () => {
    const covering = { ...REPAIRS, aspects: ['repair', 'group ride'] };
    expect(flagsOf(reportOf([...groupRides(10, 10), others()], { values: [covering] }), 'unclaimed-strength')).toEqual(
      [],
    );
  });

  it('is not raised when the brand’s statements mention it', () => {
    const stance = signal({
      channel: 'stance',
      publishedAt: at('2026-W44'),
      text: 'Join our Saturday group rides from every shop.',
    });
    expect(flagsOf(reportOf([...groupRides(10, 10), others()], { stance: [stance] }), 'unclaimed-strength')).toEqual(
      [],
    );
  });

  it('is not raised for a name only said in reviews as happy as the rest', () => {
    const happy = topical(30, 'POSITIVE', ['bike'], 'Great bike.');
    const heron = topical(10, 'POSITIVE', ['Heron'], 'Bought a Heron for commuting.');
    expect(flagsOf(reportOf([heron, happy]), 'unclaimed-strength')).toEqual([]);
  });

  it('never takes the brand’s names for a topic, but reads what follows them', () => {
    const named = topical(10, 'POSITIVE', ['Fernhill'], 'Fernhill is great.');
    const rides = topical(10, 'POSITIVE', ['Fernhill group rides'], 'Fernhill group rides are great.');
    const report = reportOf([named, rides, others()]);
    expect(flagsOf(report, 'unclaimed-strength').map((flag) => flag.title)).toEqual([
      'Unclaimed strength: customers praise the “group rides”',
    ]);
  });

  it('counts a phrase once per signal', () => {
    const doubled = topical(
      9,
      'POSITIVE',
      ['group rides', 'the group rides', 'Group Rides'],
      'Group rides, group rides!',
    );
    expect(flagsOf(reportOf([doubled, others()]), 'unclaimed-strength')).toEqual([]);
  });
});

describe('an emerging topic', () => {
  const calm = () => topical(20, 'POSITIVE', ['bike'], 'Lovely bike.');
  const before = weeksOf(44, 45);
  const lately = weeksOf(46, 47);
  const app = (recent: number, earlier: number, negative = recent + earlier) => {
    const total = recent + earlier;
    const labels = (count: number, offset: number) =>
      Array.from({ length: count }, (_, index) => (index + offset < negative ? 'NEGATIVE' : 'NEUTRAL'));
    return [
      ...labels(recent, 0).map((label) =>
        topical(1, label as SentimentLabel, ['the Ride app'], 'The Ride app crashes on login.', lately),
      ),
      ...labels(earlier, recent).map((label) =>
        topical(1, label as SentimentLabel, ['ride app'], 'The Ride app crashes on login.', before),
      ),
    ].slice(0, total);
  };

  it('is a mostly negative phrase that nothing declared covers, rising beyond chance in the last 2 weeks', () => {
    // 9 in the last 2 weeks against 1 before: P(X ≥ 9 | 10) = 11/1024 = 0.011 ≤ 0.05
    const report = reportOf([...app(9, 1, 8), calm()]);
    const [flag] = flagsOf(report, 'emerging-topic');
    expect(flag?.title).toBe('Emerging complaint: the “ride app”');
    // the other 20 signals split 10 and 10, so under no change the app's would split evenly too
    expect(flag?.explanation).toContain(
      '9 of 19 reviews and social posts in the last 2 weeks speak of the “ride app”, against 1 of 11 in the 2 weeks before (binomial test p = 0.011)',
    );
    expect(flag?.explanation).toContain('8 of 10 (80%)');
  });

  it('is not raised when every kind of post rose as much: the share, not the count, must rise', () => {
    // the other posts also went from 10 to 90: the app's 9 against 1 is their split exactly
    const busy = [
      topical(10, 'POSITIVE', ['bike'], 'Lovely bike.', weeksOf(44, 45)),
      topical(90, 'POSITIVE', ['bike'], 'Lovely bike.', lately),
    ];
    expect(flagsOf(reportOf([...app(9, 1, 8), ...busy]), 'emerging-topic')).toEqual([]);
  });

  it('is not raised when nothing was posted in the 2 weeks before: the data starts inside the window', () => {
    expect(
      flagsOf(
        reportOf([...app(12, 0, 12), topical(20, 'POSITIVE', ['bike'], 'Lovely bike.', lately)]),
        'emerging-topic',
      ),
    ).toEqual([]);
  });

  it('is not raised when the rise could be chance', () => {
    // 8 against 2: P(X ≥ 8 | 10) = 56/1024 = 0.055 > 0.05
    expect(flagsOf(reportOf([...app(8, 2), calm()]), 'emerging-topic')).toEqual([]);
  });

  it('is not raised just under 60% negative', () => {
    // 6 of 11 = 55%, though rising (10 against 1)
    expect(flagsOf(reportOf([...app(10, 1, 6), calm()]), 'emerging-topic')).toEqual([]);
  });

  it('is not raised one signal short of minMentions', () => {
    expect(flagsOf(reportOf([...app(9, 0), calm()]), 'emerging-topic')).toEqual([]);
  });

  it('is not raised for a phrase said mostly inside a value’s sentences', () => {
    const labour = topical(10, 'NEGATIVE', ['labour'], 'I was charged for labour on a free repair.', lately);
    const valueMentions = labour.scores.map((each) =>
      mention({
        valueId: 'free-repairs',
        label: 'NEGATIVE',
        publishedAt: each.publishedAt,
        signalId: each.signalId,
        excerpt: 'I was charged for labour on a free repair.',
      }),
    );
    const report = reportOf([labour, calm()], { mentions: valueMentions });
    expect(flagsOf(report, 'emerging-topic')).toEqual([]);
  });
});
