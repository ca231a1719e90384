// How long the raw text of a signal is kept. A signal's text (title, body, author) and everything
// that quotes it (value-mention excerpts, key phrases) expire together, a fixed number of days after
// the signal was fetched. What remains afterwards holds no text: a marker that the signal was seen
// (so it is never fetched and paid for again) and the weekly snapshots.

/** Twelve weeks of history in the digest, the week itself and a week's slack. */
export const MIN_TEXT_RETENTION_DAYS = 98;
/** Thirteen months: a year-on-year comparison with a month to spare. */
export const DEFAULT_TEXT_RETENTION_DAYS = 400;
export const MAX_TEXT_RETENTION_DAYS = 3650;

const SECONDS_PER_DAY = 86_400;

/** When the text of a signal fetched at `fetchedAt` expires, in epoch seconds (DynamoDB's TTL unit). */
export function textExpiresAt(fetchedAt: string, retentionDays: number): number {
  return Math.floor(Date.parse(fetchedAt) / 1000) + retentionDays * SECONDS_PER_DAY;
}
