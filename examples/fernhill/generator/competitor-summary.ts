// The competitors' figures (story 12): their mentions of Fernhill's values per week, counted on
// their tags as counts.ts counts Fernhill's, the story's check against Fernhill's free-repairs
// figures, and the story's row of the README table.

import { isoWeekOf, WEEKS } from './calendar';
import { COMPETITOR_PLAN, COMPETITORS } from './content';
import { type Counts, cell, signed } from './counts';
import { type Build, type Competitor, type Item, polarityOf, type Topic, topicOf } from './model';

/** The items about a competitor: its reviews, and the posts and articles naming it. */
function itemsAbout(build: Build, competitor: Competitor): { reviews: Item[]; social: Item[]; news: Item[] } {
  return {
    reviews: build.competitorReviews.find((each) => each.competitor.id === competitor.id)?.items ?? [],
    social: build.social.filter((item) => item.about === competitor.id),
    news: build.news.filter((item) => item.about === competitor.id),
  };
}

/** A competitor's mentions of a topic (sentences with aspect words, tagged for it). */
export function theirCount(items: Item[], topic: Topic, week?: number): Counts {
  const c: Counts = { n: 0, pos: 0, neg: 0 };
  for (const item of items) {
    if (week !== undefined && isoWeekOf(item.at) !== week) continue;
    for (const tag of item.theirTags ?? []) {
      if (topicOf(tag) !== topic) continue;
      c.n++;
      if (polarityOf(tag) === '+') c.pos++;
      if (polarityOf(tag) === '-') c.neg++;
    }
  }
  return c;
}

const netOf = (c: Counts): number => (c.n === 0 ? 0 : (c.pos - c.neg) / c.n);

/** Free-repairs mentions on the value's channels (reviews and social), per week. */
function freeRepairs(build: Build, competitor: Competitor, week: number): Counts {
  const { reviews, social } = itemsAbout(build, competitor);
  return theirCount([...reviews, ...social], 'free-repairs', week);
}

/**
 * The story, checked before anything is written: Cobalt below Fernhill on free repairs until W44,
 * about level in W45, above in W46 and W47 (at least +0.6 in W47), with at least 14 mentions a week
 * from W45; Alderway steady at 6 to 9 mentions and net 0 to +0.15. A review or a post never
 * carries two free-repairs sentences, so mentions are items, as the digest counts them.
 */
export function checkCompetitorStory(build: Build): void {
  const fail = (message: string): never => {
    throw new Error(`story 12 (competitor-plan.yaml): ${message}`);
  };
  for (const competitor of COMPETITORS) {
    const { reviews, social } = itemsAbout(build, competitor);
    for (const item of [...reviews, ...social])
      if ((item.theirTags ?? []).filter((t) => topicOf(t) === 'free-repairs').length > 1)
        fail(`an item of ${competitor.id} has two free-repairs mentions: ${item.text}`);
  }
  const [cobalt, alderway] = ['cobalt-cycles', 'alderway-bikes'].map((id) => COMPETITORS.find((c) => c.id === id));
  if (!cobalt || !alderway) {
    fail('brand.yaml no longer declares Cobalt Cycles and Alderway Bikes');
    return;
  }
  for (const week of WEEKS) {
    const theirs = freeRepairs(build, cobalt, week);
    const [, fernhill] = COMPETITOR_PLAN.fernhillFreeRepairs[week];
    const net = netOf(theirs);
    if (week <= 44 && !(net < fernhill)) fail(`Cobalt W${week} ${signed(theirs)} is not below Fernhill's ${fernhill}`);
    if (week === 45 && !(net >= fernhill && net - fernhill <= 0.25))
      fail(`Cobalt W45 ${signed(theirs)} is not level with or just above Fernhill's ${fernhill}`);
    if (week >= 46 && !(net > fernhill + 0.5)) fail(`Cobalt W${week} ${signed(theirs)} is not clearly above Fernhill`);
    if (week >= 45 && theirs.n < 14) fail(`Cobalt W${week} has ${theirs.n} mentions, fewer than 14`);
    if (week === 47 && net < 0.6) fail(`Cobalt W47 ${signed(theirs)} is below +0.6`);
    // under the 10 mentions the digest wants before it calls a competitor ahead or behind
    const steady = freeRepairs(build, alderway, week);
    if (steady.n < 6 || steady.n > 9 || netOf(steady) < 0 || netOf(steady) > 0.15)
      fail(`Alderway W${week} ${steady.n} mentions, net ${signed(steady)}: not steady`);
  }
}

/** The printed lines: each competitor's mentions per value and week, Fernhill's free repairs beside. */
export function competitorLines(build: Build): string[] {
  const lines: string[] = [
    '',
    'Competitors: mentions of Fernhill’s values (sentences) per week, count and net sentiment (story 12)',
    `${'competitor / topic / channel'.padEnd(38)}${WEEKS.map((w) => `     W${w}`).join('')}     total`,
  ];
  const row = (label: string, items: Item[], topic: Topic): string =>
    `${label.padEnd(38)}${WEEKS.map((w) => cell(theirCount(items, topic, w)).padStart(10)).join('')}${cell(theirCount(items, topic)).padStart(10)}`;
  for (const competitor of COMPETITORS) {
    const { reviews, social, news } = itemsAbout(build, competitor);
    const short = competitor.aliases[0] ?? competitor.name;
    lines.push(
      row(`${short} free-repairs reviews`, reviews, 'free-repairs'),
      row(`${short} free-repairs social`, social, 'free-repairs'),
      row(`${short} free-repairs rev+soc`, [...reviews, ...social], 'free-repairs'),
      row(`${short} honest-pricing all`, [...reviews, ...social, ...news], 'honest-pricing'),
      row(`${short} ready-to-ride all`, [...reviews, ...social, ...news], 'ready-to-ride'),
      row(`${short} expert-help all`, [...reviews, ...social, ...news], 'expert-help'),
      row(`${short} sustainability news+social`, [...social, ...news], 'sustainability'),
    );
  }
  const reference = WEEKS.map((w) => {
    const [n, net] = COMPETITOR_PLAN.fernhillFreeRepairs[w];
    return `${String(n).padStart(3)} ${net.toFixed(2).padStart(5)}`.padStart(10);
  });
  lines.push(`${'Fernhill free-repairs (digest)'.padEnd(38)}${reference.join('')}`);
  const comparisons = build.social.filter((item) => item.story === 'comparison');
  const counts = COMPETITORS.map((c) => {
    const { reviews, social, news } = itemsAbout(build, c);
    const compared = comparisons.filter((item) => item.about === c.id).length;
    return `${c.name}: ${reviews.length} reviews, ${social.length} posts (${compared} comparing with Fernhill), ${news.length} news items`;
  });
  lines.push(`Competitor items: ${counts.join('; ')}`);
  return lines;
}

/** The README's row for story 12. */
export function competitorStoryRow(build: Build): string[] {
  const cobalt = COMPETITORS.find((c) => c.id === 'cobalt-cycles')!;
  const alderway = COMPETITORS.find((c) => c.id === 'alderway-bikes')!;
  const perWeek = WEEKS.map((w) => {
    const theirs = freeRepairs(build, cobalt, w);
    const [n, net] = COMPETITOR_PLAN.fernhillFreeRepairs[w];
    const fernhill = `${net >= 0 ? '+' : '−'}${Math.abs(net).toFixed(2)}`;
    return `W${w} ${theirs.n} ${signed(theirs)} (Fernhill ${n} ${fernhill})`;
  }).join(', ');
  const steady = WEEKS.map((w) => freeRepairs(build, alderway, w));
  const ns = steady.map((c) => c.n);
  const nets = steady.map(netOf);
  const fmt = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`;
  const comparisons = build.social.filter((item) => item.story === 'comparison' && item.about === cobalt.id);
  const reviews = itemsAbout(build, cobalt).reviews.length;
  return [
    '12',
    'free-repairs, against the competitors',
    'Cobalt Cycles overtakes Fernhill on free repairs: mixed to poor repairs at Cobalt while Fernhill’s are praised; on Monday 2 Nov Cobalt stops charging for labour (news), its new repair hubs are swamped that week and praised after, while Fernhill’s repairs go the other way (story 2). Alderway Bikes stays steady and smaller',
    'W39–W47, overtaking W45–W47',
    'competitor reviews (Cobalt, Alderway), social (posts naming a competitor, and comparisons naming both in one sentence), news',
    `Cobalt free-repairs mentions (reviews + social) and net per week, Fernhill’s as the digest reads them beside: ${perWeek}; ${reviews} Cobalt reviews, ${comparisons.length} comparisons with Fernhill; Alderway ${Math.min(...ns)}–${Math.max(...ns)} mentions a week, net ${fmt(Math.min(...nets))} to ${fmt(Math.max(...nets))}`,
    '"How you compare": Cobalt ahead of Fernhill on free repairs beyond the margin of error (W46 and W47, above three weeks running); Alderway never called ahead (under 10 mentions a week)',
  ];
}
