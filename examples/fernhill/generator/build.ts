// Builds every item of the eight feeds and checks the whole before anything is written: all in
// the nine weeks, no two items with the same text (but the burst), the brand and the competitors
// named exactly where they should be.

import { buildCompetitorNewsroom, buildNews, buildNewsroom } from './articles';
import { isoWeekOf } from './calendar';
import { checkCompetitorStory } from './competitor-summary';
import { competitorReviews, competitorSocial, numberCompetitorPosts, numberRivalReviews } from './competitors';
import { COMPETITORS } from './content';
import type { Build, Competitor, Item } from './model';
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
  const platform = reviews.filter((i) => i.feed === 'platform');
  // The competitors after all of Fernhill's items, each from streams of its own (story 12).
  const used = new Set<string>();
  const rivals = COMPETITORS.map((competitor) => ({ competitor, items: competitorReviews(competitor, used) }));
  numberRivalReviews(
    rivals.flatMap((each) => each.items),
    new Set(platform.map((i) => i.id)),
  );
  const theirPosts = competitorSocial(used);
  numberCompetitorPosts(theirPosts);
  const build: Build = {
    news: newestFirst(buildNews()),
    shop: newestFirst(reviews.filter((i) => i.feed === 'shop')),
    platform: newestFirst(platform),
    social: newestFirst([...buildSocial(), ...theirPosts]),
    newsroom: newestFirst(buildNewsroom()),
    competitorReviews: rivals.map(({ competitor, items }) => ({ competitor, items: newestFirst(items) })),
    competitorNewsrooms: COMPETITORS.filter((c) => c.newsroomFile !== undefined).map((competitor) => ({
      competitor,
      items: newestFirst(buildCompetitorNewsroom(competitor)),
    })),
  };
  checkBuild(build);
  checkCompetitorStory(build);
  return build;
}

/** Whole words or phrases, case-insensitive, as the product finds who a text names. */
function namer(terms: readonly string[]): (text: string) => boolean {
  const alternatives = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'iu');
  return (text) => pattern.test(text);
}

const namesOf = (c: Competitor): string[] => [c.name, ...c.aliases, ...c.handles.map((h) => h.slice(1)), ...c.domains];

function checkBuild(build: Build): void {
  const rivalReviews = build.competitorReviews.flatMap((each) => each.items);
  const rivalNewsrooms = build.competitorNewsrooms.flatMap((each) => each.items);
  const all = [
    build.news,
    build.shop,
    build.platform,
    build.social,
    build.newsroom,
    rivalReviews,
    rivalNewsrooms,
  ].flat();
  for (const item of all) {
    const week = isoWeekOf(item.at);
    if (week < 39 || week > 47) throw new Error(`item outside W39-W47: ${item.title}`);
  }
  for (const item of all) if (/\{\w+\}/.test(item.text)) throw new Error(`unfilled slot: ${item.text}`);
  const seen = new Map<string, Item>();
  for (const item of all) {
    const key = item.text.toLowerCase();
    const twin = seen.get(key);
    if (twin && !(twin.story === 'burst' && item.story === 'burst')) throw new Error(`duplicate text: ${item.text}`);
    seen.set(key, item);
  }
  const ids = new Set<string>();
  for (const item of all) {
    if (ids.has(item.id)) throw new Error(`duplicate id: ${item.id}`);
    ids.add(item.id);
  }
  // Who each item names: news and posts are kept by the product only if they name Fernhill or a
  // competitor; the rest (story 9) names neither. Competitors' reviews never name Fernhill; their
  // press releases name themselves and no one else.
  const namesBrand = (text: string): boolean => /fernhill/i.test(text);
  const competitorsNamed = (text: string): string[] =>
    COMPETITORS.filter((c) => namer(namesOf(c))(text)).map((c) => c.id);
  for (const item of [...build.news, ...build.social, ...rivalReviews, ...rivalNewsrooms]) {
    const text = `${item.title} ${item.text}`;
    const brand = namesBrand(text);
    const rivals = competitorsNamed(text);
    const expected =
      item.story === 'off-brand'
        ? { brand: false, rivals: [] }
        : item.story === 'competitor' && item.feed === 'rival'
          ? { brand: false, rivals: rivals.length === 0 ? [] : [item.about] }
          : item.story === 'competitor'
            ? { brand: false, rivals: [item.about] }
            : item.story === 'comparison'
              ? { brand: true, rivals: [item.about] }
              : { brand: true, rivals: [] };
    if (brand !== expected.brand || rivals.join() !== expected.rivals.join())
      throw new Error(
        `${item.story ?? 'brand'} item names ${[brand ? 'Fernhill' : '', ...rivals].filter(Boolean).join(', ') || 'no one'}: ${item.title}`,
      );
    if (item.about !== undefined && !COMPETITORS.some((c) => c.id === item.about))
      throw new Error(`unknown competitor ${item.about}: ${item.title}`);
  }
  // A comparison names both in one sentence.
  for (const item of build.social.filter((i) => i.story === 'comparison'))
    if (/[.!?]\s/.test(item.text)) throw new Error(`comparison of more than one sentence: ${item.text}`);
}
