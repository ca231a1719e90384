// Cuts a text to a number of UTF-8 bytes the way a reader would: after the last whole sentence that
// fits, else after the last whole word, else after the last whole character (grapheme, then code
// point). Never splits a multi-byte character or a surrogate pair.

export interface FittedText {
  text: string;
  truncated: boolean;
}

// A boundary that keeps less than this share of what fits is not worth it: one short sentence
// followed by a very long one would otherwise leave almost nothing to analyse.
const MIN_KEPT_SHARE = 0.5;

const GRANULARITIES = ['sentence', 'word', 'grapheme'] as const;
const segmenters = new Map(
  GRANULARITIES.map((granularity) => [granularity, new Intl.Segmenter('en', { granularity })] as const),
);

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export function fitToUtf8Bytes(text: string, maxBytes: number): FittedText {
  if (utf8Length(text) <= maxBytes) return { text, truncated: false };
  const fits = longestCodePointPrefix(text, maxBytes);
  for (const granularity of GRANULARITIES) {
    const cut = lastBoundaryWithin(text, fits, granularity);
    const kept = text.slice(0, cut).trimEnd();
    if (cut >= fits * MIN_KEPT_SHARE && kept.length > 0) return { text: kept, truncated: true };
  }
  return { text: text.slice(0, fits), truncated: true };
}

/** Length (in UTF-16 units) of the longest prefix of whole code points within `maxBytes`. */
function longestCodePointPrefix(text: string, maxBytes: number): number {
  let bytes = 0;
  let end = 0;
  for (const codePoint of text) {
    bytes += utf8Length(codePoint);
    if (bytes > maxBytes) break;
    end += codePoint.length;
  }
  return end;
}

/** The last segment end at or before `limit` (0 when the first segment already crosses it). */
function lastBoundaryWithin(text: string, limit: number, granularity: (typeof GRANULARITIES)[number]): number {
  const segmenter = segmenters.get(granularity);
  if (!segmenter) return 0;
  let boundary = 0;
  for (const { index, segment } of segmenter.segment(text)) {
    const end = index + segment.length;
    if (end > limit) break;
    boundary = end;
  }
  return boundary;
}
