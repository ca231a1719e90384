// Local mode's table, in process: it answers the document client's commands the store's adapters
// send (GetItem, PutItem, DeleteItem, BatchWriteItem, BatchGetItem, Query, Scan) with the semantics
// DynamoDB gives them, with no HTTP and no marshalling. Keys, index keys and expiry live in memory
// (table-index.ts); item bodies stay in the journal on disk (journal.ts) and are read when a request
// needs them. Every write is in the journal before its request answers.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandInput,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
  DeleteCommand,
  type DeleteCommandInput,
  type DeleteCommandOutput,
  GetCommand,
  type GetCommandInput,
  type GetCommandOutput,
  PutCommand,
  type PutCommandInput,
  type PutCommandOutput,
  QueryCommand,
  type QueryCommandOutput,
  ScanCommand,
  type ScanCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import type { DocumentCommand, DocumentSender } from '../document-sender';
import { LocalStoreError, TableValidationError, UnsupportedRequestError } from '../errors';
import { holds, type Parsed, type Scope } from './expressions';
import { Journal, type JournalEntry, keysLine, type PendingLine } from './journal';
import { query, scan } from './reads';
import { checkKey, checkNoDuplicates, checkOptions, checkTable, itemKeys, readExpressions } from './requests';
import { type Expiry, TableIndex, type TableDefinition, TTL_IN_BODY } from './table-index';
import { checkItemSize, documentItem, type Item } from './values';

export type { TableDefinition } from './table-index';

export interface EmbeddedTableOptions {
  /** Opening rewrites the journal when more of it is garbage than live, and the garbage exceeds this (bytes). */
  compactAbove?: number;
}

const BATCH_WRITE_LIMIT = 25;
const BATCH_GET_LIMIT = 100;
const DEFAULT_COMPACT_ABOVE = 4 * 1024 * 1024;

/** A put or a delete, checked and ready for the journal. */
interface Write {
  pk: string;
  sk: string;
  put?: { ix: Array<string | undefined> | undefined; ttl: Expiry; body: string };
}

export class EmbeddedTable implements DocumentSender {
  readonly index: TableIndex;
  private journal: Journal | undefined;
  /** The attributes kept in memory, read from an item's slot without its body. */
  private readonly inMemory = new Map<string, (slot: number) => unknown>();

  private constructor(readonly definition: TableDefinition) {
    const index = new TableIndex(definition);
    this.index = index;
    this.inMemory.set(definition.partitionKey, (slot) => index.pk(slot));
    this.inMemory.set(definition.sortKey, (slot) => index.sk(slot));
    definition.indexes.forEach((each, position) => {
      this.inMemory.set(each.partitionKey, (slot) => index.indexKey(slot, 2 * position));
      this.inMemory.set(each.sortKey, (slot) => index.indexKey(slot, 2 * position + 1));
    });
    this.inMemory.set(definition.ttlAttribute, (slot) => index.ttl(slot));
  }

  /** Opens (or creates) the table's journal at `path`, replays it, and compacts it when most of it is garbage. */
  static open(path: string, definition: TableDefinition, options: EmbeddedTableOptions = {}): EmbeddedTable {
    const table = new EmbeddedTable(definition);
    const journal = Journal.open(path, definition, (entry) => table.replay(entry));
    table.journal = journal;
    const garbage = journal.garbage(table.index.liveBytes);
    if (garbage > table.index.liveBytes && garbage > (options.compactAbove ?? DEFAULT_COMPACT_ABOVE)) {
      const { index } = table;
      const slots = [...index.items()];
      const places = journal.compact(
        slots.map((slot) => ({ off: index.off(slot), len: index.len(slot), line: index.line(slot) })),
      );
      slots.forEach((slot, position) => {
        index.moved(slot, places[position] as number);
      });
    }
    return table;
  }

  private replay(entry: JournalEntry): void {
    if (!entry.put) {
      this.index.remove(entry.pk, entry.sk);
      return;
    }
    this.index.put(entry);
  }

  /** The journal's size and what of it is live, and how many items the table holds. */
  stats(): { items: number; liveBytes: number; journalBytes: number } {
    return { items: this.index.count, liveBytes: this.index.liveBytes, journalBytes: this.open().size };
  }

  close(): void {
    this.journal?.close();
    this.journal = undefined;
  }

  send(command: GetCommand): Promise<GetCommandOutput>;
  send(command: PutCommand): Promise<PutCommandOutput>;
  send(command: DeleteCommand): Promise<DeleteCommandOutput>;
  send(command: QueryCommand): Promise<QueryCommandOutput>;
  send(command: ScanCommand): Promise<ScanCommandOutput>;
  send(command: BatchWriteCommand): Promise<BatchWriteCommandOutput>;
  send(command: BatchGetCommand): Promise<BatchGetCommandOutput>;
  send(command: DocumentCommand): Promise<unknown> {
    try {
      return Promise.resolve(this.answer(command));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private answer(command: DocumentCommand): unknown {
    if (command instanceof GetCommand) return this.get(command.input);
    if (command instanceof PutCommand) return this.put(command.input);
    if (command instanceof DeleteCommand) return this.delete(command.input);
    if (command instanceof QueryCommand) return query(this, command.input);
    if (command instanceof ScanCommand) return scan(this, command.input);
    if (command instanceof BatchWriteCommand) return this.batchWrite(command.input);
    if (command instanceof BatchGetCommand) return this.batchGet(command.input);
    throw new UnsupportedRequestError(
      `the embedded table does not implement ${(command as object).constructor.name}; it answers GetCommand, PutCommand, ` +
        'DeleteCommand, QueryCommand, ScanCommand, BatchWriteCommand and BatchGetCommand',
    );
  }

  // ---- reading items ----------------------------------------------------------------------------

  private open(): Journal {
    if (this.journal === undefined) throw new LocalStoreError('the embedded table is closed; open the store again');
    return this.journal;
  }

  /** An item's whole body, read from the journal. */
  body(slot: number): Item {
    return JSON.parse(this.open().read(this.index.off(slot), this.index.len(slot))) as Item;
  }

  /** What expressions read of one item (none when `slot` is -1): memory first, the body only if needed. */
  scope(slot: number, names: Record<string, string>, values: Record<string, unknown>): Scope & { item(): Item } {
    let loaded: Item | undefined;
    const item = () => {
      if (slot < 0) return {};
      loaded ??= this.body(slot);
      return loaded;
    };
    return {
      names,
      values,
      item,
      attribute: (name) => {
        if (slot < 0) return undefined;
        const fromMemory = this.inMemory.get(name);
        const value = fromMemory?.(slot);
        return fromMemory !== undefined && value !== TTL_IN_BODY ? value : item()[name];
      },
    };
  }

  /** The item as a response carries it: whole, or the projected attributes in the order asked. */
  output(scope: Scope & { item(): Item }, projection: Parsed<string[]> | undefined): Item {
    if (projection === undefined) return scope.item();
    const projected: Item = {};
    for (const placeholder of projection.tree) {
      const name = scope.names[placeholder] as string;
      const value = scope.attribute(name);
      if (value !== undefined) projected[name] = value;
    }
    return projected;
  }

  private get(input: GetCommandInput): GetCommandOutput {
    checkOptions('GetItem', input, [
      'TableName',
      'Key',
      'ConsistentRead',
      'ProjectionExpression',
      'ExpressionAttributeNames',
    ]);
    checkTable(this.definition, input.TableName);
    const { pk, sk } = checkKey(this.definition, input.Key);
    const expressions = readExpressions(input);
    const slot = this.index.get(pk, sk);
    if (slot < 0) return { $metadata: {} };
    return {
      Item: this.output(this.scope(slot, expressions.names, expressions.values), expressions.projection),
      $metadata: {},
    };
  }

  private batchGet(input: BatchGetCommandInput): BatchGetCommandOutput {
    checkOptions('BatchGetItem', input, ['RequestItems']);
    const tables = Object.entries(input.RequestItems ?? {});
    const [request] = tables;
    if (tables.length !== 1 || request === undefined)
      throw new TableValidationError('The embedded table takes a BatchGetItem request for exactly one table');
    const [tableName, keysAndOptions] = request;
    checkTable(this.definition, tableName);
    checkOptions('BatchGetItem', keysAndOptions, [
      'Keys',
      'ConsistentRead',
      'ProjectionExpression',
      'ExpressionAttributeNames',
    ]);
    const keys = (keysAndOptions.Keys ?? []).map((key) => checkKey(this.definition, key));
    if (keys.length === 0 || keys.length > BATCH_GET_LIMIT)
      throw new TableValidationError(
        `Too many items requested for the BatchGetItem call (${keys.length}); it takes 1 to ${BATCH_GET_LIMIT} keys`,
      );
    checkNoDuplicates(keys);
    const expressions = readExpressions(keysAndOptions);
    const found: Item[] = [];
    for (const { pk, sk } of keys) {
      const slot = this.index.get(pk, sk);
      if (slot >= 0)
        found.push(this.output(this.scope(slot, expressions.names, expressions.values), expressions.projection));
    }
    return { Responses: { [tableName]: found }, UnprocessedKeys: {}, $metadata: {} };
  }

  // ---- writing items ----------------------------------------------------------------------------

  /** Checks a conditional request's condition against the item it would change, as it is now. */
  private checkCondition(input: PutCommandInput | DeleteCommandInput, pk: string, sk: string): void {
    const expressions = readExpressions(input);
    if (expressions.condition === undefined) return;
    const scope = this.scope(this.index.get(pk, sk), expressions.names, expressions.values);
    if (!holds(expressions.condition.tree, scope))
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
  }

  private putWrite(raw: Item | undefined): Write {
    if (raw === null || typeof raw !== 'object') throw new TableValidationError('A put request needs an Item');
    const item = documentItem(raw);
    const { pk, sk, ix } = itemKeys(this.definition, item);
    const body = JSON.stringify(item);
    checkItemSize(item, body.length * 3);
    const expiry = item[this.definition.ttlAttribute];
    const ttl = expiry === undefined ? undefined : typeof expiry === 'number' ? expiry : TTL_IN_BODY;
    return { pk, sk, put: { ix, ttl, body } };
  }

  private put(input: PutCommandInput): PutCommandOutput {
    checkOptions('PutItem', input, [
      'TableName',
      'Item',
      'ConditionExpression',
      'ExpressionAttributeNames',
      'ExpressionAttributeValues',
    ]);
    checkTable(this.definition, input.TableName);
    const write = this.putWrite(input.Item);
    this.checkCondition(input, write.pk, write.sk);
    this.apply([write]);
    return { $metadata: {} };
  }

  private delete(input: DeleteCommandInput): DeleteCommandOutput {
    checkOptions('DeleteItem', input, [
      'TableName',
      'Key',
      'ConditionExpression',
      'ExpressionAttributeNames',
      'ExpressionAttributeValues',
    ]);
    checkTable(this.definition, input.TableName);
    const { pk, sk } = checkKey(this.definition, input.Key);
    this.checkCondition(input, pk, sk);
    this.apply([{ pk, sk }]);
    return { $metadata: {} };
  }

  private batchWrite(input: BatchWriteCommandInput): BatchWriteCommandOutput {
    checkOptions('BatchWriteItem', input, ['RequestItems']);
    const tables = Object.entries(input.RequestItems ?? {});
    const [request] = tables;
    if (tables.length !== 1 || request === undefined)
      throw new TableValidationError('The embedded table takes a BatchWriteItem request for exactly one table');
    const [tableName, requests] = request;
    checkTable(this.definition, tableName);
    if (requests.length === 0 || requests.length > BATCH_WRITE_LIMIT)
      throw new TableValidationError(
        `Too many items requested for the BatchWriteItem call (${requests.length}); it takes 1 to ${BATCH_WRITE_LIMIT} requests`,
      );
    const writes = requests.map((each): Write => {
      checkOptions('a BatchWriteItem request', each, ['PutRequest', 'DeleteRequest']);
      if ((each.PutRequest === undefined) === (each.DeleteRequest === undefined))
        throw new TableValidationError('Each BatchWriteItem request holds exactly one PutRequest or DeleteRequest');
      return each.PutRequest ? this.putWrite(each.PutRequest.Item) : checkKey(this.definition, each.DeleteRequest?.Key);
    });
    checkNoDuplicates(writes);
    this.apply(writes);
    return { UnprocessedItems: {}, $metadata: {} };
  }

  /** Writes the journal lines of checked writes with one write, then applies them to the keys in memory. */
  private apply(writes: Write[]): void {
    const journal = this.open();
    const effective = writes.filter((write) => write.put !== undefined || this.index.get(write.pk, write.sk) >= 0);
    if (effective.length === 0) return;
    const lines: PendingLine[] = effective.map((write) =>
      write.put
        ? { keys: keysLine(true, write.pk, write.sk, write.put.ix, write.put.ttl), body: write.put.body }
        : { keys: keysLine(false, write.pk, write.sk) },
    );
    journal.append(lines);
    effective.forEach((write, position) => {
      const line = lines[position] as PendingLine;
      if (write.put === undefined) {
        this.index.remove(write.pk, write.sk);
        return;
      }
      this.index.put({
        pk: write.pk,
        sk: write.sk,
        ix: write.put.ix,
        ttl: write.put.ttl,
        off: line.off as number,
        len: line.len as number,
        line: line.line as number,
      });
    });
  }
}
