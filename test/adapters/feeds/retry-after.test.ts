// parseRetryAfter: the wait a Retry-After header asks for, in seconds, from a number or an HTTP date.
import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '#adapters/feeds/http-get';

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-10T09:00:00Z');

  it('reads a number of seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter(' 7 ', now)).toBe(7);
    expect(parseRetryAfter('0', now)).toBe(0);
  });

  it('reads an HTTP date as the seconds from now until then', () => {
    expect(parseRetryAfter('Tue, 10 Nov 2026 09:01:30 GMT', now)).toBe(90);
  });

  it('rounds a date a fraction of a second ahead up to a whole second', () => {
    expect(parseRetryAfter('Tue, 10 Nov 2026 09:00:01 GMT', new Date('2026-11-10T09:00:00.500Z'))).toBe(1);
  });

  it('reads an HTTP date in the past as no wait at all', () => {
    expect(parseRetryAfter('Tue, 10 Nov 2026 08:00:00 GMT', now)).toBe(0);
  });

  it('returns undefined for a missing or unreadable header', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
  });
});
