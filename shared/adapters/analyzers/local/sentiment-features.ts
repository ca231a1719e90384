// The features the trained sentiment model reads from a text, shared by the model at run time
// (sentiment-model.ts) and by its training (scripts/train-sentiment.ts), so both see the same:
// words and word pairs, with the words after a negation marked ("not good" → "good" negated), and
// the 3- to 5-letter pieces of each word (which carry "refund", "refunded" and "refunds" together
// and survive misspellings). Each feature is hashed into one of 2^hashBits slots; the vector is
// scaled to unit length so that a long review and a short tweet weigh the same.

export interface FeatureSettings {
  /** 2^hashBits weight slots per class. */
  hashBits: number;
  /** Shortest and longest letter pieces taken from each word (0, 0 for none). */
  charGrams: readonly [number, number];
}

export interface FeatureVector {
  /** Slot of each feature, distinct. */
  slots: Int32Array;
  /** Its value; the vector has unit length. */
  values: Float32Array;
}

const URL = /\b(?:https?:\/\/|www\.)\S+/giu;
const HANDLE = /(?<![\p{L}\p{N}_])[@＠][\p{L}\p{N}_]+(?:@[\p{L}\p{N}.-]+)?/gu;
const PLACEHOLDER = /\[(?:handle|email|phone)\]/giu;
const DIGITS = /\p{Nd}/gu;
const REPEATS = /(\p{L})\1{2,}/gu;
// Words (with inner apostrophes), runs of ! or ?, clause punctuation, emoticons and single emoji.
const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[!?]+|[:;]-?[()DPp]|[.,;:]|\p{Extended_Pictographic}/gu;
const CLAUSE_END = /^[.,;:!?]+$|^(?:but|however|although|though)$/u;
const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'nothing',
  'nobody',
  'none',
  'neither',
  'nor',
  'nowhere',
  'without',
  'cannot',
  'cant',
  'dont',
  'didnt',
  'doesnt',
  'isnt',
  'wasnt',
  'arent',
  'werent',
  'wont',
  'wouldnt',
  'couldnt',
  'shouldnt',
  'havent',
  'hasnt',
  'hadnt',
]);

/**
 * Common emoji read as the words they stand for. None of the training sets keeps emoji (TweetEval's
 * tweets come without them), so without this the model could not read "arrived today 😡"; with it,
 * the weights learnt for "angry" apply. The words are the emoji's Unicode names, shortened.
 */
const EMOJI_WORDS: Record<string, string> = {
  '😀': 'happy',
  '😃': 'happy',
  '😄': 'happy',
  '😁': 'happy',
  '😊': 'happy',
  '🙂': 'happy',
  '😉': 'wink',
  '😍': 'love',
  '🥰': 'love',
  '😘': 'love',
  '❤': 'love',
  '💕': 'love',
  '💖': 'love',
  '💙': 'love',
  '💚': 'love',
  '♥': 'love',
  '👍': 'good',
  '👌': 'good',
  '👏': 'great',
  '🙌': 'great',
  '🎉': 'celebrate',
  '🔥': 'awesome',
  '💯': 'perfect',
  '⭐': 'star',
  '🌟': 'star',
  '😂': 'haha',
  '🤣': 'haha',
  '😅': 'haha',
  '🙏': 'thank',
  '😡': 'angry',
  '😠': 'angry',
  '🤬': 'furious',
  '👎': 'bad',
  '😞': 'disappointed',
  '😔': 'disappointed',
  '😢': 'sad',
  '😭': 'crying',
  '😩': 'tired',
  '😫': 'tired',
  '😤': 'annoyed',
  '🙄': 'annoyed',
  '😒': 'annoyed',
  '😑': 'annoyed',
  '😐': 'meh',
  '🤔': 'hmm',
  '💩': 'crap',
  '🤮': 'disgusting',
  '🤢': 'disgusting',
  '😱': 'shocked',
  '💔': 'heartbroken',
  '😬': 'awkward',
  '🤦': 'facepalm',
};
const EMOJI = new RegExp(`[${Object.keys(EMOJI_WORDS).join('')}]\uFE0F?`, 'gu');

/** The text as the model reads it: lower case, links, handles and digits made generic, long letter runs cut to two. */
export function normalizeForSentiment(text: string): string {
  return text
    .replace(EMOJI, (emoji) => ` ${EMOJI_WORDS[emoji.replace('\uFE0F', '')] ?? ''} `)
    .replace(URL, ' xxurl ')
    .replace(HANDLE, ' xxuser ')
    .replace(PLACEHOLDER, ' xxuser ')
    .toLowerCase()
    .replace(DIGITS, '0')
    .replace(REPEATS, '$1$1');
}

/** The text's tokens, each word after a negation (up to the end of its clause) prefixed "¬". */
export function sentimentTokens(text: string): string[] {
  const tokens: string[] = [];
  let negated = false;
  for (const match of normalizeForSentiment(text).matchAll(TOKEN)) {
    const token = match[0].replace(/’/g, "'");
    if (CLAUSE_END.test(token) || token.startsWith('!') || token.startsWith('?')) {
      negated = false;
      tokens.push(token.startsWith('!') ? '!' : token.startsWith('?') ? '?' : token);
      continue;
    }
    const bare = token.replace(/'/g, '');
    tokens.push(negated ? `¬${token}` : token);
    if (NEGATORS.has(bare) || token.endsWith("n't")) negated = true;
  }
  return tokens;
}

/** FNV-1a over the string's UTF-16 units, started from `seed` so that feature kinds do not collide by design. */
function hash(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let index = 0; index < text.length; index++) {
    h ^= text.charCodeAt(index);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const SEED_WORD = 1;
const SEED_PAIR = 2;
const SEED_PIECE = 3;
const SEED_BIAS = 4;

/**
 * Adds the slot of every piece of `bounded` from `shortest` to `longest` letters. Each piece's hash
 * is the one `hash(piece, SEED_PIECE)` gives, built one letter at a time from the piece one letter
 * shorter, with no substring made: this loop is most of the model's time.
 */
function addLetterPieces(
  bounded: string,
  shortest: number,
  longest: number,
  mask: number,
  add: (slot: number) => void,
): void {
  const seeded = (0x811c9dc5 ^ SEED_PIECE) >>> 0;
  for (let start = 0; start + shortest <= bounded.length; start++) {
    let h = seeded;
    for (let end = start; end < bounded.length && end - start < longest; end++) {
      h ^= bounded.charCodeAt(end);
      h = Math.imul(h, 0x01000193);
      if (end - start + 1 >= shortest) add((h >>> 0) & mask);
    }
  }
}

/** The feature vector of a text. */
export function sentimentFeatures(text: string, settings: FeatureSettings): FeatureVector {
  const mask = (1 << settings.hashBits) - 1;
  // Slots are gathered as they come and counted after one sort: a Map per text was most of the cost.
  const found: number[] = [];
  const add = (slot: number) => {
    found.push(slot);
  };
  const tokens = sentimentTokens(text);
  add(hash('', SEED_BIAS) & mask);
  let previous = '<s>';
  const [shortest, longest] = settings.charGrams;
  for (const token of tokens) {
    add(hash(token, SEED_WORD) & mask);
    add(hash(`${previous} ${token}`, SEED_PAIR) & mask);
    previous = token;
    const word = token.startsWith('¬') ? token.slice(1) : token;
    if (shortest > 0 && word.length >= shortest && /\p{L}/u.test(word))
      addLetterPieces(`<${word}>`, shortest, longest, mask, add);
  }
  add(hash(`${previous} </s>`, SEED_PAIR) & mask);
  const sorted = Int32Array.from(found).sort();
  const slots = new Int32Array(sorted.length);
  const values = new Float32Array(sorted.length);
  let distinct = 0;
  let norm = 0;
  for (let start = 0; start < sorted.length; ) {
    let end = start + 1;
    while (end < sorted.length && sorted[end] === sorted[start]) end++;
    // Sublinear counts: a word said three times is not three times the evidence.
    const value = 1 + Math.log(end - start);
    slots[distinct] = sorted[start] ?? 0;
    values[distinct] = value;
    distinct++;
    norm += value * value;
    start = end;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let index = 0; index < distinct; index++) values[index] = (values[index] ?? 0) * scale;
  return { slots: slots.subarray(0, distinct), values: values.subarray(0, distinct) };
}
