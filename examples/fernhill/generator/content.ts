// Loads the example's written content from ../content/*.yaml: the sentence pools, fillers,
// people, hand-written articles, planted stories and the weekly plan. Each file is checked
// against its schema here, so a typo in a tag or a missing week stops the generator with the
// file's name instead of quietly changing the feeds.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { WEEKS, type Week } from './calendar';
import { type Competitor, POLARITIES, type Polarity, TOPICS } from './model';

const CONTENT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'content');

function load<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const path = join(CONTENT_DIR, file);
  const parsed = schema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

const texts = z.array(z.string()).min(1);
const pools = z.record(z.string(), texts);
const tag = z.templateLiteral([z.enum(TOPICS), z.enum(POLARITIES)]);
const week = z.literal(WEEKS);
const weekKey = z.enum(WEEKS.map(String) as [string, ...string[]]);
const day = z.number().int().min(0).max(6);
const clock = z.string().regex(/^\d\d:\d\d$/);
const reviewFeed = z.enum(['shop', 'platform']);

/** A table with one row per week of the calendar, every week present. */
function byWeek<S extends z.ZodType>(row: S) {
  return z.record(weekKey, row).transform((rows) => rows as Record<Week, z.output<S>>);
}

/** The slot values templates are filled with: {town}, {model}, {part}... */
export const SLOTS: Record<string, readonly string[]> = load('slots.yaml', pools);

/** Review sentences by tag. Exported, like SOCIAL_POOLS and SLOTS, so the pools can be checked
 *  against an analyzer. */
export const REVIEW_POOLS: Record<string, readonly string[]> = load('review-sentences.yaml', pools);

/** Social post sentences by tag; every template names the brand through {F} or {H}. */
export const SOCIAL_POOLS: Record<string, readonly string[]> = load('social-sentences.yaml', pools);

const reviewFillers = load(
  'review-fillers.yaml',
  z.strictObject({
    openers: z.strictObject({ neutral: texts, positive: texts, negative: texts }),
    closers: z.strictObject({ positive: texts, negative: texts }),
    titles: z.record(z.enum(['1', '2', '3', '4', '5']), texts),
  }),
);
export const OPENERS = reviewFillers.openers;
export const CLOSERS = reviewFillers.closers;
/** Review titles by star rating. */
export const TITLES: Record<number, readonly string[]> = reviewFillers.titles;

/** The emoji or hashtag a social post may end with, by the post's polarity. */
export const TAILS: Record<Polarity, readonly string[]> = load(
  'social-tails.yaml',
  z.record(z.enum(POLARITIES), texts),
);

/** Social posts that never mention the brand (story 9). */
export const OFF_BRAND_POSTS: readonly string[] = load('off-brand-posts.yaml', texts);

export const PEOPLE = load('people.yaml', z.strictObject({ firstNames: texts, handleStyles: texts }));

const mismatch = z.strictObject({ week, feed: reviewFeed, title: z.string(), text: z.string() });
/** Reviews whose stars contradict their text (story 6), each with its week and feed. */
export const RATING_MISMATCHES = load(
  'rating-mismatches.yaml',
  z.strictObject({ fiveStarNegative: z.array(mismatch), oneStarPositive: z.array(mismatch) }),
);

/** The burst of near-identical five-star reviews (story 7). */
export const BURST = load(
  'burst.yaml',
  z.strictObject({
    week,
    day,
    reviews: z.array(z.strictObject({ time: clock, title: z.string(), text: z.string(), author: z.string() })).min(1),
  }),
);

const article = z.strictObject({
  week,
  day,
  time: clock,
  outlet: z.string().optional(),
  by: z.string(),
  title: z.string(),
  /** Value mentions the body is meant to carry, one tag per sentence that has aspect words. */
  tags: z.array(tag),
  /** Names neither Fernhill nor a competitor (story 9). */
  offBrand: z.literal(true).optional(),
  /** About this competitor (its id in brand.yaml), not Fernhill: `tags` are then its mentions. */
  about: z.string().optional(),
  /** The stance statement the backlash follows (story 5). */
  pledge: z.literal(true).optional(),
  /** Paragraphs in a tiny markup: **bold**, [text](url), ~ for a non-breaking space. */
  body: texts,
});
export type Article = z.output<typeof article>;

/** News articles; every one has an outlet. */
export const NEWS = load('news.yaml', z.array(article.extend({ outlet: z.string() })));
/** The brand's newsroom: press releases and stance statements. */
export const NEWSROOM: readonly Article[] = load('newsroom.yaml', z.array(article));

const plan = z
  .strictObject({
    reviews: z.strictObject({
      columns: z.array(tag).min(1),
      weeks: byWeek(z.strictObject({ items: z.number().int().min(1), mentions: z.array(z.number().int().min(0)) })),
    }),
    social: z.strictObject({
      columns: z.array(z.union([tag, z.literal('chatter'), z.literal('off-brand')])).min(1),
      weeks: byWeek(z.array(z.number().int().min(0))),
    }),
    backlash: z.array(z.tuple([day, z.number().int().min(1)])).min(1),
    surge: z.strictObject({
      week: z.literal(47),
      day,
      fromHour: z.number().int().min(7).max(21),
      toHour: z.number().int().min(7).max(21),
      posts: z.number().int().min(1),
      pool: z.string(),
      tag,
    }),
  })
  .superRefine((p, ctx) => {
    for (const w of WEEKS) {
      if (p.reviews.weeks[w].mentions.length !== p.reviews.columns.length)
        ctx.addIssue({ code: 'custom', message: `reviews, W${w}: one number per column` });
      if (p.social.weeks[w].length !== p.social.columns.length)
        ctx.addIssue({ code: 'custom', message: `social, W${w}: one number per column` });
    }
    const backlashColumn = p.social.columns.indexOf('sustainability-');
    const backlashPosts = p.backlash.reduce((sum, [, posts]) => sum + posts, 0);
    if (p.social.weeks[46][backlashColumn] !== backlashPosts)
      ctx.addIssue({ code: 'custom', message: 'backlash: as many posts as W46 has sustainability- mentions' });
  });

/** The weekly plan: mentions of each topic and polarity per week, and the backlash's timing. */
export const PLAN = load('plan.yaml', plan);

// The competitors (story 12): who they are (brand.yaml), how the feeds speak of them
// (competitors.yaml), what is said of them (competitor-sentences.yaml) and when
// (competitor-plan.yaml), and what they say of themselves (a newsroom, cobalt-newsroom.yaml).

const brandFile = z.object({
  brand: z.object({
    competitors: z
      .array(
        z.object({
          id: z.string().optional(),
          name: z.string(),
          aliases: z.array(z.string()).default([]),
          handles: z.array(z.string()).default([]),
          domains: z.array(z.string()).default([]),
        }),
      )
      .min(1),
  }),
  values: z.array(z.object({ id: z.string(), aspects: z.array(z.string()) })),
  sources: z.array(
    z.object({ id: z.string(), path: z.string().optional(), channel: z.string(), about: z.string().optional() }),
  ),
});

function loadBrandFile(): { path: string; data: z.output<typeof brandFile> } {
  const path = join(CONTENT_DIR, '..', 'brand.yaml');
  const parsed = brandFile.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
  return { path, data: parsed.data };
}

function loadCompetitors(): Competitor[] {
  const { path, data } = loadBrandFile();
  return data.brand.competitors.map((c) => {
    // the product's default id: the name in lower case with dashes
    const id =
      c.id ??
      c.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
    const inFeeds = (channel: string) =>
      data.sources.find((s) => s.about === id && s.channel === channel && s.path?.startsWith('feeds/'));
    const source = inFeeds('review');
    if (!source?.path) throw new Error(`${path}: no feeds/ review source is about ${id}`);
    const newsroom = inFeeds('stance');
    return {
      id,
      name: c.name,
      aliases: c.aliases,
      handles: c.handles,
      domains: c.domains,
      feedFile: source.path.slice(6),
      newsroomFile: newsroom?.path?.slice(6),
    };
  });
}

/** The aspect words of each value of brand.yaml, by value id. */
export const ASPECTS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  loadBrandFile().data.values.map((v) => [v.id, v.aspects]),
);

/** The competitors brand.yaml declares, in its order, each with the review source about it. */
export const COMPETITORS: readonly Competitor[] = loadCompetitors();

const competitorId = z.enum(COMPETITORS.map((c) => c.id) as [string, ...string[]]);
const byCompetitor = <S extends z.ZodType>(row: S) =>
  z.record(competitorId, row).transform((rows) => rows as Record<string, z.output<S>>);

/** Each competitor's {model} and {town}, and the openers and closers of its reviews. */
export const COMPETITOR_STYLE = load(
  'competitors.yaml',
  byCompetitor(
    z.strictObject({
      slots: z.record(z.string(), texts),
      openers: z.strictObject({ neutral: texts, positive: texts, negative: texts }),
      closers: z.strictObject({ positive: texts, negative: texts }),
    }),
  ),
);

/** The competitor pools: shared ones per channel, each competitor's own, and the comparisons. */
export const COMPETITOR_POOLS = load(
  'competitor-sentences.yaml',
  z
    .object({
      reviews: pools,
      social: pools,
      comparisons: z.strictObject({ 'brand-better': texts, 'competitor-better': texts }),
    })
    .catchall(
      z.strictObject({
        reviews: pools.optional(),
        social: pools.optional(),
        comparisons: z
          .strictObject({ 'brand-better': texts.optional(), 'competitor-better': texts.optional() })
          .optional(),
      }),
    )
    .superRefine((p, ctx) => {
      for (const key of Object.keys(p))
        if (!['reviews', 'social', 'comparisons'].includes(key) && !COMPETITORS.some((c) => c.id === key))
          ctx.addIssue({ code: 'custom', message: `${key}: not a competitor of brand.yaml` });
    }),
);

const COMPARISONS = ['brand-better', 'competitor-better'] as const;
export type Comparison = (typeof COMPARISONS)[number];

const competitorPlan = z
  .strictObject({
    fernhillFreeRepairs: byWeek(z.tuple([z.number().int().min(1), z.number().min(-1).max(1)])),
    reviewColumns: z.array(tag).min(1),
    socialColumns: z.array(z.union([tag, z.literal('chatter'), z.enum(COMPARISONS)])).min(1),
    competitors: byCompetitor(
      z.strictObject({
        turn: week.optional(),
        reviews: byWeek(z.strictObject({ items: z.number().int().min(1), mentions: z.array(z.number().int().min(0)) })),
        social: byWeek(z.array(z.number().int().min(0))),
      }),
    ),
  })
  .superRefine((p, ctx) => {
    for (const [id, plan] of Object.entries(p.competitors)) {
      for (const w of WEEKS) {
        if (plan.reviews[w].mentions.length !== p.reviewColumns.length)
          ctx.addIssue({ code: 'custom', message: `${id}, reviews, W${w}: one number per column` });
        if (plan.social[w].length !== p.socialColumns.length)
          ctx.addIssue({ code: 'custom', message: `${id}, social, W${w}: one number per column` });
      }
    }
    for (const c of COMPETITORS)
      if (!p.competitors[c.id]) ctx.addIssue({ code: 'custom', message: `no plan for ${c.id} (brand.yaml)` });
  });

/** The competitors' weekly plan, and Fernhill's free-repairs figures the story is set against. */
export const COMPETITOR_PLAN = load('competitor-plan.yaml', competitorPlan);

/** A competitor's press releases: as the brand's newsroom entries, about the competitor as a whole
 *  (tags are its mentions), with no outlet and no pledge. */
const statement = article.omit({ outlet: true, offBrand: true, about: true, pledge: true });
export type Statement = z.output<typeof statement>;

/** Each competitor's newsroom (a stance source of brand.yaml about it, feeds/<name>.atom), from
 *  content/<name>.yaml, by competitor id. */
export const COMPETITOR_NEWSROOMS: Readonly<Record<string, readonly Statement[]>> = Object.fromEntries(
  COMPETITORS.flatMap((c) =>
    c.newsroomFile === undefined
      ? []
      : [[c.id, load(`${c.newsroomFile.replace(/\.[^.]+$/, '')}.yaml`, z.array(statement).min(1))]],
  ),
);
