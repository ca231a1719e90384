// Which key phrases become topics: content noun phrases said by several customers on several days,
// never filler ("thanks", "the help", "your ceo"), the brand's names, hashtags, handles or links.
import { describe, expect, it } from 'vitest';
import { weekCalendar } from '#domain/alignment/calendar';
import { normaliseKeyPhrase, topicContext, topicWindowOfRollups } from '#domain/alignment/topics';
import type { AlignmentSignal } from '#domain/alignment/index';
import type { SentimentLabel } from '#domain/analyzer';
import { rollupsOf, WEEK_TOTALS } from '#domain/rollup';
import type { SignalScore } from '#domain/signal-score';
import { ANALYZER, at, mapOf, profileWith, REPAIRS, score, signal, weeksOf } from './builders';

const weeks = weeksOf(44, 47);
const calendar = weekCalendar('2026-W47', weeks, 'UTC');

interface Post {
  text: string;
  /** What a key-phrase extractor returns for it (Amazon Comprehend's shape: determiners kept). */
  phrases: string[];
  label: SentimentLabel;
}

// Short social posts as customers write them; the phrases are what an extractor gives back.
const FILLER_POSTS: Post[] = [
  {
    text: '@fernhillbikes thx guys, dm sent with my info',
    phrases: ['@fernhillbikes', 'thx guys', 'dm', 'my info'],
    label: 'POSITIVE',
  },
  { text: '@fernhillbikes thanks for the help!', phrases: ['@fernhillbikes', 'the help'], label: 'POSITIVE' },
  { text: 'Hi, any update? Still waiting', phrases: ['any update'], label: 'NEGATIVE' },
  {
    text: '@fernhillbikes your ceo should read this complaint',
    phrases: ['@fernhillbikes', 'your ceo', 'this complaint'],
    label: 'NEGATIVE',
  },
  {
    text: 'Thank you @fernhillbikes for the reply, you guys are the best #fernhill https://t.co/x1',
    phrases: ['Thank you', 'the reply', 'you guys', '#fernhill', 'https://t.co/x1'],
    label: 'POSITIVE',
  },
  {
    text: 'Fernhill thanks! Another problem, another issue, 2 hrs today',
    phrases: ['Fernhill thanks', 'Another problem', 'another issue', '2 hrs', 'today'],
    label: 'NEGATIVE',
  },
];

const CONTENT_POSTS: Post[] = [
  {
    text: '@fernhillbikes my lost bag is still at the shop',
    phrases: ['@fernhillbikes', 'my lost bag', 'the shop'],
    label: 'NEGATIVE',
  },
  { text: 'Got a seat upgrade, thank you guys!', phrases: ['a seat upgrade', 'you guys'], label: 'POSITIVE' },
  { text: 'The Saturday group rides are the best', phrases: ['The Saturday group rides'], label: 'POSITIVE' },
];

/** Each post `times` times, each by its own author (or by `author`), one a day from Tuesday of W44. */
function posted(
  posts: Post[],
  times: number,
  author: (index: number) => string | null = (index) => `customer-${index}`,
  day = (index: number) => index,
) {
  const scores: SignalScore[] = [];
  const signals: AlignmentSignal[] = [];
  for (const post of posts) {
    for (let index = 0; index < times; index++) {
      const publishedAt = at('2026-W44', 1 + day(index), 9);
      const made = { ...signal({ channel: 'social', publishedAt, text: post.text }), author: author(index) };
      signals.push(made);
      scores.push(
        score({ channel: 'social', label: post.label, publishedAt, keyPhrases: post.phrases, signalId: made.id }),
      );
    }
  }
  return { scores, signals };
}

function topicLabels(parts: ReturnType<typeof posted>[]): string[] {
  const signals = mapOf(parts.flatMap((part) => part.signals));
  // counted as scoring counts them: into the week's totals rollups
  const totals = rollupsOf({
    zone: 'UTC',
    analyzer: ANALYZER,
    scores: parts.flatMap((part) => part.scores),
    mentions: [],
    signals,
  }).filter((rollup) => rollup.subject === WEEK_TOTALS);
  const context = topicContext({
    profile: profileWith([REPAIRS]),
    calendar,
    window: topicWindowOfRollups(
      calendar,
      weeks.map((week) => totals.find((rollup) => rollup.week === week)),
    ),
    signals,
    minSignals: 5,
  });
  return context.figures.map((figure) => figure.label);
}

describe('topics', () => {
  it('never come from greetings, politeness, pronouns, platform words, generic complaints, times or markup', () => {
    expect(topicLabels([posted(FILLER_POSTS, 12)])).toEqual([]);
  });

  it('still come from content phrases said with filler around them', () => {
    const labels = topicLabels([posted(FILLER_POSTS, 12), posted(CONTENT_POSTS, 12)]);
    expect(labels).toEqual(expect.arrayContaining(['lost bag', 'seat upgrade', 'saturday group rides', 'shop']));
    expect(
      labels.filter((label) =>
        /thank|guys|help|reply|ceo|complaint|problem|issue|info|update|hrs|today|fernhill|http/u.test(label),
      ),
    ).toEqual([]);
  });

  it('never come from a word of the brand’s name alone: for Fernhill Bikes, “bikes” is what the brand is', () => {
    const bikes: Post[] = [
      { text: 'The bikes are everywhere this summer', phrases: ['The bikes'], label: 'POSITIVE' },
      { text: 'Lovely new bikes in the window', phrases: ['new bikes', 'the window'], label: 'POSITIVE' },
      { text: 'Booked a bike fit for Saturday', phrases: ['a bike fit'], label: 'POSITIVE' },
    ];
    const labels = topicLabels([posted(bikes, 12)]);
    expect(labels).toContain('bike fit');
    expect(labels).toContain('window');
    expect(labels.filter((label) => /^bikes?$/u.test(label))).toEqual([]);
  });

  it('need several authors: one chatty account does not make a theme', () => {
    expect(topicLabels([posted(CONTENT_POSTS, 12, () => 'the-same-customer')])).toEqual([]);
    expect(topicLabels([posted(CONTENT_POSTS, 12, (index) => `customer-${index % 3}`)])).toContain('lost bag');
  });

  it('count each signal without an author as its own author', () => {
    expect(topicLabels([posted(CONTENT_POSTS, 12, () => null)])).toContain('lost bag');
  });

  it('need several days: one burst does not make a theme', () => {
    expect(topicLabels([posted(CONTENT_POSTS, 12, undefined, () => 0)])).toEqual([]);
    expect(topicLabels([posted(CONTENT_POSTS, 12, undefined, (index) => index % 2)])).toContain('lost bag');
  });
});

describe('key phrase normalisation', () => {
  it('drops hashtags, handles, links and numbers, and leaves nothing of a filler phrase', () => {
    expect(normaliseKeyPhrase('#fernhill group rides https://t.co/x1').words).toEqual(['group', 'rides']);
    expect(normaliseKeyPhrase('@fernhillbikes').words).toEqual([]);
    expect(normaliseKeyPhrase('3 bikes').words).toEqual(['bikes']);
    expect(normaliseKeyPhrase('thanks for the help').words).toEqual([]);
    expect(normaliseKeyPhrase('the help desk').words).toEqual(['help', 'desk']);
  });
});
