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
  /** The competitor the tag is about (its id); absent for the brand's own. */
  about?: string;
}

/** 'rival': a competitor's page on the review platform (Item.about says whose). */
export type FeedId = 'news' | 'shop' | 'platform' | 'social' | 'newsroom' | 'rival';

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
  /** The brand's mentions: one tag per sentence (or clause) about the brand with aspect words. */
  tags: Tag[];
  /** The competitor the item is about (its reviews, a post or article naming it), or that a comparison names. */
  about?: string;
  /** That competitor's mentions, as `tags` are the brand's. */
  theirTags?: Tag[];
  rating?: number;
  /** 'competitor': names a competitor and not the brand; 'comparison': names both in one sentence. */
  story?:
    | 'mismatch-5'
    | 'mismatch-1'
    | 'burst'
    | 'off-brand'
    | 'pledge'
    | 'backlash'
    | 'surge'
    | 'competitor'
    | 'comparison';
  id: string;
  link: string;
}

export interface Build {
  news: Item[];
  shop: Item[];
  platform: Item[];
  social: Item[];
  newsroom: Item[];
  /** Each competitor's page on the review platform, in the order brand.yaml declares them. */
  competitorReviews: Array<{ competitor: Competitor; items: Item[] }>;
  /** The newsrooms of the competitors that have one (feed 'newsroom', about the competitor), in that order. */
  competitorNewsrooms: Array<{ competitor: Competitor; items: Item[] }>;
}

/** A competitor as brand.yaml declares it, and how the feeds name it. */
export interface Competitor {
  id: string;
  name: string;
  aliases: string[];
  handles: string[];
  domains: string[];
  /** Its review feed's file name in feeds/. */
  feedFile: string;
  /** Its newsroom's file name in feeds/ (a stance source about it), if brand.yaml declares one. */
  newsroomFile?: string;
}
