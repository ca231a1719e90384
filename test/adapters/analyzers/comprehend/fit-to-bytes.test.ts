// Cutting texts to Comprehend's byte limit: where the cut falls, and that it never breaks a character.
import { describe, expect, it } from 'vitest';
import { fitToUtf8Bytes, utf8Length } from '#adapters/analyzers/comprehend/fit-to-bytes';

/** True when the text has no lone surrogate, i.e. survives a UTF-8 round trip unchanged. */
function isWellFormed(text: string): boolean {
  return Buffer.from(text, 'utf8').toString('utf8') === text;
}

describe('fitting a text to a number of UTF-8 bytes', () => {
  it('leaves a text within the limit untouched', () => {
    expect(fitToUtf8Bytes('Café crème 😀.', 100)).toEqual({ text: 'Café crème 😀.', truncated: false });
  });

  it('counts bytes, not characters: é is two bytes and an emoji four', () => {
    // "é😀" is 2 + 4 = 6 bytes but only 3 UTF-16 units.
    expect(fitToUtf8Bytes('é😀', 6).truncated).toBe(false);
    expect(fitToUtf8Bytes('é😀', 5)).toEqual({ text: 'é', truncated: true });
  });

  it('cuts after the last whole sentence that fits', () => {
    const text = 'The oat milk is great. The parcel came late. The box was crushed.';
    expect(fitToUtf8Bytes(text, 50)).toEqual({ text: 'The oat milk is great. The parcel came late.', truncated: true });
  });

  it('cuts Chinese text after its full stop', () => {
    const sentence = '燕麥奶很好喝。'; // 7 characters of 3 bytes: 21 bytes
    const fitted = fitToUtf8Bytes(sentence.repeat(10), 50);
    expect(fitted.text).toBe(sentence.repeat(2));
  });

  it('falls back to a word boundary when keeping whole sentences would lose more than half', () => {
    const text = `Short. ${'averyveryverylongword '.repeat(10)}`;
    const fitted = fitToUtf8Bytes(text, 100);
    expect(fitted.text).toBe(`Short. ${'averyveryverylongword '.repeat(4).trimEnd()}`);
    expect(utf8Length(fitted.text)).toBeLessThanOrEqual(100);
  });

  it('falls back to whole characters for a text without spaces, never splitting an emoji', () => {
    const fitted = fitToUtf8Bytes('😀'.repeat(2_000), 4_999);
    // 1,249 emoji of 4 bytes are 4,996 bytes; a 1,250th would need 5,000.
    expect(fitted.text).toBe('😀'.repeat(1_249));
    expect(isWellFormed(fitted.text)).toBe(true);
  });

  it('never splits an accented letter at the byte limit', () => {
    const fitted = fitToUtf8Bytes('é'.repeat(100), 7);
    expect(fitted.text).toBe('ééé');
    expect(isWellFormed(fitted.text)).toBe(true);
  });
});
