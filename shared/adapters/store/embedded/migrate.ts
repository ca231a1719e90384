// Copying an earlier local store into the embedded table: local mode kept its table in dynalite
// (LevelDB under <data dir>/dynamodb) before. dynalite is started on that folder, the table is read
// whole, and every item is written to the embedded table as it is; the folder is left as it was.
import { existsSync } from 'node:fs';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { LocalStoreError } from '../errors';
import { documentClient } from '../table-client';
import type { EmbeddedTable } from './engine';

const BATCH_WRITE_LIMIT = 25;

/** Copies every item of `tableName` in the dynalite folder into `target`; returns how many were copied. */
export async function copyFromDynalite(folder: string, tableName: string, target: EmbeddedTable): Promise<number> {
  if (!existsSync(folder)) return 0;
  // Loaded only here: local mode needs dynalite (and LevelDB) only to copy an earlier store.
  const { startDynalite } = await import('../local-dynamo');
  const dynalite = await startDynalite(folder);
  try {
    const exists = await dynalite.client.send(new DescribeTableCommand({ TableName: tableName })).then(
      () => true,
      (error: Error) => {
        if (error.name === 'ResourceNotFoundException') return false;
        throw error;
      },
    );
    if (!exists) return 0;
    const doc = documentClient(dynalite.client);
    let copied = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
      const items = page.Items ?? [];
      for (let start = 0; start < items.length; start += BATCH_WRITE_LIMIT) {
        const requests = items.slice(start, start + BATCH_WRITE_LIMIT).map((Item) => ({ PutRequest: { Item } }));
        await target.send(new BatchWriteCommand({ RequestItems: { [target.definition.name]: requests } }));
      }
      copied += items.length;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return copied;
  } catch (error) {
    throw new LocalStoreError(
      `could not copy the earlier local store in ${folder} (dynalite) into the embedded table: ${(error as Error).message}. ` +
        'Nothing was changed in that folder; run again, or run the earlier version to export the data',
      { cause: error },
    );
  } finally {
    await dynalite.close();
  }
}
