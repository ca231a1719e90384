// Topic tallies: what the week's totals rollup keeps so the topic rules need no single post. The
// figures computed from them must equal those counted post by post (an oracle written here, as the
// rules define them: docs/alignment.md), however the posts were split into batches; the caps keep a
// big week's tallies small and the heaviest topics exact.
import { describe, expect, it } from 'vitest';
import { weekCalendar, dayOfWeek } from '#domain/alignment/calendar';
import { type EvidenceCandidate, pickEvidence, quoteOf, ratingText } from '#domain/alignment/evidence';
import { ALIGNMENT_RULES } from '#domain/alignment/rules';
import {
  AUTHORS_KEPT,
  authorCount,
  authorHash,
  keepAuthors,
  mergeTopicTallies,
  TOPIC_CHARS_KEPT,
  TOPIC_KEYS_KEPT,
  topicTallies,
} from '#domain/alignment/topic-tallies';
import { isFillerTopic } from '#domain/alignment/topic-words';
import { itemSize, MAX_ITEM_BYTES } from '#adapters/store/embedded/values';
import { normaliseKeyPhrase, topicContext, topicWindowOfRollups } from '#domain/alignment/topics';
import type { AlignmentSignal } from '#domain/alignment/types';
import type { SentimentLabel } from '#domain/analyzer';
import { isoWeekRange } from '#domain/iso-week';
import { mergeRollups, type Rollup, rollupsOf, WEEK_TOTALS } from '#domain/rollup';
import type { SignalScore } from '#domain/signal-score';
import { containsSequence, splitSentences, stems } from '#domain/value-matching';
import type { ValueMention } from '#domain/value-mention';
import { ANALYZER, profileWith, REPAIRS, score, sentimentOf, weeksOf, seeded } from './builders';

const WORDS = [
  'group',
  'rides',
  'saturday',
  'lost',
  'bag',
  'shop',
  'seat',
  'upgrade',
  'app',
  'crash',
  'staff',
  'brakes',
];
const LABELS: SentimentLabel[] = ['POSITIVE', 'POSITIVE', 'NEGATIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'];
const weeks = weeksOf(40, 47);
const calendar = weekCalendar('2026-W47', weeks, 'UTC');

/** Posts over eight weeks with phrases from a small vocabulary, so topics repeat, overlap and nest. */
function posts(seed: number) {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const scores: SignalScore[] = [];
  const mentions: ValueMention[] = [];
  const signals = new Map<string, AlignmentSignal>();
  for (let index = 0; index < 700; index++) {
    const week = pick(weeks);
    const start = Date.parse(isoWeekRange(week, 'UTC').from);
    const publishedAt = new Date(start + Math.floor(random() * 7 * 86_400_000)).toISOString();
    const channel = random() < 0.5 ? 'review' : 'social';
    const signalId = `p${String(index).padStart(4, '0')}`;
    const sourceId = `${channel}-${Math.floor(random() * 3)}`;
    const phrases = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
      const words = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(WORDS));
      return `${random() < 0.3 ? 'the ' : ''}${words.join(' ')}`;
    });
    const sentences = phrases.map((phrase) => `About ${phrase} ${Math.floor(random() * 4)}.`);
    const text = `${sentences.join(' ')} Nothing else.`;
    const label = pick(LABELS);
    const sentiment = sentimentOf(label);
    sentiment.scores = { ...sentiment.scores, [label.toLowerCase()]: Math.round(random() * 8) / 8 };
    signals.set(signalId, {
      id: signalId,
      sourceId,
      channel,
      publishedAt,
      title: `Post ${index}`,
      text,
      rating: channel === 'review' ? { value: 1 + Math.floor(random() * 5), best: 5 } : null,
      // 25 named authors and some without a name: under AUTHORS_KEPT a topic, so counted exactly
      author: random() < 0.1 ? null : `author-${Math.floor(random() * 25)}`,
    });
    scores.push(
      score({
        label,
        signalId,
        sourceId,
        channel,
        publishedAt,
        sentiment,
        keyPhrases: phrases,
        analyzedChars: text.length,
      }),
    );
    if (random() < 0.3)
      mentions.push({
        signalId,
        valueId: REPAIRS.id,
        sourceId,
        channel,
        publishedAt,
        analyzer: ANALYZER,
        sentiment,
        net: 0,
        excerpts: [pick(sentences)],
      });
  }
  return { scores, mentions, signals };
}

interface OracleFigure {
  signals: number;
  authors: number;
  days: number;
  positive: number;
  negative: number;
  perWeek: number[];
  inValue: number;
  candidates: Record<'positive' | 'negative', EvidenceCandidate[]>;
}

/** Every proposed topic of the window counted post by post, as the rules define it (no brand names occur here). */
function oracle(data: ReturnType<typeof posts>): Map<string, OracleFigure> {
  const window = new Set(weeks.slice(-ALIGNMENT_RULES.topicWeeks));
  const proposals = new Set<string>();
  const held = data.scores.flatMap((score) => {
    if (score.status !== 'scored') return [];
    const week = weeks.findIndex(
      (each) => isoWeekRange(each, 'UTC').from <= score.publishedAt && score.publishedAt < isoWeekRange(each, 'UTC').to,
    );
    if (!window.has(weeks[week] as string)) return [];
    const phrases = score.keyPhrases.map(normaliseKeyPhrase).filter((phrase) => phrase.stems.length > 0);
    for (const phrase of phrases) if (!isFillerTopic(phrase.stems)) proposals.add(phrase.stems.join(' '));
    return [{ score, week, phrases }];
  });
  const figures = new Map<string, OracleFigure>();
  for (const key of proposals) {
    const topic = key.split(' ');
    const holders = held.filter(({ phrases }) => phrases.some((phrase) => containsSequence(phrase.stems, topic)));
    const figure: OracleFigure = {
      signals: holders.length,
      authors: new Set(holders.map(({ score }) => data.signals.get(score.signalId)?.author ?? score.signalId)).size,
      days: new Set(
        holders.map(({ score, week }) => {
          const range = isoWeekRange(weeks[week] as string, 'UTC');
          return week * 7 + dayOfWeek(Date.parse(range.from), Date.parse(range.to), Date.parse(score.publishedAt));
        }),
      ).size,
      positive: holders.filter(({ score }) => score.status === 'scored' && score.sentiment.label === 'POSITIVE').length,
      negative: holders.filter(({ score }) => score.status === 'scored' && score.sentiment.label === 'NEGATIVE').length,
      perWeek: weeks.map((_, week) => holders.filter((holder) => holder.week === week).length),
      inValue: holders.filter(({ score }) =>
        data.mentions.some(
          (mention) =>
            mention.signalId === score.signalId &&
            mention.excerpts.some((excerpt) => containsSequence(stems(excerpt), topic)),
        ),
      ).length,
      candidates: { positive: [], negative: [] },
    };
    for (const { score } of holders) {
      if (score.status !== 'scored' || (score.sentiment.label !== 'POSITIVE' && score.sentiment.label !== 'NEGATIVE'))
        continue;
      const signal = data.signals.get(score.signalId) as AlignmentSignal;
      const sentence = splitSentences(signal.text).find((each) => containsSequence(stems(each), topic));
      if (sentence === undefined) continue;
      const direction = score.sentiment.label === 'POSITIVE' ? 'positive' : 'negative';
      figure.candidates[direction].push({
        signalId: score.signalId,
        quote: quoteOf(sentence),
        title: signal.title,
        sourceId: score.sourceId,
        channel: score.channel,
        publishedAt: score.publishedAt,
        rating: ratingText(signal.rating),
        time: Date.parse(score.publishedAt),
        strength: score.sentiment.scores[direction],
      });
    }
    figures.set(key, figure);
  }
  return figures;
}

/** The week's totals rollups of the posts, by week of the calendar, stored in `parts` batches and merged as the store merges them. */
function weekTotalsOf(data: ReturnType<typeof posts>, parts: number, seed: number): Array<Rollup | undefined> {
  const random = seeded(seed);
  const batches = Array.from({ length: parts }, () => ({
    scores: [] as SignalScore[],
    mentions: [] as ValueMention[],
  }));
  for (const score of data.scores) {
    const batch = batches[Math.floor(random() * parts)] as (typeof batches)[number];
    batch.scores.push(score);
    batch.mentions.push(...data.mentions.filter((mention) => mention.signalId === score.signalId));
  }
  const byWeek = new Map<string, Rollup[]>();
  for (const batch of batches)
    for (const rollup of rollupsOf({ zone: 'UTC', analyzer: ANALYZER, ...batch, signals: data.signals }))
      if (rollup.subject === WEEK_TOTALS) byWeek.set(rollup.week, [...(byWeek.get(rollup.week) ?? []), rollup]);
  return weeks.map((week) => {
    const [first, ...rest] = byWeek.get(week) ?? [];
    return first === undefined ? undefined : mergeRollups(first, ...rest);
  });
}

describe('topic tallies', () => {
  it.each([1, 2, 3])('give every topic’s figures and quotes as counting post by post does (seed %s)', (seed) => {
    const data = posts(seed);
    const expected = oracle(data);
    const context = topicContext({
      profile: profileWith([REPAIRS]),
      calendar,
      window: topicWindowOfRollups(calendar, weekTotalsOf(data, 6, seed)),
      signals: data.signals,
      minSignals: 5,
    });
    const qualifying = [...expected].filter(
      ([, figure]) =>
        figure.signals >= 5 &&
        figure.authors >= ALIGNMENT_RULES.topicMinAuthors &&
        figure.days >= ALIGNMENT_RULES.topicMinDays,
    );
    expect(context.figures.map((figure) => figure.key).sort()).toEqual(qualifying.map(([key]) => key).sort());
    expect(qualifying.length).toBeGreaterThan(20);
    for (const figure of context.figures) {
      const want = expected.get(figure.key) as OracleFigure;
      expect({
        signals: figure.signals,
        authors: figure.authors,
        positive: figure.positive,
        negative: figure.negative,
        perWeek: figure.perWeek,
        inValue: figure.inValueSentences,
      }).toEqual({
        signals: want.signals,
        authors: want.authors,
        positive: want.positive,
        negative: want.negative,
        perWeek: want.perWeek,
        inValue: want.inValue,
      });
      for (const direction of ['positive', 'negative'] as const)
        expect(pickEvidence(context.candidates(figure, direction))).toEqual(pickEvidence(want.candidates[direction]));
    }
  });

  it('keep the keys held by most signals when a week has more than the cap, and say so', () => {
    const sources = Array.from({ length: TOPIC_KEYS_KEPT + 200 }, (_, index) => ({
      signalId: `s${index}`,
      sourceId: 'review-0',
      channel: 'review' as const,
      publishedAt: '2026-11-16T10:00:00.000Z',
      day: 0,
      label: 'NEGATIVE' as const,
      scores: { positive: 0, negative: 1 },
      author: `a${index}`,
      text: undefined,
      rating: null,
      // every post names a rare key of its own; one in ten also the common "brake"
      phrases: [
        { words: [`thing${index}`], stems: [`thing${index}`] },
        ...(index % 10 === 0 ? [{ words: ['brake'], stems: ['brake'] }] : []),
      ],
      valueSentences: [],
      expiresAt: undefined,
    }));
    const week = mergeTopicTallies([topicTallies(sources.slice(0, 500)), topicTallies(sources.slice(500))]);
    expect(week.capped).toBe(true);
    expect(week.tallies).toHaveLength(TOPIC_KEYS_KEPT);
    expect(week.tallies.find((tally) => tally.key === 'brake')?.review).toEqual([100, 0, 100]);
  });

  it('keep a busy week within what one table item holds, its most held keys first', () => {
    // 300 keys, each said by 40 to 99 authors in both directions on three sources: thousands of
    // quotable signals and author hashes, far more than an item holds
    const sources = Array.from({ length: 300 }, (_, key) =>
      Array.from({ length: 40 + (key % 60) }, (_, post) => ({
        signalId: `s${key}-${post}`,
        sourceId: `source-${post % 3}`,
        channel: 'social' as const,
        publishedAt: new Date(Date.UTC(2026, 10, 16, post % 24)).toISOString(),
        day: post % 7,
        label: post % 2 === 0 ? ('POSITIVE' as const) : ('NEGATIVE' as const),
        scores: { positive: (post % 10) / 10, negative: (post % 7) / 7 },
        author: `author-${key}-${post}`,
        text: `All about thing${key} here. Post ${post}.`,
        rating: null,
        phrases: [{ words: [`thing${key}`], stems: [`thing${key}`] }],
        valueSentences: [],
        expiresAt: undefined,
      })),
    ).flat();
    const week = topicTallies(sources);
    expect(week.capped).toBe(true);
    expect(JSON.stringify(week.tallies).length).toBeLessThanOrEqual(TOPIC_CHARS_KEPT + week.tallies.length);
    // as the rollup of the week's totals stores it: one DynamoDB item under 400 KB
    const item = {
      pk: 'B#b#ROLLUP#local#2026-W47#*',
      sk: 'BASE',
      rollup: { topics: week },
      version: 1,
      lastFolded: [],
    };
    expect(itemSize(item)).toBeLessThan(MAX_ITEM_BYTES);
    // the keys kept are those held by most signals
    const held = new Map<string, number>();
    for (const source of sources) {
      const key = source.phrases[0]?.stems[0] as string;
      held.set(key, (held.get(key) ?? 0) + 1);
    }
    const kept = new Set(week.tallies.map((tally) => tally.key));
    const keptCounts = [...held].filter(([key]) => kept.has(key)).map(([, count]) => count);
    const droppedCounts = [...held].filter(([key]) => !kept.has(key)).map(([, count]) => count);
    expect(droppedCounts.length).toBeGreaterThan(0);
    expect(Math.min(...keptCounts)).toBeGreaterThanOrEqual(Math.max(...droppedCounts));
    for (const tally of week.tallies) expect(tally.social[0]).toBe(held.get(tally.key));
  });

  it('count authors exactly up to the kept hashes, and estimate beyond', () => {
    const few = keepAuthors(
      Array.from({ length: AUTHORS_KEPT }, (_, index) => authorHash(`author-${index}`)),
      false,
    );
    expect(authorCount(few)).toBe(AUTHORS_KEPT);
    const many = keepAuthors(
      Array.from({ length: 5_000 }, (_, index) => authorHash(`author-${index}`)),
      false,
    );
    expect(many.authors).toHaveLength(AUTHORS_KEPT);
    expect(authorCount(many)).toBeGreaterThan(3_000);
    expect(authorCount(many)).toBeLessThan(7_500);
  });
});
