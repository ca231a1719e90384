// Social posts about the brand from the listening tool: the weekly plan's sentences grouped
// into posts, the backlash of story 5, chatter, posts that never name the brand (story 9) and the
// last day's surge (story 11).

import { at, randomTime, WEEKS } from './calendar';
import { OFF_BRAND_POSTS, PEOPLE, PLAN, SOCIAL_POOLS, TAILS } from './content';
import { type Item, type Line, polarityOf } from './model';
import { int, pick, type Rng, rngFor, shuffle } from './random';
import { Pools, poolKey, renderBrand } from './sentences';
import { backlashTime } from './stories';

export function socialHandle(r: Rng): string {
  const name = pick(r, PEOPLE.firstNames).toLowerCase();
  return `@${pick(r, PEOPLE.handleStyles)
    .replace('{n}', name)
    .replace('{d}', String(int(r, 2, 99)))}`;
}

export function buildSocial(): Item[] {
  const r = rngFor('social');
  const used = new Set<string>();
  const pools = new Pools(SOCIAL_POOLS, r, used);
  const offBrand = shuffle(r, OFF_BRAND_POSTS);
  let offBrandNext = 0;
  const items: Item[] = [];

  const post = (when: Date, lines: Line[], story?: Item['story']): void => {
    const isOffBrand = story === 'off-brand';
    const texts = renderBrand(
      lines.map((l) => l.text),
      !isOffBrand,
    ).map((t) => t.charAt(0).toUpperCase() + t.slice(1));
    let text = texts.join(' ');
    const score = lines.reduce(
      (s, l) => s + (l.tag ? (polarityOf(l.tag) === '+' ? 1 : polarityOf(l.tag) === '-' ? -1 : 0) : 0),
      0,
    );
    // Emoji and hashtags go at the end of the last sentence, never after a ? or !, where a
    // sentence splitter would make a sentence of their own.
    const tail = isOffBrand || /[?!]$/.test(text) ? '' : pick(r, TAILS[score > 0 ? '+' : score < 0 ? '-' : '0']);
    if (tail) text = text.replace(/\.$/, '') + tail;
    if (!isOffBrand && !/fernhill/i.test(text)) throw new Error(`social post without the brand: ${text}`);
    if (isOffBrand && /fernhill/i.test(text)) throw new Error(`off-brand post names the brand: ${text}`);
    const words = text.split(/\s+/);
    const rendered = lines.map((l, i) => ({
      ...l,
      text: i === lines.length - 1 ? (tail ? texts[i]!.replace(/\.$/, '') + tail : texts[i]!) : texts[i]!,
    }));
    items.push({
      feed: 'social',
      at: when,
      title: words.length > 7 ? `${words.slice(0, 6).join(' ')}…` : text,
      author: socialHandle(r),
      lines: rendered,
      text,
      tags: lines.flatMap((l) => (l.tag ? [l.tag] : [])),
      story,
      id: '',
      link: '',
    });
  };

  for (const week of WEEKS) {
    const counts = PLAN.social.weeks[week];
    PLAN.social.columns.forEach((column, i) => {
      let n = counts[i]!;
      if (column === 'off-brand') {
        for (; n > 0; n--)
          post(randomTime(r, week), [{ text: offBrand[offBrandNext++ % offBrand.length]! }], 'off-brand');
        return;
      }
      if (column === 'chatter') {
        for (; n > 0; n--) post(randomTime(r, week), [{ text: pools.draw('chatter') }]);
        return;
      }
      const tag = column;
      if (tag === 'sustainability-' && week === 46) {
        for (const [day, posts] of PLAN.backlash) {
          for (let k = 0; k < posts; k++) post(backlashTime(r, day), [{ text: pools.draw(tag), tag }], 'backlash');
        }
        return;
      }
      // Before the pledge of Tuesday W46, sustainability posts in W46 are on the Monday.
      const days: [number, number] =
        tag.startsWith('sustainability') && week === 46 ? [0, 0] : tag === 'ride-app-' && week === 45 ? [1, 6] : [0, 6];
      const sizes = tag === 'expert-help-' ? [2, 3, 3] : [1, 2, 2];
      while (n > 0) {
        const size = Math.min(n, pick(r, sizes));
        const lines: Line[] = [];
        for (let k = 0; k < size; k++) lines.push({ text: pools.draw(poolKey(tag, week)), tag });
        post(randomTime(r, week, days[0], days[1]), lines);
        n -= size;
      }
    });
  }

  // Story 11, the last day's surge: its times from a stream of its own, drawn after every other post.
  const surge = rngFor('social-surge');
  const { week, day, fromHour, toHour, posts, pool, tag } = PLAN.surge;
  for (let k = 0; k < posts; k++)
    post(at(week, day, int(surge, fromHour, toHour), int(surge, 0, 59)), [{ text: pools.draw(pool), tag }], 'surge');

  const byTime = [...items].sort((a, b) => a.at.getTime() - b.at.getTime());
  byTime.forEach((item, i) => {
    const handle = item.author.slice(1);
    const id = `11${Math.floor(item.at.getTime() / 1000)}${String(i).padStart(3, '0')}`;
    item.id = id;
    item.link = `https://social.example/@${handle}/${id}`;
  });
  return items;
}
