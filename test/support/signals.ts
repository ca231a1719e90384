// Builders for signals in tests: a valid signal with only what a test cares about spelt out.
import { signalId, type Signal } from '#domain/signal';

export function makeSignal(overrides: Partial<Signal> & { key?: string } = {}): Signal {
  const { key = 'item', ...rest } = overrides;
  const sourceId = rest.sourceId ?? 'shop-reviews';
  return {
    id: signalId(sourceId, { kind: 'guid', value: key }),
    sourceId,
    channel: 'review',
    url: `https://reviews.example/${encodeURIComponent(key)}`,
    title: `Review ${key}`,
    text: `Text of ${key}.`,
    author: null,
    publishedAt: '2026-11-10T09:00:00.000Z',
    publishedAtSource: 'feed',
    fetchedAt: '2026-11-23T10:00:00.000Z',
    rating: null,
    language: 'en',
    ...rest,
  };
}
