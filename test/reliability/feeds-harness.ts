// What the feed fault files share. Every case runs real ingestion over two sources: `steady`, a good
// feed file, and `faulty`, served by a local server with the fault. Each case pins what the user sees
// for the faulty source (the exact message naming it and what happens next, or exactly what was
// kept), that the steady source was stored all the same, and that running again loses nothing and
// stores nothing twice. docs/reliability.md lists the cases.
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, expect } from 'vitest';
import { connectorRegistry } from '#adapters/feeds/connectors';
import { DEFAULT_HTTP_LIMITS } from '#adapters/feeds/http-get';
import { ingest, type IngestReport, type SourceReport } from '#app/ingest';
import type { ProfileInput } from '#domain/profile';
import type { Signal } from '#domain/signal';
import { ALLOW_LOOPBACK, localServers, type LocalServer } from '#test/support/local-server';
import { useLocalTable } from '#test/support/local-table';
import { makeProfile } from '#test/support/profile';

export const NOW = new Date('2026-11-23T12:00:00.000Z');

// ---- fixtures ---------------------------------------------------------------------------------

export interface ItemParts {
  guid?: string;
  link?: string;
  title: string;
  text: string;
  date?: string;
}

export function item(parts: ItemParts): string {
  return [
    '<item>',
    `<title>${parts.title}</title>`,
    parts.guid === undefined ? '' : `<guid isPermaLink="false">${parts.guid}</guid>`,
    parts.link === undefined ? '' : `<link>${parts.link}</link>`,
    `<pubDate>${parts.date ?? 'Tue, 17 Nov 2026 10:00:00 GMT'}</pubDate>`,
    `<description>${parts.text}</description>`,
    '</item>',
  ].join('');
}

export function rss(items: string[], prolog = '<?xml version="1.0" encoding="UTF-8"?>'): string {
  return `${prolog}\n<rss version="2.0"><channel><title>Reviews</title><link>https://reviews.example/</link>${items.join('')}</channel></rss>\n`;
}

const STEADY_FEED = rss(
  [1, 2, 3].map((n) =>
    item({ guid: `steady-${n}`, title: `Steady review ${n}`, text: `The mechanic fixed my bike, visit ${n}.` }),
  ),
);

// ---- the harness ------------------------------------------------------------------------------

export interface Outcome {
  first: IngestReport;
  again: IngestReport;
  faulty: SourceReport;
  steady: SourceReport;
  faultyAgain: SourceReport;
  /** Everything stored for the faulty source after both runs. */
  stored: Signal[];
  /** Signals of both sources after both runs. */
  all: Signal[];
}

export type Faulty = { url: string } | { kind: 'reddit'; baseUrl: string };

export const xml =
  (body: string | Buffer, type = 'application/rss+xml; charset=utf-8') =>
  (_request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(200, { 'content-type': type });
    response.end(body);
  };

/** What every failing case shares: the other source stored all the same, nothing stored twice on the rerun. */
export function expectOthersUnharmed(outcome: Outcome): void {
  expect(outcome.steady).toMatchObject({ outcome: 'new', new: 3 });
  expect(outcome.again.sources.find((source) => source.sourceId === 'steady')).toMatchObject({
    outcome: 'unchanged',
    new: 0,
  });
  const ids = outcome.all.map((signal) => signal.id);
  expect(new Set(ids).size).toBe(ids.length);
}

export function expectFailure(outcome: Outcome, message: string, retryable: boolean): void {
  expect(outcome.faulty.outcome).toBe('failed');
  expect(outcome.faulty.error).toEqual({ message, retryable });
  expect(outcome.faultyAgain.outcome).toBe('failed');
  expect(outcome.stored).toEqual([]);
  expectOthersUnharmed(outcome);
}

export const VALIDATOR_ADVICE =
  'check it at https://validator.w3.org/feed/ and tell its publisher; fix the source and run again';
export const TRUNCATED = `source \`faulty\`: not a readable RSS or Atom feed: the XML ends before the feed does (the feed was cut short); ${VALIDATOR_ADVICE}`;
export const UNKNOWN_ENTITY =
  'source `faulty`: not a readable RSS or Atom feed: it uses an entity XML does not allow (an unknown &name;, or &#...; for a ' +
  `control character), at line 2, column 110; ${VALIDATOR_ADVICE}`;
export const NO_CHANNEL = `source \`faulty\`: not a readable RSS or Atom feed: it has no <channel> element and no items; ${VALIDATOR_ADVICE}`;
export const PUBLISHER_ADVICE = "tell the feed's publisher (https://validator.w3.org/feed/ shows what is wrong)";
export const LINK_WITHOUT_ADDRESS =
  'source `faulty`: 1 item kept without a broken part: entry 3 has a <link> with no href and no web address as its text, ' +
  `so it has no link; ${PUBLISHER_ADVICE}`;
export const CONTROL_CHARACTER_IN_MARKUP =
  'source `faulty`: 1 item kept without a broken part: entry 2 has markup that could not be read in its <content>, ' +
  `so that was read as plain text; ${PUBLISHER_ADVICE}`;
export const DEEP_LITERAL_MARKUP =
  'source `faulty`: 1 item kept without a broken part: item 2 nests markup more than 256 deep in its <description>, ' +
  `so that was read as plain text; ${PUBLISHER_ADVICE}`;
export const ENTITY_REFUSED =
  'source `faulty`: the feed declares its own XML entities (<!ENTITY ...>), which are refused: they are how entity-expansion ' +
  'and external-entity attacks work; ask its publisher for a plain feed; fix the source and run again';
export const UNREADABLE_DATE_OUTCOME = [
  ['Kept.', 'feed'],
  ['Lost date.', 'fetch-time'],
];

/** Registers the table, the steady feed and the servers of a fault file, and returns how to run a case. */
export function useFeedFaults() {
  const servers = localServers();
  const table = useLocalTable();
  const feedDir = mkdtempSync(join(tmpdir(), 'congruence-reliability-'));
  beforeAll(async () => {
    writeFileSync(join(feedDir, 'steady.xml'), STEADY_FEED);
  });
  afterEach(() => servers.closeAll());

  async function ingestTwice(faulty: Faulty): Promise<Outcome> {
    const faultySource =
      'url' in faulty
        ? { id: 'faulty', kind: 'rss' as const, url: faulty.url, channel: 'review' as const }
        : {
            id: 'faulty',
            kind: 'reddit' as const,
            query: 'Fernhill',
            baseUrl: faulty.baseUrl,
            maxPages: 3,
            channel: 'review' as const,
          };
    const sources: ProfileInput['sources'] = [
      { id: 'steady', kind: 'rss', path: 'steady.xml', channel: 'review' },
      faultySource,
    ];
    const profile = makeProfile(sources);
    const store = table.store();
    const connectorFor = connectorRegistry({
      baseDir: feedDir,
      allowHosts: ALLOW_LOOPBACK,
      limits: { ...DEFAULT_HTTP_LIMITS, timeoutMs: 1_500 },
      api: { pageDelayMs: 0, sleep: async () => undefined },
    });
    const first = await ingest(profile, { store, connectorFor, now: () => NOW });
    const again = await ingest(profile, { store, connectorFor, now: () => NOW });
    const byId = (report: IngestReport, id: string) =>
      report.sources.find((source) => source.sourceId === id) as SourceReport;
    return {
      first,
      again,
      faulty: byId(first, 'faulty'),
      steady: byId(first, 'steady'),
      faultyAgain: byId(again, 'faulty'),
      stored: await store.signalsBySource('faulty'),
      all: [...(await store.signalsBySource('steady')), ...(await store.signalsBySource('faulty'))],
    };
  }

  /** A server answering every request with `respond`. */
  async function serving(respond: (request: IncomingMessage, response: ServerResponse) => void): Promise<LocalServer> {
    return servers.serve(respond);
  }

  /** Ingests a feed served with `type`, expecting it stored, and returns the faulty source's outcome. */
  async function storedFrom(body: string | Buffer, type?: string): Promise<Outcome> {
    const server = await serving(xml(body, type));
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expect(outcome.faulty.outcome).toBe('new');
    expect(outcome.faultyAgain.outcome).toBe('unchanged');
    expectOthersUnharmed(outcome);
    return outcome;
  }

  return { ingestTwice, serving, storedFrom };
}
