// One declared value's week: its customer mentions and delivered net sentiment with their interval,
// the promise and the gap, the channels, the trend, how often the brand's own statements stress it,
// and the status the digest shows.
import type { ValueStatus } from '../digest-model';
import { lastWeeks, type WeekCalendar } from './calendar';
import { channelFigures, consistencyOf } from './consistency';
import { expectationOf, expectedText, judge } from './expectation';
import { ALIGNMENT_RULES, perChannelMinimum } from './rules';
import { netInterval, netOfTally } from './statistics';
import { trendTest } from './trend';
import type { StanceEmphasis, ValueAlignment } from './types';
import { periodTally, type ValueEvidence } from './weekly-figures';
import { grouped } from './wording';

export interface ValueSettings {
  z: number;
  minMentions: number;
  divergence: number;
}

function emphasis(
  evidence: ValueEvidence,
  statementsByWeek: ReadonlyArray<ReadonlySet<string>>,
  weeks: number[],
): StanceEmphasis {
  const statements = new Set(weeks.flatMap((week) => [...(statementsByWeek[week] ?? [])]));
  const mentioning = new Set(
    evidence.stance
      .filter((placed) => statements.has(placed.mention.signalId))
      .map((placed) => placed.mention.signalId),
  );
  return {
    statements: statements.size,
    mentioning: mentioning.size,
    share: statements.size > 0 ? mentioning.size / statements.size : null,
  };
}

export function valueAlignment(
  evidence: ValueEvidence,
  calendar: WeekCalendar,
  statementsByWeek: ReadonlyArray<ReadonlySet<string>>,
  settings: ValueSettings,
): ValueAlignment {
  const { value } = evidence;
  const week = calendar.last;
  const tally = periodTally(evidence, [week]);
  const expectation = expectationOf(value);
  const judgement = judge(expectation, tally, settings.z);
  const channels = channelFigures(evidence, week, settings.z);
  const consistency = consistencyOf(channels, perChannelMinimum(settings.minMentions), settings.divergence);
  const trend = calendar.weeks.map((name, index) => {
    const weekly = periodTally(evidence, [index]);
    return { week: name, net: netOfTally(weekly), interval: netInterval(weekly, settings.z), mentions: weekly.n };
  });
  const test = trendTest(evidence, calendar, settings);
  const enough = tally.n >= settings.minMentions;

  let status: ValueStatus;
  let statusText: string;
  if (!enough) {
    status = 'not-enough-evidence';
    statusText = `not enough evidence (${grouped(tally.n)} of ${grouped(settings.minMentions)} mentions)`;
  } else if (judgement.verdict === 'contradicted') {
    status = 'contradicted';
    statusText = 'contradicted: below promise beyond the margin of error';
  } else if (judgement.verdict === 'below') {
    status = 'drifting';
    statusText = 'below promise, within the margin of error';
  } else if (test.direction === 'falling') {
    status = 'drifting';
    statusText = 'eroding: meets the promise but falling';
  } else {
    status = 'delivered';
    statusText = 'delivered';
  }

  return {
    id: value.id,
    label: value.label,
    promise: value.promise,
    weight: value.weight,
    status,
    statusText,
    mentions: tally.n,
    positive: tally.positive,
    negative: tally.negative,
    net: judgement.net,
    interval: judgement.interval,
    positiveShare: judgement.positiveShare,
    positiveShareInterval: judgement.positiveShareInterval,
    expectedNet: expectation.minNet,
    expectedPositiveShare: expectation.minPositiveShare,
    expectedText: expectedText(expectation),
    gap: judgement.gap,
    gapUnit: judgement.gapUnit,
    channels,
    consistency,
    trend,
    trendTest: test,
    stanceEmphasis: {
      week: emphasis(evidence, statementsByWeek, [week]),
      trailing: emphasis(evidence, statementsByWeek, lastWeeks(calendar, ALIGNMENT_RULES.emphasisWeeks)),
    },
    indexScore: enough ? judgement.score : null,
  };
}
