// Numbers, names and the section split the HTML and plain-text digests share, so both say the
// same thing in the same words.
import type { Channel } from '#domain/profile';
import type {
  DigestModel,
  Divergence,
  DivergenceKind,
  Interval,
  SourceCoverage,
  ValueStatus,
} from '#domain/digest-model';
import { brandIdOf } from '#domain/profile';
import { MINUS, signed } from '#domain/alignment/wording';
import { partialWeekText } from '#domain/week-coverage';

/** Net sentiment, or an em dash when there was no evidence. */
export function netText(value: number | null): string {
  return value === null ? '—' : signed(value);
}

export function intervalText(interval: Interval | null): string | null {
  return interval ? `${signed(interval.low)} to ${signed(interval.high)}` : null;
}

export function indexText(value: number | null): string {
  return value === null ? 'n/a' : String(Math.round(value));
}

/** Which way the index moved from last week, or `new` in its first week. */
export type ChangeDirection = 'up' | 'down' | 'flat' | 'new';

export function changeDirection(change: number | null): ChangeDirection {
  if (change === null) return 'new';
  const rounded = Math.round(change);
  if (rounded > 0) return 'up';
  if (rounded < 0) return 'down';
  return 'flat';
}

/** "+3 points", "−9 points", "no change", "first week": the sign is in the words, not only a colour. */
export function changeText(change: number | null): string {
  const direction = changeDirection(change);
  if (change === null || direction === 'new') return 'first week measured';
  if (direction === 'flat') return 'no change from last week';
  const points = Math.abs(Math.round(change));
  return `${direction === 'up' ? '+' : MINUS}${points} point${points === 1 ? '' : 's'} from last week`;
}

const CHANNEL_NAMES: Record<Channel, string> = { news: 'News', review: 'Reviews', social: 'Social', stance: 'Stance' };

export function channelName(channel: Channel): string {
  return CHANNEL_NAMES[channel];
}

const STATUS_LABELS: Record<ValueStatus, string> = {
  delivered: 'Delivered',
  drifting: 'Drifting',
  contradicted: 'Contradicted',
  'not-enough-evidence': 'Not enough evidence',
};

export function statusLabel(status: ValueStatus): string {
  return STATUS_LABELS[status];
}

/** The status text when it says more than the label ("below promise"), else null. */
export function statusDetail(status: ValueStatus, statusText: string): string | null {
  const detail = statusText.trim();
  return detail && detail.toLowerCase() !== STATUS_LABELS[status].toLowerCase() ? detail : null;
}

const KIND_LABELS: Record<DivergenceKind, string> = {
  'say-do-gap': 'Say–do gap',
  eroding: 'Eroding',
  inconsistent: 'Channels disagree',
  'unclaimed-strength': 'Unclaimed strength',
  'stance-backlash': 'Stance backlash',
  'rating-text-mismatch': 'Stars vs words',
  'emerging-topic': 'Emerging topic',
  'review-burst': 'Burst of reviews',
};

export function kindLabel(kind: DivergenceKind): string {
  return KIND_LABELS[kind];
}

const KIND_NOUNS: Record<DivergenceKind, [one: string, many: string]> = {
  'say-do-gap': ['say–do gap', 'say–do gaps'],
  eroding: ['eroding value', 'eroding values'],
  inconsistent: ['channel disagreement', 'channel disagreements'],
  'unclaimed-strength': ['unclaimed strength', 'unclaimed strengths'],
  'stance-backlash': ['stance backlash', 'stance backlashes'],
  'rating-text-mismatch': ['mismatch of stars and words', 'mismatches of stars and words'],
  'emerging-topic': ['emerging topic', 'emerging topics'],
  'review-burst': ['burst of near-identical top-rated reviews', 'bursts of near-identical top-rated reviews'],
};

/** "…and 335 more bursts of near-identical top-rated reviews, each less severe than those above." */
export function moreFlagsText(more: { kind: DivergenceKind; count: number }): string {
  const [one, many] = KIND_NOUNS[more.kind];
  const each = more.count === 1 ? '' : 'each ';
  return `…and ${countText(more.count, `more ${one}`, `more ${many}`)}, ${each}less severe than those above.`;
}

const OUTCOME_LABELS: Record<SourceCoverage['outcome'], string> = {
  new: 'fetched',
  unchanged: 'unchanged',
  failed: 'failed',
  'never-read': 'never read',
};

export function outcomeLabel(outcome: SourceCoverage['outcome']): string {
  return OUTCOME_LABELS[outcome];
}

/** "20 Nov 2026" in the digest's time zone; the raw text when it is not a date. */
export function dateText(iso: string | null, timeZone: string): string {
  if (!iso) return 'never';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(time);
}

/** "23 Nov 2026, 08:00 Europe/London". */
export function dateTimeText(iso: string, timeZone: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const day = dateText(iso, timeZone);
  const clock = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(time);
  return `${day}, ${clock} ${timeZone}`;
}

/** "1,234 signals": a count with its noun, the count grouped in thousands as the digest prints counts. */
export function countText(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

/** How many divergences the digest shows in full, with their quotes. */
/** "2 items set aside as not about Fernhill Bikes (or its competitors) (all time)", without the end. */
export function offBrandText(model: Pick<DigestModel, 'brandName' | 'comparison' | 'coverage'>): string {
  const whom = model.comparison === null ? model.brandName : `${model.brandName} or its competitors`;
  return `${countText(model.coverage.offBrand, 'item')} set aside as not about ${whom} (all time)`;
}

export const FULL_DIVERGENCES = 3;
/** How many findings of one kind "Also flagged" shows; the rest are counted in one line. */
export const ALSO_FLAGGED_PER_KIND = 5;
/** How many quotes a divergence shows. */
export const QUOTES_PER_DIVERGENCE = 3;

/** The undeclared-themes section when it has no theme: one line, so the reader knows it was looked at. */
export const UNDECLARED_NONE =
  'Nothing else came up often enough: what customers raised in these weeks is covered by your declared values or flagged above.';

/**
 * The divergences shown in full (the first few, in the model's order, that are not emerging
 * topics) and the other flags listed compactly after them, at most ALSO_FLAGGED_PER_KIND of a kind;
 * the rest of each kind are counted in `more`.
 */
export function splitDivergences(model: DigestModel): {
  full: Divergence[];
  other: Divergence[];
  more: Array<{ kind: DivergenceKind; count: number }>;
} {
  const full: Divergence[] = [];
  const other: Divergence[] = [];
  const shown = new Map<DivergenceKind, number>();
  const more = new Map<DivergenceKind, number>();
  for (const divergence of model.divergences) {
    if (divergence.kind !== 'emerging-topic' && full.length < FULL_DIVERGENCES) {
      full.push(divergence);
      continue;
    }
    // A big brand can have hundreds of one kind (bursts of five-star reviews): the e-mail names the
    // most severe few of each and counts the rest, so it stays a short read within mail clients' size limits.
    const count = shown.get(divergence.kind) ?? 0;
    if (count < ALSO_FLAGGED_PER_KIND) {
      shown.set(divergence.kind, count + 1);
      other.push(divergence);
    } else more.set(divergence.kind, (more.get(divergence.kind) ?? 0) + 1);
  }
  return { full, other, more: [...more].map(([kind, count]) => ({ kind, count })) };
}

/** "fernhill-bikes": the brand name as a file-name and Message-ID part (the profile's default brand id). */
export function brandSlug(brandName: string): string {
  return brandIdOf(brandName);
}

/** The ISO week made safe for a file name (it comes from the model, so it is checked, not trusted). */
export function weekSlug(week: string): string {
  return (
    week
      .replace(/[^A-Za-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 20) || 'week'
  );
}

/** "1 contradicted · 1 drifting · 2 delivered · 1 without enough evidence", most serious first. */
export function statusSummary(model: DigestModel): string {
  const order: ValueStatus[] = ['contradicted', 'drifting', 'delivered', 'not-enough-evidence'];
  return order
    .map((status) => {
      const count = model.values.filter((row) => row.status === status).length;
      if (count === 0) return null;
      return status === 'not-enough-evidence'
        ? `${count} without enough evidence`
        : `${count} ${STATUS_LABELS[status].toLowerCase()}`;
    })
    .filter((part): part is string => part !== null)
    .join(' · ');
}

/** Total of the signals by channel. */
export function signalTotal(model: DigestModel): number {
  return Object.values(model.coverage.signalsByChannel).reduce((sum, count) => sum + count, 0);
}

/**
 * The index's change in words for the week's digest: none is stated for a week without an index,
 * nor for a partial week, whose index moves with the days it lacks.
 */
export function indexChangeText(model: Pick<DigestModel, 'index' | 'period'>): string {
  if (model.index.value === null) return 'no index this week';
  if (model.period.partial) return 'no change stated: partial week';
  return changeText(model.index.change);
}

/** "partial: 2 of 7 days" for a week the data covers only in part, else null. */
export function partialText(period: DigestModel['period']): string | null {
  return partialWeekText({ coveredDays: period.coveredDays, complete: !period.partial });
}
