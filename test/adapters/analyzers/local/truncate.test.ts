// Cutting long texts to the analyzer's limit.
import { describe, expect, it } from 'vitest';
import { truncateAtSentence } from '#adapters/analyzers/local/truncate';

describe('truncateAtSentence', () => {
  it('leaves a text within the limit alone', () => {
    expect(truncateAtSentence('Short. Text.', 100)).toEqual({ text: 'Short. Text.', truncated: false });
  });

  it('cuts after the last whole sentence that fits', () => {
    expect(truncateAtSentence('One two. Three four! Five six seven.', 25)).toEqual({
      text: 'One two. Three four!',
      truncated: true,
    });
    expect(truncateAtSentence('Line one\nLine two\nLine three', 20)).toEqual({
      text: 'Line one\nLine two',
      truncated: true,
    });
  });

  it('cuts at a word when no sentence ends within the limit', () => {
    expect(truncateAtSentence('one enormous run-on sentence without an end', 20)).toEqual({
      text: 'one enormous run-on',
      truncated: true,
    });
  });

  it('never splits an emoji in half', () => {
    const { text } = truncateAtSentence(`${'x'.repeat(9)}😡y`, 10);
    expect(text).toBe('x'.repeat(9));
  });
});
