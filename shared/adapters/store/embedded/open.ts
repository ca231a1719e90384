// Opening local mode's embedded table in its data directory: the directory's lock, the journal under
// <data dir>/store/, and, the first time, the data of an earlier local store (dynalite, under
// <data dir>/dynamodb) copied over. The copy goes to a journal of its own, renamed into place once
// whole: a run killed while copying copies again the next time, and the old folder is left as it is.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lockDataDir } from '../data-dir-lock';
import { TABLE_KEYS, TTL_ATTRIBUTE } from '../table';
import { EmbeddedTable, type EmbeddedTableOptions, type TableDefinition } from './engine';
import { copyFromDynalite } from './migrate';

/** The table the store's adapters expect (table.ts), by name. */
export function tableDefinition(name: string): TableDefinition {
  return {
    name,
    partitionKey: TABLE_KEYS.partitionKey,
    sortKey: TABLE_KEYS.sortKey,
    indexes: TABLE_KEYS.indexes.map(({ name: index, partitionKey, sortKey }) => ({
      name: index,
      partitionKey,
      sortKey,
    })),
    ttlAttribute: TTL_ATTRIBUTE,
  };
}

export interface OpenedTable {
  table: EmbeddedTable;
  /** Where the journal is. */
  journal: string;
  /** Set when this opening copied an earlier store (dynalite) over: from where, and how many items. */
  copied?: { from: string; items: number };
  close(): void;
}

/** Where the journal of a table lives in a data directory. */
export function journalPath(dataDir: string, tableName: string): string {
  return join(resolve(dataDir), 'store', `${tableName}.journal`);
}

/** Opens the table in `dataDir`, holding the directory's lock until closed. */
export async function openEmbeddedTable(
  options: { dataDir: string; tableName: string } & EmbeddedTableOptions,
): Promise<OpenedTable> {
  const dataDir = resolve(options.dataDir);
  const journal = journalPath(dataDir, options.tableName);
  mkdirSync(join(dataDir, 'store'), { recursive: true });
  const unlock = lockDataDir(dataDir);
  const definition = tableDefinition(options.tableName);
  try {
    let copied: OpenedTable['copied'];
    const earlier = join(dataDir, 'dynamodb');
    if (!existsSync(journal) && existsSync(earlier)) {
      const temporary = `${journal}.copying`;
      rmSync(temporary, { force: true });
      const target = EmbeddedTable.open(temporary, definition, options);
      try {
        copied = { from: earlier, items: await copyFromDynalite(earlier, options.tableName, target) };
      } finally {
        target.close();
      }
      renameSync(temporary, journal);
    }
    const table = EmbeddedTable.open(journal, definition, options);
    return {
      table,
      journal,
      ...(copied ? { copied } : {}),
      close: () => {
        table.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
