import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '#domain/did-you-mean';

describe('did you mean', () => {
  it('counts a swap of two neighbouring letters as one edit', () => {
    expect(editDistance('aspcets', 'aspects')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests the closest known key for a typo', () => {
    expect(didYouMean('aspcts', ['id', 'label', 'aspects', 'expected'])).toBe('aspects');
    expect(didYouMean('Recipents', ['recipients', 'sender'])).toBe('recipients');
  });

  it('suggests nothing when no key is close', () => {
    expect(didYouMean('colour', ['id', 'name', 'aliases'])).toBeUndefined();
  });
});
