// The scoring queue's message, the contract between the ingest Lambda that sends it and the score
// Lambda that reads it: {"signalIds": [...]}, at most one Comprehend batch (25) of ids.
import { z } from 'zod';

export const IDS_PER_MESSAGE = 25;

export const ScoreMessageSchema = z.object({ signalIds: z.array(z.string().min(1)).min(1).max(IDS_PER_MESSAGE) });

/** The body of a scoring message; throws (failing only this record) when it is not one. */
export function parseScoreMessage(body: string): z.infer<typeof ScoreMessageSchema> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error('scoring message body is not JSON; expected {"signalIds": [...]}');
  }
  const parsed = ScoreMessageSchema.safeParse(json);
  if (!parsed.success) throw new Error(`scoring message body is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
