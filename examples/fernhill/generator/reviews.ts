// Customer reviews, on the shop site and on the review platform: the weekly plan's sentences
// packed into reviews with stars, titles, openers and closers, then numbered as the sites would.

import { randomTime, WEEKS } from './calendar';
import { BURST, CLOSERS, OPENERS, PEOPLE, PLAN, REVIEW_POOLS, TITLES } from './content';
import { type FeedId, type Item, type Line, polarityOf, type Tag, topicOf } from './model';
import { int, pick, type Rng, shuffle } from './random';
import { fillSlots, Pools, poolKey, renderBrand } from './sentences';

export type ReviewFeed = 'shop' | 'platform';
/** A new reviewer's name for a feed, never one already used on that feed. */
export type AuthorOf = (feed: ReviewFeed) => string;

export function personName(r: Rng): string {
  return `${pick(r, PEOPLE.firstNames)} ${String.fromCharCode(65 + int(r, 0, 25))}.`;
}

/** Reviewers per feed; the burst's authors are taken on the platform from the start. */
export function reviewAuthors(r: Rng): AuthorOf {
  const seen: Record<ReviewFeed, Set<string>> = {
    shop: new Set<string>(),
    platform: new Set<string>(BURST.reviews.map((b) => b.author)),
  };
  return (feed) => {
    for (;;) {
      const name = personName(r);
      if (!seen[feed].has(name)) {
        seen[feed].add(name);
        return name;
      }
    }
  };
}

export function ratingFor(r: Rng, tags: Tag[]): number {
  const pos = tags.filter((t) => polarityOf(t) === '+').length;
  const neg = tags.filter((t) => polarityOf(t) === '-').length;
  if (neg === 0 && pos === 0) return pick(r, [3, 4]);
  if (neg === 0) return r() < 0.75 ? 5 : 4;
  if (pos === 0) return r() < 0.7 ? 1 : 2;
  if (pos > neg) return r() < 0.7 ? 4 : 3;
  if (pos === neg) return 3;
  return 2;
}

/** The reviews of the weekly plan, week by week. */
export function weeklyReviews(r: Rng, authorOf: AuthorOf): Item[] {
  const pools = new Pools(REVIEW_POOLS, r, new Set<string>());
  const { columns } = PLAN.reviews;
  const items: Item[] = [];

  for (const week of WEEKS) {
    const plan = PLAN.reviews.weeks[week];
    const lines: Line[] = [];
    columns.forEach((tag, i) => {
      for (let n = 0; n < plan.mentions[i]!; n++) lines.push({ text: pools.draw(poolKey(tag, week)), tag });
    });

    // Pack the sentences into reviews: one each first, then the rest at random, never putting a
    // positive and a negative sentence about the same topic into one review.
    const bodies: Line[][] = Array.from({ length: plan.items }, () => []);
    const shuffled = shuffle(r, lines);
    shuffled.forEach((line, i) => {
      if (i < plan.items) {
        bodies[i]!.push(line);
        return;
      }
      const fits = (body: Line[]): boolean =>
        body.length < 3 &&
        !body.some(
          (other) =>
            topicOf(other.tag!) === topicOf(line.tag!) &&
            polarityOf(other.tag!) !== polarityOf(line.tag!) &&
            polarityOf(other.tag!) !== '0' &&
            polarityOf(line.tag!) !== '0',
        );
      const candidates = bodies.filter(fits);
      pick(r, candidates.length > 0 ? candidates : bodies).push(line);
    });

    // A little over half of the reviews are written on the shop site, the rest on the platform.
    const shopCount = Math.round(plan.items * 0.53);
    const feeds = shuffle(
      r,
      bodies.map((_b, i): ReviewFeed => (i < shopCount ? 'shop' : 'platform')),
    );
    for (const [index, body] of bodies.entries()) {
      const tags = body.map((l) => l.tag!);
      const rating = ratingFor(r, tags);
      const sentences: Line[] = [];
      const roll = r();
      if (roll < 0.2) sentences.push({ text: fillSlots(r, pick(r, OPENERS.neutral)) });
      else if (roll < 0.3 && rating >= 4) sentences.push({ text: fillSlots(r, pick(r, OPENERS.positive)) });
      else if (roll < 0.4 && rating <= 2) sentences.push({ text: pick(r, OPENERS.negative) });
      sentences.push(...body);
      if (rating >= 4 && r() < 0.55) sentences.push({ text: pick(r, CLOSERS.positive) });
      if (rating <= 2 && r() < 0.55) sentences.push({ text: pick(r, CLOSERS.negative) });
      const hasApp = tags.some((t) => t.startsWith('ride-app'));
      // The Ride app 3.0 update ships on Monday of W45, so W45 complaints come after it.
      const when = randomTime(r, week, hasApp && week === 45 ? 1 : 0, 6);
      const feed = feeds[index]!;
      items.push(reviewItem(feed, when, pick(r, TITLES[rating]!), authorOf(feed), sentences, rating));
    }
  }
  return items;
}

export function reviewItem(
  feed: FeedId,
  when: Date,
  title: string,
  author: string,
  lines: Line[],
  rating: number,
): Item {
  const texts = renderBrand(
    lines.map((l) => l.text),
    false,
  );
  const rendered = lines.map((l, i) => ({ ...l, text: texts[i]! }));
  return {
    feed,
    at: when,
    title,
    author,
    lines: rendered,
    text: texts.join(' '),
    tags: rendered.flatMap((l) => (l.tag ? [l.tag] : [])),
    rating,
    id: '',
    link: '',
  };
}

/** Ids and links follow publication order, as a real site's would. */
export function numberReviews(r: Rng, items: Item[]): void {
  const byTime = [...items].sort((a, b) => a.at.getTime() - b.at.getTime());
  let shopSeq = 48_213;
  let platformSeq = 7_731_204;
  for (const item of byTime) {
    if (item.feed === 'shop') {
      shopSeq += 1 + int(r, 0, 3);
      item.id = `fernhill-review-${shopSeq}`;
      item.link = `https://fernhillbikes.example/reviews/${shopSeq}`;
    } else {
      platformSeq += 3 + int(r, 0, 40);
      item.id = `tag:reviews.example,2026:review/${platformSeq}`;
      item.link = `https://reviews.example/fernhill-bikes/review/${platformSeq}`;
    }
  }
}
