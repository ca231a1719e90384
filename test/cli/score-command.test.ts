// The summary `congruence score` prints: what was scored, and for every signal looked at and not
// scored, how many and why, so the counts add up to the signals looked at.
import { describe, expect, it } from 'vitest';
import { notScoredReasons, type ScoreReport } from '#app/score';
import { scoreSummary } from '#cli/score-command';

function report(overrides: Partial<ScoreReport>): ScoreReport {
  const base: Omit<ScoreReport, 'notScored'> = {
    runId: 'run-1',
    analyzer: 'local@1.0.0',
    startedAt: '2026-11-23T10:00:00.000Z',
    finishedAt: '2026-11-23T10:00:05.000Z',
    signals: 0,
    alreadyScored: 0,
    scored: 0,
    offBrand: 0,
    skipped: {},
    failed: 0,
    unavailable: 0,
    failedSignalIds: [],
    sentences: 0,
    mentionsByValue: { 'free-repairs': 0 },
    mentionsByCompetitor: {},
    weeks: [],
    cost: { calls: {}, units: {} },
    estimatedComprehendUnits: 0,
    comprehendUnitsByEntity: {},
    ...overrides,
  };
  return { ...base, notScored: notScoredReasons(base) };
}

describe('the score summary', () => {
  it('says how many of the signals looked at were not scored, and why, each reason with its count', () => {
    const summary = scoreSummary(
      report({
        signals: 12,
        alreadyScored: 3,
        scored: 2,
        sentences: 2,
        mentionsByValue: { 'free-repairs': 2 },
        offBrand: 1,
        skipped: { 'language de is not supported by the local analyzer (English only)': 2 },
        failed: 1,
        unavailable: 3,
        estimatedComprehendUnits: 18,
      }),
    );
    expect(summary).toBe(
      [
        'Scored 2 signals with local@1.0.0 (2 value sentences); 3 already scored, not sent again.',
        '  value mentions: free-repairs 2',
        '  Of 12 signals looked at, 7 were not scored:',
        '    1 not about the brand: news or social posts that no longer name the brand or a competitor (a name, an alias, a handle or a domain) (outside personal data), most often because the profile’s brand terms changed since they were stored; set aside for good',
        '    2 skipped for good: language de is not supported by the local analyzer (English only)',
        '    1 failed for a passing reason (throttling, a service error): retried next run',
        '    3 no longer stored, or their text has expired (retention.signalTextDays) since they were listed: nothing to score',
        '  Amazon Comprehend would bill about 18 units for these signals.',
        '',
      ].join('\n'),
    );
  });

  it('adds no reason when every signal looked at was scored or already scored', () => {
    const summary = scoreSummary(
      report({ signals: 4, alreadyScored: 1, scored: 3, sentences: 3, mentionsByValue: { 'free-repairs': 3 } }),
    );
    expect(summary).not.toMatch(/not scored/);
    expect(summary).toMatch(
      /^Scored 3 signals with local@1\.0\.0 \(3 value sentences\); 1 already scored, not sent again\.\n/,
    );
  });

  it('says what each entity cost in Comprehend units, and the competitors’ part of them', () => {
    const summary = scoreSummary(
      report({
        signals: 10,
        scored: 10,
        estimatedComprehendUnits: 200,
        mentionsByCompetitor: { 'cobalt-cycles': 4 },
        comprehendUnitsByEntity: { 'fernhill-bikes': 150, 'cobalt-cycles': 35, 'alderway-bikes': 15 },
      }),
    );
    expect(summary).toContain("competitors' value mentions: cobalt-cycles 4");
    expect(summary).toContain(
      "Comprehend units by entity: fernhill-bikes 150, cobalt-cycles 35, alderway-bikes 15; the competitors' 25% is what benchmarking costs.",
    );
  });

  it('says nothing of entities when the profile declares no competitor', () => {
    const summary = scoreSummary(report({ signals: 1, scored: 1, comprehendUnitsByEntity: { 'fernhill-bikes': 9 } }));
    expect(summary).not.toContain('by entity');
  });
});
