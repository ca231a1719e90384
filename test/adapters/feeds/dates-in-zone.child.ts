// Reads dated fixtures the way ingestion does (connector, then signal) and prints the instants as
// JSON, with the machine's own time zone and language: dates-across-time-zones.test.ts runs it as a
// child process under several TZ and LANG settings, which a test inside one process cannot change.
import { fileURLToPath } from 'node:url';
import { createCsvConnector } from '#adapters/feeds/csv-connector';
import { formatReader, instantOf, readFeedDate } from '#adapters/feeds/dates';
import { createJsonFeedConnector } from '#adapters/feeds/jsonfeed-connector';
import { createRssConnector } from '#adapters/feeds/rss-connector';
import { toSignal } from '#domain/feed-item';
import { SourceSchema, type Source } from '#domain/profile';
import type { SourceConnector } from '#domain/ports';
import { drain } from '#test/support/drain';

const FIXTURES = fileURLToPath(new URL('../../fixtures/connectors/', import.meta.url));
const FETCHED_AT = new Date('2026-11-23T10:00:00.000Z');

const POST_COLUMNS = { id: 'id', date: 'posted', text: 'text' };
// Parsed by the profile schema, so a source without a timezone gets the default one.
const SOURCES = [
  {
    id: 'month-first',
    kind: 'csv',
    channel: 'social',
    path: 'csv/customer-posts-month-first.csv',
    columns: POST_COLUMNS,
  },
  {
    id: 'day-first-declared',
    kind: 'csv',
    channel: 'social',
    path: 'csv/customer-posts-day-first.csv',
    columns: POST_COLUMNS,
    dateFormat: 'DD/MM/YYYY HH:mm',
    timezone: 'Europe/London',
  },
  {
    id: 'mixed-layouts',
    kind: 'csv',
    channel: 'social',
    path: 'csv/customer-posts-unreadable-dates.csv',
    columns: POST_COLUMNS,
  },
  { id: 'zone-less-jsonfeed', kind: 'jsonfeed', channel: 'social', path: 'jsonfeed/zone-less-dates.json' },
  { id: 'zone-less-rss', kind: 'rss', channel: 'news', path: 'rss/zone-less-dates.xml' },
  { id: 'zone-less-atom', kind: 'rss', channel: 'stance', path: 'rss/zone-less-dates.atom', timezone: 'Europe/London' },
].map((source) => SourceSchema.parse(source));

const options = { baseDir: FIXTURES };
const connectors: Partial<Record<Source['kind'], SourceConnector>> = {
  csv: createCsvConnector(options) as SourceConnector,
  jsonfeed: createJsonFeedConnector(options) as SourceConnector,
  rss: createRssConnector(options) as SourceConnector,
};

async function publishedAt(source: Source): Promise<string[]> {
  const connector = connectors[source.kind];
  if (!connector) throw new Error(`no connector for ${source.kind} in this program`);
  const { items } = await drain(await connector.read(source, {}));
  const context = { sourceId: source.id, channel: source.channel, fetchedAt: FETCHED_AT, language: 'en' };
  return items.map((item) => toSignal(item, context).publishedAt);
}

const read = (text: string, zone: string) => {
  const date = readFeedDate(text, zone);
  return date ? instantOf(date) : 'unreadable';
};

const signals: Record<string, string[]> = {};
for (const source of SOURCES) signals[source.id] = await publishedAt(source);

process.stdout.write(
  JSON.stringify({
    machine: {
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      locale: Intl.DateTimeFormat().resolvedOptions().locale,
    },
    signals,
    feedDates: [
      read('2026-11-02T09:15:00', 'UTC'),
      read('2026-11-02 09:15', 'UTC'),
      read('Wed, 04 Nov 2026 12:00:00', 'UTC'),
      read('Wed, 04 Nov 2026 12:00:00 GMT', 'Asia/Tokyo'),
      instantOf(formatReader('D MMM YYYY, h:mm A').read('3 Feb 2015, 9:05 PM', 'UTC')),
    ],
  }),
);
