// The Comprehend PII redactor against a mocked client: the exact DetectPiiEntities requests it
// sends (which signals, Text, LanguageCode), what it makes of the entities (code-point offsets,
// kept types, the brand's names), the patterns applied after it, and the fallback when a call fails.
import {
  DetectPiiEntitiesCommand,
  InternalServerException,
  TooManyRequestsException,
} from '@aws-sdk/client-comprehend';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createComprehendPiiRedactor,
  MAX_PII_TEXT_BYTES,
  sendsToComprehend,
} from '#adapters/analyzers/comprehend/pii-redactor';
import { pseudonymFor, type RedactionContext } from '#domain/redaction';
import type { Signal } from '#domain/signal';
import { answerComprehend, useMockedComprehend } from '#test/support/comprehend-fake';
import { makeSignal } from '#test/support/signals';

const { comprehend, client } = useMockedComprehend();
const context: RedactionContext = {
  brandId: 'fernhill-bikes',
  brandHandles: ['@fernhillbikes'],
  brandDomains: ['fernhillbikes.example'],
  publicNames: ['Fernhill Bikes', 'Fernhill', 'Alderway Bikes'],
};

// A fake model: it "finds" these strings wherever they occur, with offsets in code points as
// Comprehend gives them.
const KNOWN: Array<[type: string, text: string]> = [
  ['NAME', 'Tom Baker'],
  ['NAME', 'Lucía'],
  ['NAME', 'Fernhill'],
  ['ADDRESS', '12 Mill Lane, Sheffield S1 2AB'],
  ['ADDRESS', 'Sheffield'],
  ['EMAIL', 'tom@example.com'],
  ['EMAIL', 'help@fernhillbikes.example'],
  ['ADDRESS', 'Fernhill Bikes, 3 Canal Street'],
  ['PHONE', '0114 496 0123'],
  ['DATE_TIME', 'last Tuesday'],
  ['URL', 'https://fernhillbikes.example/help'],
  ['AGE', '70'],
  ['CREDIT_DEBIT_NUMBER', '4111 1111 1111 1111'],
  ['USERNAME', 'fernhillbikes'],
  ['SOMETHING_NEW', 'XJ-42'],
];

function entitiesIn(text: string) {
  // codePointAt[i]: how many code points come before UTF-16 index i.
  const codePointAt: number[] = [];
  let count = 0;
  for (const codePoint of text) {
    for (let unit = 0; unit < codePoint.length; unit++) codePointAt.push(count);
    count++;
  }
  codePointAt.push(count);
  const entities = [];
  for (const [Type, found] of KNOWN) {
    for (let index = text.indexOf(found); index !== -1; index = text.indexOf(found, index + found.length)) {
      entities.push({
        Type,
        BeginOffset: codePointAt[index],
        EndOffset: codePointAt[index + found.length],
        Score: 0.99,
      });
    }
  }
  return entities;
}

const requests = () => comprehend.commandCalls(DetectPiiEntitiesCommand).map((call) => call.args[0].input);
const fallbacks: string[] = [];
const redactor = (concurrency?: number) =>
  createComprehendPiiRedactor({
    client,
    concurrency,
    onFallback: (signal, reason) => fallbacks.push(`${signal.id}: ${reason}`),
  });

function review(key: string, title: string, text: string, extra: Partial<Signal> = {}): Signal {
  return makeSignal({ key, channel: 'review', title, text, author: 'Tom Baker', ...extra });
}

beforeEach(() => {
  answerComprehend(comprehend, { piiEntities: entitiesIn });
  fallbacks.length = 0;
});

describe('which signals go to Comprehend', () => {
  it('sends each English or Spanish review and social post once, title and text together, and nothing else', async () => {
    const signals = [
      review('a', 'Great service', 'Tom Baker fixed it.'),
      makeSignal({ key: 'b', channel: 'social', title: '', text: 'Gracias Lucía', language: 'es' }),
      makeSignal({ key: 'c', channel: 'news', title: 'Tom Baker joins Fernhill', text: 'Call 0114 496 0123' }),
      makeSignal({ key: 'd', channel: 'stance', title: 'Our promise', text: 'Tom Baker, CEO' }),
      review('e', 'Super', 'Tom Baker a réparé mon vélo, appelez 0114 496 0123', { language: 'fr' }),
    ];
    const batch = await redactor().redact(signals, context);

    expect(comprehend).toHaveReceivedCommandTimes(DetectPiiEntitiesCommand, 2);
    expect(comprehend).toHaveReceivedNthCommandWith(DetectPiiEntitiesCommand, 1, {
      Text: 'Great service\n\nTom Baker fixed it.',
      LanguageCode: 'en',
    });
    expect(comprehend).toHaveReceivedNthCommandWith(DetectPiiEntitiesCommand, 2, {
      Text: '\n\nGracias Lucía',
      LanguageCode: 'es',
    });
    expect(batch.signals.map((signal) => signal.text)).toEqual([
      '[name] fixed it.',
      'Gracias [name]',
      // News, stance and French: the patterns alone (no names found, the phone is).
      'Call [phone]',
      'Tom Baker, CEO',
      'Tom Baker a réparé mon vélo, appelez [phone]',
    ]);
    expect(batch.fallbacks).toBe(0);
    expect(sendsToComprehend(signals[2]!)).toBe(false);
  });

  it('calls nothing for an empty batch or a signal with no text at all', async () => {
    expect(await redactor().redact([], context)).toEqual({ signals: [], counts: [], fallbacks: 0 });
    const empty = review('empty', '', '', { author: null });
    expect(await redactor().redact([empty], context)).toEqual({ signals: [empty], counts: [{}], fallbacks: 0 });
    expect(comprehend).not.toHaveReceivedCommand(DetectPiiEntitiesCommand);
  });
});

describe('what is replaced', () => {
  it('replaces names, e-mail, phone, numbered addresses and card numbers by type, and unknown types as [redacted]', async () => {
    const signal = review(
      'a',
      'Thanks Tom Baker',
      'Tom Baker at 12 Mill Lane, Sheffield S1 2AB (tom@example.com, 0114 496 0123) took card 4111 1111 1111 1111, frame XJ-42.',
    );
    const batch = await redactor().redact([signal], context);

    expect(batch.signals[0]).toEqual({
      ...signal,
      title: 'Thanks [name]',
      text: '[name] at [address] ([email], [phone]) took card [account], frame [redacted].',
      author: pseudonymFor('fernhill-bikes', 'Tom Baker'),
    });
    expect(batch.counts[0]).toEqual({ name: 2, address: 1, email: 1, phone: 1, account: 1, other: 1, author: 1 });
  });

  it('keeps dates, ages, links, a town alone, the brand’s names and its handle', async () => {
    const text =
      'Last Tuesday, last Tuesday I (70) rode to the Sheffield shop; Fernhill via @fernhillbikes, see https://fernhillbikes.example/help';
    const signal = review('a', 'Fernhill', text, { author: null });
    const batch = await redactor().redact([signal], context);

    expect(batch.signals[0]).toEqual(signal);
    expect(batch.counts[0]).toEqual({});
  });

  it('leaves an entity that names the brand to the patterns, so the text still names the brand', async () => {
    // Its support address keeps the brand's domain (as the patterns write it), its shop's address
    // is the brand's, not a person's: a social post kept as about the brand stays about it.
    const signal = makeSignal({
      key: 'brand',
      channel: 'social',
      title: '',
      text: 'Mailed help@fernhillbikes.example and tom@example.com about Fernhill Bikes, 3 Canal Street',
      language: 'en',
    });
    const batch = await redactor().redact([signal], context);
    expect(batch.signals[0]?.text).toBe(
      'Mailed [email]@fernhillbikes.example and [email] about Fernhill Bikes, 3 Canal Street',
    );
    expect(batch.counts[0]).toEqual({ email: 2 });
  });

  it('maps Comprehend’s code-point offsets past emoji and right-to-left text to the right characters', async () => {
    const signal = makeSignal({
      key: 'emoji',
      channel: 'social',
      title: '🚲👍🏽',
      text: '🇬🇧 שלום 😤 Tom Baker 🚲 and Lucía 👍',
      language: 'en',
    });
    const batch = await redactor().redact([signal], context);
    expect(batch.signals[0]).toMatchObject({ title: '🚲👍🏽', text: '🇬🇧 שלום 😤 [name] 🚲 and [name] 👍' });
  });

  it('applies the patterns after Comprehend: handles it does not flag, phones it misses, the author', async () => {
    const signal = makeSignal({
      key: 'p',
      channel: 'social',
      title: 'Tom Baker',
      text: 'ask @mara_rides or ring +44 20 7946 0958',
      author: '@mara_rides',
    });
    const batch = await redactor().redact([signal], context);
    expect(batch.signals[0]).toMatchObject({
      title: '[name]',
      text: 'ask [handle] or ring [phone]',
      author: pseudonymFor('fernhill-bikes', 'mara_rides'),
    });
    expect(batch.counts[0]).toEqual({ name: 1, handle: 1, phone: 1, author: 1 });
  });

  it('never takes an entity across the title and the text', async () => {
    // Sent: "Hi Tom\n\nBaker here". An entity on the separator alone changes nothing.
    comprehend
      .on(DetectPiiEntitiesCommand)
      .resolves({ Entities: [{ Type: 'NAME', BeginOffset: 6, EndOffset: 8, Score: 0.9 }] });
    const separator = await redactor().redact([review('a', 'Hi Tom', 'Baker here', { author: null })], context);
    expect(separator.signals[0]).toMatchObject({ title: 'Hi Tom', text: 'Baker here' });
    // "Tom\n\nBaker" spans both: each side is replaced on its own.
    comprehend
      .on(DetectPiiEntitiesCommand)
      .resolves({ Entities: [{ Type: 'NAME', BeginOffset: 3, EndOffset: 13, Score: 0.9 }] });
    const across = await redactor().redact([review('b', 'Hi Tom', 'Baker here', { author: null })], context);
    expect(across.signals[0]).toMatchObject({ title: 'Hi [name]', text: '[name] here' });
    expect(across.counts[0]).toEqual({ name: 2 });
  });

  it('sends at most 100,000 bytes, cut at a sentence, and gives what is beyond the cut the patterns alone', async () => {
    const sentence = 'Tom Baker was great. ';
    const text = `${sentence.repeat(5_000)}Mail tom@example.com or call 0114 496 0123.`;
    const batch = await redactor().redact([review('big', 'Long', text, { author: null })], context);

    const [sent] = requests();
    expect(Buffer.byteLength(sent?.Text ?? '', 'utf8')).toBeLessThanOrEqual(MAX_PII_TEXT_BYTES);
    expect(sent?.Text?.endsWith('Tom Baker was great.')).toBe(true);
    const redacted = batch.signals[0]?.text ?? '';
    expect(redacted.startsWith('[name] was great. [name] was great.')).toBe(true);
    expect(redacted).toContain('Tom Baker was great.'); // past the cut: no names found there
    expect(redacted.endsWith('Mail [email] or call [phone].')).toBe(true);
  });
});

describe('when a call fails', () => {
  it('falls back to the patterns for that signal only, counts it, and tells why', async () => {
    const signals = [
      review('ok-1', 'Fine', 'Tom Baker, tom@example.com'),
      review('throttled', 'Slow', 'Tom Baker, tom@example.com, @tom_b'),
      review('broken', 'Down', 'Tom Baker rang 0114 496 0123'),
      review('ok-2', 'Fine', 'Lucía helped'),
    ];
    comprehend
      .on(DetectPiiEntitiesCommand, { Text: 'Slow\n\nTom Baker, tom@example.com, @tom_b' })
      .rejects(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }))
      .on(DetectPiiEntitiesCommand, { Text: 'Down\n\nTom Baker rang 0114 496 0123' })
      .rejects(new InternalServerException({ message: 'Service unavailable', $metadata: {} }));

    const batch = await redactor().redact(signals, context);

    expect(comprehend).toHaveReceivedCommandTimes(DetectPiiEntitiesCommand, 4);
    expect(batch.fallbacks).toBe(2);
    expect(batch.signals.map((signal) => [signal.id, signal.text])).toEqual([
      [signals[0]!.id, '[name], [email]'],
      [signals[1]!.id, 'Tom Baker, [email], [handle]'],
      [signals[2]!.id, 'Tom Baker rang [phone]'],
      [signals[3]!.id, '[name] helped'],
    ]);
    expect(batch.signals.every((signal) => signal.author === pseudonymFor('fernhill-bikes', 'Tom Baker'))).toBe(true);
    expect(fallbacks).toEqual([
      `${signals[1]!.id}: Amazon Comprehend DetectPiiEntities failed: TooManyRequestsException: Rate exceeded`,
      `${signals[2]!.id}: Amazon Comprehend DetectPiiEntities failed: InternalServerException: Service unavailable`,
    ]);
  });

  it('falls back when the answer has a shape it cannot read', async () => {
    comprehend.on(DetectPiiEntitiesCommand).resolves({ Entities: [{ Type: 'NAME', BeginOffset: -1 }] } as never);
    const batch = await redactor().redact([review('odd', 'Hi', 'Tom Baker, tom@example.com')], context);
    expect(batch).toMatchObject({ fallbacks: 1, signals: [{ text: 'Tom Baker, [email]' }] });
    expect(fallbacks[0]).toMatch(/unexpected shape.*BeginOffset/);
  });
});

describe('many signals', () => {
  it('keeps the input order and the ids with several calls in flight', async () => {
    const signals = Array.from({ length: 11 }, (_, index) =>
      review(`r${index}`, `Review ${index}`, `Tom Baker #${index}`),
    );
    const batch = await redactor(4).redact(signals, context);
    expect(batch.signals.map((signal) => signal.id)).toEqual(signals.map((signal) => signal.id));
    expect(batch.signals.map((signal) => signal.text)).toEqual(signals.map((_, index) => `[name] #${index}`));
    expect(requests().map((request) => request.Text)).toEqual(
      signals.map((signal) => `${signal.title}\n\n${signal.text}`),
    );
  });
});
