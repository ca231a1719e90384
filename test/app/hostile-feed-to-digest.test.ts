// Untrusted text stays inert, end to end: reviews carrying markup, event handlers and javascript:
// links go through ingestion, scoring and the alignment into the digest, and come out as text.
import { dirname, join } from 'node:path';
import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeDigestMime, renderDigestHtml, renderDigestText } from '#adapters/digest/index';
import { buildDigest } from '#app/digest';
import { analyzerKey } from '#domain/analyzer';
import type { DigestModel } from '#domain/digest-model';
import { inspectHtml } from '#test/support/html-inspect';
import { useScoredStore } from '#test/support/scored-store';
import { makeProfile } from '../support/profile';

const FEED = join(process.cwd(), 'test/fixtures/feeds/rss2-hostile-reviews.xml');
const profile = makeProfile([{ id: 'hostile-reviews', kind: 'rss', path: FEED, channel: 'review' }], {
  values: [
    {
      id: 'free-repairs',
      label: 'Free repairs',
      promise: 'Repaired free for life.',
      aspects: ['repair'],
      expected: { minNetSentiment: 0.3 },
    },
  ],
  thresholds: { minMentions: 5 },
});
const scored = useScoredStore(profile, { baseDir: dirname(FEED) });
let model: DigestModel;

beforeAll(async () => {
  const deps = { store: scored.store(), analyzer: analyzerKey(scored.analyzer) };
  ({ model } = await buildDigest(profile, deps, { week: '2026-W47' }));
});

describe('a hostile feed, all the way to the digest', () => {
  it('reaches the digest as evidence', () => {
    const quotes = model.divergences.flatMap((divergence) => divergence.evidence.map((item) => item.quote));
    expect(quotes.some((quote) => quote.includes("<script>alert('quote"))).toBe(true);
    expect(model.divergences.flatMap((divergence) => divergence.evidence).every((item) => item.url === null)).toBe(
      true,
    );
  });

  it('comes out of the HTML as text: no script, no event handler, no javascript: link', () => {
    const page = inspectHtml(renderDigestHtml(model));
    expect(page.elements.filter((element) => element.name === 'script')).toEqual([]);
    const attributes = page.elements.flatMap((element) => Object.entries(element.attribs));
    expect(attributes.filter(([name]) => name.startsWith('on'))).toEqual([]);
    const links = attributes.filter(([name]) => name === 'href' || name === 'src').map(([, value]) => value);
    expect(links.every((link) => /^(https?:|cid:)/.test(link))).toBe(true);
    expect(page.text).toContain("<script>alert('quote");
    expect(page.text).toContain('<img src=x onerror=alert(');
  });

  it('comes out of the plain text and the e-mail as text too', async () => {
    expect(renderDigestText(model)).toContain("<script>alert('quote");
    const eml = await simpleParser(
      await composeDigestMime(model, { from: 'congruence@example.com', to: ['brand-team@example.com'] }),
    );
    expect(eml.text).toContain("<script>alert('quote");
    const page = inspectHtml(typeof eml.html === 'string' ? eml.html : '');
    expect(page.elements.filter((element) => element.name === 'script')).toEqual([]);
    expect(page.text).toContain("<script>alert('quote");
  });
});
