// Who a signal is about: the brand, a competitor, or both clause by clause; nobody for a news or
// social item that names neither.
import { describe, expect, it } from 'vitest';
import { competitorSubjects, monitoredEntities, offTopicTest, signalEntityReader } from '#domain/entities';
import { ProfileSchema } from '#domain/profile';
import { redactSignal, redactionContextOf } from '#domain/redaction';
import { makeProfile } from '../support/profile';
import { makeSignal } from '../support/signals';

const profile = makeProfile(
  [
    { id: 'social', kind: 'rss', url: 'https://social.example/feed', channel: 'social' },
    {
      id: 'cobalt-reviews',
      kind: 'rss',
      url: 'https://reviews.example/cobalt',
      channel: 'review',
      about: 'cobalt-cycles',
    },
    { id: 'cobalt-news', kind: 'rss', url: 'https://news.example/cobalt', channel: 'news', about: 'cobalt-cycles' },
  ],
  {
    brand: {
      name: 'Fernhill Bikes',
      aliases: ['Fernhill'],
      handles: ['@fernhillbikes'],
      domains: ['fernhillbikes.example'],
      competitors: [
        { name: 'Cobalt Cycles', aliases: ['Cobalt'], handles: ['@cobaltcycles'], domains: ['cobaltcycles.example'] },
        'Alderway Bikes',
      ],
    },
  },
);
const post = (text: string, url = 'https://social.example/post') =>
  makeSignal({ key: text, sourceId: 'social', channel: 'social', title: '', text, url });
const read = signalEntityReader(profile);

describe('the entities a signal is about', () => {
  it('lists the brand first, then the competitors with ids from their names', () => {
    expect(monitoredEntities(profile).map((entity) => [entity.id, entity.kind])).toEqual([
      ['fernhill-bikes', 'brand'],
      ['cobalt-cycles', 'competitor'],
      ['alderway-bikes', 'competitor'],
    ]);
    expect(competitorSubjects(profile)).toEqual([
      'free-repairs@cobalt-cycles',
      '*@cobalt-cycles',
      'free-repairs@alderway-bikes',
      '*@alderway-bikes',
    ]);
  });

  it('gives a post naming one entity to it whole, and one naming two to each by its clauses', () => {
    const single = 'Alderway Bikes sorted my repair in a day.';
    expect(read(post(single), single)).toEqual([{ entityId: 'alderway-bikes', text: single, clauses: [] }]);
    const both = 'Took the bike in on Monday. Cobalt fixed it for free, Fernhill wanted 80 quid. Never again.';
    expect(read(post(both), both)).toEqual([
      {
        entityId: 'fernhill-bikes',
        text: 'Fernhill wanted 80 quid.\nNever again.',
        clauses: ['Fernhill wanted 80 quid.', 'Never again.'],
      },
      { entityId: 'cobalt-cycles', text: 'Cobalt fixed it for free', clauses: ['Cobalt fixed it for free'] },
    ]);
  });

  it('gives a review of a source about a competitor to it, even where the review names the brand', () => {
    const text = 'Much better than Fernhill.';
    const review = makeSignal({ key: 'r', sourceId: 'cobalt-reviews', title: '', text });
    expect(read(review, text)).toEqual([{ entityId: 'cobalt-cycles', text, clauses: [] }]);
  });

  it('sets aside a news or social item naming nobody, even from a source about a competitor', () => {
    const isOffTopic = offTopicTest(profile);
    expect(isOffTopic(post('Lovely ride along the coast.'))).toBe(true);
    expect(
      isOffTopic(makeSignal({ key: 'n', sourceId: 'cobalt-news', channel: 'news', text: 'Bike sales rise.' })),
    ).toBe(true);
    expect(isOffTopic(post('Thanks @cobaltcycles for the quick fix!'))).toBe(false);
    expect(isOffTopic(post('Read this', 'https://cobaltcycles.example/blog/repairs'))).toBe(false);
    expect(read(post('Read this', 'https://cobaltcycles.example/blog/repairs'), 'Read this')).toEqual([
      { entityId: 'cobalt-cycles', text: 'Read this', clauses: [] },
    ]);
  });

  it('keeps a competitor’s handle through redaction, so a post naming it only by handle is still about it', () => {
    const raw = post('Thanks @cobaltcycles for the quick fix, and @jane_rides for the tip!');
    const { signal } = redactSignal(raw, redactionContextOf(profile));
    expect(signal.text).toBe('Thanks @cobaltcycles for the quick fix, and [handle] for the tip!');
    expect(offTopicTest(profile)(signal)).toBe(false);
  });

  it('refuses a source about a competitor that is not declared, naming the ids to use', () => {
    const result = ProfileSchema.safeParse({
      brand: { name: 'Fernhill Bikes', competitors: ['Cobalt Cycles'] },
      values: [{ id: 'v', label: 'V', promise: 'P', aspects: ['a'], expected: { minNetSentiment: 0 } }],
      sources: [{ id: 's', kind: 'rss', url: 'https://x.example/feed', channel: 'review', about: 'cobalt' }],
      digest: { recipients: ['a@example.com'], sender: 'b@example.com' },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['sources', 0, 'about'],
        message:
          '"cobalt" is not a competitor\'s id; use one of "cobalt-cycles", or leave `about` out for a source about the brand',
      }),
    ]);
  });

  it('refuses a competitor whose id is the brand’s own', () => {
    const result = ProfileSchema.safeParse({
      brand: { name: 'Fernhill Bikes', competitors: [{ name: 'Fernhill Bikes' }] },
      values: [{ id: 'v', label: 'V', promise: 'P', aspects: ['a'], expected: { minNetSentiment: 0 } }],
      sources: [{ id: 's', kind: 'rss', url: 'https://x.example/feed', channel: 'review' }],
      digest: { recipients: ['a@example.com'], sender: 'b@example.com' },
    });
    expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [
        ['brand', 'competitors', 0, 'id'],
        'competitor id "fernhill-bikes" is the brand’s own id; give the competitor another `id`',
      ],
    ]);
  });
});
