import { describe, expect, it } from 'vitest';
import { languageOf, parseFeedDate, toSignal, type SignalContext } from '#domain/feed-item';
import { signalId } from '#domain/signal';

const context: SignalContext = {
  sourceId: 'shop-reviews',
  channel: 'review',
  fetchedAt: new Date('2026-11-23T10:00:00.000Z'),
  language: 'en',
};

describe('turning a feed item into a signal', () => {
  it('normalises the text, the date to UTC and keeps the rating', () => {
    const signal = toSignal(
      {
        guid: 'review-1',
        link: 'https://reviews.example/r/1',
        title: 'Great &amp; quick',
        html: '<p>Fixed in <b>ten</b> minutes.</p>',
        author: '  Priya   S. ',
        date: 'Tue, 10 Nov 2026 09:30:00 +0100',
        rating: { value: 4, best: 5 },
      },
      context,
    );
    expect(signal).toEqual({
      id: signalId('shop-reviews', { kind: 'guid', value: 'review-1' }),
      sourceId: 'shop-reviews',
      channel: 'review',
      url: 'https://reviews.example/r/1',
      title: 'Great & quick',
      text: 'Fixed in ten minutes.',
      author: 'Priya S.',
      publishedAt: '2026-11-10T08:30:00.000Z',
      publishedAtSource: 'feed',
      fetchedAt: '2026-11-23T10:00:00.000Z',
      rating: { value: 4, best: 5 },
      language: 'en',
    });
  });

  it('gives the same item the same id on every fetch, and different sources different ids', () => {
    const item = { guid: 'a', title: 'x', date: '2026-11-10T08:30:00Z' };
    const later = { ...context, fetchedAt: new Date('2026-11-24T10:00:00Z') };
    expect(toSignal(item, context).id).toBe(toSignal(item, later).id);
    expect(toSignal(item, context).id).not.toBe(toSignal(item, { ...context, sourceId: 'other' }).id);
  });

  it('knows an item by its guid, else its link, else its title and date', () => {
    const byGuid = toSignal({ guid: 'g', link: 'https://a.example/1', title: 't' }, context).id;
    const byLink = toSignal({ link: 'https://a.example/1', title: 't' }, context).id;
    const byTitle = toSignal({ title: 't', date: '2026-11-01T00:00:00Z' }, context).id;
    expect(byGuid).toBe(signalId('shop-reviews', { kind: 'guid', value: 'g' }));
    expect(byLink).toBe(signalId('shop-reviews', { kind: 'link', value: 'https://a.example/1' }));
    expect(byTitle).toBe(
      signalId('shop-reviews', { kind: 'title-date', title: 't', date: '2026-11-01T00:00:00.000Z' }),
    );
    expect(new Set([byGuid, byLink, byTitle]).size).toBe(3);
  });

  it('dates an undated item at fetch time and says so, with an id that does not depend on the fetch', () => {
    const first = toSignal({ title: 'No date', html: 'text' }, context);
    const second = toSignal(
      { title: 'No date', html: 'text' },
      { ...context, fetchedAt: new Date('2026-12-01T00:00:00Z') },
    );
    expect(first.publishedAt).toBe('2026-11-23T10:00:00.000Z');
    expect(first.publishedAtSource).toBe('fetch-time');
    expect(first.id).toBe(second.id);
  });

  it('treats an unreadable or far-future date as missing', () => {
    expect(toSignal({ guid: 'x', date: 'not a date' }, context).publishedAtSource).toBe('fetch-time');
    expect(toSignal({ guid: 'x', date: '2027-06-01T00:00:00Z' }, context).publishedAtSource).toBe('fetch-time');
    expect(toSignal({ guid: 'x', date: '2026-11-23T20:00:00Z' }, context).publishedAtSource).toBe('feed');
  });

  it('keeps only http and https links', () => {
    expect(toSignal({ guid: 'x', link: 'javascript:alert(1)' }, context).url).toBeNull();
    expect(toSignal({ guid: 'x', link: 'data:text/html,hi' }, context).url).toBeNull();
    expect(toSignal({ guid: 'x', link: 'not a url' }, context).url).toBeNull();
    expect(toSignal({ guid: 'x', link: 'http://a.example/x' }, context).url).toBe('http://a.example/x');
  });

  it('takes the item’s language first, then the context’s', () => {
    expect(toSignal({ guid: 'x', language: 'de-AT' }, context).language).toBe('de');
    expect(toSignal({ guid: 'x' }, { ...context, language: 'fr-FR' }).language).toBe('fr');
    expect(toSignal({ guid: 'x', language: 'gibberish' }, context).language).toBe('en');
  });
});

describe('feed dates and language codes', () => {
  it('reads RFC 822 and ISO 8601 dates with offsets', () => {
    const fetchedAt = new Date('2026-11-23T00:00:00Z');
    expect(parseFeedDate('Mon, 09 Nov 2026 08:00:00 GMT', fetchedAt)?.toISOString()).toBe('2026-11-09T08:00:00.000Z');
    expect(parseFeedDate('2026-11-13T08:10:00+01:00', fetchedAt)?.toISOString()).toBe('2026-11-13T07:10:00.000Z');
    expect(parseFeedDate('   ', fetchedAt)).toBeUndefined();
  });

  it('reduces language tags to their two-letter code', () => {
    expect(languageOf('en-GB')).toBe('en');
    expect(languageOf('PT_br')).toBe('pt');
    expect(languageOf('english')).toBeUndefined();
  });
});
