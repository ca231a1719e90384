import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeDigestMime, headerSafe } from '#adapters/digest/compose-mime';
import { DigestMimeError } from '#adapters/digest/errors';
import { hostileDigestModel } from '#test/fixtures/digest/hostile-model';
import { sampleComparison } from '#test/fixtures/digest/sample-comparison';
import { sampleDigestModel, sampleDigestModelWith } from '#test/fixtures/digest/sample-model';
import { hasPngSignature, pngSize } from '#test/support/png-reader';

const addresses = {
  from: 'Congruence <congruence@fernhillbikes.example>',
  to: ['brand-team@fernhillbikes.example', 'cmo@fernhillbikes.example'],
};

/** The header block of a raw message, continuation lines unfolded. */
function headerLines(raw: Buffer): string[] {
  const text = raw.toString('latin1');
  const block = text.slice(0, text.indexOf('\r\n\r\n'));
  return block.replace(/\r\n[ \t]+/g, ' ').split('\r\n');
}

describe('the digest as a MIME message', () => {
  it('has the subject, sender, recipients, a text part and an HTML part', async () => {
    const model = sampleDigestModel();
    const mail = await simpleParser(await composeDigestMime(model, addresses));
    expect(mail.subject).toBe('Alignment 58 (−9): “Free repairs for life” contradicted in reviews');
    expect(mail.from?.value).toEqual([{ address: 'congruence@fernhillbikes.example', name: 'Congruence' }]);
    const to = Array.isArray(mail.to) ? mail.to.flatMap((group) => group.value) : (mail.to?.value ?? []);
    expect(to.map((address) => address.address)).toEqual(addresses.to);
    expect(mail.text).toContain('Brand Alignment Index: 58 / 100');
    expect(mail.text).toContain('https://fernhillbikes.example/reviews/10482');
    expect(mail.html).toContain('Free repairs for life');
    expect(mail.html).not.toBe(false);
  });

  it('carries one inline PNG per value, with the Content-ID the HTML refers to', async () => {
    const model = sampleDigestModel();
    const mail = await simpleParser(await composeDigestMime(model, addresses), { keepCidLinks: true });
    expect(mail.attachments.map((attachment) => attachment.cid)).toEqual(model.values.map((row) => row.chartId));
    for (const attachment of mail.attachments) {
      expect(attachment.contentType).toBe('image/png');
      expect(attachment.contentDisposition).toBe('inline');
      expect(attachment.related).toBe(true);
      expect(hasPngSignature(attachment.content)).toBe(true);
      expect(pngSize(attachment.content)).toEqual({ width: 480, height: 128 });
      expect(mail.html).toContain(`src="cid:${attachment.cid}"`);
    }
  });

  it('carries one inline PNG per comparison chart too, after the trend charts, with the Content-ID the HTML refers to', async () => {
    const model = sampleDigestModelWith((m) => (m.comparison = sampleComparison()));
    const mail = await simpleParser(await composeDigestMime(model, addresses), { keepCidLinks: true });
    const comparisonIds = Object.values(model.comparison!.chartIds);
    expect(mail.attachments.map((attachment) => attachment.cid)).toEqual([
      ...model.values.map((row) => row.chartId),
      ...comparisonIds,
    ]);
    for (const attachment of mail.attachments.slice(model.values.length)) {
      expect(attachment.contentType).toBe('image/png');
      expect(attachment.contentDisposition).toBe('inline');
      expect(attachment.filename).toMatch(/^compare-[a-z-]+\.png$/);
      expect(pngSize(attachment.content)).toEqual({ width: 480, height: 192 });
      expect(mail.html).toContain(`src="cid:${attachment.cid}"`);
    }
    expect(mail.text).toContain('HOW YOU COMPARE');
  });

  it('offers text or HTML in multipart/alternative, the HTML in multipart/related with its images', async () => {
    const raw = (await composeDigestMime(sampleDigestModel(), addresses)).toString('latin1');
    expect(headerLines(Buffer.from(raw, 'latin1')).find((line) => /^Content-Type:/i.test(line))).toMatch(
      /multipart\/alternative/,
    );
    expect(raw).toMatch(/Content-Type: multipart\/related;/);
    expect(raw).toMatch(/Content-Type: text\/plain; charset=utf-8/);
    expect(raw).toMatch(/Content-Type: text\/html; charset=utf-8/);
    expect(raw.match(/Content-Disposition: inline; filename=trend-[a-z-]+\.png/g)).toHaveLength(5);
    expect(raw).toContain('Content-ID: <trend-free-repairs.2026-W47@congruence>');
  });

  it('keeps every line within 998 characters', async () => {
    const raw = (await composeDigestMime(hostileDigestModel(), addresses)).toString('latin1');
    const longest = Math.max(...raw.split('\r\n').map((line) => line.length));
    expect(longest).toBeLessThanOrEqual(998);
    expect(raw).not.toMatch(/[^\r]\n/);
  });

  it('dates the message when the digest was generated and gives it a Message-ID stable per brand and week', async () => {
    const raw = await composeDigestMime(sampleDigestModel(), addresses);
    const mail = await simpleParser(raw);
    expect(mail.date?.toISOString()).toBe('2026-11-23T08:00:12.000Z');
    expect(mail.messageId).toBe('<2026-W47.fernhill-bikes.digest@fernhillbikes.example>');
    const again = await composeDigestMime(sampleDigestModel(), addresses);
    expect(again.equals(raw)).toBe(true);
    const nextWeek = await simpleParser(
      await composeDigestMime(
        sampleDigestModelWith((m) => (m.week = '2026-W48')),
        addresses,
      ),
    );
    expect(nextWeek.messageId).toBe('<2026-W48.fernhill-bikes.digest@fernhillbikes.example>');
  });

  it('does not let a line break in the subject or an address start another header', async () => {
    const model = hostileDigestModel();
    expect(model.subject).toContain('\r\nBcc: victim@example.com');
    const raw = await composeDigestMime(model, {
      from: 'Congruence <congruence@fernhillbikes.example>\r\nBcc: thief@example.com',
      to: ['brand-team@fernhillbikes.example\nX-Injected: yes'],
    });
    const headers = headerLines(raw);
    expect(headers.filter((line) => /^(Bcc|X-Injected):/i.test(line))).toEqual([]);
    const mail = await simpleParser(raw);
    expect(mail.bcc).toBeUndefined();
    expect(mail.headers.has('x-injected')).toBe(false);
    expect(mail.subject).toBe('Alignment 58: <script>alert(1)</script> Bcc: victim@example.com');
    expect(mail.html).not.toMatch(/<script/i);
  });

  it('explains what is missing when there is no sender, no recipient or no date', async () => {
    await expect(composeDigestMime(sampleDigestModel(), { from: ' ', to: ['a@example.com'] })).rejects.toThrow(
      DigestMimeError,
    );
    await expect(composeDigestMime(sampleDigestModel(), { from: 'a@example.com', to: ['\r\n'] })).rejects.toThrow(
      /no recipients/,
    );
    await expect(
      composeDigestMime(
        sampleDigestModelWith((m) => (m.coverage.generatedAt = 'yesterday')),
        { from: 'a@example.com', to: ['b@example.com'] },
      ),
    ).rejects.toThrow(/generatedAt "yesterday" is not a date/);
  });

  it('flattens header values to one line', () => {
    expect(headerSafe('a\r\nBcc: b\u2028c\u0000d')).toBe('a Bcc: b c d');
  });
});
