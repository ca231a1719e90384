// What the feed parser's test files share: the feed fixtures we wrote, read and parsed as one source.
import { readFile } from 'node:fs/promises';
import { parseRssFeed } from '#adapters/feeds/rss-parse';

export const SOURCE = 'fixture-feed';
export const PUBLISHER_ADVICE = "tell the feed's publisher (https://validator.w3.org/feed/ shows what is wrong)";

export function fixture(name: string): Promise<string> {
  return readFile(new URL(`../../fixtures/feeds/${name}`, import.meta.url), 'utf8');
}

export async function parseFixture(name: string) {
  return parseRssFeed(SOURCE, await fixture(name));
}
