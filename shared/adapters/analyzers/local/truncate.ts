// Cuts a text to the analyzer's size limit at a sentence boundary, so the last sentence analysed
// is whole.
const SENTENCE_END = /[.!?…]["'”’)\]]*(?=\s)|\n/g;

/** The longest prefix of `text` of at most `maxChars` that ends a sentence (or a word, failing that). */
export function truncateAtSentence(text: string, maxChars: number): { text: string; truncated: boolean } {
  if (text.length <= maxChars) return { text, truncated: false };
  const head = text.slice(0, maxChars + 1);
  let cut = -1;
  for (const match of head.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    if (end <= maxChars) cut = end;
  }
  // A text with no sentence end in reach (one enormous sentence) is cut at a word instead.
  if (cut <= 0) cut = head.lastIndexOf(' ', maxChars);
  if (cut <= 0) cut = maxChars;
  // Never split a surrogate pair (an emoji) in half.
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return { text: text.slice(0, cut).trimEnd(), truncated: true };
}
