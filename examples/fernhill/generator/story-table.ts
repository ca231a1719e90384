// The README table "Stories written into the feeds", as markdown, with the figures of this build.

import { WEEKS } from './calendar';
import { competitorStoryRow } from './competitor-summary';
import { count, itemsWith, mentions, signed } from './counts';
import { BURST, PLAN } from './content';
import { type Build, type Item, type Topic, topicOf } from './model';

export function storyTable(build: Build): string {
  const rev = [...build.shop, ...build.platform];
  const soc = build.social;
  const surge = soc.filter((item) => item.story === 'surge').sort((a, b) => a.at.getTime() - b.at.getTime());
  const clock = (date: Date) => date.toISOString().slice(11, 16);
  const all = WEEKS as readonly number[];
  const early = [39, 40, 41, 42, 43, 44];
  const range = (items: Item[], topic: Topic, weeks: readonly number[]): string => {
    const ns = weeks.map((w) => count(items, topic, w).n);
    return Math.min(...ns) === Math.max(...ns) ? `${ns[0]}` : `${Math.min(...ns)}–${Math.max(...ns)}`;
  };
  const perWeek = (items: Item[], topic: Topic, weeks: readonly number[]): string =>
    weeks.map((w) => `W${w} ${count(items, topic, w).n}`).join(', ');
  const fr = (w: number): string => {
    const r = count(rev, 'free-repairs', w);
    const s = count(soc, 'free-repairs', w);
    const both = { n: r.n + s.n, pos: r.pos + s.pos, neg: r.neg + s.neg };
    return `W${w}: ${both.n} mentions (${r.n} reviews, ${s.n} social) in ${itemsWith([...rev, ...soc], 'free-repairs', [w])} items, net ${signed(both)}`;
  };
  const pledge = build.newsroom.find((i) => i.story === 'pledge')!;
  const backlash = soc.filter((i) => i.story === 'backlash');
  const in1to4 = backlash.filter(
    (i) => i.at.getTime() >= Date.UTC(2026, 10, 11) && i.at.getTime() < Date.UTC(2026, 10, 15),
  ).length;
  const preNewsSocial = [...build.news, ...soc].filter((i) => i.at < pledge.at);
  const m5 = rev.filter((i) => i.story === 'mismatch-5');
  const m1 = rev.filter((i) => i.story === 'mismatch-1');
  const burst = rev.filter((i) => i.story === 'burst');
  const offNews = build.news.filter((i) => i.story === 'off-brand').length;
  const offSocial = soc.filter((i) => i.story === 'off-brand').length;
  const byFeed = (items: Item[]): string =>
    `${items.filter((i) => i.feed === 'shop').length} shop, ${items.filter((i) => i.feed === 'platform').length} platform`;
  const rows: string[][] = [
    [
      '1',
      'honest-pricing',
      'Customers confirm the promise: fair prices, no surprises, steady every week',
      'W39–W47',
      'reviews, social',
      `${mentions(rev, 'honest-pricing', all).n} review mentions in ${itemsWith(rev, 'honest-pricing')} reviews, ${mentions(soc, 'honest-pricing', all).n} social mentions in ${itemsWith(soc, 'honest-pricing')} posts; net ${signed(mentions(rev, 'honest-pricing', all))} in reviews and ${signed(mentions(soc, 'honest-pricing', all))} on social, every week`,
      'none',
    ],
    [
      '2',
      'free-repairs',
      'Praised until W44, then charged labour on "free" repairs, six-week workshop waits, repairs refused as "wear and tear"',
      'W39–W47, turning W45–W47',
      'reviews, social',
      `W39–W44: ${mentions([...rev, ...soc], 'free-repairs', early).n} mentions, net ${signed(mentions([...rev, ...soc], 'free-repairs', early))} (same every week); ${fr(45)}; ${fr(46)}; ${fr(47)}`,
      'say-do gap, eroding',
    ],
    [
      '3',
      'Saturday group rides (no declared value)',
      "Customers love the shops' Saturday group rides / community rides; the brand never claims them",
      'W39–W47, ≥ 8 a week from W44',
      'reviews, social',
      `${mentions(rev, 'group-rides', all).n + mentions(soc, 'group-rides', all).n} mentions in ${itemsWith([...rev, ...soc], 'group-rides')} items, all positive; per week ${perWeek([...rev, ...soc], 'group-rides', all)}`,
      'unclaimed strength',
    ],
    [
      '4',
      'expert-help',
      'Reviews praise the in-store staff and their advice; social pans the online support chat and helpline',
      'W39–W47',
      'reviews vs social',
      `reviews: ${mentions(rev, 'expert-help', all).n} mentions (${range(rev, 'expert-help', all)} a week) in ${itemsWith(rev, 'expert-help')} reviews, net ${signed(mentions(rev, 'expert-help', all))}; social: ${mentions(soc, 'expert-help', all).n} mentions (${range(soc, 'expert-help', all)} a week) in ${itemsWith(soc, 'expert-help')} posts, net ${signed(mentions(soc, 'expert-help', all))}`,
      'inconsistent (channels disagree)',
    ],
    [
      '5',
      'sustainability',
      `Newsroom pledge "carbon-neutral deliveries and plastic-free packaging by 2027" (${pledge.at.toISOString().slice(0, 16).replace('T', ' ')} UTC), then greenwashing / still-wrapped-in-plastic / recycled-claim-doubted posts`,
      'W46 (before: W39–W45 mild)',
      'stance, then social (and news)',
      `${backlash.length} negative social posts from the afternoon of 10 Nov to 14 Nov (${in1to4} of them on 11–14 Nov), ${count(soc, 'sustainability', 47).neg} more in W47; news: ${count(build.news, 'sustainability', 46).neg} negative mentions in W46; before the pledge ${mentions(preNewsSocial, 'sustainability', all).n} news/social mentions, net ${signed(mentions(preNewsSocial, 'sustainability', all))}; earlier sustainability statements on ${build.newsroom
        .filter((i) => i !== pledge && i.tags.some((t) => topicOf(t) === 'sustainability'))
        .map((i) => i.at.toISOString().slice(0, 10))
        .join(' and ')} without backlash`,
      'stance backlash',
    ],
    [
      '6',
      'Star rating vs text',
      'Reviews whose stars contradict their words (no value words in them)',
      'W39–W47',
      'reviews',
      `${m5.length} five-star reviews with clearly negative text (${byFeed(m5)}); ${m1.length} one-star reviews with glowing text (${byFeed(m1)})`,
      'rating-text mismatch',
    ],
    [
      '7',
      'Burst of praise',
      '"Best bike shop ever, amazing service, highly recommend!" with tiny variations, different authors, within an hour',
      `${burst[0]!.at.toISOString().slice(0, 10)} (W${BURST.week})`,
      'review platform',
      `${burst.length} five-star reviews between ${BURST.reviews[0]!.time} and ${BURST.reviews[BURST.reviews.length - 1]!.time} UTC`,
      'burst of near-identical reviews',
    ],
    [
      '8',
      'Ride app (no declared value)',
      'The Fernhill Ride app crashes, the bluetooth lock fails, login fails after the 3.0 update of 2 Nov',
      'rare until W44, rising W45, ≥ 10 a week W46–W47',
      'social, reviews',
      `before W45: ${mentions([...rev, ...soc], 'ride-app', early).n} mentions; per week ${perWeek([...rev, ...soc], 'ride-app', [45, 46, 47])} (W46: ${count(soc, 'ride-app', 46).n} social + ${count(rev, 'ride-app', 46).n} reviews, W47: ${count(soc, 'ride-app', 47).n} + ${count(rev, 'ride-app', 47).n}); all negative; ${itemsWith([...rev, ...soc], 'ride-app')} items in all`,
      'emerging topic',
    ],
    [
      '9',
      'Not about the brand',
      "General cycling news, other people's rides, naming neither Fernhill nor a competitor; some contain value words on purpose",
      'W39–W47',
      'news, social',
      `${offNews} news items, ${offSocial} social posts`,
      'off-brand items filtered',
    ],
    [
      '10',
      'ready-to-ride',
      'Bikes delivered assembled and tuned, mostly on time; steady',
      'W39–W47',
      'reviews, social',
      `${mentions([...rev, ...soc], 'ready-to-ride', all).n} mentions (${range([...rev, ...soc], 'ready-to-ride', all)} a week) in ${itemsWith([...rev, ...soc], 'ready-to-ride')} items; net ${signed(mentions(rev, 'ready-to-ride', all))} in reviews and ${signed(mentions(soc, 'ready-to-ride', all))} on social, every week`,
      'none',
    ],
    [
      '11',
      'free-repairs, the last day',
      'A screenshot of a new workshop notice goes round: free repairs only for bikes under three years old; an angry thread follows the same afternoon',
      `${surge[0]!.at.toISOString().slice(0, 10)} (W${PLAN.surge.week}, the data's last day)`,
      'social',
      `${surge.length} negative posts between ${clock(surge[0]!.at)} and ${clock(surge[surge.length - 1]!.at)} UTC (part of W47's social mentions above)`,
      'an alert, at the end of `npm start` (not a weekly flag)',
    ],
    competitorStoryRow(build),
  ];
  const header = [
    '#',
    'Value or topic',
    'What happens',
    'Weeks',
    'Channels',
    'Generated (mentions = sentences with an aspect word)',
    'Flag the digest should raise',
  ];
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}
