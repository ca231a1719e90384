import { describe, expect, it } from 'vitest';
import { decodeFeed, detectCharset } from '#adapters/feeds/decode';
import { parseRssFeed } from '#adapters/feeds/rss-parse';

const ascii = (text: string) => Buffer.from(text, 'latin1');
const bytes = (...values: number[]) => Buffer.from(values);

const SMALL_FEED = (encoding: string) =>
  `<?xml version="1.0" encoding="${encoding}"?>\n` +
  '<rss version="2.0"><channel><title>Café Vélo</title>' +
  '<item><guid>c-1</guid><title>“Best” brake pads — 5★</title></item>' +
  '</channel></rss>';

describe('detectCharset and decodeFeed', () => {
  it('recognises a UTF-8 byte-order mark and drops it from the text', () => {
    const body = Buffer.concat([bytes(0xef, 0xbb, 0xbf), Buffer.from(SMALL_FEED('UTF-8'), 'utf8')]);

    expect(detectCharset(body)).toBe('utf-8');
    expect(decodeFeed(body)).toBe(SMALL_FEED('UTF-8'));
  });

  it('lets the byte-order mark win over a Content-Type charset', () => {
    const body = Buffer.concat([bytes(0xef, 0xbb, 0xbf), Buffer.from('<rss><title>café</title></rss>', 'utf8')]);

    expect(detectCharset(body, 'text/xml; charset=ISO-8859-1')).toBe('utf-8');
    expect(decodeFeed(body, 'text/xml; charset=ISO-8859-1')).toBe('<rss><title>café</title></rss>');
  });

  it('decodes a whole UTF-16LE feed with a byte-order mark, which the parser then reads', async () => {
    const text = SMALL_FEED('UTF-16');
    const body = Buffer.concat([bytes(0xff, 0xfe), Buffer.from(text, 'utf16le')]);

    expect(detectCharset(body)).toBe('utf-16le');
    expect(decodeFeed(body)).toBe(text);
    const feed = await parseRssFeed('utf16-feed', decodeFeed(body));
    expect(feed.items.map((item) => item.title)).toEqual(['“Best” brake pads — 5★']);
  });

  it('decodes a UTF-16BE feed with a byte-order mark', () => {
    const text = SMALL_FEED('UTF-16');
    const body = Buffer.concat([bytes(0xfe, 0xff), Buffer.from(text, 'utf16le').swap16()]);

    expect(detectCharset(body)).toBe('utf-16be');
    expect(decodeFeed(body)).toBe(text);
  });

  const WINDOWS_1252_FEED = Buffer.concat([
    ascii('<?xml version="1.0" encoding="windows-1252"?>\n<rss version="2.0"><channel><title>'),
    bytes(0x93),
    ascii('Caf'),
    bytes(0xe9),
    ascii(' rides'),
    bytes(0x94),
    ascii('</title></channel></rss>'),
  ]);

  it('reads Windows-1252 from the XML declaration, so 0xE9 is é', () => {
    expect(detectCharset(WINDOWS_1252_FEED)).toBe('windows-1252');
    expect(decodeFeed(WINDOWS_1252_FEED)).toContain('Café rides');
  });

  // Node 20's TextDecoder maps 0x80-0x9F to C1 controls (nodejs/node#60888); decodeFeed maps them itself.
  it('reads Windows-1252 bytes 0x93/0x94 as curly quotes and 0x80 as the euro sign', () => {
    expect(decodeFeed(WINDOWS_1252_FEED)).toContain('<title>“Café rides”</title>');
    expect(
      decodeFeed(Buffer.concat([ascii('<?xml version="1.0" encoding="iso-8859-1"?><p>'), bytes(0x80), ascii('5</p>')])),
    ).toContain('<p>€5</p>');
  });

  it('lets an ISO-8859-1 charset in the Content-Type header override the XML declaration', () => {
    const body = Buffer.concat([
      ascii('<?xml version="1.0" encoding="UTF-8"?><rss><title>Caf'),
      bytes(0xe9),
      ascii('</title></rss>'),
    ]);

    expect(detectCharset(body, 'application/rss+xml; charset=ISO-8859-1')).toBe('iso-8859-1');
    expect(decodeFeed(body, 'application/rss+xml; charset=ISO-8859-1')).toContain('<title>Café</title>');
    // Without the header the declaration rules, and the lone 0xE9 is not valid UTF-8.
    expect(decodeFeed(body)).toContain('<title>Caf\uFFFD</title>');
  });

  it('accepts a quoted charset in the Content-Type header', () => {
    const body = Buffer.concat([ascii('<rss><title>Caf'), bytes(0xe9), ascii('</title></rss>')]);

    expect(detectCharset(body, 'text/xml; charset="windows-1252"')).toBe('windows-1252');
  });

  it('ignores an unknown charset in the header and falls back to the XML declaration', () => {
    const body = Buffer.concat([
      ascii('<?xml version="1.0" encoding="windows-1252"?><rss><title>Caf'),
      bytes(0xe9),
      ascii('</title></rss>'),
    ]);

    expect(detectCharset(body, 'text/xml; charset=x-no-such-charset')).toBe('windows-1252');
    expect(decodeFeed(body, 'text/xml; charset=x-no-such-charset')).toContain('Café');
  });

  it('falls back to UTF-8 when there is no byte-order mark, header charset or declaration', () => {
    const body = Buffer.from('<rss version="2.0"><channel><title>Café 🚲</title></channel></rss>', 'utf8');

    expect(detectCharset(body)).toBe('utf-8');
    expect(detectCharset(body, 'application/rss+xml')).toBe('utf-8');
    expect(decodeFeed(body)).toBe('<rss version="2.0"><channel><title>Café 🚲</title></channel></rss>');
  });

  it('falls back to UTF-8 when the declaration names no encoding', () => {
    const body = Buffer.from('<?xml version="1.0"?><rss><title>Café</title></rss>', 'utf8');

    expect(detectCharset(body)).toBe('utf-8');
    expect(decodeFeed(body)).toContain('Café');
  });
});
