// Ingest with privacy.redact: personal data is replaced after the relevance checks and before
// storing, with the pattern redactor unless another is given; ids never change, and the report
// counts the stored signals that had something replaced. Ingestion and scoring agree on which
// signals are about the brand, redaction or not.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createLocalAnalyzer } from '#adapters/analyzers/local/local-analyzer';
import { connectorRegistry } from '#adapters/feeds/connectors';
import type { DynamoStore } from '#adapters/store/dynamo-store';
import { ingest, type IngestDeps } from '#app/ingest';
import { score } from '#app/score';
import type { Redactor } from '#domain/ports';
import type { ProfileInput } from '#domain/profile';
import { patternRedactor, pseudonymFor } from '#domain/redaction';
import type { Signal } from '#domain/signal';
import { useLocalTable } from '#test/support/local-table';
import { makeProfile } from '../support/profile';

const FEED = 'rss2-personal-data.xml';
const table = useLocalTable();
let store: DynamoStore;
let feedDir: string;

beforeEach(() => {
  store = table.store();
  feedDir = mkdtempSync(join(tmpdir(), 'congruence-redaction-'));
  copyFileSync(join(process.cwd(), 'test/fixtures/feeds', FEED), join(feedDir, FEED));
});

const profileWith = (overrides: Partial<ProfileInput> = {}) =>
  makeProfile([{ id: 'reviews', kind: 'rss', path: FEED, channel: 'review' }], overrides);

function run(overrides: Partial<ProfileInput> = {}, deps: Partial<IngestDeps> = {}) {
  return ingest(profileWith(overrides), {
    store,
    connectorFor: connectorRegistry({ baseDir: feedDir }),
    now: () => new Date('2026-11-23T10:00:00.000Z'),
    ...deps,
  });
}

const byTitle = (signals: Signal[]) => Object.fromEntries(signals.map((signal) => [signal.title, signal]));

/** A redactor that records what it was given, and otherwise does what the patterns do. */
function recordingRedactor(extra: Partial<Redactor> = {}): Redactor & { calls: Signal[][] } {
  const calls: Signal[][] = [];
  return {
    name: 'recording',
    calls,
    redact: async (signals, context) => {
      calls.push(signals);
      return patternRedactor.redact(signals, context);
    },
    ...extra,
  };
}

describe('ingesting with privacy.redact on (the default)', () => {
  it('stores e-mail, phone and handles as placeholders and reviewers as pseudonyms, keeping dates, order numbers and the brand’s handle', async () => {
    const report = await run();
    expect(report.sources[0]).toMatchObject({ outcome: 'new', items: 3, new: 3, redacted: 2, redactionFallbacks: 0 });

    const stored = byTitle(await store.signalsBySource('reviews'));
    const priya = pseudonymFor('fernhill-bikes', 'Priya S.');
    expect(stored['Call me back on [phone]']).toMatchObject({
      text: 'Repair booked on 2026-11-10, order 123-456-7890. Mail me at [email] or ping [handle]; thanks @fernhillbikes!',
      author: priya,
      url: 'https://reviews.example/r/101',
    });
    // The same reviewer twice: the same pseudonym, so repeat reviews are still seen as one person's.
    expect(stored['Quick repair']).toMatchObject({ text: 'Fixed in 20 minutes for £15. 5 stars.', author: priya });
    expect(stored['Nothing personal here']).toMatchObject({ text: 'Great shop, fair prices.', author: null });
  });

  it('keeps every signal id as it would be without redaction', async () => {
    await run();
    const redactedIds = (await store.signalsBySource('reviews')).map((signal) => signal.id).sort();
    store = table.store();
    await run({ privacy: { redact: false } });
    const plainIds = (await store.signalsBySource('reviews')).map((signal) => signal.id).sort();
    expect(redactedIds).toEqual(plainIds);
  });

  it('redacts with the redactor it is given, and reports its fallbacks', async () => {
    const redactor = recordingRedactor({
      redact: async (signals, context) => ({ ...(await patternRedactor.redact(signals, context)), fallbacks: 1 }),
    });
    const report = await run({}, { redactor });
    expect(report.sources[0]).toMatchObject({ new: 3, redacted: 2, redactionFallbacks: 1 });
  });

  it('gives the redactor only the relevant signals, once each, with the brand’s context', async () => {
    const redactor = recordingRedactor();
    const seen: unknown[] = [];
    const report = await run(
      {},
      {
        redactor: {
          ...redactor,
          redact: (signals, context) => {
            seen.push(context);
            return redactor.redact(signals, context);
          },
        },
      },
    );
    expect(
      redactor.calls
        .flat()
        .map((signal) => signal.title)
        .sort(),
    ).toEqual(['Call me back on 07700 900123', 'Nothing personal here', 'Quick repair']);
    expect(seen).toEqual([
      {
        brandId: 'fernhill-bikes',
        brandHandles: ['@fernhillbikes'],
        brandDomains: ['fernhillbikes.example'],
        publicNames: ['Fernhill Bikes', 'Fernhill'],
      },
    ]);
    expect(report.sources[0]?.new).toBe(3);
  });

  it('redacts only the signals stored for the first time, so a paid redactor is paid once per signal', async () => {
    await run();
    const file = join(feedDir, FEED);
    const added = `<item><title>Again</title><link>https://reviews.example/r/104</link><guid>review-104</guid><pubDate>Fri, 13 Nov 2026 09:00:00 GMT</pubDate><dc:creator>Sam K.</dc:creator><description>Lovely staff.</description></item>`;
    writeFileSync(file, readFileSync(file, 'utf8').replace('</channel>', `${added}</channel>`));
    const redactor = recordingRedactor();
    const again = await run({}, { redactor });
    expect(again.sources[0]).toMatchObject({ new: 1, alreadyStored: 3, redacted: 1 });
    expect(redactor.calls.flat().map((signal) => signal.title)).toEqual(['Again']);
  });

  it('fails the source and stores nothing when a redactor hands back other signals than it was given', async () => {
    const broken = recordingRedactor({
      redact: async (signals) => ({
        signals: signals.map((signal) => ({ ...signal, id: 'f'.repeat(32) })),
        counts: signals.map(() => ({})),
        fallbacks: 0,
      }),
    });
    const report = await run({}, { redactor: broken });
    expect(report.sources[0]).toMatchObject({ outcome: 'failed', new: 0 });
    expect(report.sources[0]?.error?.message).toMatch(/redactor recording returned other signals/);
    expect(await store.signalsBySource('reviews')).toEqual([]);
  });
});

describe('ingesting with privacy.redact off', () => {
  it('stores the text and authors as written and never calls the redactor', async () => {
    const redactor = recordingRedactor();
    const report = await run({ privacy: { redact: false } }, { redactor });
    expect(report.sources[0]).toMatchObject({ new: 3, redacted: 0, redactionFallbacks: 0 });
    expect(redactor.calls).toEqual([]);
    const stored = byTitle(await store.signalsBySource('reviews'));
    expect(stored['Call me back on 07700 900123']).toMatchObject({
      author: 'Priya S.',
      text: expect.stringContaining('priya.s@example.com or ping @priya_rides'),
    });
  });
});

describe('ingesting social posts, then scoring them', () => {
  const SOCIAL_FEED = 'rss2-social-handles.xml';

  async function ingestThenScore(redact: boolean) {
    copyFileSync(join(process.cwd(), 'test/fixtures/feeds', SOCIAL_FEED), join(feedDir, SOCIAL_FEED));
    const profile = makeProfile([{ id: 'social', kind: 'rss', path: SOCIAL_FEED, channel: 'social' }], {
      privacy: { redact },
    });
    const ingested = await ingest(profile, {
      store,
      connectorFor: connectorRegistry({ baseDir: feedDir }),
      now: () => new Date('2026-11-23T10:00:00.000Z'),
    });
    const scored = await score(profile, { store, analyzer: createLocalAnalyzer() });
    return { source: ingested.sources[0], scored, stored: byTitle(await store.signalsBySource('social')) };
  }

  it.each([true, false])('scores every post ingestion kept as about the brand (privacy.redact %s)', async (redact) => {
    const { source, scored } = await ingestThenScore(redact);
    // Kept: the brand's handle before an ellipsis or a possessive, its support address, its
    // Mastodon handle. Dropped: the name inside someone else's handle or address, and no mention.
    expect(source).toMatchObject({ items: 7, new: 4, offBrand: 3 });
    expect(scored).toMatchObject({ signals: 4, scored: 4, offBrand: 0, failed: 0 });
  });

  it('stores the brand’s handle and the words after it, and the brand’s domain of an address', async () => {
    const { stored } = await ingestThenScore(true);
    expect(
      Object.values(stored)
        .map((signal) => signal.text)
        .sort(),
    ).toEqual([
      '@fernhillbikes...do you still have my order? The repair was promised for Friday.',
      'Emailed [email]@fernhillbikes.example twice about my repair, no answer yet.',
      "Loving the repair from @fernhillbikes's Leeds shop!! Free, as promised.",
      'RT [handle]: my @FernhillBikes@mastodon.social repair was free and quick',
    ]);
  });
});
