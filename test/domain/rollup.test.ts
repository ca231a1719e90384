// Weekly rollups: merging batches in any order gives the rollup of all their mentions; the quotes
// kept are enough for pickEvidence to choose what it would from every mention; and the alignment
// engine reading rollups plus the last weeks' mentions reports exactly what it reports from every
// mention of the history.
import { describe, expect, it } from 'vitest';
import { type AlignmentInput, type AlignmentSignal, computeAlignment, weekIndex } from '#domain/alignment/index';
import { type EvidenceCandidate, mentionCandidate, pickEvidence } from '#domain/alignment/evidence';
import { ALIGNMENT_RULES } from '#domain/alignment/rules';
import { CUSTOMER_CHANNELS } from '#domain/alignment/weekly-figures';
import { channelPlace } from '#domain/alignment/wording';
import type { SentimentLabel } from '#domain/analyzer';
import { isoWeekRange } from '#domain/iso-week';
import type { Channel } from '#domain/profile';
import { keepTellingQuotes, mergeRollups, type Rollup, type RollupQuote, rollupsOf, WEEK_TOTALS } from '#domain/rollup';
import type { SignalScore } from '#domain/signal-score';
import type { ValueMention } from '#domain/value-mention';
import { ANALYZER, profileWith, score, weeksOf, seeded } from './alignment/builders';

/** A linear congruential generator: the same data on every run. */

const LABELS: SentimentLabel[] = ['POSITIVE', 'POSITIVE', 'NEGATIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'];
const VALUES = ['repairs', 'pricing', 'packaging'];

/** Scores whose largest share is the label's, with a spread of strengths (ties happen). */
function scoresFor(label: SentimentLabel, random: () => number) {
  const strong = 0.5 + Math.round(random() * 10) / 20;
  const rest = (1 - strong) / 3;
  const key = { POSITIVE: 'positive', NEGATIVE: 'negative', NEUTRAL: 'neutral', MIXED: 'mixed' }[label];
  const scores = { positive: rest, negative: rest, neutral: rest, mixed: rest };
  return { label, scores: { ...scores, [key]: strong } };
}

/**
 * Nine weeks of a brand's evidence: three values over reviews, social posts, news and statements,
 * with backlash after a statement, repeated texts (the same review posted twice) and several sources
 * per channel, so quotes compete on strength, time, source and text.
 */
function history(seed: number) {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const weeks = weeksOf(39, 47);
  const mentions: ValueMention[] = [];
  const scores: SignalScore[] = [];
  const signals = new Map<string, AlignmentSignal>();
  const texts = Array.from({ length: 40 }, (_, index) => `Said about it, number ${index % 25}.`);
  let id = 0;
  for (const week of weeks) {
    const start = Date.parse(isoWeekRange(week, 'UTC').from);
    const perWeek = 60 + Math.floor(random() * 60);
    for (let index = 0; index < perWeek + 2; index++) {
      const statement = index >= perWeek;
      const channel: Channel = statement ? 'stance' : pick(['review', 'review', 'social', 'social', 'news'] as const);
      const publishedAt = new Date(start + Math.floor(random() * 7 * 86_400_000)).toISOString();
      const signalId = `sig-${String(++id).padStart(5, '0')}`;
      const sourceId = `${channel}-${Math.floor(random() * (channel === 'stance' ? 1 : 2))}`;
      const label = statement ? 'POSITIVE' : pick(LABELS);
      const sentiment = scoresFor(label, random);
      const text = statement ? `We promise it, statement ${id}.` : pick(texts);
      signals.set(signalId, {
        id: signalId,
        channel,
        publishedAt,
        sourceId,
        title: `Title ${id}`,
        text,
        rating: channel === 'review' ? { value: 1 + Math.floor(random() * 5), best: 5 } : null,
        author: `author-${Math.floor(random() * 30)}`,
      });
      const about = VALUES.filter(() => random() < 0.5);
      for (const valueId of about.length > 0 ? about : [pick(VALUES)]) {
        mentions.push({
          signalId,
          valueId,
          sourceId,
          channel,
          publishedAt,
          analyzer: ANALYZER,
          sentiment,
          net: sentiment.scores.positive - sentiment.scores.negative,
          excerpts: [text],
        });
      }
      scores.push(
        score({
          label,
          signalId,
          sourceId,
          channel,
          publishedAt,
          sentiment,
          keyPhrases: [text.split(',')[0] as string, 'the shop'],
          rating: signals.get(signalId)?.rating ?? null,
          valueIds: about,
          analyzedChars: text.length,
        }),
      );
    }
  }
  // a statement on packaging, Thursday of the week before last at 09:00, with praise earlier that day
  // and a wave of complaints in the days after it
  const statementAt = Date.parse(isoWeekRange('2026-W46', 'UTC').from) + 3 * 86_400_000 + 9 * 3_600_000 + 20 * 60_000;
  const planted = (channel: Channel, label: SentimentLabel, time: number, text: string) => {
    const signalId = `sig-${String(++id).padStart(5, '0')}`;
    const publishedAt = new Date(time).toISOString();
    const sentiment = scoresFor(label, random);
    const sourceId = `${channel}-${id % 2}`;
    signals.set(signalId, { id: signalId, channel, publishedAt, sourceId, title: `Title ${id}`, text, rating: null });
    mentions.push({
      signalId,
      valueId: 'packaging',
      sourceId,
      channel,
      publishedAt,
      analyzer: ANALYZER,
      sentiment,
      net: sentiment.scores.positive - sentiment.scores.negative,
      excerpts: [text],
    });
  };
  planted('stance', 'POSITIVE', statementAt, 'We pledge plastic-free packaging.');
  // in the statement's hour, before and after it, and around its window's end: hours the rule must cut
  planted('social', 'POSITIVE', statementAt - 10 * 60_000, 'Love the box.');
  planted('social', 'NEGATIVE', statementAt + 10 * 60_000, 'Still plastic, post 10.');
  planted('social', 'NEGATIVE', statementAt + 5 * 86_400_000 - 10 * 60_000, 'Still plastic, post 11.');
  planted('social', 'NEGATIVE', statementAt + 5 * 86_400_000 + 10 * 60_000, 'Still plastic, post 12.');
  for (let hour = 1; hour <= 8; hour++) planted('social', 'POSITIVE', statementAt - hour * 3_600_000, 'Love the box.');
  for (let step = 1; step <= 30; step++)
    planted('social', 'NEGATIVE', statementAt + step * 3 * 3_600_000, `Still plastic, post ${step % 9}.`);
  const profile = profileWith(
    VALUES.map((valueId, index) => ({
      id: valueId,
      label: valueId,
      promise: `We keep our ${valueId} promise.`,
      aspects: [valueId],
      expected: { minNetSentiment: 0.1 * index },
      weight: 1 + index,
    })),
    { minMentions: 8 },
  );
  return { profile, weeks, mentions, scores, signals };
}

/** Splits a list into `parts` random batches. */
function batches<T>(list: readonly T[], parts: number, random: () => number): T[][] {
  const split: T[][] = Array.from({ length: parts }, () => []);
  for (const item of list) split[Math.floor(random() * parts)]?.push(item);
  return split;
}

const keyOf = (rollup: Rollup) => `${rollup.week}/${rollup.subject}`;

/** Rollups of each batch, merged per week and subject in a shuffled order. */
function mergedBatches(data: ReturnType<typeof history>, parts: number, seed: number): Rollup[] {
  const random = seeded(seed);
  const bySignal = new Map<string, number>();
  const batchOf = (signalId: string) => {
    let batch = bySignal.get(signalId);
    if (batch === undefined) {
      batch = Math.floor(random() * parts);
      bySignal.set(signalId, batch);
    }
    return batch;
  };
  const pieces = Array.from({ length: parts }, (_, batch) =>
    rollupsOf({
      zone: 'UTC',
      analyzer: ANALYZER,
      scores: data.scores.filter((score) => batchOf(score.signalId) === batch),
      mentions: data.mentions.filter((mention) => batchOf(mention.signalId) === batch),
      signals: data.signals,
    }),
  ).flat();
  const groups = new Map<string, Rollup[]>();
  for (const piece of batches(pieces, 1, random)[0]?.sort(() => random() - 0.5) ?? [])
    groups.set(keyOf(piece), [...(groups.get(keyOf(piece)) ?? []), piece]);
  return [...groups.values()]
    .map(([first, ...rest]) => mergeRollups(first as Rollup, ...rest))
    .sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
}

describe('weekly rollups', () => {
  it('merged from batches in any order, equal the rollups of all the mentions at once', () => {
    const data = history(7);
    const whole = rollupsOf({ zone: 'UTC', analyzer: ANALYZER, ...data });
    for (const [parts, seed] of [
      [2, 1],
      [7, 2],
      [40, 3],
    ] as const)
      expect(mergedBatches(data, parts, seed)).toEqual(whole);
    // every week has its values and its totals, and the totals count every scored signal
    expect(whole.filter((rollup) => rollup.subject === WEEK_TOTALS)).toHaveLength(data.weeks.length);
    const counted = whole
      .filter((rollup) => rollup.subject === WEEK_TOTALS)
      .reduce(
        (sum, rollup) =>
          sum +
          Object.values(rollup.days)
            .flat()
            .reduce((total, day) => total + day[0], 0),
        0,
      );
    expect(counted).toBe(data.scores.length);
  });

  it('cuts weeks and days in the profile’s time zone', () => {
    // Sunday 22 Nov 2026 23:30 UTC is Monday 00:30 in Berlin: week 48 there, day 0
    const data = history(3);
    const [first] = data.mentions;
    const late = { ...(first as ValueMention), publishedAt: '2026-11-22T23:30:00.000Z', channel: 'review' as const };
    const [berlin] = rollupsOf({
      zone: 'Europe/Berlin',
      analyzer: ANALYZER,
      scores: [],
      mentions: [late],
      signals: data.signals,
    });
    const [utc] = rollupsOf({ zone: 'UTC', analyzer: ANALYZER, scores: [], mentions: [late], signals: data.signals });
    expect([berlin?.week, berlin?.days.review.findIndex((day) => day[0] === 1)]).toEqual(['2026-W48', 0]);
    expect([utc?.week, utc?.days.review.findIndex((day) => day[0] === 1)]).toEqual(['2026-W47', 6]);
  });

  it('refuses to merge rollups of other weeks, subjects or time zones', () => {
    const [a, b] = rollupsOf({ zone: 'UTC', analyzer: ANALYZER, ...history(5) });
    expect(() => mergeRollups(a as Rollup, b as Rollup)).toThrow(/cannot merge/);
    expect(() => mergeRollups(a as Rollup, { ...(a as Rollup), zone: 'Europe/Paris' })).toThrow(/two time zones/);
  });

  it('keeps every quote pickEvidence would choose from all of them', () => {
    const random = seeded(11);
    for (let round = 0; round < 200; round++) {
      const quotes: RollupQuote[] = Array.from({ length: 5 + Math.floor(random() * 60) }, (_, index) => ({
        signalId: `s${index}`,
        sourceId: `source-${Math.floor(random() * 4)}`,
        channel: 'review',
        label: 'NEGATIVE',
        publishedAt: new Date(Date.UTC(2026, 10, 1 + Math.floor(random() * 20))).toISOString(),
        quote: `quote ${Math.floor(random() * 12)}`,
        title: '',
        rating: null,
        strength: Math.round(random() * 8) / 8,
      }));
      const candidates = (list: RollupQuote[]): EvidenceCandidate[] =>
        list.map((quote) => ({ ...quote, time: Date.parse(quote.publishedAt) }));
      const kept = keepTellingQuotes(quotes);
      for (const count of [1, 2, 3])
        expect(pickEvidence(candidates(kept), count)).toEqual(pickEvidence(candidates(quotes), count));
    }
  });
});

describe('the alignment engine on rollups', () => {
  /** The input a digest gives: the rollups of every week, scores of the last 5 weeks and mentions of the last 4. */
  function fromRollups(input: AlignmentInput, rollups: Rollup[]): AlignmentInput {
    const startOfLast = (weeks: number) => isoWeekRange(input.weeks[input.weeks.length - weeks] as string, 'UTC').from;
    return {
      ...input,
      rollups,
      mentions: input.mentions.filter((mention) => mention.publishedAt >= startOfLast(ALIGNMENT_RULES.topicWeeks)),
      scores: input.scores.filter((score) => score.publishedAt >= startOfLast(ALIGNMENT_RULES.reputationWeeks)),
    };
  }

  it('reports exactly what it reports from every mention of the history', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const data = history(seed);
      const input: AlignmentInput = { ...data, week: data.weeks[data.weeks.length - 1] as string, previousIndex: 50 };
      const full = computeAlignment(input);
      const viaRollups = computeAlignment(fromRollups(input, mergedBatches(data, 9, seed)));
      expect(viaRollups).toEqual(full);
      // the data makes the rules fire, so quotes are compared too
      expect(full.flags.length).toBeGreaterThan(0);
    }
  });

  it('gives a week’s index alone as the whole report gives it', () => {
    for (const seed of [1, 2, 3, 4]) {
      const data = history(seed);
      const input: AlignmentInput = {
        ...data,
        week: data.weeks[data.weeks.length - 2] as string,
        weeks: data.weeks.slice(0, -1),
      };
      expect(weekIndex(input)).toBe(computeAlignment({ ...input, previousIndex: null }).index.value);
      expect(weekIndex(input)).not.toBeNull();
    }
  });

  it('quotes what ranking every mention of the week would quote', () => {
    let checked = 0;
    for (let seed = 1; seed <= 16; seed++) {
      const data = history(seed);
      const week = data.weeks[data.weeks.length - 1] as string;
      const range = isoWeekRange(week, 'UTC');
      const report = computeAlignment(fromRollups({ ...data, week }, mergedBatches(data, 5, seed)));
      for (const flag of report.flags.filter((each) => each.kind === 'say-do-gap')) {
        const value = report.values.find((each) => each.id === flag.valueId);
        const worst = CUSTOMER_CHANNELS.find((channel) => flag.title.endsWith(channelPlace(channel))) ?? null;
        // every negative mention of the value this week, in its channels, as a candidate
        const candidates = data.mentions
          .filter(
            (mention) =>
              mention.valueId === flag.valueId &&
              mention.channel !== 'stance' &&
              mention.publishedAt >= range.from &&
              mention.publishedAt < range.to &&
              mention.sentiment.label === 'NEGATIVE',
          )
          .map((mention) => ({
            ...mentionCandidate(mention, 'negative', data.signals),
            strength: mention.sentiment.scores.negative + (mention.channel === worst ? 1 : 0),
          }));
        expect(value?.negative).toBe(candidates.length);
        expect(flag.evidence).toEqual(pickEvidence(candidates));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2);
  });

  it('counts a backlash from the hourly rollups and the hours around statements as from every mention', () => {
    let flagged = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const data = history(seed);
      const week = data.weeks[data.weeks.length - 1] as string;
      const rollups = mergedBatches(data, 7, seed);
      const full = computeAlignment(fromRollups({ ...data, week }, rollups));
      // what the digest reads one by one: the social mentions within 2 hours of each statement and window end
      const windowMs = ALIGNMENT_RULES.backlashDays * 86_400_000;
      const instants = data.mentions
        .filter((mention) => mention.channel === 'stance')
        .flatMap((mention) => [Date.parse(mention.publishedAt), Date.parse(mention.publishedAt) + windowMs]);
      const social = data.mentions.filter((mention) => mention.channel === 'social');
      const around = social.filter((mention) =>
        instants.some((instant) => Math.abs(Date.parse(mention.publishedAt) - instant) < 2 * 3_600_000),
      );
      const sparse = computeAlignment({ ...data, week, rollups, mentions: around, scores: [] });
      const backlash = (report: typeof full) => report.flags.filter((flag) => flag.kind === 'stance-backlash');
      expect(backlash(sparse).map(({ evidence: _quotes, ...flag }) => flag)).toEqual(
        backlash(full).map(({ evidence: _quotes, ...flag }) => flag),
      );
      // with the flagged windows' mentions added, the quotes too
      const windows = backlash(sparse).map((flag) => flag.socialWindow as { from: string; to: string });
      const inWindows = social.filter(
        (mention) =>
          !around.includes(mention) &&
          windows.some((window) => mention.publishedAt >= window.from && mention.publishedAt < window.to),
      );
      const quoted = computeAlignment({ ...data, week, rollups, mentions: [...around, ...inWindows], scores: [] });
      expect(backlash(quoted)).toEqual(backlash(full));
      flagged += backlash(full).length;
    }
    expect(flagged).toBeGreaterThan(0);
  });

  it('counts every social mention before a statement, those of the same day included', () => {
    const data = history(5);
    const week = data.weeks[data.weeks.length - 1] as string;
    const report = computeAlignment(fromRollups({ ...data, week }, mergedBatches(data, 5, 5)));
    const flag = report.flags.find((each) => each.kind === 'stance-backlash');
    const statement = data.mentions.find(
      (mention) => mention.channel === 'stance' && mention.excerpts[0] === 'We pledge plastic-free packaging.',
    );
    const before = data.mentions.filter(
      (mention) =>
        mention.valueId === 'packaging' &&
        mention.channel === 'social' &&
        mention.publishedAt < (statement?.publishedAt as string),
    );
    expect(flag?.explanation).toContain(`before it, ${before.length} social mentions`);
  });
});
