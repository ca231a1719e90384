// Opens the repository on local mode's embedded DynamoDB under the data directory. dynalite has no
// TTL, so opening the store first deletes what DynamoDB's TTL would have: the signals, mentions and
// scores whose text has passed the brand's retention (retention.signalTextDays).
import { DynamoStore } from '#adapters/store/dynamo-store';
import { startLocalDynamo } from '#adapters/store/local-dynamo';
import { DEFAULT_TABLE_NAME } from '#adapters/store/table';

export interface LocalStore {
  store: DynamoStore;
  /** Items deleted on opening because their text had expired. */
  expiredItems: number;
  close(): Promise<void>;
}

/** `now` fixes the clock that decides what has expired (tests); the system clock otherwise. */
export async function openLocalStore(dataDir: string, brandId: string, now?: Date): Promise<LocalStore> {
  const local = await startLocalDynamo({ dataDir, tableName: DEFAULT_TABLE_NAME });
  const clock = () => now ?? new Date();
  const store = new DynamoStore({ client: local.client, tableName: DEFAULT_TABLE_NAME, brandId, now: clock });
  let expiredItems: number;
  try {
    expiredItems = await store.deleteExpired(clock());
  } catch (error) {
    await local.close();
    throw error;
  }
  if (expiredItems > 0) {
    process.stderr.write(
      `Deleted ${expiredItems} stored item(s) whose text passed the retention period (retention.signalTextDays).\n`,
    );
  }
  return { store, expiredItems, close: local.close };
}
