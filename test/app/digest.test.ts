// The digest use case on the bundled example, through the real pipeline: ingest, score with the
// local analyzer, then build the digest from the store.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '#adapters/config/load-profile';
import { slackMessage, teamsMessage } from '#adapters/alerts/messages';
import { type Alert, alertsAsOf, detectAlerts, replayAlerts } from '#app/alerts';
import { buildDigest, weeksEndingWith } from '#app/digest';
import { rebuildRollups } from '#app/rollups';
import { analyzerKey } from '#domain/analyzer';
import { useScoredStore } from '#test/support/scored-store';

const { profile, baseDir } = loadProfile('examples/fernhill/brand.yaml');
const scored = useScoredStore(profile, { baseDir });
const { analyzer } = scored;

const deps = (now: string) => ({ store: scored.store(), analyzer: analyzerKey(analyzer), now: () => new Date(now) });

describe('the example’s latest digest (what the quickstart shows)', () => {
  it('flags every story written into the example, and nothing on the values without one', async () => {
    const { model } = await buildDigest(profile, deps('2026-11-23T09:00:00Z'));
    expect(model.week).toBe('2026-W47');
    // No digest ran before in this store: the change is computed from the history itself.
    expect(model.index.change).not.toBeNull();
    const found = model.divergences.map((divergence) => `${divergence.kind}:${divergence.valueId ?? '-'}`);
    expect(new Set(found)).toEqual(
      new Set([
        'say-do-gap:free-repairs', // a promise customers contradict...
        'eroding:free-repairs', // ...getting worse over the last three weeks
        'unclaimed-strength:-', // a value customers praise that the brand never claims
        'inconsistent:expert-help', // praised on one channel, panned on another
        'stance-backlash:sustainability', // a stance statement followed by negative social reaction
        'rating-text-mismatch:-', // stars that contradict the text
        'review-burst:-', // a burst of near-identical praise
        'emerging-topic:-', // the Ride app
      ]),
    );
    const titles = model.divergences.map((divergence) => divergence.title).join('\n');
    expect(titles).toMatch(/group rides/);
    expect(titles).toMatch(/ride app/i);
    // The confirmed promise and the value without a story carry no flag.
    expect(
      model.divergences.some((divergence) => ['honest-pricing', 'ready-to-ride'].includes(divergence.valueId ?? '')),
    ).toBe(false);
    expect(model.values.find((row) => row.id === 'honest-pricing')?.status).toBe('delivered');
    // Items naming neither the brand nor a competitor were filtered at ingestion, and the coverage says how many.
    expect(model.coverage.offBrand).toBe(29);
  });

  it('finds the planted competitor story: Cobalt Cycles overtook Fernhill on free repairs, above it three weeks running', async () => {
    const { model, report } = await buildDigest(profile, deps('2026-11-23T09:00:00Z'));
    const comparison = model.comparison;
    const fernhillStatementsOfLastWeeks = (
      await scored
        .store()
        .signalsBetween({ from: '2026-10-26T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' }, 'stance')
    ).filter((signal) => signal.sourceId === 'newsroom').length;
    expect(fernhillStatementsOfLastWeeks).toBeGreaterThan(0);
    expect(comparison?.competitors.map((competitor) => competitor.name)).toEqual(['Cobalt Cycles', 'Alderway Bikes']);
    expect(comparison?.findings.map((finding) => [finding.kind, finding.title])).toEqual([
      ['competitor-ahead', 'Cobalt Cycles ahead of you on “Free repairs for life”'],
    ]);
    const cobalt = comparison?.competitors[0]?.values.find((value) => value.valueId === 'free-repairs');
    expect(cobalt).toMatchObject({ mentions: 20, standing: 'ahead', weeksAbove: 3 });
    expect(cobalt?.net).toBeCloseTo(0.65, 2);
    const ours = comparison?.brand.values.find((value) => value.valueId === 'free-repairs');
    expect(ours?.mentions).toBe(27);
    expect(ours?.net).toBeCloseTo(-0.93, 2);
    // below Fernhill until W44, above it from W45: the story of three weeks
    const nets = (trend: ReadonlyArray<{ net: number | null }>) => trend.slice(-4).map((point) => point.net as number);
    const [theirs44, ...theirsLater] = nets(cobalt?.trend ?? []);
    const [ours44, ...oursLater] = nets(ours?.trend ?? []);
    expect(theirs44).toBeLessThan(ours44 as number);
    expect(theirsLater.map((net, index) => net > (oursLater[index] as number))).toEqual([true, true, true]);
    // Alderway never has the mentions to be compared
    expect(comparison?.competitors[1]?.values.every((value) => value.standing === 'not-enough-evidence')).toBe(true);
    const [finding] = comparison?.findings ?? [];
    expect(new Set(finding?.evidence.map((quote) => quote.about))).toEqual(
      new Set(['Cobalt Cycles', 'Fernhill Bikes']),
    );
    expect(finding?.evidence.every((quote) => quote.url?.startsWith('https://'))).toBe(true);
    // what Cobalt promised itself, from its own newsroom: the statement that started its run first
    expect(finding?.explanation).toContain(
      'Its own statements on it: “Labour is on us, for as long as you ride a Cobalt” (2 Nov), “Three more hubs to keep up with you” (12 Nov).',
    );
    expect(finding?.evidence[0]).toMatchObject({
      channel: 'stance',
      sourceId: 'cobalt-newsroom',
      about: 'Cobalt Cycles',
    });
    expect(finding?.evidence[0]?.quote).toMatch(/^From today every repair at a Cobalt Cycles workshop is free/);
    // and Cobalt's statements are never counted as Fernhill's own
    expect(report.values.map((value) => value.stanceEmphasis.trailing.statements)).toEqual(
      report.values.map(() => fernhillStatementsOfLastWeeks),
    );
    // what benchmarking cost this week, per entity
    expect(comparison?.competitors.every((competitor) => competitor.comprehendUnits > 0)).toBe(true);
    const units = (comparison?.competitors ?? []).reduce((sum, competitor) => sum + competitor.comprehendUnits, 0);
    expect((comparison?.brand.comprehendUnits ?? 0) + units).toBeCloseTo(model.coverage.comprehendUnits, 6);
  });
});

describe('the example’s alerts (what the end of the quickstart shows)', () => {
  it('fire exactly once, for the angry thread about free repairs of the data’s last afternoon', async () => {
    const asOf = await alertsAsOf(scored.store(), profile, new Date('2026-12-05T10:00:00Z'));
    expect(asOf.newest).toBe('2026-11-22T18:29:00.000Z');
    const { alerts } = await detectAlerts(scored.store(), profile, analyzerKey(analyzer), { now: asOf.at });
    expect(
      alerts.map((alert) => [
        alert.kind,
        alert.subject,
        alert.kind === 'negative-surge' ? [alert.negative, alert.mentions] : [],
      ]),
    ).toEqual([['negative-surge', 'free-repairs#social', [13, 13]]]);
    expect(alerts[0]?.quotes).toHaveLength(3);
    // docs/alerts.md shows this alert as Slack and Teams receive it: exactly these messages
    const context = {
      brand: profile.brand.name,
      zone: profile.digest.timezone,
      confidence: profile.thresholds.confidence,
      detectedAt: asOf.at.toISOString(),
    };
    const documented = documentedMessages();
    expect(documented.slack).toEqual(slackMessage(alerts[0] as Alert, context));
    expect(documented.teams).toEqual(teamsMessage(alerts[0] as Alert, context));
    // the day before the thread, nothing fires
    const before = await detectAlerts(scored.store(), profile, analyzerKey(analyzer), {
      now: new Date('2026-11-21T19:29:00Z'),
    });
    expect(before.alerts).toEqual([]);
  });

  it('replayed over the example’s history, send the pledge’s backlash (story 5) and the thread, nothing else', async () => {
    const replay = await replayAlerts(scored.store(), profile, analyzerKey(analyzer), {
      from: new Date('2026-10-26T00:00:00Z'),
      to: new Date('2026-11-23T00:00:00Z'),
    });
    expect(
      replay.sent.balanced.map((alert) => [alert.at, alert.kind, 'valueId' in alert ? alert.valueId : null]),
    ).toEqual([
      // the pledge of Tuesday 10 November: backlash once ten reactions are in
      ['2026-11-13T12:00:00.000Z', 'stance-backlash', 'sustainability'],
      ['2026-11-22T16:00:00.000Z', 'negative-surge', 'free-repairs'],
    ]);
  });
});

describe('building the weekly digest', () => {
  it('reports the last complete week by default, or the latest week with signals when that one is empty', async () => {
    expect((await buildDigest(profile, deps('2026-11-23T09:00:00Z'))).model.week).toBe('2026-W47');
    expect((await buildDigest(profile, deps('2027-03-01T09:00:00Z'))).model.week).toBe('2026-W47');
  });

  it('marks a week that is not over as partial, and states no change for it', async () => {
    const snapshotsBefore = await scored.store().snapshots();
    // Friday 20 November 2026, 10:00 in London: five days of 2026-W47 have begun.
    const { model, chosen } = await buildDigest(profile, deps('2026-11-20T10:00:00Z'), { week: '2026-W47' });
    expect(model.period).toMatchObject({ coveredDays: 5, partial: true });
    expect(chosen.coverage.complete).toBe(false);
    expect(model.index.change).toBeNull();
    expect(model.subject).toMatch(/^Alignment \d+ \(partial: 5 of 7 days\): /);
    // Nor is its index kept as the week's snapshot, which the next week would compare with.
    expect(await scored.store().snapshots()).toEqual(snapshotsBefore);
  });

  it('says, for a week without signals, which weeks have them', async () => {
    const { model, chosen } = await buildDigest(profile, deps('2026-12-04T10:00:00Z'), { week: '2026-W30' });
    expect(model.period.signals).toBe(0);
    expect(chosen.weeksWithData).toMatchObject({ first: '2026-W39', last: '2026-W47', suggested: '2026-W47' });
  });

  it('states its headline in the subject, from the profile’s template', async () => {
    const { model } = await buildDigest(profile, deps('2026-11-23T09:00:00Z'), { week: '2026-W47' });
    expect(model.subject).toMatch(/^Alignment \d+ \((new|[+−]\d+)\): /);
    expect(model.subject.endsWith(model.headline)).toBe(true);
    expect(model.headline).toBe(model.divergences[0]?.title);
  });

  it('stores a snapshot per week, so the next week’s index has a change', async () => {
    const w46 = await buildDigest(profile, deps('2026-11-16T09:00:00Z'), { week: '2026-W46' });
    const w47 = await buildDigest(profile, deps('2026-11-23T09:00:00Z'), { week: '2026-W47' });
    expect(w46.model.index.value).not.toBeNull();
    expect(w47.model.index.change).toBe((w47.model.index.value ?? 0) - (w46.model.index.value ?? 0));
    expect((await scored.store().snapshots()).map((snapshot) => snapshot.week)).toEqual(
      expect.arrayContaining(['2026-W46', '2026-W47']),
    );
  });

  it('quotes evidence with links to the sources, http(s) only', async () => {
    const { model } = await buildDigest(profile, deps('2026-11-23T09:00:00Z'), { week: '2026-W47' });
    const evidence = model.divergences.flatMap((divergence) => divergence.evidence);
    expect(evidence.length).toBeGreaterThan(0);
    expect(evidence.every((item) => item.url === null || /^https?:\/\//.test(item.url))).toBe(true);
    expect(evidence.filter((item) => item.url !== null).length).toBe(evidence.length);
    for (const divergence of model.divergences) expect(divergence.evidence.length).toBeGreaterThanOrEqual(1);
  });

  it('reports coverage: every source, the week’s signals by channel, off-brand items and Comprehend units', async () => {
    const { model } = await buildDigest(profile, deps('2026-11-23T09:00:00Z'), { week: '2026-W47' });
    expect(model.coverage.sources.map((source) => [source.sourceId, source.outcome])).toEqual(
      profile.sources.map((source) => [source.id, 'new']),
    );
    expect(model.coverage.offBrand).toBe(29);
    expect(Object.values(model.coverage.signalsByChannel).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(40);
    expect(model.coverage.comprehendUnits).toBeGreaterThan(0);
    expect(model.coverage.comprehendUnitsEstimated).toBe(true);
  });

  it('shows a trend per value over the weeks that have data, ending with the reported week', async () => {
    const { model } = await buildDigest(profile, deps('2026-11-23T09:00:00Z'), { week: '2026-W47' });
    for (const row of model.values) {
      expect(row.trend.map((point) => point.week)).toEqual(weeksEndingWith('2026-W47', 9, 'Europe/London'));
      expect(row.chartId).toBe(`trend-${row.id}`);
    }
  });
});

describe('weeks of history', () => {
  it('counts back across a year end', () => {
    expect(weeksEndingWith('2027-W02', 4, 'UTC')).toEqual(['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
  });
});

describe('rollups written before topic and rating tallies were kept', () => {
  it('are refused with the way to rebuild them, and once rebuilt give the same digest', async () => {
    const store = scored.store();
    const key = analyzerKey(analyzer);
    const before = await buildDigest(profile, deps('2026-11-23T09:00:00Z'), { week: '2026-W47' });
    const weeks = weeksEndingWith('2026-W47', 12, profile.digest.timezone);
    const subjects = [...profile.values.map((value) => value.id), '*'];
    const current = await store.rollupsOf(key, weeks, subjects);
    // what an earlier version stored: the week's totals without topics and ratings
    await store.replaceRollups(
      key,
      current.map(({ topics: _topics, ratings: _ratings, ...rollup }) => rollup),
    );
    try {
      await expect(buildDigest(profile, deps('2026-11-23T09:00:00Z'), { week: '2026-W47' })).rejects.toThrow(
        /written by an earlier version, without the topic and rating tallies.*congruence rebuild-rollups/,
      );
    } finally {
      await rebuildRollups(store, profile, key);
    }
    const after = await buildDigest(profile, deps('2026-11-23T09:00:00Z'), { week: '2026-W47' });
    expect({ ...after.model, coverage: { ...after.model.coverage, generatedAt: '' } }).toEqual({
      ...before.model,
      coverage: { ...before.model.coverage, generatedAt: '' },
    });
  });
});

/** The Slack and Teams messages docs/alerts.md shows, as JSON. */
function documentedMessages(): { slack: unknown; teams: unknown } {
  const docs = readFileSync('docs/alerts.md', 'utf8');
  const after = (summary: string) => {
    const start = docs.indexOf('```json\n', docs.indexOf(summary)) + '```json\n'.length;
    return JSON.parse(docs.slice(start, docs.indexOf('\n```', start)));
  };
  return { slack: after('Slack: the Block Kit message'), teams: after('Teams: the Adaptive Card') };
}
