// The Brand Alignment Index: one number for "are we keeping our promises?". Each value with enough
// evidence scores 1 when its delivered sentiment meets the promise, less in proportion to its
// shortfall (0 when every mention is negative); the index is the weight-averaged score × 100.
import type { AlignmentIndex, ValueAlignment } from './types';

export function indexFormula(minMentions: number): string {
  return (
    `100 × Σ(weight × score) ÷ Σ weight over values with ≥ ${minMentions} customer mentions this week; ` +
    'score = 1 − shortfall ÷ (promised net + 1), shortfall = max(0, promised net − delivered net) ' +
    '(for a promised positive share: 1 − shortfall ÷ promised share).'
  );
}

export function alignmentIndex(
  values: readonly ValueAlignment[],
  previousIndex: number | null | undefined,
  minMentions: number,
): AlignmentIndex {
  let weighted = 0;
  let weights = 0;
  let counted = 0;
  for (const value of values) {
    if (value.indexScore === null || value.status === 'not-enough-evidence') continue;
    weighted += value.weight * value.indexScore;
    weights += value.weight;
    counted += 1;
  }
  const index = weights > 0 ? Math.round((100 * weighted) / weights) : null;
  const change =
    index !== null && previousIndex !== null && previousIndex !== undefined ? index - Math.round(previousIndex) : null;
  return { value: index, change, formula: indexFormula(minMentions), valuesCounted: counted };
}
