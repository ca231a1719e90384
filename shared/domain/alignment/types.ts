// The alignment engine's input and output: everything the weekly digest needs to say, per declared
// value, how what the brand promises compares with what customers say, and which divergences to
// flag. The output maps onto the digest model (digest-model.ts) almost field for field.
import type { CompetitorComparison } from './comparison';
import type { DivergenceKind, Interval, TrendPoint, ValueStatus } from '../digest-model';
import type { Channel, Profile } from '../profile';
import type { Rollup } from '../rollup';
import type { Signal } from '../signal';
import type { SignalScore } from '../signal-score';
import type { ValueMention } from '../value-mention';
import type { ReviewBurst } from './review-bursts';

/**
 * What the engine reads of a signal: enough to quote it, to tell stance statements and reviews apart,
 * and to count the customers behind a topic (author; absent or null, the signal counts as its own author).
 */
export type AlignmentSignal = Pick<
  Signal,
  'id' | 'channel' | 'publishedAt' | 'rating' | 'title' | 'text' | 'sourceId'
> &
  Partial<Pick<Signal, 'author'>>;

export interface AlignmentInput {
  profile: Profile;
  /** The ISO week reported, e.g. "2026-W47", in profile.digest.timezone. */
  week: string;
  /** Consecutive ISO weeks of history, oldest first, ending with `week` (8–12 is typical). */
  weeks: readonly string[];
  /**
   * The weekly rollups of those weeks (rollup.ts), all values, by one analyzer: the value figures,
   * trends and quotes come from them. When absent, they are built from `mentions` and `scores`, which
   * must then cover every week.
   */
  rollups?: readonly Rollup[];
  /**
   * Value mentions, all values, by one analyzer. With `rollups`: social mentions one by one where the
   * stance-backlash rule cuts an hour (those of the hour holding each statement and its window's
   * end) and, for the quotes of a backlash it raises, those of its window (AlignmentFlag.socialWindow).
   * Without: those of every week.
   */
  mentions: readonly ValueMention[];
  /** Signal scores, by the same analyzer: only needed without `rollups`, then of every week. */
  scores: readonly SignalScore[];
  /**
   * The signals referenced, by id: every stance statement of the weeks and every review of the last
   * reputationWeeks (review bursts), and those `quotedSignalIds` names (topic and rating quotes).
   */
  signals: ReadonlyMap<string, AlignmentSignal>;
  /**
   * The review bursts found before (review-bursts.ts), those anchored in the last reputationWeeks
   * among them: the rule then reads no review one by one. When absent, the bursts are found among the
   * reviews in `signals`.
   */
  reviewBursts?: readonly ReviewBurst[];
  /** Index of the last stored snapshot, when there is one. */
  previousIndex?: number | null;
}

/** Mentions of one value counted by sentiment label; MIXED and NEUTRAL count in n only. */
export interface Tally {
  n: number;
  positive: number;
  negative: number;
}

export interface ChannelAlignment {
  channel: Channel;
  mentions: number;
  net: number | null;
  interval: Interval | null;
}

export interface Consistency {
  /** Channels with at least the per-channel minimum of mentions this week. */
  comparedChannels: Channel[];
  /** Highest minus lowest net among the compared channels; null with fewer than two. */
  spread: number | null;
  /** The two compared channels furthest apart, when they differ by more than thresholds.divergence and their intervals do not overlap. */
  divergent: { high: Channel; low: Channel; difference: number } | null;
}

export interface PeriodFigure {
  weeks: string[];
  mentions: number;
  net: number | null;
  interval: Interval | null;
}

export type TrendDirection = 'falling' | 'rising' | 'steady' | 'not-enough-evidence';

/** The recent weeks against the earlier ones: a change is real when the interval of the difference excludes 0. */
export interface TrendTest {
  recent: PeriodFigure;
  earlier: PeriodFigure;
  /** Recent net minus earlier net. */
  difference: number | null;
  interval: Interval | null;
  direction: TrendDirection;
}

export interface StanceEmphasis {
  /** Stance statements published in the period. */
  statements: number;
  /** Of those, the ones that mention the value. */
  mentioning: number;
  share: number | null;
}

export interface ValueAlignment {
  id: string;
  label: string;
  promise: string;
  weight: number;
  status: ValueStatus;
  /** e.g. "delivered", "below promise", "not enough evidence (6 of 10 mentions)". */
  statusText: string;
  /** Customer mentions this week in the value's channels (stance statements never count). */
  mentions: number;
  positive: number;
  negative: number;
  /** Positive share minus negative share, -1..1; null without mentions. */
  net: number | null;
  interval: Interval | null;
  positiveShare: number | null;
  positiveShareInterval: Interval | null;
  expectedNet: number | null;
  expectedPositiveShare: number | null;
  /** e.g. "net ≥ +0.30". */
  expectedText: string;
  /** Delivered minus expected, in the unit of gapUnit; null without mentions. */
  gap: number | null;
  gapUnit: 'net' | 'positive-share';
  /** Every channel counted for the value, with this week's figures. */
  channels: ChannelAlignment[];
  consistency: Consistency;
  /** One point per week of the history, oldest first. */
  trend: TrendPoint[];
  trendTest: TrendTest;
  stanceEmphasis: { week: StanceEmphasis; trailing: StanceEmphasis };
  /** The value's part of the index, 0..1 (1 = promise met); null without enough evidence. */
  indexScore: number | null;
}

export interface FlagEvidence {
  signalId: string;
  /** The sentence or clause quoted (untrusted text). */
  quote: string;
  title: string;
  sourceId: string;
  channel: Channel;
  publishedAt: string;
  /** e.g. "5/5" for a review, else null. */
  rating: string | null;
  /** For a value quote matched by meaning, the words that made the match, e.g. `“technician” ≈ mechanic (0.67)`; else absent. */
  matchedByMeaning?: string;
}

export interface AlignmentFlag {
  kind: DivergenceKind;
  valueId: string | null;
  /** One line a CMO reads first. */
  title: string;
  /** The numbers behind it: n, net, interval, expectation. */
  explanation: string;
  /** The rule that fired, in words, with its thresholds. */
  rule: string;
  evidence: FlagEvidence[];
  /** Higher first: the kind's tier plus a fraction for size within the tier (docs/alignment.md). */
  severity: number;
  /**
   * Stance backlash: the window its reactions are quoted from. Its quotes are the best of the value's
   * social mentions of that window passed one by one, so a caller that passed only the hours around
   * statements passes the window's mentions and computes again (shared/app/digest.ts).
   */
  socialWindow?: { from: string; to: string };
}

export type ThemeTrend = 'rising' | 'falling' | 'steady';

/** A theme customers raise that no declared value covers: a topic (topics.ts) of the topic window. */
export interface UndeclaredTheme {
  /** How customers write it most often, e.g. "group rides" (untrusted text). */
  label: string;
  direction: 'negative' | 'positive';
  /** Reviews and social posts of the window that speak of it. */
  signals: number;
  /** Their distinct authors (a signal without an author counts as its own). */
  authors: number;
  /** Whether `authors` is an estimate (beyond 48 distinct authors, topic-tallies.ts). */
  authorsEstimated: boolean;
  /** Of the signals, those in the theme's direction. */
  inDirection: number;
  /** inDirection / signals, and its Wilson interval at the profile's confidence. */
  share: number;
  interval: Interval | null;
  /** Signals per week of the window, oldest first. */
  perWeek: Array<{ week: string; signals: number }>;
  /** The last 2 weeks against the 2 before, by the one-sided binomial test of the topic's share of posts at the profile's confidence. */
  trend: ThemeTrend;
  /** The figures in words, e.g. "24 reviews and posts, 21 authors · 83% negative (90% CI 67% to 92%) · rising: 2, 3, 8, 11 a week". */
  figures: string;
  evidence: FlagEvidence[];
}

/** The digest's "What customers talk about that you did not declare": largest themes first, each way. */
export interface UndeclaredThemes {
  /** The days of the topic window, e.g. "26 Oct–22 Nov". */
  period: string;
  negative: UndeclaredTheme[];
  positive: UndeclaredTheme[];
  /** How themes are chosen, in words, with the thresholds. */
  rule: string;
}

export interface AlignmentIndex {
  /** Brand Alignment Index 0..100, rounded; null when no value had enough evidence. */
  value: number | null;
  /** Points since previousIndex; null without one. */
  change: number | null;
  /** One line for the digest footer. */
  formula: string;
  /** Values with enough evidence, which the index is computed over. */
  valuesCounted: number;
}

export interface AlignmentReport {
  week: string;
  weeks: string[];
  values: ValueAlignment[];
  index: AlignmentIndex;
  /** Most severe first. */
  flags: AlignmentFlag[];
  /** Themes no value covers, beyond those the flags already raise. */
  undeclaredThemes: UndeclaredThemes;
  /** The brand against its competitors (comparison.ts); null without competitors. */
  comparison: CompetitorComparison | null;
  method: { indexFormula: string; intervalMethod: string; minMentions: number; confidence: number };
}
