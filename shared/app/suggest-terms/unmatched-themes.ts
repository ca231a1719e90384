// The themes no value covers: the signals' key phrases said in sentences that mention no value,
// largest first, for marketing ops to see what customers raise that brand.yaml does not declare.
import { quoteOf } from '#domain/alignment/evidence';
import { normaliseKeyPhrase } from '#domain/alignment/topics';
import { containsSequence } from '#domain/value-matching';
import type { UnmatchedTheme } from '../suggest-terms';
import type { Corpus, Passage, ScoredSignal } from './corpus';
import { distinctTerms, mostWritten } from './term-suggestions';
import { isWordOfNote, type Vocabulary } from './vocabulary';

/**
 * The signals' key phrases said in sentences that mention no value, normalised as the digest's
 * topics are, largest first. The brand's names are not themes; a phrase that starts with one
 * counts as what follows it ("fernhill ride app" is "ride app").
 */
export function unmatchedThemes(
  corpus: Corpus,
  scores: ReadonlyMap<string, ScoredSignal>,
  vocabulary: Vocabulary,
  settings: { limit: number; minSignals: number },
): UnmatchedTheme[] {
  const unmatchedBySignal = new Map<string, Passage[]>();
  for (const passage of corpus.passages) {
    if (passage.values.size > 0) continue;
    unmatchedBySignal.set(passage.signalId, [...(unmatchedBySignal.get(passage.signalId) ?? []), passage]);
  }
  const themes = new Map<
    string,
    { signals: Set<string>; negative: number; surfaces: Map<string, number>; examples: string[] }
  >();
  for (const [signalId, passages] of unmatchedBySignal) {
    const score = scores.get(signalId);
    if (score === undefined) continue;
    const seen = new Set<string>();
    for (const raw of score.keyPhrases) {
      const phrase = withoutLeadingName(normaliseKeyPhrase(raw), vocabulary.names);
      if (phrase.stems.length === 0 || !phrase.stems.some(isWordOfNote)) continue;
      if (vocabulary.names.some((name) => containsSequence(phrase.stems, name))) continue;
      const key = phrase.stems.join(' ');
      if (seen.has(key)) continue;
      const where = passages.find((passage) => passage.runs.some((run) => containsSequence(run.stems, phrase.stems)));
      if (where === undefined) continue;
      seen.add(key);
      const theme = themes.get(key) ?? {
        signals: new Set<string>(),
        negative: 0,
        surfaces: new Map<string, number>(),
        examples: [],
      };
      theme.signals.add(signalId);
      if (score.sentiment.label === 'NEGATIVE') theme.negative++;
      const surface = phrase.words.join(' ');
      theme.surfaces.set(surface, (theme.surfaces.get(surface) ?? 0) + 1);
      if (theme.examples.length < 2) theme.examples.push(quoteOf(where.text));
      themes.set(key, theme);
    }
  }
  const ranked = [...themes]
    .filter(([, theme]) => theme.signals.size >= settings.minSignals)
    .map(([key, theme]) => ({ key, theme }))
    .sort(
      (a, b) =>
        b.theme.signals.size - a.theme.signals.size ||
        a.key.split(' ').length - b.key.split(' ').length ||
        a.key.localeCompare(b.key),
    );
  return distinctTerms(ranked, (each) => each.theme.signals.size)
    .slice(0, settings.limit)
    .map(({ theme }) => ({
      theme: mostWritten(theme.surfaces),
      count: theme.signals.size,
      negativeShare: theme.negative / theme.signals.size,
      examples: theme.examples,
    }));
}

function withoutLeadingName(
  phrase: ReturnType<typeof normaliseKeyPhrase>,
  names: readonly string[][],
): ReturnType<typeof normaliseKeyPhrase> {
  const name = names.find(
    (each) => each.length < phrase.stems.length && each.every((stem, index) => phrase.stems[index] === stem),
  );
  return name === undefined ? phrase : normaliseKeyPhrase(phrase.words.slice(name.length).join(' '));
}
