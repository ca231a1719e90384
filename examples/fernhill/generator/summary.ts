// The summary the generator prints: items per feed and week, mentions per topic and channel (the
// competitors' too), and the figures of the planted stories, followed by the README's story table.

import { DAY_MS, iso, isoWeekOf, WEEKS } from './calendar';
import { competitorLines } from './competitor-summary';
import { cell, count, net } from './counts';
import { type Build, type Item, type Topic, topicOf } from './model';
import { storyTable } from './story-table';

export function summary(build: Build): string {
  const reviews = [...build.shop, ...build.platform];
  const social = build.social;
  const news = build.news;
  const lines: string[] = [];
  const feeds: Array<[string, Item[]]> = [
    ['news-search.xml', build.news],
    ['shop-reviews.csv', build.shop],
    ['review-platform.atom', build.platform],
    ['social-mentions.json', build.social],
    ['newsroom.atom', build.newsroom],
    ...build.competitorReviews.map(({ competitor, items }): [string, Item[]] => [competitor.feedFile, items]),
    ...build.competitorNewsrooms.map(({ competitor, items }): [string, Item[]] => [competitor.newsroomFile!, items]),
  ];
  lines.push('Items per feed and ISO week', `${'feed'.padEnd(22)}${WEEKS.map((w) => `  W${w}`).join('')}  total`);
  let grand = 0;
  for (const [name, items] of feeds) {
    const perWeek = WEEKS.map((w) => items.filter((i) => isoWeekOf(i.at) === w).length);
    grand += items.length;
    lines.push(
      `${name.padEnd(22)}${perWeek.map((n) => String(n).padStart(5)).join('')}  ${String(items.length).padStart(5)}`,
    );
  }
  const allPerWeek = WEEKS.map((w) =>
    feeds.reduce((s, [, items]) => s + items.filter((i) => isoWeekOf(i.at) === w).length, 0),
  );
  lines.push(
    `${'all'.padEnd(22)}${allPerWeek.map((n) => String(n).padStart(5)).join('')}  ${String(grand).padStart(5)}`,
  );

  lines.push('', 'Mentions (sentences) per week: count and net sentiment (positive share minus negative share)');
  lines.push(`${'topic / channel'.padEnd(30)}${WEEKS.map((w) => `     W${w}`).join('')}     total`);
  const rows: Array<[string, Topic, Item[]]> = [
    ['honest-pricing  reviews', 'honest-pricing', reviews],
    ['honest-pricing  social', 'honest-pricing', social],
    ['free-repairs    reviews', 'free-repairs', reviews],
    ['free-repairs    social', 'free-repairs', social],
    ['free-repairs    rev+soc', 'free-repairs', [...reviews, ...social]],
    ['group rides     reviews', 'group-rides', reviews],
    ['group rides     social', 'group-rides', social],
    ['expert-help     reviews', 'expert-help', reviews],
    ['expert-help     social', 'expert-help', social],
    ['sustainability  news', 'sustainability', news],
    ['sustainability  social', 'sustainability', social],
    ['Ride app        reviews', 'ride-app', reviews],
    ['Ride app        social', 'ride-app', social],
    ['ready-to-ride   reviews', 'ready-to-ride', reviews],
    ['ready-to-ride   social', 'ready-to-ride', social],
    ['ready-to-ride   all', 'ready-to-ride', [...reviews, ...social, ...news]],
  ];
  for (const [label, topic, items] of rows) {
    lines.push(
      `${label.padEnd(30)}${WEEKS.map((w) => cell(count(items, topic, w)).padStart(10)).join('')}${cell(count(items, topic)).padStart(10)}`,
    );
  }

  const pledge = build.newsroom.find((i) => i.story === 'pledge')!;
  const backlash = social.filter((i) => i.story === 'backlash');
  const within = (days: number): number =>
    backlash.filter(
      (i) => i.at.getTime() > pledge.at.getTime() && i.at.getTime() - Date.UTC(2026, 10, 10) < (days + 1) * DAY_MS,
    ).length;
  const in1to4 = backlash.filter(
    (i) => i.at.getTime() >= Date.UTC(2026, 10, 11) && i.at.getTime() < Date.UTC(2026, 10, 15),
  ).length;
  const prePledge = [...news, ...social].filter((i) => i.at < pledge.at);
  const pre = count(prePledge, 'sustainability');
  const stanceSust = build.newsroom.filter((i) => i.tags.some((t) => topicOf(t) === 'sustainability'));
  lines.push(
    '',
    `Stance backlash: pledge ${iso(pledge.at)}; negative sustainability posts after it: ${backlash.length} (${within(4)} by end of 14 Nov, ${in1to4} on 11-14 Nov); W47 follow-up posts: ${count(social, 'sustainability', 47).neg}`,
    `  sustainability mentions in news+social before the pledge: ${pre.n}, net ${net(pre).trim()}; newsroom entries on sustainability: ${stanceSust.map((i) => i.at.toISOString().slice(0, 10)).join(', ')}`,
  );
  const m5 = reviews.filter((i) => i.story === 'mismatch-5');
  const m1 = reviews.filter((i) => i.story === 'mismatch-1');
  lines.push(
    `Rating-text mismatch: 5 stars + negative text ${m5.length} (shop ${m5.filter((i) => i.feed === 'shop').length}, platform ${m5.filter((i) => i.feed === 'platform').length}); 1 star + glowing text ${m1.length} (shop ${m1.filter((i) => i.feed === 'shop').length}, platform ${m1.filter((i) => i.feed === 'platform').length})`,
  );
  const burst = reviews.filter((i) => i.story === 'burst');
  lines.push(
    `Burst: ${burst.length} five-star reviews on the review platform on ${burst[0]!.at.toISOString().slice(0, 10)}`,
  );
  lines.push(...competitorLines(build));
  lines.push(
    `Off-brand items (naming neither Fernhill nor a competitor): news ${news.filter((i) => i.story === 'off-brand').length}, social ${social.filter((i) => i.story === 'off-brand').length}`,
  );
  lines.push(`Total items: ${grand}`);
  lines.push('', storyTable(build));
  return lines.join('\n');
}
