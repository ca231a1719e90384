// The alerts' state in the table, in one partition per brand: the last alert per kind, subject and
// destination (STATE#), each alert's sending (SEND#, written only if absent: two runs at once send it once)
// and the daily cap's slots (CAP#<day>#<n>, each taken only if free). Sendings and slots go after
// 35 days; docs/table-design.md has the items.
import { type AlertSend, AlertSendSchema, type AlertState, AlertStateSchema } from '#domain/alerts/state';
import type { AlertRepository } from '#domain/ports';
import type { TableClient } from './table-client';
import { keys, stripKeys, TABLE_KEYS, TTL_ATTRIBUTE } from './table';

const KEPT_SECONDS = 35 * 86_400;

export class AlertItems implements AlertRepository {
  constructor(private readonly table: TableClient) {}

  async alertStates(): Promise<AlertState[]> {
    const key = keys.alertState(this.table.brand, '', '', '');
    return this.table.queryAll(
      {
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :states)',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey },
        ExpressionAttributeValues: { ':pk': key.pk, ':states': 'STATE#' },
      },
      (item) => AlertStateSchema.parse(stripKeys(item)),
    );
  }

  async putAlertState(state: AlertState): Promise<void> {
    const key = keys.alertState(this.table.brand, state.kind, state.subject, state.destination);
    await this.table.put({ ...key, type: 'alert-state', ...state });
  }

  claimAlertSend(send: AlertSend): Promise<boolean> {
    return this.table.putIfNew({ ...this.sendItem(send) });
  }

  async alertSend(key: string): Promise<AlertSend | undefined> {
    const item = await this.table.get(keys.alertSend(this.table.brand, key), { consistentRead: true });
    return item === undefined ? undefined : AlertSendSchema.parse(stripKeys(item));
  }

  async putAlertSend(send: AlertSend): Promise<void> {
    await this.table.put(this.sendItem(send));
  }

  async takeDailySlot(day: string, cap: number, alertKey: string): Promise<boolean> {
    for (let slot = 1; slot <= cap; slot++) {
      const key = keys.alertSlot(this.table.brand, day, slot);
      if (
        await this.table.putIfNew({
          ...key,
          type: 'alert-slot',
          alertKey,
          [TTL_ATTRIBUTE]: this.table.nowSeconds() + KEPT_SECONDS,
        })
      )
        return true;
    }
    return false;
  }

  private sendItem(send: AlertSend) {
    return {
      ...keys.alertSend(this.table.brand, send.key),
      type: 'alert-send',
      ...send,
      [TTL_ATTRIBUTE]: this.table.nowSeconds() + KEPT_SECONDS,
    };
  }
}
