import { describe, expect, it } from 'vitest';
import { whyFeedIsUnreadable } from '#adapters/feeds/feed-parse-problems';

const ADVICE = 'check it at https://validator.w3.org/feed/ and tell its publisher';
const FEED = '<?xml version="1.0"?><rss version="2.0"><channel/></rss>';

describe('why a feed could not be read, in words', () => {
  it('never passes a JavaScript error’s own text on', () => {
    const why = whyFeedIsUnreadable(new TypeError("Cannot read properties of undefined (reading 'rel')"), FEED);

    expect(why).toBe(`its structure is not what RSS or Atom describe; ${ADVICE}`);
  });

  it('says a feed nests elements too deeply when reading it overflowed the stack', () => {
    expect(whyFeedIsUnreadable(new RangeError('Maximum call stack size exceeded'), FEED)).toBe(
      `it nests elements too deeply to read; ${ADVICE}`,
    );
  });

  it('gives the position of an XML error it has no words for, counting lines from 1', () => {
    const why = whyFeedIsUnreadable(new Error('Some new complaint\nLine: 2\nColumn: 7\nChar: x'), FEED);

    expect(why).toBe(`its XML cannot be read, at line 3, column 7; ${ADVICE}`);
  });

  it('names the root element past the declaration and comments', () => {
    const why = whyFeedIsUnreadable(
      new Error('Feed not recognized as RSS 1 or 2.'),
      '<?xml version="1.0"?><!-- <rss> --><html><body/></html>',
    );

    expect(why).toBe('the XML is neither RSS nor Atom (its root element is <html>); check the url');
  });
});
