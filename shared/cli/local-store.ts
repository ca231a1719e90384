// Opens the repository on local mode's embedded table under the data directory (the same repository
// code AWS runs, its commands answered in process). The first opening of a data directory that an
// earlier version kept in dynalite copies that data over, and says so. The table has no TTL, so
// opening the store first deletes what DynamoDB's TTL would have: the signals, mentions and scores
// whose text has passed the brand's retention (retention.signalTextDays). The table knows the earliest
// expiry it holds, so the sweep (a scan of every item) runs only when something has expired.
import { DynamoStore } from '#adapters/store/dynamo-store';
import { openEmbeddedTable } from '#adapters/store/embedded/open';
import { DEFAULT_TABLE_NAME } from '#adapters/store/table';

export interface LocalStore {
  store: DynamoStore;
  /** Items deleted on opening because their text had expired. */
  expiredItems: number;
  close(): Promise<void>;
}

/** `now` fixes the clock that decides what has expired (tests); the system clock otherwise. */
export async function openLocalStore(dataDir: string, brandId: string, now?: Date): Promise<LocalStore> {
  const opened = await openEmbeddedTable({ dataDir, tableName: DEFAULT_TABLE_NAME });
  const close = async () => opened.close();
  if (opened.copied) {
    process.stderr.write(
      `Copied ${opened.copied.items} item(s) from the earlier local store (dynalite, ${opened.copied.from}) into ` +
        `${opened.journal}; the old folder is kept as it was: delete it once you no longer need it.\n`,
    );
  }
  const clock = () => now ?? new Date();
  const store = new DynamoStore({ documents: opened.table, tableName: DEFAULT_TABLE_NAME, brandId, now: clock });
  let expiredItems = 0;
  try {
    const earliest = opened.table.index.earliestExpiry();
    if (earliest !== undefined && earliest <= clock().getTime() / 1000)
      expiredItems = await store.deleteExpired(clock());
  } catch (error) {
    await close();
    throw error;
  }
  if (expiredItems > 0) {
    process.stderr.write(
      `Deleted ${expiredItems} stored item(s) whose text passed the retention period (retention.signalTextDays).\n`,
    );
  }
  return { store, expiredItems, close };
}
