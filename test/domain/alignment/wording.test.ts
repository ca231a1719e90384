import { describe, expect, it } from 'vitest';
import { grouped, plural } from '#domain/alignment/wording';

describe('counts in the findings', () => {
  it('are grouped in thousands, as the digest prints every figure', () => {
    expect(plural(34_866, 'customer mention')).toBe('34,866 customer mentions');
    expect(plural(1, 'customer mention')).toBe('1 customer mention');
    expect(plural(999, 'review')).toBe('999 reviews');
    expect(grouped(1_234_567)).toBe('1,234,567');
  });
});
