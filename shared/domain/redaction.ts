// Personal data out of signals before they are stored. In the title and text, e-mail addresses,
// phone numbers and user handles become placeholders ("[email]", "[phone]", "[handle]"); on the
// review and social channels, where authors are private persons, the author becomes a stable
// pseudonym ("Customer 3f9a2c1b"). News bylines and the brand's own statements keep their author.
//
// Pattern-based and pure: it finds what has a shape (an address, a number, an @), never a name in
// running text; the AWS mode adds Amazon Comprehend for names and addresses (docs/privacy.md).
// The rules lean towards leaving numbers alone: a phone needs 9 to 15 digits in a phone-like
// shape, and dates, times, prices, order and version numbers, postcodes and IP addresses are kept.
// Links are kept whole (only e-mail addresses inside them are replaced): the signal's own url
// points to the same page, and a link with a placeholder in it would only be broken.
// What names the brand is kept: its own handles, and its domain in an e-mail address. Whether a
// signal is about the brand is read from the text as redacted here (relevance.ts), so redaction
// can never turn a signal ingestion kept into one scoring finds off-brand.
import { createHash } from 'node:crypto';
import type { RedactionBatch, Redactor } from './ports';
import type { Channel, Profile } from './profile';
import type { Signal } from './signal';

/** What a redactor replaces, each by the placeholder `[kind]` ("other" by "[redacted]"). */
export const REDACTION_KINDS = [
  'email',
  'phone',
  'handle',
  'name',
  'address',
  'account',
  'id-number',
  'secret',
  'device',
  'vehicle',
  'other',
] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

/** How many of each kind were replaced; `author` counts authors replaced by a pseudonym. */
export type RedactionCounts = Partial<Record<RedactionKind | 'author', number>>;

export interface RedactionContext {
  /** Part of every pseudonym, so the same person gets different pseudonyms for different brands. */
  brandId: string;
  /** The brand's own handles, with or without "@" (e.g. "@fernhillbikes"): never replaced. */
  brandHandles: readonly string[];
  /**
   * The brand's own web domains (e.g. "fernhillbikes.example"): in an e-mail address at one of them
   * (or a subdomain) only the part before the "@" is replaced, so the text still names the brand.
   */
  brandDomains?: readonly string[];
  /**
   * Names that are not personal data: the brand's name and aliases, its competitors. Redactors
   * that find names in text (Comprehend) leave these alone.
   */
  publicNames?: readonly string[];
}

/**
 * The handles and domains redaction keeps: the brand's and its competitors' (company accounts, not
 * persons: a competitor named only by its handle is still named after redaction).
 */
export function ownDataOf(brand: Profile['brand']): { brandHandles: string[]; brandDomains: string[] } {
  return {
    brandHandles: [...brand.handles, ...brand.competitors.flatMap((competitor) => competitor.handles)],
    brandDomains: [...brand.domains, ...brand.competitors.flatMap((competitor) => competitor.domains)],
  };
}

export function redactionContextOf(profile: Profile): RedactionContext {
  const { brand } = profile;
  return {
    brandId: brand.id,
    ...ownDataOf(brand),
    publicNames: [
      brand.name,
      ...brand.aliases,
      ...brand.competitors.flatMap((competitor) => [competitor.name, ...competitor.aliases]),
    ],
  };
}

export function placeholder(kind: RedactionKind): string {
  return kind === 'other' ? '[redacted]' : `[${kind}]`;
}

/** Channels whose authors are private persons; news bylines and stance statements keep theirs. */
export function hasPrivateAuthors(channel: Channel): boolean {
  return channel === 'review' || channel === 'social';
}

export function countOf(counts: RedactionCounts): number {
  return Object.values(counts).reduce((sum, count) => sum + (count ?? 0), 0);
}

export function addCounts(into: RedactionCounts, more: RedactionCounts): RedactionCounts {
  for (const [kind, count] of Object.entries(more) as Array<[keyof RedactionCounts, number | undefined]>) {
    if (count) into[kind] = (into[kind] ?? 0) + count;
  }
  return into;
}

// ---------------------------------------------------------------------------------------------
// Text

// Letters, digits and combining marks of any script: what a word or a name is made of.
const W = '\\p{L}\\p{N}\\p{M}';
const EMAIL_SOURCE = `(?<![${W}._%+@-])[${W}._%+-]+@[${W}-]+(?:\\.[${W}-]+)*\\.\\p{L}{2,}(?![${W}_@-])`;
const EMAIL = new RegExp(EMAIL_SOURCE, 'gu');

// Handles, platform by platform (docs/privacy.md):
// - X: "@" and letters, digits or underscores (1 to 15 on X itself). Anything else ends the handle,
//   a dot above all: "@acme...do you" is @acme followed by "...do you", "@acme's" is @acme's. A longer
//   run is not an X handle but is one on Instagram, TikTok or Threads (up to 30), and a run of
//   letters of another script one on Weibo or VK: each is replaced whole, never cut in two.
// - Mastodon and the fediverse: @user@host; the user may hold dots and hyphens between its letters
//   (Mastodon's own USERNAME_RE), the host is a domain name.
// - The full-width at sign of Chinese and Japanese keyboards counts as an "@", as X reads it.
// A handle may follow a dot (".@acme", X's public reply) but not a letter, an "@" or a path; in
// scripts written without spaces (Chinese, Japanese, Thai) it may follow a letter ("ありがとう＠tanaka").
const AT = '[@＠]';
const UNSPACED_SCRIPTS = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Thai}';
const NOT_BEFORE_HANDLE = `(?![${UNSPACED_SCRIPTS}])[${W}_@＠\\/\\\\\\[\\]+-]`;
const X_NAME = `[${W}_]+`;
const FEDIVERSE_USER = `[${W}_]+(?:[.-]+[${W}_]+)*`;
const FEDIVERSE_HOST = `[${W}_]+(?:-+[${W}_]+)*(?:\\.[${W}_]+(?:-+[${W}_]+)*)+`;
const HANDLE_SOURCE = `(?<!${NOT_BEFORE_HANDLE})${AT}(?:${FEDIVERSE_USER}@${FEDIVERSE_HOST}|${X_NAME})(?![${W}_])`;

const TEXT_PATTERN = new RegExp(
  [
    // Links first: they are kept (they may hold an "@" or digits that are not a handle or a phone).
    `(?<url>\\b(?:https?:\\/\\/|www\\.)[^\\s<>"'“”‘’]+)`,
    `(?<handle>${HANDLE_SOURCE})`,
    `(?<email>${EMAIL_SOURCE})`,
    // Reddit's u/name and /u/name (3-20 characters).
    `(?<reddit>(?<![${W}_\\/-])\\/?u\\/[A-Za-z0-9_-]{3,20}(?![${W}_-]))`,
    // A phone-like run: optional +, groups of digits (or a bracketed area code) joined by one
    // space, dot or dash. isPhone decides; the lookahead stops a match in the middle of a number,
    // a decimal, a time or a percentage.
    `(?<phone>(?<![${W}_@#$€£¥₹.,\\/+-])(?:\\+[ \\u00A0]?)?(?:\\d+|\\(\\d{1,5}\\))(?:(?:[ \\u00A0.-]|(?<=\\))|(?=\\())(?:\\d+|\\(\\d{1,5}\\)))*(?![${W}_%]|[.,:/-]\\d))`,
  ].join('|'),
  'gu',
);

export interface RedactedText {
  text: string;
  counts: RedactionCounts;
}

/** The text with e-mail addresses, phone numbers and user handles replaced by placeholders. */
export function redactText(
  text: string,
  context: Pick<RedactionContext, 'brandHandles' | 'brandDomains'>,
): RedactedText {
  const counts: RedactionCounts = {};
  const isBrandHandle = brandHandleMatcher(context.brandHandles);
  const isBrandDomain = brandDomainMatcher(context.brandDomains ?? []);
  const replace = (kind: RedactionKind): string => {
    counts[kind] = (counts[kind] ?? 0) + 1;
    return placeholder(kind);
  };
  // The person's part of an address goes; the brand's domain stays, because it names the brand.
  const replaceEmail = (address: string): string => {
    const domain = address.slice(address.lastIndexOf('@') + 1);
    return isBrandDomain(domain) ? `${replace('email')}@${domain}` : replace('email');
  };
  const redacted = text.replace(TEXT_PATTERN, (match: string, ...rest: unknown[]) => {
    const groups = rest.at(-1) as Record<string, string | undefined>;
    const offset = rest.at(-3) as number;
    if (groups.url !== undefined) return match.replace(EMAIL, replaceEmail);
    if (groups.email !== undefined) return replaceEmail(match);
    if (groups.handle !== undefined)
      return isPersonalHandle(match) && !isBrandHandle(match) ? replace('handle') : match;
    if (groups.reddit !== undefined) return isBrandHandle(match.replace(/^\/?u\//, '')) ? match : replace('handle');
    const before = text.slice(Math.max(0, offset - 40), offset);
    const after = text.slice(offset + match.length, offset + match.length + 12);
    return isPhone(match, before, after) ? replace('phone') : match;
  });
  return { text: redacted, counts };
}

/** Whether `handle` (with or without "@", with or without a server) is one of the brand's. */
export function brandHandleMatcher(brandHandles: readonly string[]): (handle: string) => boolean {
  const local = (handle: string) => accountName(handle).toLowerCase();
  const own = new Set(brandHandles.map(local).filter((name) => name.length > 0));
  // A brand handle on another server ("@fernhillbikes@mastodon.social") is still the brand's.
  return (handle) => own.has(local(handle));
}

/**
 * The account's name in a handle, without "@" or server: "@fernhillbikes@mastodon.social" ->
 * "fernhillbikes". NFKC reads the full-width "＠" and letters of Chinese and Japanese keyboards as
 * "@" and ASCII.
 */
export function accountName(handle: string): string {
  return handle.normalize('NFKC').trim().replace(/^@+/, '').split('@')[0] ?? '';
}

/** Whether `domain` is one of the brand's domains or a subdomain of one (not "fernhillbikes.example.evil.example"). */
export function brandDomainMatcher(brandDomains: readonly string[]): (domain: string) => boolean {
  const own = brandDomains.map((domain) => domain.trim().toLowerCase()).filter((domain) => domain.length > 0);
  return (domain) => {
    const host = domain.toLowerCase();
    return own.some((each) => host === each || host.endsWith(`.${each}`));
  };
}

const TIME_LIKE = /^\d{1,2}(?:[:.]\d{2})?(?:am|pm|h)?$/i;

/** An @-word that names an account: it has a letter, and is not "@5pm" or "@10:30". */
function isPersonalHandle(handle: string): boolean {
  const name = handle.slice(1).split('@')[0] ?? '';
  return /\p{L}/u.test(name) && !TIME_LIKE.test(name);
}

// ---------------------------------------------------------------------------------------------
// Phones

const MIN_PHONE_DIGITS = 9;
const MAX_PHONE_DIGITS = 15; // E.164, country code included

// Words right before a number that say it is an order, a reference or a version, not a phone.
const NOT_A_PHONE_BEFORE =
  /\b(?:id|order|invoice|ref|reference|ticket|tracking|case|booking|reservation|confirmation|serial|sku|isbn|part|model|item|article|receipt|transaction|pedido|factura|referencia|versi[oó]n|version|build|release|v)\s*(?:no\.?|nr\.?|n[º°]|number|num\.?|id)?\s*[:#.]{0,2}\s*$/iu;
const CURRENCY_BEFORE = /(?:[$€£¥₹]|\b(?:EUR|USD|GBP|CHF))\s?$/u;
const CURRENCY_AFTER = /^\s?(?:[$€£¥₹]|(?:EUR|USD|GBP|CHF|euros?|dollars?|pounds?|kr)\b)/iu;
// Words right before an unbroken run of digits that make it a phone ("call 07700900123").
const PHONE_CUE_BEFORE =
  /\b(?:phone|tel|telephone|mobile|cell|call|ring|text|whats\s?app|sms|fax|n[uú]mero|tel[eé]fono|m[oó]vil|celular|ll[aá]ma(?:me)?)\b[^\d\n]{0,20}$/iu;
const YEAR = /^(?:18|19|20)\d{2}$/;
// A date with a four-digit year, either way round: 2026-11-22, 22.11.2026, 22-11-2026.
const DATE_WITH_YEAR =
  /(?:^|\D)(?:(?:18|19|20)\d{2}[.-][01]?\d[.-][0-3]?\d|[0-3]?\d[.-][01]?\d[.-](?:18|19|20)\d{2})(?!\d)/;

/** Whether a phone-like run of digits (found by TEXT_PATTERN) is a phone number. */
export function isPhone(candidate: string, before = '', after = ''): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (digits.length < MIN_PHONE_DIGITS || digits.length > MAX_PHONE_DIGITS) return false;
  if (NOT_A_PHONE_BEFORE.test(before) || CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(after)) return false;
  const international = candidate.startsWith('+');
  const body = candidate.replace(/^\+[ \u00A0]?/, '');
  const groups = body.split(/[ \u00A0.()-]+/).filter((group) => group.length > 0);
  const separators = new Set(body.match(/[ \u00A0.-]/g) ?? []);

  // One unbroken run is an order number, an id or a timestamp far more often than a phone: only
  // "+447700900123", a national number starting with 0 (07700900123), or one after "call", "tel", ...
  if (groups.length === 1) {
    return (
      international ||
      /^0[1-9]\d{8,9}$/.test(digits) ||
      /^00[1-9]\d{8,12}$/.test(digits) ||
      PHONE_CUE_BEFORE.test(before)
    );
  }
  if (DATE_WITH_YEAR.test(body)) return false;
  if (groups.every((group) => YEAR.test(group))) return false; // 2019 2020 2021
  if (/^\d{5}-\d{4}$/.test(body)) return false; // a US ZIP+4 postcode
  if (separators.has('.')) {
    // Dotted phones (555.123.4567, 06.12.34.56.78) use dots only and no one-digit groups; times,
    // version numbers (10.0.19041.1234) and IP addresses do not look like that.
    if (separators.size > 1 || groups.some((group) => group.length < 2)) return false;
  }
  // 1.234.567.890 or 1 234 567 890 is an amount; 612 345 678 (a Spanish mobile) is kept a phone.
  const thousands =
    groups.length >= 3 && /^\d{1,3}$/.test(groups[0] ?? '') && groups.slice(1).every((group) => group.length === 3);
  if (thousands && !international && ((groups[0]?.length ?? 0) < 3 || separators.has('.'))) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Authors

/** The one wording of every pseudonym: "Customer" and eight hex characters. */
export const PSEUDONYM_LABEL = 'Customer';
const PSEUDONYM = new RegExp(`^${PSEUDONYM_LABEL} [0-9a-f]{8}$`);

/** The author name as compared: "@Priya_S", "priya_s" and " PRIYA_S " are one person. */
export function normaliseAuthor(author: string): string {
  return author.normalize('NFKC').trim().replace(/^@+/, '').replace(/\s+/g, ' ').toLowerCase();
}

/**
 * A stable pseudonym for an author: the first 32 bits of a SHA-256 of the brand id and the
 * normalised name. The same name gets the same pseudonym on every run (a repeated reviewer is
 * still seen as one person) and a different one for another brand. It is not reversible, but it
 * is not secret either: anyone who knows the brand id can hash a guessed name and compare, and
 * short names ("Priya S.") are few enough to guess. It is a pseudonym, not anonymity.
 */
export function pseudonymFor(brandId: string, author: string): string {
  const hash = createHash('sha256')
    .update(`congruence-author\u0000${brandId}\u0000${normaliseAuthor(author)}`)
    .digest('hex');
  return `${PSEUDONYM_LABEL} ${hash.slice(0, 8)}`;
}

export function isPseudonym(author: string): boolean {
  return PSEUDONYM.test(author);
}

function redactAuthor(signal: Signal, context: RedactionContext): { author: string | null; replaced: boolean } {
  const { author } = signal;
  if (author === null || !hasPrivateAuthors(signal.channel)) return { author, replaced: false };
  if (normaliseAuthor(author) === '' || isPseudonym(author) || brandHandleMatcher(context.brandHandles)(author)) {
    return { author, replaced: false };
  }
  return { author: pseudonymFor(context.brandId, author), replaced: true };
}

// ---------------------------------------------------------------------------------------------
// Signals

export interface RedactedSignal {
  signal: Signal;
  counts: RedactionCounts;
}

/**
 * The signal with its personal data replaced; its id and everything else unchanged. Redacting
 * an already redacted signal changes nothing.
 */
export function redactSignal(signal: Signal, context: RedactionContext): RedactedSignal {
  const title = redactText(signal.title, context);
  const text = redactText(signal.text, context);
  const author = redactAuthor(signal, context);
  const counts = addCounts(addCounts({}, title.counts), text.counts);
  if (author.replaced) counts.author = 1;
  return { signal: { ...signal, title: title.text, text: text.text, author: author.author }, counts };
}

/** The redactor of local mode, and the backstop of the others: the patterns above, no I/O. */
export const patternRedactor: Redactor = {
  name: 'patterns',
  redact: async (signals, context): Promise<RedactionBatch> => {
    const redacted = signals.map((signal) => redactSignal(signal, context));
    return { signals: redacted.map((each) => each.signal), counts: redacted.map((each) => each.counts), fallbacks: 0 };
  },
};
