// Which weeks' digests were sent, in the table: one item per week, written only if absent. The week
// is the digest Lambda's idempotency key: marked before sending, cleared again when the send fails.
import type { DigestSentRepository } from '#domain/ports';
import type { TableClient } from './table-client';
import { keys } from './table';

export class DigestSentItems implements DigestSentRepository {
  constructor(private readonly table: TableClient) {}

  /**
   * Marks a week's digest as sent; false when it already was. Sending a week's digest once is what
   * makes a retried digest Lambda harmless.
   */
  markDigestSent(week: string, sentAt: string, messageId: string): Promise<boolean> {
    const key = keys.digestSent(this.table.brand, week);
    return this.table.putIfNew({ ...key, type: 'digest-sent', week, sentAt, messageId });
  }

  /** Undoes markDigestSent when the send itself failed, so the next attempt may send. */
  async clearDigestSent(week: string): Promise<void> {
    await this.table.delete(keys.digestSent(this.table.brand, week));
  }
}
