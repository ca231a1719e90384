import { describe, expect, it } from 'vitest';
import { mentionCandidate } from '#domain/alignment/evidence';
import type { ValueMention } from '#domain/value-mention';

const mention = (matchedBy: ValueMention['matchedBy']): ValueMention => ({
  signalId: 's1',
  valueId: 'free-repairs',
  sourceId: 'shop-reviews',
  channel: 'review',
  publishedAt: '2026-11-18T10:00:00.000Z',
  analyzer: 'local@test',
  sentiment: { label: 'NEGATIVE', scores: { positive: 0.05, negative: 0.9, neutral: 0.05, mixed: 0 } },
  net: -0.85,
  excerpts: ['The technician charged me for a free repair.'],
  ...(matchedBy ? { matchedBy } : {}),
});

describe('a value quote as evidence', () => {
  it('says which words matched by meaning, and only those', () => {
    const candidate = mentionCandidate(
      mention([
        { words: 'repair', term: 'repair' },
        { words: 'technician', term: 'mechanic', similarity: 0.67 },
      ]),
      'negative',
      new Map(),
    );
    expect(candidate.matchedByMeaning).toBe('“technician” ≈ mechanic (0.67)');
    const byKind = mentionCandidate(
      mention([{ words: 'sushi', term: 'dish', relation: 'kind-of' }]),
      'negative',
      new Map(),
    );
    expect(byKind.matchedByMeaning).toBe('“sushi” is a kind of dish');
  });

  it('says nothing of how it matched when an aspect word did, or when the mention predates the record', () => {
    expect(
      mentionCandidate(mention([{ words: 'repair', term: 'repair' }]), 'negative', new Map()).matchedByMeaning,
    ).toBeUndefined();
    expect(mentionCandidate(mention(undefined), 'negative', new Map()).matchedByMeaning).toBeUndefined();
  });
});
