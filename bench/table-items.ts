// What the store asks of DynamoDB, counted at the client: items written and read, and the capacity
// units DynamoDB would bill for them (on-demand: a write unit per 1 KB of each item written, a read
// unit per 4 KB read, half that for eventually consistent reads, a query billed on the total size
// of the items it returns, a key looked up and not found a unit all the same). Item sizes follow DynamoDB's rules (attribute names and values in
// UTF-8 bytes, numbers about one byte per two digits, 3 bytes of overhead per map or list); the
// size of an item a delete or an update does not show is taken as under 1 KB, one unit.
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface TableCounts {
  requests: number;
  itemsWritten: number;
  writeUnits: number;
  /** Items a read returned. */
  itemsRead: number;
  /** Keys looked up (GetItem, BatchGetItem), found or not. */
  keysLookedUp: number;
  readUnits: number;
}

type Item = Record<string, AttributeValue>;

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

function numberBytes(text: string): number {
  const digits = text.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberBytes(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((sum, each) => sum + utf8(each), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, each) => sum + numberBytes(each), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, each) => sum + each.byteLength, 0);
  if (value.L !== undefined) return 3 + value.L.reduce((sum, each) => sum + 1 + valueBytes(each), 0);
  if (value.M !== undefined) return 3 + itemBytes(value.M);
  return 0;
}

/** An item's size as DynamoDB counts it. */
export function itemBytes(item: Item): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueBytes(value), 0);
}

/** The same for an item as the document client hands it back (plain values, already unmarshalled). */
export function plainItemBytes(item: Record<string, unknown>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + plainValueBytes(value), 0);
}

function plainValueBytes(value: unknown): number {
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number' || typeof value === 'bigint') return numberBytes(String(value));
  if (typeof value === 'boolean' || value === null || value === undefined) return 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((sum: number, each) => sum + plainValueBytes(each), 0);
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, each) => sum + 1 + plainValueBytes(each), 0);
  if (typeof value === 'object') return 3 + plainItemBytes(value as Record<string, unknown>);
  return 0;
}

const writeUnitsOf = (item: Item | undefined) =>
  item === undefined ? 1 : Math.max(1, Math.ceil(itemBytes(item) / 1024));
const readUnitsOf = (bytes: number, consistent: boolean) =>
  Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);

interface Input {
  RequestItems?: Record<
    string,
    Array<{ PutRequest?: { Item?: Item }; DeleteRequest?: unknown }> | { ConsistentRead?: boolean }
  >;
  Item?: Item;
  ConsistentRead?: boolean;
}

// What the store reads comes back through the document client, already unmarshalled.
type PlainItem = Record<string, unknown>;
interface Output {
  Item?: PlainItem;
  Items?: PlainItem[];
  Responses?: Record<string, PlainItem[]>;
}

/** Counts every item request `client` sends from now on, into the counts returned. */
export function countTableItems(client: DynamoDBClient): TableCounts {
  const counts: TableCounts = {
    requests: 0,
    itemsWritten: 0,
    writeUnits: 0,
    itemsRead: 0,
    keysLookedUp: 0,
    readUnits: 0,
  };
  const written = (item: Item | undefined) => {
    counts.itemsWritten += 1;
    counts.writeUnits += writeUnitsOf(item);
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const input = args.input as Input;
      const output = result.output as Output;
      counts.requests += 1;
      switch (context.commandName) {
        case 'BatchWriteItemCommand':
          // dynalite writes every request (it never leaves any unprocessed)
          for (const requests of Object.values(input.RequestItems ?? {}))
            for (const request of requests as Array<{ PutRequest?: { Item?: Item } }>)
              written(request.PutRequest?.Item);
          break;
        case 'PutItemCommand':
          written(input.Item);
          break;
        case 'UpdateItemCommand':
        case 'DeleteItemCommand':
          written(undefined);
          break;
        case 'GetItemCommand':
          counts.keysLookedUp += 1;
          counts.itemsRead += output.Item ? 1 : 0;
          counts.readUnits += readUnitsOf(output.Item ? plainItemBytes(output.Item) : 0, input.ConsistentRead === true);
          break;
        case 'BatchGetItemCommand': {
          // each key is a GetItem of its own: a unit at least, found or not
          const found = Object.values(output.Responses ?? {}).flat();
          const asked = Object.values(input.RequestItems ?? {}).reduce(
            (sum, request) => sum + ((request as { Keys?: unknown[] }).Keys?.length ?? 0),
            0,
          );
          counts.keysLookedUp += asked;
          counts.itemsRead += found.length;
          for (const item of found) counts.readUnits += readUnitsOf(plainItemBytes(item), false);
          counts.readUnits += readUnitsOf(0, false) * Math.max(0, asked - found.length);
          break;
        }
        case 'QueryCommand':
        case 'ScanCommand': {
          const items = output.Items ?? [];
          counts.itemsRead += items.length;
          counts.readUnits += readUnitsOf(
            items.reduce((sum, item) => sum + plainItemBytes(item), 0),
            input.ConsistentRead === true,
          );
          break;
        }
      }
      return result;
    },
    { step: 'build', name: 'countTableItems' },
  );
  return counts;
}
