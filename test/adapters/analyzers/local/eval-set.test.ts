// The hand-labelled sentiment sets: their shape, and an accuracy floor for the local analyzer so a
// change that makes it worse is noticed (figures in docs/sentiment-evaluation.md).
import { describe, expect, it } from 'vitest';
import { createLocalAnalyzer } from '#adapters/analyzers/local/local-analyzer';
import {
  GOLD_LABELS,
  loadEvalDocuments,
  loadEvalSentences,
  loadHoldoutSentences,
  STYLES,
  type EvalSentence,
} from '#test/fixtures/sentiment/eval-sets';
import { accuracyOf, analyzerLabels, confusionOf, macroF1Of } from '#bench/sentiment/metrics';

// Measured with the trained model (local 2.0.0+model-2.0.0): 69.4% / macro-F1 0.692 on the eval set,
// 54.1% on the held-out set; floors just below. The lexicon analyzer it replaced had 72.0% and
// 73.8% here, on sets written by the hand that tuned it; on public human-labelled text it is the
// weaker of the two by 5 to 11 points (docs/sentiment-evaluation.md).
const EVAL_SET_ACCURACY_FLOOR = 0.65;
const EVAL_SET_MACRO_F1_FLOOR = 0.67;
const HOLDOUT_ACCURACY_FLOOR = 0.54;

const REQUIRED_TAGS = [
  'negation',
  'contrast',
  'intensifier',
  'downtoner',
  'emoji',
  'slang',
  'hashtag',
  'stars',
  'neutral-report',
  'constructor',
  'repairs',
  'mechanics',
  'delivery',
  'packaging',
  'pricing',
  'staff',
  'support-chat',
  'app',
];

const normalised = (text: string): string => text.toLowerCase().replace(/\s+/g, ' ').trim();

async function localAccuracy(items: EvalSentence[]): Promise<{ accuracy: number; macroF1: number }> {
  const predicted = await analyzerLabels(
    createLocalAnalyzer(),
    items.map((item) => item.text),
  );
  const confusion = confusionOf(
    items.map((item) => item.label),
    predicted,
  );
  return { accuracy: accuracyOf(confusion), macroF1: macroF1Of(confusion) };
}

describe('sentiment evaluation set', () => {
  const items = loadEvalSentences();

  it('has at least 360 sentences, 90 of each label and roughly a third per style', () => {
    expect(items.length).toBeGreaterThanOrEqual(360);
    for (const label of GOLD_LABELS) {
      expect(items.filter((item) => item.label === label).length).toBeGreaterThanOrEqual(90);
    }
    for (const style of STYLES) {
      expect(items.filter((item) => item.style === style).length).toBeGreaterThanOrEqual(items.length / 4);
    }
  });

  it('covers every phenomenon and topic it is meant to exercise', () => {
    const tags = new Set(items.flatMap((item) => item.tags));
    expect(REQUIRED_TAGS.filter((tag) => !tags.has(tag))).toEqual([]);
    expect(items.some((item) => /constructor/i.test(item.text))).toBe(true);
  });

  it('has no duplicate texts, within it or shared with the held-out set', () => {
    const texts = [...items, ...loadHoldoutSentences()].map((item) => normalised(item.text));
    expect(texts.filter((text, index) => texts.indexOf(text) !== index)).toEqual([]);
  });

  it('has a held-out set with every label and style, and documents whose sentences are labelled', () => {
    const holdout = loadHoldoutSentences();
    for (const label of GOLD_LABELS)
      expect(holdout.filter((item) => item.label === label).length).toBeGreaterThanOrEqual(30);
    for (const style of STYLES) expect(holdout.some((item) => item.style === style)).toBe(true);
    const documents = loadEvalDocuments();
    expect(documents.length).toBeGreaterThanOrEqual(30);
    expect(new Set(documents.map((document) => document.id)).size).toBe(documents.length);
  });

  it('is labelled well enough by the local analyzer not to have regressed', async () => {
    const evalSet = await localAccuracy(items);
    expect(evalSet.accuracy).toBeGreaterThanOrEqual(EVAL_SET_ACCURACY_FLOOR);
    expect(evalSet.macroF1).toBeGreaterThanOrEqual(EVAL_SET_MACRO_F1_FLOOR);
    expect((await localAccuracy(loadHoldoutSentences())).accuracy).toBeGreaterThanOrEqual(HOLDOUT_ACCURACY_FLOOR);
  });
});
