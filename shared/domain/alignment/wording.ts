// How numbers, channels and dates are written in titles and explanations: one place, so that every
// flag reads the same ("net −0.62 (90% CI −0.80 to −0.41)").
import type { Interval } from '../digest-model';
import type { Channel } from '../profile';

/** The typographic minus every signed number is written with. */
export const MINUS = '−';

/** A net sentiment with its sign: "+0.30", "−0.62", "0.00". */
export function signed(value: number, decimals = 2): string {
  const rounded = Number(value.toFixed(decimals));
  if (rounded === 0) return (0).toFixed(decimals);
  return `${rounded > 0 ? '+' : MINUS}${Math.abs(rounded).toFixed(decimals)}`;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** "90% CI −0.80 to −0.41": an interval with its confidence level, as flag explanations state it. */
export function confidenceIntervalText(
  interval: Interval,
  confidence: number,
  format: (value: number) => string = signed,
): string {
  return `${percent(confidence)} CI ${format(interval.low)} to ${format(interval.high)}`;
}

/** "net −0.62 (90% CI −0.80 to −0.41)". */
export function netWithIntervalText(net: number, interval: Interval, confidence: number): string {
  return `net ${signed(net)} (${confidenceIntervalText(interval, confidence)})`;
}

const CHANNEL_NOUN: Record<Channel, string> = {
  news: 'news',
  review: 'reviews',
  social: 'social',
  stance: 'stance statements',
};
const CHANNEL_PLACE: Record<Channel, string> = {
  news: 'in the news',
  review: 'in reviews',
  social: 'on social',
  stance: 'in stance statements',
};

export function channelNoun(channel: Channel): string {
  return CHANNEL_NOUN[channel];
}

/** "in reviews", "on social". */
export function channelPlace(channel: Channel): string {
  return CHANNEL_PLACE[channel];
}

/** "34,866": a count grouped in thousands, as every figure in the digest is printed. */
export function grouped(count: number): string {
  return count.toLocaleString('en-GB');
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${grouped(count)} ${count === 1 ? one : many}`;
}

/** “Label” in typographic quotes, as titles name values and topics. */
export function quoted(text: string): string {
  return `“${text}”`;
}

export interface DateWording {
  /** "10 Nov". */
  day(instant: number): string;
  /** "14:02". */
  time(instant: number): string;
}

/** Dates in the digest's time zone; the formatters are built once per report. */
export function dateWording(zone: string): DateWording {
  const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: zone });
  const time = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
  });
  return { day: (instant) => day.format(instant), time: (instant) => time.format(instant) };
}

/** Cuts a quote at a word boundary within `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}
