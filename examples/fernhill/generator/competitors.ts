// The competitors' items (story 12): their reviews on the review platform, and the posts of the
// shared social feed that name them, alone or beside Fernhill in one comparing sentence. Each
// competitor's reviews and posts come from random streams of their own, so Fernhill's items stay
// exactly as they were.

import { randomTime, WEEKS } from './calendar';
import {
  COMPETITOR_PLAN,
  COMPETITOR_POOLS,
  COMPETITOR_STYLE,
  COMPETITORS,
  type Comparison,
  TAILS,
  TITLES,
} from './content';
import { type Competitor, type Item, type Line, polarityOf, type Tag, topicOf } from './model';
import { int, pick, type Rng, rngFor, shuffle } from './random';
import { personName, ratingFor } from './reviews';
import { fillSlots, Pools, renderBrand } from './sentences';
import { socialHandle } from './social';

/** {C} becomes the competitor's name or an alias the first time it occurs in a text, {CH} its
 *  handle; both disappear after that, as {F} does for Fernhill. No space is left before punctuation. */
export function renderCompetitor(r: Rng, texts: string[], competitor: Competitor): string[] {
  let named = false;
  return texts.map((t) =>
    t
      .replace(/\{(CH|C)\}/g, (_w, which: string) => {
        if (named) return '';
        named = true;
        return `${which === 'CH' ? competitor.handles[0] : pick(r, [competitor.name, ...competitor.aliases])} `;
      })
      .replace(/ ([,.!?])/g, '$1'),
  );
}

/** The competitor's sentence pools of a channel: its own (and, from its turn, its ":late" ones)
 *  before the shared ones. */
function poolsOf(
  competitor: Competitor,
  channel: 'reviews' | 'social',
  r: Rng,
  used: Set<string>,
): (tag: string, week: number) => string {
  const own = (COMPETITOR_POOLS[competitor.id] as Record<string, Record<string, string[]>> | undefined)?.[channel];
  const source = { ...COMPETITOR_POOLS[channel], ...own };
  const pools = new Pools(source, r, used, COMPETITOR_STYLE[competitor.id]!.slots);
  const turn = COMPETITOR_PLAN.competitors[competitor.id]!.turn;
  return (tag, week) =>
    pools.draw(turn !== undefined && week >= turn && pools.has(`${tag}:late`) ? `${tag}:late` : tag);
}

/** A competitor's reviews on the review platform, week by week; ids are given by numberRivalReviews.
 *  `used`: the sentences the competitors' items have used so far (no sentence is used twice). */
export function competitorReviews(competitor: Competitor, used: Set<string>): Item[] {
  const r = rngFor(`competitor-reviews:${competitor.id}`);
  const draw = poolsOf(competitor, 'reviews', r, used);
  const style = COMPETITOR_STYLE[competitor.id]!;
  const columns = COMPETITOR_PLAN.reviewColumns;
  const authors = new Set<string>();
  const items: Item[] = [];
  for (const week of WEEKS) {
    const plan = COMPETITOR_PLAN.competitors[competitor.id]!.reviews[week];
    const repairs: Line[] = [];
    const others: Line[] = [];
    columns.forEach((tag, i) => {
      for (let n = 0; n < plan.mentions[i]!; n++) {
        const line = { text: draw(tag, week), tag, about: competitor.id };
        (topicOf(tag) === 'free-repairs' ? repairs : others).push(line);
      }
    });
    if (repairs.length > plan.items || repairs.length + others.length < plan.items)
      throw new Error(`${competitor.id}, W${week}: ${plan.items} reviews cannot hold these mentions`);
    // At most one free-repairs sentence a review: the digest counts a review's mentions of a value once.
    const bodies: Line[][] = Array.from({ length: plan.items }, () => []);
    repairs.forEach((line, i) => {
      bodies[i]!.push(line);
    });
    shuffle(r, others).forEach((line, i) => {
      const empty = bodies.findIndex((body) => body.length === 0);
      if (empty >= 0) {
        bodies[empty]!.push(line);
        return;
      }
      const fits = (body: Line[]): boolean =>
        body.length < 3 && !body.some((other) => topicOf(other.tag!) === topicOf(line.tag!));
      const candidates = bodies.filter(fits);
      if (candidates.length === 0) throw new Error(`${competitor.id}, W${week}: no review fits mention ${i}`);
      pick(r, candidates).push(line);
    });
    for (const body of shuffle(r, bodies)) {
      const tags = body.map((l) => l.tag!);
      const rating = ratingFor(r, tags);
      const lines: Line[] = [];
      const roll = r();
      if (roll < 0.2) lines.push({ text: fillSlots(r, pick(r, style.openers.neutral), style.slots) });
      else if (roll < 0.3 && rating >= 4)
        lines.push({ text: fillSlots(r, pick(r, style.openers.positive), style.slots) });
      else if (roll < 0.4 && rating <= 2) lines.push({ text: pick(r, style.openers.negative) });
      lines.push(...shuffle(r, body));
      if (rating >= 4 && r() < 0.5) lines.push({ text: pick(r, style.closers.positive) });
      if (rating <= 2 && r() < 0.5) lines.push({ text: pick(r, style.closers.negative) });
      let author = personName(r);
      while (authors.has(author)) author = personName(r);
      authors.add(author);
      const texts = lines.map((l) => l.text);
      items.push({
        feed: 'rival',
        // Monday to Saturday: the data's last day, Sunday 22 November, stays Fernhill's (story 11).
        at: randomTime(r, week, 0, 5),
        title: pick(r, TITLES[rating]!),
        author,
        lines,
        text: texts.join(' '),
        tags: [],
        about: competitor.id,
        theirTags: tags,
        rating,
        story: 'competitor',
        id: '',
        link: '',
      });
    }
  }
  return items;
}

/** Review ids and links as the platform numbers them: one counter for all its pages, in order of
 *  publication, never a number one of Fernhill's reviews has. */
export function numberRivalReviews(items: Item[], taken: ReadonlySet<string>): void {
  const r = rngFor('competitor-review-ids');
  let seq = 7_731_204;
  for (const item of [...items].sort((a, b) => a.at.getTime() - b.at.getTime() || a.text.localeCompare(b.text))) {
    do seq += 3 + int(r, 0, 40);
    while (taken.has(`tag:reviews.example,2026:review/${seq}`));
    item.id = `tag:reviews.example,2026:review/${seq}`;
    item.link = `https://reviews.example/${item.about}/review/${seq}`;
  }
}

/** The comparisons' free-repairs tag for the competitor: its clause is the worse one or the better one. */
const COMPARISON_TAG: Record<Comparison, Tag> = {
  'brand-better': 'free-repairs-',
  'competitor-better': 'free-repairs+',
};

/** The posts naming a competitor, all competitors; ids are numbered after Fernhill's (see buildSocial). */
export function competitorSocial(used: Set<string>): Item[] {
  const items: Item[] = [];
  for (const competitor of COMPETITORS) {
    const r = rngFor(`competitor-social:${competitor.id}`);
    const draw = poolsOf(competitor, 'social', r, used);
    const theirs = COMPETITOR_POOLS[competitor.id] as { comparisons?: Record<string, string[]> } | undefined;
    const comparisons = new Pools(
      { ...COMPETITOR_POOLS.comparisons, ...theirs?.comparisons },
      r,
      used,
      COMPETITOR_STYLE[competitor.id]!.slots,
    );
    const columns = COMPETITOR_PLAN.socialColumns;
    for (const week of WEEKS) {
      const counts = COMPETITOR_PLAN.competitors[competitor.id]!.social[week];
      columns.forEach((column, i) => {
        for (let n = 0; n < counts[i]!; n++) {
          if (column === 'brand-better' || column === 'competitor-better') {
            const tag = COMPARISON_TAG[column];
            // Weekdays only, away from the weekend hours the alerts compare (story 11).
            const when = randomTime(r, week, 0, 4);
            items.push(
              post(r, competitor, when, { text: comparisons.draw(column), tag, about: competitor.id }, 'comparison'),
            );
          } else if (column === 'chatter') {
            items.push(post(r, competitor, randomTime(r, week, 0, 5), { text: draw('chatter', week) }, 'competitor'));
          } else {
            const line = { text: draw(column, week), tag: column, about: competitor.id };
            items.push(post(r, competitor, randomTime(r, week, 0, 5), line, 'competitor'));
          }
        }
      });
    }
  }
  return items;
}

/** One post of one sentence: the competitor named once, Fernhill too in a comparison, and maybe a tail. */
function post(r: Rng, competitor: Competitor, when: Date, line: Line, story: 'competitor' | 'comparison'): Item {
  const [named] = renderBrand(renderCompetitor(r, [line.text], competitor), true);
  let text = named!.charAt(0).toUpperCase() + named!.slice(1);
  // The tail ends the sentence, so in a comparison it goes with Fernhill's clause, whose judgement
  // is the opposite of the competitor's. A neutral post has none: the local analyzer reads some
  // neutral sentences about a workshop as praise or complaint once a hashtag follows.
  const polarity = line.tag ? polarityOf(line.tag) : '0';
  const mood = story === 'comparison' ? (polarity === '+' ? '-' : '+') : polarity;
  const tail = /[?!]$/.test(text) || mood === '0' ? '' : pick(r, TAILS[mood]);
  if (tail) text = text.replace(/\.$/, '') + tail;
  const words = text.split(/\s+/);
  return {
    feed: 'social',
    at: when,
    title: words.length > 7 ? `${words.slice(0, 6).join(' ')}…` : text,
    author: socialHandle(r),
    lines: [{ ...line, text }],
    text,
    tags: [],
    about: competitor.id,
    theirTags: line.tag ? [line.tag] : [],
    story,
    id: '',
    link: '',
  };
}

/** Social ids after Fernhill's: the same form (11, the second, a sequence number), the sequence
 *  from 500, so that no id of Fernhill's posts changes. */
export function numberCompetitorPosts(items: Item[]): void {
  [...items]
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.text.localeCompare(b.text))
    .forEach((item, i) => {
      const id = `11${Math.floor(item.at.getTime() / 1000)}${String(500 + i).padStart(3, '0')}`;
      item.id = id;
      item.link = `https://social.example/@${item.author.slice(1)}/${id}`;
    });
}
