// `congruence run` on a brand with over a thousand new signals ends by itself: on a machine with
// several cores that is enough for the local analyzer to start its threads (after 1,000 documents
// on the calling thread), so threads that start and are never used must not keep it alive.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runToExit } from '../support/process';

const BIN = join(process.cwd(), 'bin/congruence.js');
const NEW_SIGNALS = 1_150;

const OPENINGS = [
  'The repair was free and quick',
  'They charged me for a repair',
  'Delivery took three weeks',
  'Lovely staff at the shop',
];

function workspaceWithCsvReviews(rows: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'congruence-run-exit-'));
  const lines = ['id,date,rating,text'];
  for (let row = 0; row < rows; row++) {
    const day = String(1 + (row % 28)).padStart(2, '0');
    const opening = OPENINGS[row % OPENINGS.length];
    lines.push(
      `r${row},2026-10-${day}T10:00:00Z,${1 + (row % 5)},"${opening}, order ${row}; would I buy a Fernhill again? ${row % 2 ? 'Yes' : 'No'}."`,
    );
  }
  writeFileSync(join(dir, 'reviews.csv'), `${lines.join('\n')}\n`);
  writeFileSync(
    join(dir, 'brand.yaml'),
    `brand: { name: Fernhill Bikes, aliases: [Fernhill] }
values:
  - { id: free-repairs, label: Free repairs, promise: Repaired free for life, aspects: [repair], expected: { minNetSentiment: 0.3 } }
sources:
  - { id: reviews, kind: csv, path: reviews.csv, channel: review, columns: { id: id, date: date, rating: rating, text: text } }
digest: { recipients: [brand-team@example.com], sender: congruence@example.com }
`,
  );
  return dir;
}

describe('congruence run on over a thousand new signals', () => {
  it('writes the digest and exits by itself with code 0', { timeout: 120_000 }, async () => {
    const dir = workspaceWithCsvReviews(NEW_SIGNALS);
    const outcome = await runToExit([BIN, 'run', '--week', '2026-W42'], { cwd: dir, deadlineMs: 90_000 });
    expect(outcome.timedOut, `still running after 90 s; stdout: ${outcome.stdout}\nstderr: ${outcome.stderr}`).toBe(
      false,
    );
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain(`Stored ${NEW_SIGNALS} new signals`);
    expect(outcome.stdout).toContain(`Scored ${NEW_SIGNALS} signals`);
    expect(outcome.stdout).toContain('Digest for Fernhill Bikes, 2026-W42');
  });
});
