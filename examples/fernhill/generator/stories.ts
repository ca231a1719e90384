// The items written in for one story each, beside the weekly plan: the reviews whose stars
// contradict their text (story 6), the burst of near-identical praise (story 7), and the timing
// of the backlash after the sustainability pledge (story 5).

import { at, atClock, randomTime } from './calendar';
import { BURST, RATING_MISMATCHES } from './content';
import type { Item } from './model';
import { int, type Rng } from './random';
import { type AuthorOf, reviewItem } from './reviews';

/** Story 6 and story 7: the mismatched ratings, then the burst. */
export function plantedReviews(r: Rng, authorOf: AuthorOf): Item[] {
  const items: Item[] = [];
  for (const m of RATING_MISMATCHES.fiveStarNegative) {
    const item = reviewItem(m.feed, randomTime(r, m.week), m.title, authorOf(m.feed), [{ text: m.text }], 5);
    items.push({ ...item, story: 'mismatch-5' });
  }
  for (const m of RATING_MISMATCHES.oneStarPositive) {
    const item = reviewItem(m.feed, randomTime(r, m.week), m.title, authorOf(m.feed), [{ text: m.text }], 1);
    items.push({ ...item, story: 'mismatch-1' });
  }
  for (const b of BURST.reviews) {
    const item = reviewItem(
      'platform',
      atClock(BURST.week, BURST.day, b.time),
      b.title,
      b.author,
      [{ text: b.text }],
      5,
    );
    items.push({ ...item, story: 'burst' });
  }
  return items;
}

/** When a backlash post of story 5 goes out on a day of W46: the pledge is made on Tuesday
 *  (day 1) at 09:00, so that day's posts come in the afternoon. */
export function backlashTime(r: Rng, day: number): Date {
  return day === 1 ? at(46, 1, int(r, 13, 21), int(r, 0, 59)) : randomTime(r, 46, day, day);
}
