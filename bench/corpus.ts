// The benchmark corpus: a deterministic (seeded) year of signals for the example brand, written as
// one CSV export with a channel column, so the whole pipeline reads it through the CSV connector
// the way a real export is read: streamed, 500 rows a batch.
//
// Texts reuse the sentence pools of the Fernhill example (examples/fernhill/content/, read by generate.ts) with their
// slots filled, so the analyzer and the value matcher see the sentences they see in the demo. Their
// lengths run from one sentence (most social posts, a fifth of reviews) to several paragraphs (long
// reviews, news articles, the brand's statements). A few social and news items never name the brand
// (they are dropped at ingest as off-brand), as in a real listening feed.
import { closeSync, openSync, writeSync } from 'node:fs';
import { mulberry32, REVIEW_POOLS, SLOTS, SOCIAL_POOLS, type Rng } from '../examples/fernhill/generate';

export const CORPUS_SEED = 20_260_101;
/** 52 consecutive ISO weeks: 2025-W48 (Monday 2025-11-24) to 2026-W47. */
export const CORPUS_WEEKS = 52;
const FIRST_MONDAY = Date.UTC(2025, 10, 24);
const DAY_MS = 86_400_000;

export const CORPUS_COLUMNS = {
  id: 'ID',
  date: 'Date',
  channel: 'Channel',
  rating: 'Rating',
  title: 'Title',
  text: 'Text',
  author: 'Author',
  url: 'URL',
} as const;

export interface CorpusSummary {
  rows: number;
  bytes: number;
  chars: { mean: number; median: number; p95: number; max: number };
  byChannel: Record<string, number>;
  offBrand: number;
  /** The first and last instants written (rows are in time order). */
  from: string;
  to: string;
}

const pick = <T>(random: Rng, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const between = (random: Rng, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

/** Fills a template's slots; the brand slots ({F}, {H}) name the brand once per text (`brand.named`). */
export function fillSlots(random: Rng, template: string, brand: { named: boolean }): string {
  return template.replace(/\{(\w+?)(2?)\}/g, (_whole, name: string) => {
    if (name === 'F' || name === 'H') {
      if (brand.named) return '';
      brand.named = true;
      return name === 'F' ? 'Fernhill ' : '@fernhillhelp ';
    }
    return pick(random, SLOTS[name] ?? [name]);
  });
}

// Sentences with no value in them: they make long texts long without inventing mentions.
export const FILLERS = [
  'I ride about {mins} miles a week, mostly commuting.',
  'We bought the {model} in the {town} shop last spring.',
  'For context, this is our third bike from them.',
  'The {model} handles well on the hills around {town}.',
  'My partner rides the {model2} and loves it.',
  'The colour is exactly as in the photos.',
  'I have been cycling for about ten years now.',
  'The frame feels solid and the paint has held up.',
  'We use the bikes for the school run most days.',
  'It took a while to get the saddle height right.',
];
export const NEWS_SENTENCES = [
  'Fernhill Bikes, the Bristol maker with shops across the country, said trading had been steady this quarter.',
  'The company now runs shops in {town}, {town2} and ten other cities.',
  'A spokesperson for Fernhill said the {model} remained its best-selling bike.',
  'Customers in {town} told us the workshop queue had grown over the summer.',
  'Fernhill says its frames now use recycled aluminium and its packaging is plastic-free.',
  'Campaigners questioned whether the recycled aluminium claims could be checked.',
  'Several readers said the price they paid matched the price on the website.',
  'Others complained about labour charges on repairs that were promised free.',
  'Industry figures suggest the market for city bikes grew by a tenth last year.',
  'Rivals Alderway Bikes and Cobalt Cycles have both cut prices this autumn.',
  'The firm employs around 300 people and plans two more shops next year.',
  'Delivery times have improved since the company opened a second warehouse.',
];
const STANCE_SENTENCES = [
  'At Fernhill we believe a good bike should last a lifetime.',
  'Every Fernhill bike is repaired free of charge in our workshops for as long as you own it.',
  'From January all of our frames will use at least 80 per cent recycled aluminium.',
  'Our packaging is now completely plastic-free, from the frame wrap to the bolt bags.',
  'The price you see is the price you pay, with no hidden fees.',
  'We are opening longer workshop hours in {town} to bring waiting times down.',
  'Our staff complete a six-month training programme before they advise customers.',
  'Your bike arrives fully assembled and tuned within three working days.',
];
const OFF_BRAND = [
  'Sunday loop round the reservoir, {mins}km and a flapjack #sundayride',
  'Cobalt Cycles support chat answered in two minutes, impressed.',
  'The new cycle lane in {town} is brilliant, finally safe on the way to work #bikecommute',
  'Puncture in the rain this morning, what a start to the week #cycling',
  'Alderway delivered my new bike in a day, nice',
];
const REVIEW_TITLES = [
  'Great bike',
  'Mixed feelings',
  'Disappointed',
  'Lovely shop',
  'Three stars',
  'Superb',
  'Not again',
  'Happy overall',
];
const NEWS_TITLES = [
  'Fernhill Bikes expands',
  'Bike maker under fire over repairs',
  'Fernhill pledges recycled frames',
  'City bike market grows',
];
const REVIEW_KEYS = Object.keys(REVIEW_POOLS);
// the example's last-day thread (its story 11) is not weekly text: left out, so the corpus stays as it was
const SOCIAL_KEYS = Object.keys(SOCIAL_POOLS).filter((key) => !key.endsWith(':surge'));

function sentences(
  random: Rng,
  count: number,
  pools: Record<string, readonly string[]>,
  keys: readonly string[],
  brand: { named: boolean },
): string[] {
  return Array.from({ length: count }, () => {
    const template = random() < 0.25 ? pick(random, FILLERS) : pick(random, pools[pick(random, keys)] ?? FILLERS);
    return fillSlots(random, template, brand);
  });
}

function paragraphs(count: number, make: () => string[]): string {
  return Array.from({ length: count }, () => make().join(' ')).join('\n\n');
}

interface Row {
  channel: 'review' | 'social' | 'news' | 'stance';
  title: string;
  text: string;
  rating: string;
  offBrand: boolean;
}

/** One row's content; the mix of channels and lengths is the corpus's shape. */
function makeRow(random: Rng): Row {
  const roll = random();
  if (roll < 0.48) {
    // Reviews: a fifth one sentence, most a few sentences, some a paragraph or several.
    const shape = random();
    const brand = { named: true };
    const text =
      shape < 0.2
        ? sentences(random, 1, REVIEW_POOLS, REVIEW_KEYS, brand).join(' ')
        : shape < 0.75
          ? sentences(random, between(random, 2, 5), REVIEW_POOLS, REVIEW_KEYS, brand).join(' ')
          : shape < 0.95
            ? sentences(random, between(random, 6, 10), REVIEW_POOLS, REVIEW_KEYS, brand).join(' ')
            : paragraphs(between(random, 2, 4), () =>
                sentences(random, between(random, 3, 6), REVIEW_POOLS, REVIEW_KEYS, brand),
              );
    return {
      channel: 'review',
      title: pick(random, REVIEW_TITLES),
      text,
      rating: String(between(random, 1, 5)),
      offBrand: false,
    };
  }
  if (roll < 0.9) {
    if (random() < 0.03) {
      return {
        channel: 'social',
        title: '',
        text: fillSlots(random, pick(random, OFF_BRAND), { named: true }),
        rating: '',
        offBrand: true,
      };
    }
    const brand = { named: false };
    const text = sentences(random, random() < 0.6 ? 1 : between(random, 2, 3), SOCIAL_POOLS, SOCIAL_KEYS, brand).join(
      ' ',
    );
    // A filler-only post would not name the brand; social posts always tag the help account.
    return {
      channel: 'social',
      title: '',
      text: brand.named ? text : `@fernhillbikes ${text}`,
      rating: '',
      offBrand: false,
    };
  }
  if (roll < 0.99) {
    const offBrand = random() < 0.05;
    const text = offBrand
      ? paragraphs(between(random, 2, 3), () => [
          fillSlots(random, pick(random, FILLERS), { named: true }),
          'Cycling numbers keep rising.',
        ])
      : paragraphs(between(random, 2, 6), () =>
          Array.from({ length: between(random, 3, 6) }, () =>
            fillSlots(random, pick(random, NEWS_SENTENCES), { named: true }),
          ),
        );
    return {
      channel: 'news',
      title: offBrand ? 'Cycling boom continues' : pick(random, NEWS_TITLES),
      text,
      rating: '',
      offBrand,
    };
  }
  const text = paragraphs(between(random, 2, 4), () =>
    Array.from({ length: between(random, 2, 4) }, () =>
      fillSlots(random, pick(random, STANCE_SENTENCES), { named: true }),
    ),
  );
  return { channel: 'stance', title: 'A statement from Fernhill Bikes', text, rating: '', offBrand: false };
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export interface CorpusOptions {
  seed?: number;
  /** Write only the first rows of the corpus (its other rows are still generated, so these are the same rows). */
  firstRows?: number;
  /** Row separator: CRLF as RFC 4180 says, or LF, as another export of the same rows might use. */
  newline?: '\r\n' | '\n';
}

/**
 * Writes `rows` rows over CORPUS_WEEKS weeks to `path`, in time order, and describes what it wrote.
 * Weekly volume varies by ±25% around the mean; the same seed writes the same bytes.
 */
export function writeCorpus(path: string, rows: number, options: CorpusOptions = {}): CorpusSummary {
  const seed = options.seed ?? CORPUS_SEED;
  const firstRows = options.firstRows ?? rows;
  const newline = options.newline ?? '\r\n';
  const random = mulberry32(seed);
  const weights = Array.from({ length: CORPUS_WEEKS }, () => 0.75 + random() * 0.5);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const perWeek = weights.map((weight) => Math.floor((weight / total) * rows));
  perWeek[CORPUS_WEEKS - 1] = (perWeek[CORPUS_WEEKS - 1] ?? 0) + rows - perWeek.reduce((sum, count) => sum + count, 0);

  const fd = openSync(path, 'w');
  const lengths = new Uint32Array(Math.min(rows, firstRows));
  const byChannel: Record<string, number> = {};
  let offBrand = 0;
  let bytes = 0;
  let written = 0;
  let chunk = `${Object.values(CORPUS_COLUMNS).join(',')}${newline}`;
  let first = '';
  let last = '';
  try {
    perWeek.forEach((count, week) => {
      // Instants spread over the week, sorted so that the export is in time order.
      const instants = Array.from(
        { length: count },
        () => FIRST_MONDAY + week * 7 * DAY_MS + Math.floor(random() * 7 * DAY_MS),
      ).sort((a, b) => a - b);
      for (const instant of instants) {
        const row = makeRow(random);
        const author = `author-${between(random, 1, 40_000)}`;
        if (written >= firstRows) continue;
        const id = `bench-${String(written).padStart(6, '0')}`;
        const date = new Date(Math.floor(instant / 1000) * 1000).toISOString();
        first ||= date;
        last = date;
        lengths[written] = row.text.length;
        byChannel[row.channel] = (byChannel[row.channel] ?? 0) + 1;
        if (row.offBrand) offBrand++;
        chunk += `${[id, date, row.channel, row.rating, row.title, row.text, author, `https://example.com/${id}`].map(csvField).join(',')}${newline}`;
        written++;
        if (chunk.length > 1 << 20) {
          bytes += writeSync(fd, chunk);
          chunk = '';
        }
      }
    });
    bytes += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  const sorted = [...lengths].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
  return {
    rows: written,
    bytes,
    chars: {
      mean: Math.round(sorted.reduce((sum, length) => sum + length, 0) / Math.max(1, written)),
      median: at(0.5),
      p95: at(0.95),
      max: at(1),
    },
    byChannel,
    offBrand,
    from: first,
    to: last,
  };
}
