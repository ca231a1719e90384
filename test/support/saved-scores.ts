// Stores scores and mentions as scoring does, without the rollups: for tests of the store's reads.
import type { ScoreRepository } from '#domain/ports';
import type { SignalScore } from '#domain/signal-score';
import type { ValueMention } from '#domain/value-mention';

export async function saveScored(
  store: Pick<ScoreRepository, 'saveMentions' | 'claimScores'>,
  scores: SignalScore[],
  mentions: ValueMention[],
  textExpiresAt: (signalId: string) => number | undefined,
): Promise<Set<string>> {
  await store.saveMentions(mentions, textExpiresAt);
  return store.claimScores(scores, 'test-batch', textExpiresAt);
}
