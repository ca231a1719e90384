// Retention settings for tests that store signals and scores without testing expiry itself.
import { MAX_TEXT_RETENTION_DAYS } from '#domain/retention';

/**
 * The longest text retention, in days. The store hides expired text from reads, and test signals
 * carry fixed fetch dates (2026), so their text must outlive the years the tests will be run in.
 */
export const RETAIN_DAYS = MAX_TEXT_RETENTION_DAYS;
/** An expiry far beyond any test's clock (2100-01-01, epoch seconds), for scores saved directly. */
export const TEXT_EXPIRES_AT = Date.UTC(2100, 0, 1) / 1000;
