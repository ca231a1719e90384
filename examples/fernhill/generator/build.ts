// Builds every item of the five feeds and checks the whole before anything is written: all in
// the nine weeks, no two items with the same text (but the burst), the brand named exactly where
// it should be.

import { buildNews, buildNewsroom } from './articles';
import { isoWeekOf } from './calendar';
import type { Build, Item } from './model';
import { rngFor } from './random';
import { numberReviews, reviewAuthors, weeklyReviews } from './reviews';
import { buildSocial } from './social';
import { plantedReviews } from './stories';

/** Reviews of both feeds from one random stream: the weekly plan, then the planted stories. */
function buildReviews(): Item[] {
  const r = rngFor('reviews');
  const authorOf = reviewAuthors(r);
  const items = weeklyReviews(r, authorOf);
  items.push(...plantedReviews(r, authorOf));
  numberReviews(r, items);
  return items;
}

export function buildAll(): Build {
  const newestFirst = (items: Item[]): Item[] =>
    [...items].sort((a, b) => b.at.getTime() - a.at.getTime() || a.id.localeCompare(b.id));
  const reviews = buildReviews();
  const build: Build = {
    news: newestFirst(buildNews()),
    shop: newestFirst(reviews.filter((i) => i.feed === 'shop')),
    platform: newestFirst(reviews.filter((i) => i.feed === 'platform')),
    social: newestFirst(buildSocial()),
    newsroom: newestFirst(buildNewsroom()),
  };
  checkBuild(build);
  return build;
}

function checkBuild(build: Build): void {
  const all = Object.values(build).flat();
  for (const item of all) {
    const week = isoWeekOf(item.at);
    if (week < 39 || week > 47) throw new Error(`item outside W39-W47: ${item.title}`);
  }
  const seen = new Map<string, Item>();
  for (const item of all) {
    const key = item.text.toLowerCase();
    const twin = seen.get(key);
    if (twin && !(twin.story === 'burst' && item.story === 'burst')) throw new Error(`duplicate text: ${item.text}`);
    seen.set(key, item);
  }
  for (const item of [...build.news, ...build.social]) {
    const aboutBrand = /fernhill/i.test(`${item.title} ${item.text}`);
    if (aboutBrand === (item.story === 'off-brand'))
      throw new Error(`brand mention does not match off-brand flag: ${item.title}`);
  }
}
