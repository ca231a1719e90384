// What the csv connector's test files share: the fixture folder, a connector reading it, and a csv
// source with the columns of the fixtures.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCsvConnector } from '#adapters/feeds/csv-connector';
import type { SourceOfKind } from '#domain/profile';
import { ALLOW_LOOPBACK } from '#test/support/local-server';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/connectors/csv/', import.meta.url));
export const connector = createCsvConnector({ baseDir: FIXTURES, allowHosts: ALLOW_LOOPBACK });

export const REVIEW_COLUMNS = {
  id: 'Review ID',
  date: 'Submitted',
  title: 'Headline',
  text: 'Review text',
  rating: 'Stars',
  url: 'Link',
  author: 'Reviewer',
  channel: 'Channel',
  language: 'Lang',
};

export const SURVEY_COLUMNS = { id: 'id', date: 'date', text: 'body', rating: 'stars' };

export function csvSource(
  location: { path: string } | { url: string },
  overrides: Partial<SourceOfKind<'csv'>> = {},
): SourceOfKind<'csv'> {
  return {
    id: 'shop-reviews',
    kind: 'csv',
    channel: 'review',
    schedule: 'daily',
    timezone: 'UTC',
    columns: REVIEW_COLUMNS,
    delimiter: ',',
    ratingBest: 5,
    ...location,
    ...overrides,
  };
}

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
export const fixture = (name: string) => readFile(join(FIXTURES, name));
