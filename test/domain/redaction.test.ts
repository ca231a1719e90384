// The pattern redactor: what it replaces (e-mail addresses, phone numbers, handles, private
// authors), what it must leave alone (dates, times, prices, order and version numbers, postcodes,
// the brand's own handles, links), and that it is stable, idempotent and Unicode-safe.
import { describe, expect, it } from 'vitest';
import {
  isPhone,
  normaliseAuthor,
  patternRedactor,
  pseudonymFor,
  redactionContextOf,
  redactSignal,
  redactText,
  type RedactionContext,
} from '#domain/redaction';
import { makeProfile } from '../support/profile';
import { makeSignal } from '../support/signals';

const context: RedactionContext = {
  brandId: 'fernhill-bikes',
  brandHandles: ['@fernhillbikes', 'fernhillhelp'],
  brandDomains: ['fernhillbikes.example'],
};
const redact = (text: string) => redactText(text, context).text;

describe('e-mail addresses', () => {
  it.each([
    ['write to priya.s@example.co.uk today', 'write to [email] today'],
    ['Mail: tom+bikes@mail.example.', 'Mail: [email].'],
    ['(jose.garcía@correo.example)', '([email])'],
    ['A@B.example and c_d@e-f.example', '[email] and [email]'],
  ])('replaces the address in %j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('counts each address', () => {
    expect(redactText('a@x.example, b@y.example', context).counts).toEqual({ email: 2 });
  });

  it('leaves an @ that is not part of an address alone', () => {
    expect(redact('2 bikes @ £400 each, meet me @ the shop')).toBe('2 bikes @ £400 each, meet me @ the shop');
  });
});

describe('phone numbers', () => {
  it.each([
    ['+44 20 7946 0958'],
    ['+44 (0)20 7946 0958'],
    ['+1 (555) 123-4567'],
    ['+1-555-123-4567'],
    ['(555) 123-4567'],
    ['555-123-4567'],
    ['555.123.4567'],
    ['1-800-555-1234'],
    ['020 7946 0958'],
    ['07700 900123'],
    ['07700900123'],
    ['06 12 34 56 78'],
    ['06.12.34.56.78'],
    ['06-12-34-56-78'],
    ['612 345 678'],
    ['612 34 56 78'],
    ['+34 612 34 56 78'],
    ['+447700900123'],
    ['0044 20 7946 0958'],
    ['030 1234 5678'],
    ['+49 30 12345678'],
  ])('replaces %s', (phone) => {
    expect(redact(`Call me on ${phone} after six.`)).toBe('Call me on [phone] after six.');
  });

  it('replaces an unbroken run of digits only when it looks national or comes after "call", "tel", ...', () => {
    expect(redact('Tel:5551234567')).toBe('Tel:[phone]');
    expect(redact('whatsapp me 5551234567')).toBe('whatsapp me [phone]');
    expect(redact('llámame al 612345678')).toBe('llámame al [phone]');
    expect(redact('I got 5551234567 points')).toBe('I got 5551234567 points');
  });

  it('counts each number, and keeps the punctuation around it', () => {
    expect(redactText('Ring 020 7946 0958, or (555) 123-4567!', context)).toEqual({
      text: 'Ring [phone], or [phone]!',
      counts: { phone: 2 },
    });
  });

  describe('leaves alone', () => {
    it.each([
      ['a year', 'Bought it in 2019.'],
      ['ISO dates', 'Delivered 2026-11-22, returned 2026-11-29.'],
      ['a date and a time', 'Ordered on 2026-11-22 13:27, arrived 22.11.2026 at 10:30'],
      ['dates written day first', 'From 24-10-2026 to 31.10.2026'],
      ['a date with slashes', 'On 24/10/2026 13:45 I called'],
      ['years in a row', 'Rode it in 2019 2020 2021 and 2022'],
      ['times', 'Open 09:00-17:30, Sat 10.00-12.00 14.00-16.00'],
      ['prices with a currency', 'Paid €1 234 567 and $1,234,567.89, or 1 299 999 999 EUR, or 612 345 678 €'],
      ['amounts with thousands separators', 'Sold 1.234.567.890 units, 1 234 567 890 in total'],
      ['percentages', 'Battery at 99.5%, 100 000 000%'],
      ['order numbers', 'Order 123-456-7890, order no. 0207 946 0958, invoice #: 555 123 4567, ref 0612345678'],
      ['order numbers after a #', 'Order #123456789 and #0612345678'],
      ['long unbroken numbers', 'Tracking 123456789012 and id 98765432101'],
      ['version numbers', 'App v10.0.19041.1234, version 2.10.3.20261122, build 1.2.3'],
      ['US ZIP+4 postcodes', 'Ship to Springfield, IL 62704-1234'],
      ['postcodes', 'Shop at 1011 AB Amsterdam, 75008 Paris, SW1A 1AA'],
      ['IP addresses', 'Server 192.168.100.200 answered'],
      ['short digit runs', 'Room 12, 3 bikes, 26 inch, 80 miles a week, 555-1234'],
      ['an ISBN', 'The manual, ISBN 978-3-16-148410-0'],
      ['a card-length number (too long for a phone)', '4111 1111 1111 1111'],
      ['scores and ranges', 'Won 6-4 6-3, sizes 50-56, 1000-2000 riders'],
    ])('%s', (_what, text) => {
      expect(redactText(text, context)).toEqual({ text, counts: {} });
    });
  });

  it('decides on the digits and their shape, not on the text around them', () => {
    expect(isPhone('020 7946 0958')).toBe(true);
    expect(isPhone('12345678')).toBe(false); // too few digits
    expect(isPhone('+44 20 7946 0958 1234 5')).toBe(false); // too many
    expect(isPhone('0612345678', 'order ')).toBe(false);
    expect(isPhone('612 345 678', '', ' €')).toBe(false);
  });
});

describe('user handles', () => {
  it.each([
    ['thanks @mara_rides!', 'thanks [handle]!'],
    ['(@alice) "@bob"', '([handle]) "[handle]"'],
    ['@mara@mastodon.social says hi', '[handle] says hi'],
    ['ask @ana@bikes.example.org.', 'ask [handle].'],
    ['u/bike_guy and /u/Some-One agree', '[handle] and [handle] agree'],
  ])('replaces the handle in %j', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('keeps the brand’s own handles, in any case, with or without a server', () => {
    const text =
      'Thanks @fernhillbikes, @FernhillBikes, @fernhillhelp and @fernhillbikes@mastodon.social; u/fernhillhelp';
    expect(redactText(text, context)).toEqual({ text, counts: {} });
  });

  it('keeps a handle that only looks like the brand’s', () => {
    expect(redact('@fernhillbikes_fan and @fernhill')).toBe('[handle] and [handle]');
  });

  describe('on X, a handle is letters, digits and underscores: a dot, a hyphen or an apostrophe ends it', () => {
    it.each([
      ['@fernhillbikes...do you still have my order', '@fernhillbikes...do you still have my order'],
      ['@fernhillbikes…do you still have my order', '@fernhillbikes…do you still have my order'],
      ['@mara_rides...do you still have my order', '[handle]...do you still have my order'],
      ['@fernhillbikes.do you ship to Leeds?', '@fernhillbikes.do you ship to Leeds?'],
      ["@fernhillbikes's new shop", "@fernhillbikes's new shop"],
      ['@FernhillBikes’s mechanics', '@FernhillBikes’s mechanics'],
      ["@mara_rides's bike", "[handle]'s bike"],
      ['@fernhillbikes!! best shop', '@fernhillbikes!! best shop'],
      ['(@fernhillbikes) fixed it', '(@fernhillbikes) fixed it'],
      ['@fernhillbikes: my order is late', '@fernhillbikes: my order is late'],
      ['@fernhillbikes-fix this please', '@fernhillbikes-fix this please'],
      ['cc @Tom.K.', 'cc [handle].K.'],
      ['ping @a_b now', 'ping [handle] now'],
      ['@x', '[handle]'],
    ])('reads %j as %j', (text, expected) => {
      expect(redact(text)).toBe(expected);
    });

    it('reads a retweet and a dot-reply like the platform does', () => {
      expect(redact('RT @mara_rides: loving my @fernhillbikes ride')).toBe(
        'RT [handle]: loving my @fernhillbikes ride',
      );
      expect(redact('.@fernhillbikes why is my order late?')).toBe('.@fernhillbikes why is my order late?');
      expect(redact('.@mara_rides you should try them')).toBe('.[handle] you should try them');
      expect(redact('Great service.@mara_rides agreed')).toBe('Great service.[handle] agreed');
    });

    it('replaces a longer @name whole: not an X handle, but one elsewhere, and never cut in two', () => {
      expect(redact('@abcdefghijklmnop says hi')).toBe('[handle] says hi'); // 16 characters
      expect(redact('@a_very_long_instagram_name_30 says hi')).toBe('[handle] says hi');
      expect(redact('@fernhillbikesfan1 is not the shop')).toBe('[handle] is not the shop');
    });

    it('replaces the brand’s support or fan account unless the profile lists it', () => {
      expect(redact('@fernhillbikes_support never answered')).toBe('[handle] never answered');
      expect(redact('@fernhillhelp answered in minutes')).toBe('@fernhillhelp answered in minutes');
    });
  });

  describe('on Mastodon, a handle is @user@host', () => {
    it.each([
      ['@mara@mastodon.social says hi', '[handle] says hi'],
      ['@tom.k@bikes.example.org and @ana-b@social.example', '[handle] and [handle]'],
      ['@mara@mastodon.social...do you ride?', '[handle]...do you ride?'],
      ["@mara@mastodon.social's photos", "[handle]'s photos"],
      ['thanks @fernhillbikes@mastodon.social!', 'thanks @fernhillbikes@mastodon.social!'],
      ['(@FernhillBikes@mastodon.social).', '(@FernhillBikes@mastodon.social).'],
      ['@fernhillbikes@mastodon.social...do you ship?', '@fernhillbikes@mastodon.social...do you ship?'],
    ])('reads %j as %j', (text, expected) => {
      expect(redact(text)).toBe(expected);
    });
  });

  describe('handles in other scripts', () => {
    it('are replaced whole, whatever the script: X allows only ASCII, Weibo and others do not', () => {
      expect(redact('@José_García gracias')).toBe('[handle] gracias');
      expect(redact('谢谢 @李华 的帮助')).toBe('谢谢 [handle] 的帮助');
      expect(redact('ありがとう＠tanaka さん')).toBe('ありがとう[handle] さん');
    });

    it('keep the brand’s handle written with a full-width at sign', () => {
      expect(redact('＠fernhillbikes ありがとう')).toBe('＠fernhillbikes ありがとう');
    });
  });

  describe('e-mail addresses are not handles', () => {
    it.each([
      ['mail mara@mastodon.social please', 'mail [email] please'],
      ['write to tom.k@bikes.example.org.', 'write to [email].'],
    ])('replaces %j as an e-mail address', (text, expected) => {
      expect(redactText(text, context)).toEqual({ text: expected, counts: { email: 1 } });
    });

    it('keeps the brand’s own domain of an address and replaces the person before it', () => {
      expect(redactText('emailed help@fernhillbikes.example twice', context)).toEqual({
        text: 'emailed [email]@fernhillbikes.example twice',
        counts: { email: 1 },
      });
      expect(redact('tom@leeds.FernhillBikes.example')).toBe('[email]@leeds.FernhillBikes.example');
      expect(redact('tom@fernhillbikes.example.evil.example')).toBe('[email]');
      expect(redact('tom@notfernhillbikes.example')).toBe('[email]');
    });
  });

  it('leaves times and prices after an @ alone', () => {
    expect(redact('meet @5pm or @10:30, 2 for @3.99')).toBe('meet @5pm or @10:30, 2 for @3.99');
  });

  it('leaves words with a slash, and subreddits, alone', () => {
    expect(redact('menu/item, flu/cold, r/bicycling')).toBe('menu/item, flu/cold, r/bicycling');
  });

  it('keeps links whole, replacing only an e-mail address inside one', () => {
    expect(redact('See https://social.example/@mara_rides/1001 and www.reddit.example/u/bike_guy')).toBe(
      'See https://social.example/@mara_rides/1001 and www.reddit.example/u/bike_guy',
    );
    expect(redactText('https://shop.example/unsubscribe?e=priya@example.com', context)).toEqual({
      text: 'https://shop.example/unsubscribe?e=[email]',
      counts: { email: 1 },
    });
  });
});

describe('emoji and right-to-left text', () => {
  it('replaces around emoji and leaves the emoji intact', () => {
    expect(redact('🚲 Loving it! 📞 +44 20 7946 0958 👍🏽 @mara_rides 🇬🇧')).toBe(
      '🚲 Loving it! 📞 [phone] 👍🏽 [handle] 🇬🇧',
    );
  });

  it('replaces inside Hebrew and Arabic text and leaves the rest as it was', () => {
    expect(redact('שלום @dana_k, טלפון 054-123-4567 תודה')).toBe('שלום [handle], טלפון [phone] תודה');
    expect(redact('مرحبا @علي، رقمي ‏+971 50 123 4567‏ شكرا')).toBe('مرحبا [handle]، رقمي ‏[phone]‏ شكرا');
    expect(redact('خدمة ممتازة من @fernhillbikes 👍')).toBe('خدمة ممتازة من @fernhillbikes 👍');
  });
});

describe('authors', () => {
  const review = makeSignal({ channel: 'review', author: 'Priya S.' });

  it('become a stable pseudonym on reviews and social posts', () => {
    const first = redactSignal(review, context);
    expect(first.signal.author).toMatch(/^Customer [0-9a-f]{8}$/);
    expect(first.counts).toEqual({ author: 1 });
    expect(redactSignal(review, context).signal.author).toBe(first.signal.author);
    const social = redactSignal(makeSignal({ channel: 'social', author: '@mara_rides' }), context);
    expect(social.signal.author).toMatch(/^Customer [0-9a-f]{8}$/);
  });

  it('are one person however the name is written', () => {
    expect(pseudonymFor('fernhill-bikes', '@Mara_Rides')).toBe(pseudonymFor('fernhill-bikes', ' mara_rides '));
    expect(pseudonymFor('fernhill-bikes', 'Priya  S.')).toBe(pseudonymFor('fernhill-bikes', 'PRIYA S.'));
    expect(normaliseAuthor(' @Ｐriya  S. ')).toBe('priya s.');
  });

  it('get a different pseudonym for another brand, and another name a different one', () => {
    expect(pseudonymFor('fernhill-bikes', 'Priya S.')).not.toBe(pseudonymFor('alderway-bikes', 'Priya S.'));
    expect(pseudonymFor('fernhill-bikes', 'Priya S.')).not.toBe(pseudonymFor('fernhill-bikes', 'Priya T.'));
  });

  it('are kept on news and stance signals: bylines and the brand’s own statements', () => {
    for (const channel of ['news', 'stance'] as const) {
      const kept = redactSignal(makeSignal({ channel, author: 'Jane Reporter' }), context);
      expect(kept).toEqual({ signal: expect.objectContaining({ author: 'Jane Reporter' }), counts: {} });
    }
  });

  it('are kept when they are the brand’s own handle, and left null or blank', () => {
    expect(redactSignal(makeSignal({ channel: 'social', author: '@FernhillHelp' }), context).signal.author).toBe(
      '@FernhillHelp',
    );
    expect(redactSignal(makeSignal({ channel: 'review', author: null }), context).signal.author).toBeNull();
  });
});

describe('redacting a signal', () => {
  const signal = makeSignal({
    channel: 'social',
    title: 'Help @fernhillbikes!',
    text: 'Call me on 07700 900123 or mail priya@example.com, says @mara_rides 🚲',
    author: '@priya',
  });

  it('replaces in title and text, pseudonymises the author, and keeps id, url and everything else', () => {
    const { signal: redacted, counts } = redactSignal(signal, context);
    expect(redacted).toEqual({
      ...signal,
      title: 'Help @fernhillbikes!',
      text: 'Call me on [phone] or mail [email], says [handle] 🚲',
      author: pseudonymFor('fernhill-bikes', 'priya'),
    });
    expect(counts).toEqual({ phone: 1, email: 1, handle: 1, author: 1 });
  });

  it('changes nothing the second time', () => {
    const once = redactSignal(signal, context).signal;
    expect(redactSignal(once, context)).toEqual({ signal: once, counts: {} });
  });

  it.each([
    'Call +44 20 7946 0958 or 06.12.34.56.78, mail a.b@c.example, ping @x_y@mastodon.social and u/someone',
    '[email] [phone] [handle] [redacted] Customer 0123abcd',
    'שלום @dana_k 📞 054-123-4567 ‏مرحبا‏',
    '@fernhillbikes...do mail help@fernhillbikes.example, ＠tanaka, .@mara_rides, @tom.k@bikes.example.org',
  ])('is idempotent on %j', (text) => {
    const once = redactText(text, context).text;
    expect(redactText(once, context)).toEqual({ text: once, counts: {} });
  });

  it('leaves a signal without personal data exactly as it was', () => {
    const clean = makeSignal({ text: 'The mechanic fixed my gears in ten minutes, on 2026-11-10 at 10:30. 5 stars!' });
    expect(redactSignal(clean, context)).toEqual({ signal: clean, counts: {} });
  });
});

describe('the pattern redactor', () => {
  it('redacts every signal of a batch in order, with counts per signal and no fallbacks', async () => {
    const signals = [
      makeSignal({ key: 'a', text: 'mail me at a@b.example' }),
      makeSignal({ key: 'b', text: 'all good' }),
      makeSignal({ key: 'c', channel: 'news', author: 'Jane Reporter', text: 'Quoting @mara_rides' }),
    ];
    const batch = await patternRedactor.redact(signals, context);
    expect(batch.signals.map((each) => [each.id, each.text, each.author])).toEqual([
      [signals[0]!.id, 'mail me at [email]', null],
      [signals[1]!.id, 'all good', null],
      [signals[2]!.id, 'Quoting [handle]', 'Jane Reporter'],
    ]);
    expect(batch.counts).toEqual([{ email: 1 }, {}, { handle: 1 }]);
    expect(batch.fallbacks).toBe(0);
  });

  it('takes its context from the profile: brand id, handles, domains, and names that are not personal', () => {
    const profile = makeProfile([{ id: 'news', kind: 'rss', url: 'https://news.example/feed', channel: 'news' }]);
    expect(redactionContextOf(profile)).toEqual({
      brandId: 'fernhill-bikes',
      brandHandles: ['@fernhillbikes'],
      brandDomains: ['fernhillbikes.example'],
      publicNames: ['Fernhill Bikes', 'Fernhill'],
    });
    // competitors' names and aliases are not personal data either
    const withCompetitors = makeProfile(
      [{ id: 'news', kind: 'rss', url: 'https://news.example/feed', channel: 'news' }],
      {
        brand: {
          name: 'Fernhill Bikes',
          aliases: ['Fernhill'],
          competitors: ['Alderway Bikes', { name: 'Cobalt Cycles', aliases: ['Cobalt'] }],
        },
      },
    );
    expect(redactionContextOf(withCompetitors).publicNames).toEqual([
      'Fernhill Bikes',
      'Fernhill',
      'Alderway Bikes',
      'Cobalt Cycles',
      'Cobalt',
    ]);
  });
});
