// The competitors' figures (story 12): their mentions of Fernhill's values per week, counted on
// their tags as counts.ts counts Fernhill's, the story's check against Fernhill's free-repairs
// figures, and the story's row of the README table.

import { isoWeekOf, WEEKS } from './calendar';
import { ASPECTS, COMPETITOR_PLAN, COMPETITORS } from './content';
import { type Counts, cell, signed } from './counts';
import { type Build, type Competitor, type Item, polarityOf, type Topic, topicOf } from './model';

/** The items about a competitor: its reviews, the posts and articles naming it, its press releases. */
function itemsAbout(
  build: Build,
  competitor: Competitor,
): { reviews: Item[]; social: Item[]; news: Item[]; newsroom: Item[] } {
  return {
    reviews: build.competitorReviews.find((each) => each.competitor.id === competitor.id)?.items ?? [],
    social: build.social.filter((item) => item.about === competitor.id),
    news: build.news.filter((item) => item.about === competitor.id),
    newsroom: build.competitorNewsrooms.find((each) => each.competitor.id === competitor.id)?.items ?? [],
  };
}

/** Whether the text has one of the value's aspect words, at the start of a word ("repairs" has "repair"). */
function hasAspect(text: string, valueId: string): boolean {
  return (ASPECTS[valueId] ?? []).some((word) =>
    new RegExp(`(?<![\\p{L}\\p{N}])${word.replace(/\s+/g, '\\s+')}`, 'iu').test(text),
  );
}

const isFreeRepairs = (item: Item): boolean => (item.theirTags ?? []).some((t) => topicOf(t) === 'free-repairs');

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
 * carries two free-repairs sentences, so mentions are items, as the digest counts them. Cobalt's
 * newsroom starts the turn itself: a statement on free repairs on the Monday of its turn week and
 * another after it, each with a free-repairs aspect word, so that the product matches them to the
 * value; a press release's value tags are backed by aspect words, and its title has none.
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
  checkNewsrooms(build, cobalt);
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

/** The competitors' press releases: tags backed by aspect words, none in a title; and Cobalt's turn,
 *  a free-repairs statement on the Monday of its turn week and another after it. */
function checkNewsrooms(build: Build, cobalt: Competitor): void {
  const fail = (competitor: Competitor, message: string): never => {
    const file = competitor.newsroomFile?.replace(/\.[^.]+$/, '.yaml') ?? '';
    throw new Error(`story 12 (${file ? `content/${file}` : 'brand.yaml'}): ${message}`);
  };
  for (const competitor of COMPETITORS)
    for (const item of itemsAbout(build, competitor).newsroom) {
      for (const topic of new Set((item.theirTags ?? []).map(topicOf)))
        if (!hasAspect(item.text, topic))
          fail(competitor, `"${item.title}" is tagged ${topic} without its aspect words`);
      for (const valueId of Object.keys(ASPECTS))
        if (hasAspect(item.title, valueId))
          fail(competitor, `"${item.title}": an aspect word of ${valueId} in its title`);
    }
  const turn =
    COMPETITOR_PLAN.competitors[cobalt.id]?.turn ?? fail(cobalt, 'Cobalt has no turn (competitor-plan.yaml)');
  const statements = itemsAbout(build, cobalt).newsroom.filter(isFreeRepairs);
  if (!statements.some((item) => isoWeekOf(item.at) === turn && item.at.getUTCDay() === 1))
    fail(cobalt, `no free-repairs statement of Cobalt's on the Monday of W${turn}, its turn`);
  if (!statements.some((item) => isoWeekOf(item.at) > turn))
    fail(cobalt, `Cobalt says nothing more of free repairs after W${turn}`);
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
    const { reviews, social, news, newsroom } = itemsAbout(build, c);
    const compared = comparisons.filter((item) => item.about === c.id).length;
    const own =
      c.newsroomFile === undefined
        ? ''
        : `, ${newsroom.length} press releases (${newsroom.filter(isFreeRepairs).length} on free repairs)`;
    return `${c.name}: ${reviews.length} reviews, ${social.length} posts (${compared} comparing with Fernhill), ${news.length} news items${own}`;
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
  const { reviews, newsroom } = itemsAbout(build, cobalt);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const day = (date: Date): string => `${date.getUTCDate()} ${months[date.getUTCMonth()]}`;
  const said = newsroom
    .filter(isFreeRepairs)
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((item) => `“${item.title}” (${day(item.at)})`)
    .join(' and ');
  return [
    '12',
    'free-repairs, against the competitors',
    'Cobalt Cycles overtakes Fernhill on free repairs: mixed to poor repairs at Cobalt while Fernhill’s are praised; on Monday 2 Nov Cobalt’s own newsroom announces “From today every repair at a Cobalt Cycles workshop is free” (and the news reports it), its new repair hubs are swamped that week and praised after, and it opens more to meet demand, while Fernhill’s repairs go the other way (story 2). Alderway Bikes stays steady and smaller',
    'W39–W47, overtaking W45–W47',
    'competitor reviews (Cobalt, Alderway), social (posts naming a competitor, and comparisons naming both in one sentence), news, stance (Cobalt’s newsroom)',
    `Cobalt free-repairs mentions (reviews + social) and net per week, Fernhill’s as the digest reads them beside: ${perWeek}; ${reviews.length} Cobalt reviews, ${comparisons.length} comparisons with Fernhill; Cobalt’s newsroom: ${newsroom.length} press releases, on free repairs ${said}; Alderway ${Math.min(...ns)}–${Math.max(...ns)} mentions a week, net ${fmt(Math.min(...nets))} to ${fmt(Math.max(...nets))}`,
    '"How you compare": Cobalt ahead of Fernhill on free repairs beyond the margin of error (W46 and W47, above three weeks running), with what Cobalt said of free repairs itself; Alderway never called ahead (under 10 mentions a week)',
  ];
}
