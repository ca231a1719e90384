// The printing of `congruence analyze`: a line as its label, scores and text, and the values it
// matched, as text and as JSON.
import { describe, expect, it } from 'vitest';
import { analysisJson, analysisText, type LineAnalysis } from '#cli/analyze-command';
import { negative, neutral, TWO_VALUES_LINE, TWO_VALUES } from './analyze-fixtures';

describe('the analyze output', () => {
  it('prints a line as its label, its four scores to two decimals and its text', () => {
    const analysis: LineAnalysis = {
      line: 1,
      text: 'Still waiting for my refund',
      status: 'analysed',
      sentiment: negative,
    };
    expect(analysisText(analysis)).toBe('NEGATIVE  pos 0.03 neg 0.91 neu 0.05 mix 0.01  Still waiting for my refund\n');
  });

  it('lists the values a line mentions under it, their ids aligned, and each sentence of a value with several', () => {
    const analysis: LineAnalysis = {
      line: 2,
      text: TWO_VALUES_LINE,
      status: 'analysed',
      sentiment: neutral,
      values: TWO_VALUES,
    };
    expect(analysisText(analysis)).toBe(
      [
        'NEUTRAL   pos 0.00 neg 0.00 neu 1.00 mix 0.00  Repair booked. The repair took weeks but the staff were lovely.',
        '  free-repairs  NEGATIVE  pos 0.03 neg 0.91 neu 0.05 mix 0.01  (2 sentences)',
        '      NEUTRAL   pos 0.00 neg 0.00 neu 1.00 mix 0.00  Repair booked.',
        '      NEGATIVE  pos 0.03 neg 0.91 neu 0.05 mix 0.01  The repair took weeks',
        '  staff         POSITIVE  pos 0.80 neg 0.05 neu 0.15 mix 0.00  the staff were lovely.',
        '',
      ].join('\n'),
    );
  });

  it('says which words made a match by meaning, under the value it matched', () => {
    const analysis: LineAnalysis = {
      line: 3,
      text: 'The waiter forgot us.',
      status: 'analysed',
      sentiment: negative,
      values: [
        {
          valueId: 'staff',
          matchedBy: [{ words: 'waiter', term: 'staff', similarity: 0.63 }],
          sentiment: negative,
          sentences: [{ text: 'The waiter forgot us.', sentiment: negative }],
        },
      ],
    };
    expect(analysisText(analysis).split('\n')[2]).toBe('         matched by “waiter” ≈ staff (0.63)');
  });

  it('says which line was not analysed and why, in the place of its scores', () => {
    const analysis: LineAnalysis = {
      line: 4,
      text: 'Das Fahrrad ist kaputt',
      status: 'not-analysed',
      reason: 'language de is not supported by the local analyzer (English only)',
    };
    expect(analysisText(analysis)).toBe(
      'SKIPPED   line 4: language de is not supported by the local analyzer (English only)  Das Fahrrad ist kaputt\n',
    );
  });

  it('ends a skipped row at its reason when nothing of the line was left to show', () => {
    const analysis: LineAnalysis = { line: 5, text: '', status: 'not-analysed', reason: 'nothing to analyse' };
    expect(analysisText(analysis)).toBe('SKIPPED   line 5: nothing to analyse\n');
  });

  it('gives JSON with the label, the four scores under their names, the line number and the text', () => {
    const analysis: LineAnalysis = {
      line: 3,
      text: 'Still waiting for my refund',
      status: 'analysed',
      sentiment: negative,
    };
    expect(analysisJson(analysis)).toEqual({
      line: 3,
      text: 'Still waiting for my refund',
      label: 'NEGATIVE',
      scores: { positive: 0.03, negative: 0.91, neutral: 0.05, mixed: 0.01 },
    });
  });

  it('gives each value in JSON with its sentences and their sentiment, and a skipped line with its reason', () => {
    const withValues: LineAnalysis = {
      line: 1,
      text: 'The repair took weeks',
      status: 'analysed',
      sentiment: negative,
      values: [
        {
          valueId: 'free-repairs',
          matchedBy: [{ words: 'mechanic', term: 'repair', similarity: 0.62 }],
          sentiment: negative,
          sentences: [{ text: 'The repair took weeks', sentiment: negative }],
        },
      ],
    };
    expect(analysisJson(withValues).values).toEqual([
      {
        valueId: 'free-repairs',
        matchedBy: [{ words: 'mechanic', term: 'repair', similarity: 0.62 }],
        sentences: [{ text: 'The repair took weeks', label: 'NEGATIVE', scores: negative.scores }],
        label: 'NEGATIVE',
        scores: negative.scores,
      },
    ]);
    expect(
      analysisJson({
        line: 7,
        text: '¿Dónde está mi pedido?',
        status: 'not-analysed',
        reason: 'language es is not supported',
      }),
    ).toEqual({
      line: 7,
      text: '¿Dónde está mi pedido?',
      skipped: 'language es is not supported',
    });
  });
});
