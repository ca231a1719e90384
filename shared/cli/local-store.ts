// Opens the repository on local mode's embedded DynamoDB under the data directory.
import { DynamoStore } from '../adapters/store/dynamo-store';
import { startLocalDynamo } from '../adapters/store/local-dynamo';
import { DEFAULT_TABLE_NAME } from '../adapters/store/table';

export async function openLocalStore(dataDir: string, brandId: string): Promise<{ store: DynamoStore; close(): Promise<void> }> {
  const local = await startLocalDynamo({ dataDir, tableName: DEFAULT_TABLE_NAME });
  return {
    store: new DynamoStore({ client: local.client, tableName: DEFAULT_TABLE_NAME, brandId }),
    close: local.close,
  };
}
