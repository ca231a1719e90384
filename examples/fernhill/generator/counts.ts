// Counting tagged mentions for the printed summary: per topic, per week, with net sentiment.

import { isoWeekOf } from './calendar';
import { type Item, polarityOf, type Topic, topicOf } from './model';

export type Counts = { n: number; pos: number; neg: number };

export function count(items: Item[], topic: Topic, week?: number): Counts {
  const c: Counts = { n: 0, pos: 0, neg: 0 };
  for (const item of items) {
    if (week !== undefined && isoWeekOf(item.at) !== week) continue;
    for (const tag of item.tags) {
      if (topicOf(tag) !== topic) continue;
      c.n++;
      if (polarityOf(tag) === '+') c.pos++;
      if (polarityOf(tag) === '-') c.neg++;
    }
  }
  return c;
}

export const net = (c: Counts): string => (c.n === 0 ? '   -' : ((c.pos - c.neg) / c.n).toFixed(2).padStart(5));
export const cell = (c: Counts): string => `${String(c.n).padStart(3)} ${net(c)}`;

/** Items carrying at least one mention of the topic. */
export function itemsWith(items: Item[], topic: Topic, weeks?: readonly number[]): number {
  return items.filter((i) => (!weeks || weeks.includes(isoWeekOf(i.at))) && i.tags.some((t) => topicOf(t) === topic))
    .length;
}

export function mentions(items: Item[], topic: Topic, weeks: readonly number[]): Counts {
  return weeks
    .map((w) => count(items, topic, w))
    .reduce((a, c) => ({ n: a.n + c.n, pos: a.pos + c.pos, neg: a.neg + c.neg }), { n: 0, pos: 0, neg: 0 });
}

export const signed = (c: Counts): string => {
  const v = c.n === 0 ? 0 : (c.pos - c.neg) / c.n;
  return `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`;
};
