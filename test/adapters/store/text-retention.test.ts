// The text of a signal, and every quote taken from it, expires a set number of days after the
// signal was fetched; a marker without text outlives it so the signal is never stored again.
import { saveScored } from '#test/support/saved-scores';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { DynamoStore } from '#adapters/store/dynamo-store';
import { keys } from '#adapters/store/table';
import { textExpiresAt } from '#domain/retention';
import type { SignalScore } from '#domain/signal-score';
import type { ValueMention } from '#domain/value-mention';
import { useLocalTable } from '#test/support/local-table';
import { makeSignal } from '#test/support/signals';

// Part of the store's contract: this file runs against dynalite and against the embedded table (vitest.config.ts).
const TABLE = 'congruence-retention';
const table = useLocalTable(TABLE);

/** A store of a brand of its own, its clock fixed (by default a week after FETCHED_AT). */
function freshStore(now = '2026-11-30T00:00:00.000Z'): { store: DynamoStore; brand: string } {
  const brand = table.freshBrand();
  return { store: table.store({ brandId: brand, now: () => new Date(now) }), brand };
}

async function rawItem(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
  return (await table.documents.send(new GetCommand({ TableName: TABLE, Key: key }))).Item;
}

const FETCHED_AT = '2026-11-23T10:00:00.000Z';
const DAY = 86_400;

function mentionOf(signalId: string): ValueMention {
  return {
    signalId,
    valueId: 'free-repairs',
    sourceId: 'shop-reviews',
    channel: 'review',
    publishedAt: '2026-11-20T10:00:00.000Z',
    analyzer: 'local@1',
    sentiment: { label: 'POSITIVE', scores: { positive: 0.9, negative: 0.05, neutral: 0.05, mixed: 0 } },
    net: 0.85,
    excerpts: ['Priya at the Leeds shop fixed it for free.'],
  };
}

function scoreOf(signalId: string): SignalScore {
  return {
    status: 'scored',
    signalId,
    analyzer: 'local@1',
    sourceId: 'shop-reviews',
    channel: 'review',
    publishedAt: '2026-11-20T10:00:00.000Z',
    scoredAt: FETCHED_AT,
    language: 'en',
    sentiment: { label: 'POSITIVE', scores: { positive: 0.9, negative: 0.05, neutral: 0.05, mixed: 0 } },
    keyPhrases: ['Priya'],
    rating: null,
    valueIds: ['free-repairs'],
    truncated: false,
    analyzedChars: 42,
  };
}

describe('text retention', () => {
  it('computes the expiry in epoch seconds from the fetch time', () => {
    expect(textExpiresAt('2026-01-01T00:00:00.000Z', 100)).toBe(Date.UTC(2026, 0, 1) / 1000 + 100 * DAY);
  });

  it('sets the TTL attribute on a stored signal from its fetch time and the retention', async () => {
    const { store, brand } = freshStore();
    const signal = makeSignal({ key: 'ttl', fetchedAt: FETCHED_AT });
    await store.saveNewSignals([signal], 120);
    const item = await rawItem(keys.signal(brand, signal.id));
    expect(item?.expiresAt).toBe(Date.parse(FETCHED_AT) / 1000 + 120 * DAY);
    // The marker holds no text and no expiry.
    const seen = await rawItem(keys.signalSeen(brand, signal.id));
    expect(seen).toMatchObject({ id: signal.id });
    expect(seen).not.toHaveProperty('expiresAt');
    expect(seen).not.toHaveProperty('text');
    expect(seen).not.toHaveProperty('title');
    expect(seen).not.toHaveProperty('author');
    // Reading the signal back gives the signal, without the storage attribute.
    expect(await store.getSignal(signal.id)).toEqual(signal);
  });

  it('gives mentions and scores the expiry of their signal', async () => {
    const { store, brand } = freshStore();
    const id = 'a'.repeat(32);
    const expiry = textExpiresAt(FETCHED_AT, 200);
    await saveScored(store, [scoreOf(id)], [mentionOf(id)], (signalId: string) =>
      signalId === id ? expiry : undefined,
    );
    expect((await rawItem(keys.valueMention(brand, id, 'free-repairs', 'local@1')))?.expiresAt).toBe(expiry);
    expect((await rawItem(keys.score(brand, id, 'local@1')))?.expiresAt).toBe(expiry);
    expect(
      await store.scoresBetween({ from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' }, 'local@1'),
    ).toEqual([scoreOf(id)]);
  });

  it('refuses to store a score whose expiry is unknown rather than keep its quotes for ever', async () => {
    const { store } = freshStore();
    await expect(saveScored(store, [scoreOf('b'.repeat(32))], [], () => undefined)).rejects.toThrow(/no text expiry/);
  });

  it('deletes expired text in local mode, keeps the rest, and never stores an expired signal again', async () => {
    const { store, brand } = freshStore('2026-12-01T00:00:00.000Z');
    const { store: otherBrand } = freshStore('2026-02-01T00:00:00.000Z');
    const old = makeSignal({ key: 'old', fetchedAt: '2026-01-01T00:00:00.000Z' });
    const recent = makeSignal({ key: 'recent', fetchedAt: FETCHED_AT });
    await store.saveNewSignals([old, recent], 100);
    await otherBrand.saveNewSignals([old], 100);
    const expiryOf = (signalId: string) => textExpiresAt(signalId === old.id ? old.fetchedAt : recent.fetchedAt, 100);
    await saveScored(store, [scoreOf(old.id), scoreOf(recent.id)], [mentionOf(old.id), mentionOf(recent.id)], expiryOf);

    // 2026-04-11 is the 100th day after 2026-01-01: the old signal's text has expired, the recent one's not.
    const deleted = await store.deleteExpired(new Date('2026-12-01T00:00:00.000Z'));
    expect(deleted).toBe(3); // the old signal, its mention and its score

    expect(await store.getSignal(old.id)).toBeUndefined();
    expect(await rawItem(keys.valueMention(brand, old.id, 'free-repairs', 'local@1'))).toBeUndefined();
    expect(await rawItem(keys.score(brand, old.id, 'local@1'))).toBeUndefined();
    expect(await store.getSignal(recent.id)).toEqual(recent);
    expect(await store.scoredSignalIds([recent.id], 'local@1')).toEqual(new Set([recent.id]));
    expect(await otherBrand.getSignal(old.id)).toEqual(old);

    // The feed still lists the old item: it is known, so it is not stored (or scored and paid for) again.
    const again = await store.saveNewSignals([{ ...old, fetchedAt: '2026-12-01T00:00:00.000Z' }], 100);
    expect(again).toEqual({ inserted: [], existing: [old.id] });
    expect(await store.getSignal(old.id)).toBeUndefined();

    expect(await store.deleteExpired(new Date('2026-12-01T00:00:00.000Z'))).toBe(0);
  });

  it('hides text that has expired but is not deleted yet, as DynamoDB’s TTL may take days', async () => {
    const { store: before, brand } = freshStore('2026-03-01T00:00:00.000Z');
    const signal = makeSignal({
      key: 'lingering',
      fetchedAt: '2026-01-01T00:00:00.000Z',
      publishedAt: '2026-01-01T00:00:00.000Z',
    });
    await before.saveNewSignals([signal], 100);
    const expiry = textExpiresAt(signal.fetchedAt, 100);
    await saveScored(
      before,
      [{ ...scoreOf(signal.id), publishedAt: signal.publishedAt }],
      [{ ...mentionOf(signal.id), publishedAt: signal.publishedAt }],
      () => expiry,
    );
    const january = { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' };
    expect(await before.signalsBetween(january)).toEqual([signal]);

    // The same table read after the expiry instant: the items are still there, but no read returns them.
    const after = table.store({ brandId: brand, now: () => new Date((expiry + 1) * 1000) });
    expect(await rawItem(keys.signal(brand, signal.id))).toBeDefined();
    expect(await after.getSignal(signal.id)).toBeUndefined();
    expect(await after.getSignals([signal.id])).toEqual([]);
    expect(await after.signalsBetween(january)).toEqual([]);
    expect(await after.signalsBySource(signal.sourceId)).toEqual([]);
    expect(await after.signalIdsBySource(signal.sourceId)).toEqual([]);
    expect(await after.signalCountsByChannel(january)).toEqual({ news: 0, review: 0, social: 0, stance: 0 });
    expect(await before.signalCountsByChannel(january)).toEqual({ news: 0, review: 1, social: 0, stance: 0 });
    expect(await after.valueMentionsBetween('free-repairs', january, 'local@1')).toEqual([]);
    expect(await after.scoresBetween(january, 'local@1')).toEqual([]);
    // Still known: neither stored nor scored again.
    expect(await after.saveNewSignals([signal], 100)).toEqual({ inserted: [], existing: [signal.id] });
    expect(await after.scoredSignalIds([signal.id], 'local@1')).toEqual(new Set([signal.id]));
  });
});
