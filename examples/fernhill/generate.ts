/**
 * Generates the example feeds of the fictional brand Fernhill Bikes (profile: brand.yaml beside
 * this file; the stories written into the feeds are listed in README.md).
 *
 *   npx tsx examples/fernhill/generate.ts
 *
 * The output is committed, so this script is deterministic: every random choice comes from a
 * seeded PRNG (mulberry32, one stream for Fernhill's reviews, one for its social posts, and streams
 * of their own for each competitor's reviews and posts), every date from a fixed calendar, and
 * nothing reads the clock. Running it twice writes byte-identical files.
 *
 * The text is data, in content/*.yaml: the sentence pools per channel, topic and polarity, the
 * fillers and people, the hand-written news articles and newsroom statements (Fernhill's and a
 * competitor's), the planted stories and the weekly plans (how many mentions of each topic and
 * polarity go into each week, Fernhill's and its competitors'). The code that turns them into
 * feeds is in generator/:
 *   content.ts            loads and checks the YAML files (and the competitors of brand.yaml)
 *   random.ts, calendar.ts  the seeded PRNG; ISO weeks 2026-W39 to W47, times 07:00-21:59 UTC
 *   sentences.ts          fills template slots and draws sentences without repeats
 *   reviews.ts, social.ts, articles.ts, stories.ts   the items of each channel and story
 *   competitors.ts        the competitors' reviews and the posts naming them (story 12); their
 *                         press releases are built in articles.ts
 *   build.ts              all items, checked before anything is written
 *   news-rss.ts, shop-csv.ts, platform-atom.ts, social-json-feed.ts, newsroom-atom.ts   the writers
 *   summary.ts, story-table.ts, counts.ts, competitor-summary.ts   the figures printed to stdout
 *                         (README.md copies them), and story 12's check
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildAll } from './generator/build';
import { newsXml } from './generator/news-rss';
import { newsroomXml } from './generator/newsroom-atom';
import { platformXml } from './generator/platform-atom';
import { shopCsv } from './generator/shop-csv';
import { socialJsonFeed } from './generator/social-json-feed';
import { summary } from './generator/summary';

// The benchmarks reuse the pools and the PRNG through this module.
export { buildAll } from './generator/build';
export { isoWeekOf, type Week, WEEKS } from './generator/calendar';
export { REVIEW_POOLS, SLOTS, SOCIAL_POOLS } from './generator/content';
export type { Build, FeedId, Item, Line, Polarity, Tag, Topic } from './generator/model';
export { VALUE_IDS } from './generator/model';
export { mulberry32, type Rng } from './generator/random';

function main(): void {
  const here = dirname(fileURLToPath(import.meta.url));
  const feeds = join(here, 'feeds');
  mkdirSync(feeds, { recursive: true });
  const build = buildAll();
  writeFileSync(join(feeds, 'news-search.xml'), newsXml(build.news));
  writeFileSync(join(feeds, 'shop-reviews.csv'), shopCsv(build.shop));
  writeFileSync(join(feeds, 'review-platform.atom'), platformXml(build.platform));
  writeFileSync(join(feeds, 'social-mentions.json'), socialJsonFeed(build.social));
  writeFileSync(join(feeds, 'newsroom.atom'), newsroomXml(build.newsroom));
  for (const { competitor, items } of build.competitorReviews)
    writeFileSync(join(feeds, competitor.feedFile), platformXml(items, { name: competitor.name, slug: competitor.id }));
  for (const { competitor, items } of build.competitorNewsrooms)
    writeFileSync(
      join(feeds, competitor.newsroomFile!),
      newsroomXml(items, {
        name: competitor.name,
        domain: competitor.domains[0]!,
        office: `${competitor.name} Press Office`,
      }),
    );
  console.log(summary(build));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
