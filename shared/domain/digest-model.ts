// The digest as data: everything the weekly e-mail shows, already computed and worded, with no
// markup. The HTML, plain-text and chart renderers read only this; untrusted text in it (quotes,
// titles, author names, topics) is raw and must be escaped by whoever renders it.
import type { Channel } from './profile';

export type ValueStatus = 'delivered' | 'drifting' | 'contradicted' | 'not-enough-evidence';

export interface Interval {
  low: number;
  high: number;
}

export interface TrendPoint {
  /** ISO week, e.g. "2026-W47". */
  week: string;
  /** Net sentiment that week (-1..1), null when the week had no mentions. */
  net: number | null;
  interval: Interval | null;
  mentions: number;
}

export interface ChannelFigure {
  channel: Channel;
  mentions: number;
  net: number | null;
}

export interface ValueRow {
  id: string;
  label: string;
  promise: string;
  status: ValueStatus;
  /** One short phrase for the status, e.g. "delivered", "below promise", "not enough evidence (6 of 10 mentions)". */
  statusText: string;
  mentions: number;
  /** Delivered net sentiment this week, -1..1; null when there were no mentions. */
  net: number | null;
  interval: Interval | null;
  /** The expectation in words, e.g. "net ≥ +0.30". */
  expectedText: string;
  /** Delivered minus expected net sentiment; null without evidence. */
  gap: number | null;
  channels: ChannelFigure[];
  /** Oldest first, ending with the digest's week. */
  trend: TrendPoint[];
  /** Expected net sentiment to draw as a line on the chart, when the profile sets one. */
  expectedNet: number | null;
  /** Content-ID of this value's trend chart image in the e-mail. */
  chartId: string;
}

export type DivergenceKind =
  | 'say-do-gap'
  | 'eroding'
  | 'inconsistent'
  | 'unclaimed-strength'
  | 'stance-backlash'
  | 'rating-text-mismatch'
  | 'emerging-topic'
  | 'review-burst';

export interface Evidence {
  /** The sentence or clause quoted, as written by its author (untrusted). */
  quote: string;
  /** Link to the source item; only http(s), else null. */
  url: string | null;
  /** Title of the item (untrusted), for the link text. */
  title: string;
  sourceId: string;
  channel: Channel;
  /** Author as stored (already pseudonymised where the profile asks), or null. */
  author: string | null;
  publishedAt: string;
  /** Star rating of a review, e.g. "1/5", or null. */
  rating: string | null;
  /**
   * For a quote matched to its value by meaning rather than by an aspect word: which words made the
   * match, e.g. `“technician” ≈ mechanic (0.67)` (the words are the author's: untrusted). Else null.
   */
  matchedByMeaning: string | null;
}

export interface Divergence {
  kind: DivergenceKind;
  /** The value concerned, when there is one. */
  valueId: string | null;
  /** One line a CMO reads first, e.g. "“Free repairs for life” contradicted in reviews". */
  title: string;
  /** The rule and the numbers behind it, e.g. "net −0.62 (90% CI −0.80 to −0.41) vs promise ≥ +0.30, 18 mentions". */
  explanation: string;
  /** Two or three quotes with links. */
  evidence: Evidence[];
}

/** A theme customers raise that no declared value covers (the alignment report's UndeclaredTheme, with linked quotes). */
export interface UndeclaredThemeRow {
  /** How customers write it, e.g. "group rides" (untrusted). */
  label: string;
  direction: 'negative' | 'positive';
  signals: number;
  authors: number;
  /** Whether `authors` is an estimate (beyond 48 distinct authors); the figures then say "about". */
  authorsEstimated: boolean;
  /** Share of its signals in its direction, and that share's interval. */
  share: number;
  interval: Interval | null;
  trend: 'rising' | 'falling' | 'steady';
  /** Signals per week of the window, oldest first. */
  perWeek: number[];
  /** The figures in words, e.g. "24 reviews and posts, 21 authors · 83% negative (90% CI 67% to 92%) · rising: 2, 3, 8, 11 a week". */
  figures: string;
  /** Two or three quotes with links. */
  evidence: Evidence[];
}

export interface SourceCoverage {
  sourceId: string;
  channel: Channel;
  /** Outcome of the most recent fetch. */
  outcome: 'new' | 'unchanged' | 'failed' | 'never-read';
  lastCheckedAt: string | null;
  /** The error of the last fetch, when it failed (already worded for people). */
  error: string | null;
}

/** How a competitor, or the brand, stands on one declared value: this week and each week of the history. */
export interface EntityValueFigure {
  valueId: string;
  label: string;
  /** The entity's mentions this week on the value's channels (the channels are the same for every entity). */
  mentions: number;
  net: number | null;
  interval: Interval | null;
  /** Oldest first, ending with the digest's week. */
  trend: TrendPoint[];
}

/** A competitor's figure on a value, with how it compares with the brand's this week. */
export interface CompetitorValueFigure extends EntityValueFigure {
  /** Its net minus the brand's, and that difference's interval; null without mentions on a side. */
  difference: number | null;
  differenceInterval: Interval | null;
  /** Ahead of or behind the brand beyond the margin of error, with minMentions on both sides. */
  standing: 'ahead' | 'behind' | 'level' | 'not-enough-evidence';
  /** Weeks in a row, up to this one, its net was above the brand's, both with minMentions mentions. */
  weeksAbove: number;
}

/** An entity's voice on a customer channel this week: signals naming it, and its share of all entities'. */
export interface VoiceFigure {
  channel: Channel;
  signals: number;
  negative: number;
  positive: number;
  /** Share of the signals naming the brand or a competitor on the channel; null when there were none. */
  share: number | null;
}

/** The brand's voice on a channel, with its interval, its share of negative and positive voice, and its trend. */
export interface BrandVoiceFigure extends VoiceFigure {
  shareInterval: Interval | null;
  negativeShare: number | null;
  positiveShare: number | null;
  /** The brand's share per week, oldest first. */
  trend: Array<{ week: string; share: number | null; signals: number }>;
  /** The last weeks' share against the earlier weeks'. */
  change: {
    recentShare: number | null;
    earlierShare: number | null;
    difference: number | null;
    interval: Interval | null;
    direction: 'falling' | 'rising' | 'steady' | 'not-enough-evidence';
  };
}

/** A quote in a comparison, with whom it is about. */
export interface ComparisonEvidence extends Evidence {
  /** The brand's or the competitor's name the quote speaks of. */
  about: string;
}

export interface ComparisonFindingRow {
  kind: 'competitor-ahead' | 'losing-share-of-voice' | 'brand-leads';
  valueId: string | null;
  channel: Channel | null;
  title: string;
  explanation: string;
  evidence: ComparisonEvidence[];
}

/** "How you compare": the brand against its competitors on its own values, and share of voice. */
export interface ComparisonSection {
  brand: {
    id: string;
    name: string;
    values: EntityValueFigure[];
    shareOfVoice: BrandVoiceFigure[];
    comprehendUnits: number;
  };
  competitors: Array<{
    id: string;
    name: string;
    values: CompetitorValueFigure[];
    shareOfVoice: VoiceFigure[];
    /** Comprehend units billed (or estimated) this week for signals about competitors only, this one's part. */
    comprehendUnits: number;
  }>;
  /** Ahead, losing voice, leads: most important first. */
  findings: ComparisonFindingRow[];
  /** Content-ID of each value's comparison chart in the e-mail, by value id. */
  chartIds: Record<string, string>;
  /**
   * Weeks in which an entity had fewer mentions of a value than this are left out of its line on
   * the chart (a net from two mentions swings from −1 to +1); this week's dot and interval are always drawn.
   */
  chartMinMentions: number;
  /** The rules, in words. */
  rule: string;
}

export interface DigestModel {
  brandName: string;
  /** ISO week, e.g. "2026-W47". */
  week: string;
  /** The week in words, e.g. "16–22 November 2026". */
  weekLabel: string;
  /** IANA time zone the digest's dates are shown in (the profile's digest.timezone). */
  timeZone: string;
  subject: string;
  /** The headline the subject states, e.g. "“Free repairs for life” contradicted in reviews". */
  headline: string;
  index: {
    /** Brand Alignment Index 0..100; null when no value had enough evidence. */
    value: number | null;
    /** Change from the previous week's index, in points; null when there is no previous index or the week is partial. */
    change: number | null;
  };
  /**
   * How much of the week the stored data covers: a week that is not over, or in which the data
   * starts or stops, is partial, and its index change from the week before is not stated.
   */
  period: {
    /** Days of the week (0..7) covered by some source's data. */
    coveredDays: number;
    partial: boolean;
    /** Signals published in the week, all channels. */
    signals: number;
  };
  values: ValueRow[];
  /** Ordered most important first; the renderer shows the first few in full. */
  divergences: Divergence[];
  /** "What customers talk about that you did not declare": largest themes first, each way. */
  undeclared: {
    /** The days the themes come from, e.g. "26 Oct–22 Nov". */
    period: string;
    negative: UndeclaredThemeRow[];
    positive: UndeclaredThemeRow[];
    /** How themes are chosen, in words. */
    rule: string;
  };
  /** How the brand compares with its competitors; null when the profile declares none. */
  comparison: ComparisonSection | null;
  coverage: {
    sources: SourceCoverage[];
    /** Signals published in the digest's week, by channel. */
    signalsByChannel: Record<Channel, number>;
    /** Signals dropped as not about the brand (all time, from ingestion). */
    offBrand: number;
    analyzer: string;
    /** Billable units Amazon Comprehend charged (or would charge) for this week's signals, the competitors' included. */
    comprehendUnits: number;
    comprehendUnitsEstimated: boolean;
    generatedAt: string;
  };
  /** How the index and the intervals are computed, printed in the footer. */
  method: {
    indexFormula: string;
    intervalMethod: string;
    minMentions: number;
    confidence: number;
  };
}
