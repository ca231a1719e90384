// The AWS mode's redactor: Amazon Comprehend DetectPiiEntities finds the names, addresses and
// numbers the patterns cannot see, then the pattern redactor runs on the result as well (handles,
// the author's pseudonym, and a backstop for what Comprehend missed).
//
// Rules worth knowing:
// - Only review and social signals in English or Spanish go to Comprehend (DetectPiiEntities knows
//   no other language); news, stance statements and other languages get the patterns alone.
// - One call per signal: title and text sent as one document, because Comprehend bills every
//   call at least 300 characters. A document over 100 KB of UTF-8 is cut at a sentence boundary;
//   what is beyond the cut gets the patterns alone.
// - Every such signal is sent, whatever it looks like: a lower-case name ("ask for tom") has no
//   shape a cheap pre-check could see, and a call costs at most a few hundredths of a cent.
// - Offsets are Unicode code points, not UTF-16 units: an emoji before a name moves it by one.
// - URLs, dates and ages are kept (they are not who someone is, and the digest needs them); an
//   address is replaced only when it holds a digit (a street number, a postcode), because a town
//   or a street name alone ("the Sheffield shop") identifies no one and says which shop.
// - An entity that names the brand (its name, an alias, a competitor, its handle or its domain) is
//   left to the patterns: its support address then keeps the brand's domain, its shop's address
//   stays, and a signal ingestion kept as about the brand is still about it when scored.
// - A failed call (throttling after the SDK's retries, a service error, an answer we cannot read)
//   loses nothing: that signal gets the patterns alone and is counted as a fallback.
import { DetectPiiEntitiesCommand, type ComprehendClient } from '@aws-sdk/client-comprehend';
import { z } from 'zod';
import type { RedactionBatch, Redactor } from '#domain/ports';
import {
  accountName,
  addCounts,
  hasPrivateAuthors,
  placeholder,
  redactSignal,
  type RedactedSignal,
  type RedactionContext,
  type RedactionCounts,
  type RedactionKind,
} from '#domain/redaction';
import { termSpans } from '#domain/relevance';
import type { Signal } from '#domain/signal';
import { describeError } from './errors';
import { fitToUtf8Bytes } from './fit-to-bytes';

/** The languages DetectPiiEntities accepts. */
export const PII_LANGUAGES = ['en', 'es'] as const;
/** "The maximum string size is 100 KB"; kept under 100,000 bytes whichever KB is meant. */
export const MAX_PII_TEXT_BYTES = 100_000;
/** DetectPiiEntities calls in flight at once, well inside the API's per-second quota. */
export const DEFAULT_PII_CONCURRENCY = 4;
/** Between the title and the text in the document sent; no entity is taken across it. */
const TITLE_TEXT_SEPARATOR = '\n\n';

/** Comprehend's PII types and what replaces each; types not listed become "[redacted]". */
const KIND_OF_TYPE: Record<string, RedactionKind | 'keep'> = {
  NAME: 'name',
  EMAIL: 'email',
  PHONE: 'phone',
  ADDRESS: 'address',
  USERNAME: 'handle',
  URL: 'keep',
  DATE_TIME: 'keep',
  AGE: 'keep',
  PASSWORD: 'secret',
  PIN: 'secret',
  AWS_ACCESS_KEY: 'secret',
  AWS_SECRET_KEY: 'secret',
  CREDIT_DEBIT_CVV: 'secret',
  BANK_ACCOUNT_NUMBER: 'account',
  BANK_ROUTING: 'account',
  CREDIT_DEBIT_NUMBER: 'account',
  CREDIT_DEBIT_EXPIRY: 'account',
  INTERNATIONAL_BANK_ACCOUNT_NUMBER: 'account',
  SWIFT_CODE: 'account',
  SSN: 'id-number',
  PASSPORT_NUMBER: 'id-number',
  DRIVER_ID: 'id-number',
  UK_NATIONAL_INSURANCE_NUMBER: 'id-number',
  UK_NATIONAL_HEALTH_SERVICE_NUMBER: 'id-number',
  UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER: 'id-number',
  CA_SOCIAL_INSURANCE_NUMBER: 'id-number',
  CA_HEALTH_NUMBER: 'id-number',
  US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER: 'id-number',
  IN_PERMANENT_ACCOUNT_NUMBER: 'id-number',
  IN_AADHAAR: 'id-number',
  IN_NREGA: 'id-number',
  IN_VOTER_NUMBER: 'id-number',
  IP_ADDRESS: 'device',
  MAC_ADDRESS: 'device',
  LICENSE_PLATE: 'vehicle',
  VEHICLE_IDENTIFICATION_NUMBER: 'vehicle',
};

const PiiResponseSchema = z.object({
  Entities: z
    .array(
      z.object({ Type: z.string().min(1), BeginOffset: z.number().int().min(0), EndOffset: z.number().int().min(0) }),
    )
    .default([]),
});

export interface ComprehendPiiRedactorOptions {
  /** Created once per Lambda container (createComprehendClient); tests pass a mocked one. */
  client: ComprehendClient;
  concurrency?: number;
  /** Told about every fallback, to log it; the signal itself is redacted by the patterns. */
  onFallback?: (signal: Signal, reason: string) => void;
}

export function createComprehendPiiRedactor(options: ComprehendPiiRedactorOptions): Redactor {
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_PII_CONCURRENCY);
  return {
    name: 'comprehend-pii',
    async redact(signals, context): Promise<RedactionBatch> {
      const results: RedactedSignal[] = [];
      let fallbacks = 0;
      const redactOne = async (signal: Signal): Promise<RedactedSignal> => {
        if (!sendsToComprehend(signal)) return redactSignal(signal, context);
        try {
          return await redactWithComprehend(options.client, signal, context);
        } catch (error) {
          fallbacks += 1;
          options.onFallback?.(signal, `Amazon Comprehend DetectPiiEntities failed: ${describeError(error)}`);
          return redactSignal(signal, context);
        }
      };
      for (let start = 0; start < signals.length; start += concurrency) {
        results.push(...(await Promise.all(signals.slice(start, start + concurrency).map(redactOne))));
      }
      return { signals: results.map((each) => each.signal), counts: results.map((each) => each.counts), fallbacks };
    },
  };
}

/** Whether the signal goes to Comprehend: a review or social post in English or Spanish. */
export function sendsToComprehend(signal: Signal): boolean {
  return hasPrivateAuthors(signal.channel) && (PII_LANGUAGES as readonly string[]).includes(signal.language);
}

async function redactWithComprehend(
  client: ComprehendClient,
  signal: Signal,
  context: RedactionContext,
): Promise<RedactedSignal> {
  const document = `${signal.title}${TITLE_TEXT_SEPARATOR}${signal.text}`;
  if (document.trim() === '') return redactSignal(signal, context);
  const sent = fitToUtf8Bytes(document, MAX_PII_TEXT_BYTES).text;
  const output = await client.send(
    new DetectPiiEntitiesCommand({ Text: sent, LanguageCode: signal.language as 'en' | 'es' }),
  );
  const parsed = PiiResponseSchema.safeParse(output);
  if (!parsed.success)
    throw new Error(`the answer has an unexpected shape (${z.prettifyError(parsed.error).replaceAll('\n', ' ')})`);

  const spans = entitySpans(sent, parsed.data.Entities, context);
  const textStart = signal.title.length + TITLE_TEXT_SEPARATOR.length;
  const title = replaceSpans(signal.title, spans, 0);
  const text = replaceSpans(signal.text, spans, textStart);
  const patterns = redactSignal({ ...signal, title: title.text, text: text.text }, context);
  return {
    signal: patterns.signal,
    counts: addCounts(addCounts(addCounts({}, title.counts), text.counts), patterns.counts),
  };
}

interface Span {
  /** UTF-16 indices in the document sent, end exclusive. */
  start: number;
  end: number;
  kind: RedactionKind;
}

/** The entities to replace, as UTF-16 spans of `document`, sorted, without overlaps. */
function entitySpans(
  document: string,
  entities: ReadonlyArray<{ Type: string; BeginOffset: number; EndOffset: number }>,
  context: RedactionContext,
): Span[] {
  const indexOf = codePointToIndex(document);
  const namesOfTheBrand = brandTermSpans(context)(document);
  const namesTheBrand = (start: number, end: number) =>
    namesOfTheBrand.some((name) => start < name.end && name.start < end);
  const spans: Span[] = [];
  for (const entity of entities) {
    const kind = KIND_OF_TYPE[entity.Type] ?? 'other';
    const start = indexOf(entity.BeginOffset);
    const end = indexOf(entity.EndOffset);
    if (kind === 'keep' || start === undefined || end === undefined || end <= start) continue;
    if (namesTheBrand(start, end)) continue;
    if (kind === 'address' && !/\d/.test(document.slice(start, end))) continue;
    spans.push({ start, end, kind });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** Where the document names the brand or a competitor: public names, the brand's handles (without "@" or server) and domains. */
function brandTermSpans(context: RedactionContext): (document: string) => Array<{ start: number; end: number }> {
  return termSpans([
    ...(context.publicNames ?? []),
    ...context.brandHandles.map(accountName),
    ...(context.brandDomains ?? []),
  ]);
}

/** Maps a code-point offset to a UTF-16 index of `text`; undefined beyond its end. */
function codePointToIndex(text: string): (offset: number) => number | undefined {
  const indices: number[] = [];
  let index = 0;
  for (const codePoint of text) {
    indices.push(index);
    index += codePoint.length;
  }
  indices.push(index);
  return (offset) => indices[offset];
}

/** `part` (found at `partStart` of the document) with the spans that fall in it replaced. */
function replaceSpans(
  part: string,
  spans: readonly Span[],
  partStart: number,
): { text: string; counts: RedactionCounts } {
  const counts: RedactionCounts = {};
  let result = '';
  let cursor = 0;
  for (const span of spans) {
    const start = Math.max(span.start - partStart, cursor);
    const end = Math.min(span.end - partStart, part.length);
    if (end <= start) continue;
    result += part.slice(cursor, start) + placeholder(span.kind);
    counts[span.kind] = (counts[span.kind] ?? 0) + 1;
    cursor = end;
  }
  return { text: result + part.slice(cursor), counts };
}
