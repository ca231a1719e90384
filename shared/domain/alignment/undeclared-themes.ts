// "What customers talk about that you did not declare": the largest themes of the topic window
// (topics.ts: content phrases in at least minMentions reviews and posts, from several authors on
// several days) that no declared value covers, negative and positive apart: a theme is a complaint
// when it is more negative than the other reviews and posts beyond noise, praise when it is more
// positive. Unlike the unclaimed-strength and emerging-topic flags, it needs no rise and no
// majority: the section shows what customers talk about most, with the numbers that say how sure the
// reader can be (the share's Wilson interval, the weekly counts and their trend). A theme the flags
// already raise, or one that overlaps it, is not repeated here: the flag says more.
import { lastWeeks } from './calendar';
import { pickEvidence, type Direction } from './evidence';
import { emergingTopics, oneSidedAlpha, risingCounts } from './flags/emerging-topic';
import { topicWindowText, type FlagContext } from './flags/context';
import { unclaimedStrengthTopics } from './flags/unclaimed-strength';
import { ALIGNMENT_RULES } from './rules';
import { wilsonInterval } from './statistics';
import { distinctTopics, shareAboveBaseline, type TopicFigure } from './topics';
import type { ThemeTrend, UndeclaredTheme, UndeclaredThemes } from './types';
import { percent, plural } from './wording';

/**
 * The side a theme is on: negative when its negative share is above the other reviews and posts'
 * beyond noise (the Wilson lower bound above their share), positive likewise; none when neither.
 * A theme as negative as everything else is not a complaint about it: for an airline, "flight" is
 * in 61% negative posts when all its posts are 62% negative.
 */
function directionOf(figure: TopicFigure, context: FlagContext): Direction | null {
  const negative = shareAboveBaseline(figure, 'negative', context.z);
  const positive = shareAboveBaseline(figure, 'positive', context.z);
  if (negative <= 0 && positive <= 0) return null;
  return negative >= positive ? 'negative' : 'positive';
}

/** The last 2 weeks against the 2 before: rising or falling when the one-sided binomial test of the topic's share says so at the profile's confidence. */
function trendOf(figure: TopicFigure, context: FlagContext): ThemeTrend {
  const alpha = oneSidedAlpha(context.confidence);
  const { p, pFalling } = risingCounts(figure, context.topics, context.calendar.last);
  if (p <= alpha) return 'rising';
  if (pFalling <= alpha) return 'falling';
  return 'steady';
}

function themeOf(figure: TopicFigure, direction: Direction, context: FlagContext): UndeclaredTheme {
  const signals = figure.signals;
  const inDirection = direction === 'negative' ? figure.negative : figure.positive;
  const interval = wilsonInterval(inDirection, signals, context.z);
  const window = lastWeeks(context.calendar, ALIGNMENT_RULES.topicWeeks);
  const perWeek = window.map((week) => ({
    week: context.calendar.weeks[week] as string,
    signals: figure.perWeek[week] ?? 0,
  }));
  const trend = trendOf(figure, context);
  const intervalWords = interval
    ? ` (${percent(context.confidence)} CI ${percent(interval.low)} to ${percent(interval.high)})`
    : '';
  return {
    label: figure.label,
    direction,
    signals,
    authors: figure.authors,
    authorsEstimated: figure.authorsEstimated,
    inDirection,
    share: inDirection / signals,
    interval,
    perWeek,
    trend,
    figures:
      `${plural(signals, 'review and post', 'reviews and posts')}, ${authorsText(figure)} · ` +
      `${percent(inDirection / signals)} ${direction}${intervalWords} · ${trend}: ${perWeek.map((each) => each.signals).join(', ')} a week`,
    evidence: pickEvidence(context.topics.candidates(figure, direction)),
  };
}

/** Candidates of one side, without those that overlap a flagged topic, one of each overlapping group, largest first. */
function largestOfSide(
  candidates: readonly TopicFigure[],
  flagged: readonly TopicFigure[],
  count: number,
): TopicFigure[] {
  const flaggedSet = new Set(flagged);
  return distinctTopics([...flagged, ...candidates])
    .filter((figure) => !flaggedSet.has(figure))
    .slice(0, count);
}

export function undeclaredThemes(context: FlagContext): UndeclaredThemes {
  const { topics, minMentions } = context;
  const flagged = [...unclaimedStrengthTopics(context), ...emergingTopics(context).map((entry) => entry.figure)];
  const uncovered = topics.figures.filter((figure) => !topics.coveredByValue(figure));
  const count = ALIGNMENT_RULES.undeclaredThemesPerSide;
  const side = (direction: Direction) =>
    largestOfSide(
      uncovered.filter((figure) => directionOf(figure, context) === direction),
      flagged,
      count,
    ).map((figure) => themeOf(figure, direction, context));
  return {
    period: topicWindowText(context),
    negative: side('negative'),
    positive: side('positive'),
    rule:
      `Key phrases in at least ${minMentions} reviews and social posts over the last ${ALIGNMENT_RULES.topicWeeks} weeks, ` +
      `from at least ${ALIGNMENT_RULES.topicMinAuthors} authors on at least ${ALIGNMENT_RULES.topicMinDays} days, that no declared value covers; ` +
      `the ${count} largest each way: more negative (or more positive) than the other reviews and posts beyond the ` +
      `${percent(context.confidence)} interval. Themes flagged above are not repeated. ` +
      `Trend: the share of the reviews and posts in the last ${ALIGNMENT_RULES.risingWeeks} weeks against the ${ALIGNMENT_RULES.risingWeeks} before (one-sided binomial test at ${percent(oneSidedAlpha(context.confidence))}).`,
  };
}

/**
 * "21 authors"; beyond 48 distinct authors the tallies estimate the number (a bottom-k sketch,
 * about 15% either way), so it is rounded to two figures and said to be about: "about 160 authors".
 */
export function authorsText(figure: Pick<TopicFigure, 'authors' | 'authorsEstimated'>): string {
  if (!figure.authorsEstimated) return plural(figure.authors, 'author');
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(figure.authors)) - 1);
  return `about ${plural(Math.round(figure.authors / magnitude) * magnitude, 'author')}`;
}
