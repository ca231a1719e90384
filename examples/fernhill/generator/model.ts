// The shapes the generator passes around: tags (what a sentence is about and how it feels), the
// items of the five feeds, and a whole build of them.

export const TOPICS = [
  'free-repairs',
  'sustainability',
  'expert-help',
  'honest-pricing',
  'ready-to-ride',
  'group-rides',
  'ride-app',
] as const;
export type Topic = (typeof TOPICS)[number];
export const POLARITIES = ['+', '-', '0'] as const;
export type Polarity = (typeof POLARITIES)[number];
export type Tag = `${Topic}${Polarity}`;

export const VALUE_IDS = ['free-repairs', 'sustainability', 'expert-help', 'honest-pricing', 'ready-to-ride'] as const;

export const polarityOf = (tag: Tag): Polarity => tag.slice(-1) as Polarity;
export const topicOf = (tag: Tag): Topic => tag.slice(0, -1) as Topic;

export interface Line {
  text: string;
  tag?: Tag;
}

export type FeedId = 'news' | 'shop' | 'platform' | 'social' | 'newsroom';

export interface Item {
  feed: FeedId;
  at: Date;
  title: string;
  author: string;
  /** Sentences of reviews and social posts, with the tag each one was written for. */
  lines: Line[];
  /** Full text (reviews, social) or HTML (news, newsroom). */
  text: string;
  html?: string;
  tags: Tag[];
  rating?: number;
  story?: 'mismatch-5' | 'mismatch-1' | 'burst' | 'off-brand' | 'pledge' | 'backlash' | 'surge';
  id: string;
  link: string;
}

export interface Build {
  news: Item[];
  shop: Item[];
  platform: Item[];
  social: Item[];
  newsroom: Item[];
}
