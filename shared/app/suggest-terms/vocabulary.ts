// Which words suggest-terms may propose: the words and two- or three-word runs of a passage that
// name something (not filler, not a judgement any value gets, not the brand's or a competitor's
// name, not part of an aspect said there).
import { isFillerStem } from '#domain/alignment/topic-words';
import { normaliseKeyPhrase } from '#domain/alignment/topics';
import type { Profile } from '#domain/profile';
import { accountName } from '#domain/redaction';
import { containsSequence, stems } from '#domain/value-matching';
import type { Passage } from './corpus';

const MAX_WORDS = 3;

/**
 * Words that are filler for topics (topic-words.ts), or that judge rather than name (topics.ts,
 * through normaliseKeyPhrase), are never terms. These are the ones a term needs on top: verbs and
 * adverbs that carry no subject, contractions, and judging words any value gets ("ridiculous",
 * "delighted"). Words that judge one value ("rude", "slow", "late", "unhelpful") stay proposable.
 */
const NOT_TERM_WORDS = new Set(
  stems(
    "it its it's i'd i'll i'm i've don't dont didn't didnt doesn't can't cant won't wont isn't wasn't aren't weren't " +
      "haven't hasn't couldn't wouldn't shouldn't let's that's there's what's who's he's she's " +
      'get got gets getting go going gone went goes come came coming make made take took give gave know knew want wanted ' +
      'need needed say said tell told see saw seen look looking let put keep kept try tried think thought feel felt ' +
      'like really only even ever never always more most much many other same own because since until while through ' +
      'during back yet once already well way right sure maybe though although however also else either neither ' +
      'im ive id youre thats theres one ones two first last next new old lot absolutely totally completely literally ' +
      'seriously truly super pretty quite rather extremely incredibly ' +
      'good great bad nice best better worse worst love loved lovely hate awesome amazing excellent fantastic ' +
      'wonderful terrible horrible awful perfect fine happy pleased glad sad poor ridiculous hopeless delighted ' +
      'shameful disgraceful unacceptable pathetic impressed angry upset frustrated shocking joke',
  ),
);

export interface Vocabulary {
  /** The brand's and competitors' names, handles and domains, as stem runs. */
  names: string[][];
  /** Every value's aspects as stem runs. */
  aspects: string[][];
}

export function vocabularyOf(profile: Profile): Vocabulary {
  const { brand } = profile;
  const asStems = (terms: readonly string[]) => terms.map((term) => stems(term)).filter((term) => term.length > 0);
  return {
    names: asStems([
      brand.name,
      ...brand.aliases,
      ...brand.handles.map(accountName),
      ...brand.domains,
      ...brand.competitors.flatMap((competitor) => [
        competitor.name,
        ...competitor.aliases,
        ...competitor.handles.map(accountName),
        ...competitor.domains,
      ]),
    ]),
    aspects: asStems(profile.values.flatMap((value) => value.aspects)),
  };
}

export const isWordOfNote = (stem: string) =>
  /\p{L}/u.test(stem) && stem.length > 1 && !isFillerStem(stem) && !NOT_TERM_WORDS.has(stem);

/** Whether a candidate reads as a term: normalising it as a key phrase takes nothing away (no judging word, no filler). */
export function termShape(): (key: string, surface: string) => boolean {
  const known = new Map<string, boolean>();
  return (key, surface) => {
    let shaped = known.get(key);
    if (shaped === undefined) {
      shaped = normaliseKeyPhrase(surface).stems.join(' ') === key;
      known.set(key, shaped);
    }
    return shaped;
  };
}

/**
 * The candidate terms of a passage, once each, keyed by their stems: words and runs of two or three
 * words that begin and end with a word of note, use no word of an aspect said there, and name
 * neither the brand nor a competitor.
 */
export function termsOf(passage: Passage, names: readonly string[][]): Map<string, string> {
  const found = new Map<string, string>();
  for (const run of passage.runs) {
    for (let start = 0; start < run.stems.length; start++) {
      if (!isWordOfNote(run.stems[start] as string)) continue;
      for (let end = start + 1; end <= Math.min(run.stems.length, start + MAX_WORDS); end++) {
        if (run.inAspect[end - 1]) break;
        if (!isWordOfNote(run.stems[end - 1] as string) || run.inAspect[start]) continue;
        const termStems = run.stems.slice(start, end);
        if (names.some((name) => containsSequence(termStems, name))) continue;
        const key = termStems.join(' ');
        if (!found.has(key)) found.set(key, run.words.slice(start, end).join(' '));
      }
    }
  }
  return found;
}

/** Whether a passage says a term in its own words (not as part of an aspect). */
export function says(passage: Passage, termStems: readonly string[]): boolean {
  return passage.runs.some((run) => {
    for (let start = 0; start + termStems.length <= run.stems.length; start++) {
      if (termStems.every((stem, offset) => run.stems[start + offset] === stem && !run.inAspect[start + offset]))
        return true;
    }
    return false;
  });
}
