// Query and Scan on the embedded table, paged as DynamoDB pages them: a page ends after `Limit` items
// read, or once 1 MB of items has been read, with LastEvaluatedKey naming where the next page starts
// (also when the limit falls on the last item, as DynamoDB does). The filter applies to what a page
// read, so Count can be below ScannedCount. Key conditions select a range of a sorted partition.
import type { QueryCommandInput, QueryCommandOutput, ScanCommandInput, ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { TableValidationError } from '../errors';
import type { EmbeddedTable } from './engine';
import { type Condition, holds, type Parsed } from './expressions';
import { checkOptions, checkTable, type RequestExpressions, readExpressions } from './requests';
import type { SortBounds } from './table-index';
import { compareUtf8, type Item } from './values';

/** DynamoDB's page size: a page stops once it has read this much. */
const PAGE_BYTES = 1024 * 1024;

/** The key schema a read goes through: the table's, or one index's (with its position). */
interface KeySchema {
  partitionKey: string;
  sortKey: string;
  /** The index's position in the table definition; undefined for the table itself. */
  index?: number;
}

function schemaOf(table: EmbeddedTable, indexName: string | undefined, consistentRead: boolean | undefined): KeySchema {
  const { definition } = table;
  if (indexName === undefined) return { partitionKey: definition.partitionKey, sortKey: definition.sortKey };
  const index = definition.indexes.findIndex((each) => each.name === indexName);
  const found = definition.indexes[index];
  if (found === undefined) throw new TableValidationError(`The table does not have the specified index: ${indexName}`);
  if (consistentRead) throw new TableValidationError('Consistent reads are not supported on global secondary indexes');
  return { partitionKey: found.partitionKey, sortKey: found.sortKey, index };
}

/** What a key condition selects: one partition, and a range of its sort keys. */
function keyRange(
  schema: KeySchema,
  expressions: RequestExpressions,
  text: string,
): { pk: string; bounds: SortBounds } {
  const tree = expressions.keyCondition?.tree as Condition;
  const parts = tree.kind === 'and' ? [tree.left, tree.right] : [tree];
  const nameOf = (path: string) => expressions.names[path] as string;
  const stringValue = (placeholder: string) => {
    const value = expressions.values[placeholder];
    if (typeof value !== 'string')
      throw new TableValidationError(
        'One or more parameter values were invalid: Condition parameter type does not match schema type',
      );
    return value;
  };
  let pk: string | undefined;
  let bounds: SortBounds | undefined;
  for (const part of parts) {
    if (part.kind === 'compare' && 'path' in part.left && 'value' in part.right) {
      const name = nameOf(part.left.path);
      const key = stringValue(part.right.value);
      if (name === schema.partitionKey && part.op === '=' && pk === undefined) {
        pk = key;
        continue;
      }
      if (name === schema.sortKey && part.op !== '<>' && bounds === undefined) {
        const inclusive = part.op !== '<' && part.op !== '>';
        bounds =
          part.op === '='
            ? { low: { key, inclusive: true }, high: { key, inclusive: true } }
            : part.op.startsWith('<')
              ? { high: { key, inclusive } }
              : { low: { key, inclusive } };
        continue;
      }
    }
    if (part.kind === 'between' && 'path' in part.subject && 'value' in part.low && 'value' in part.high) {
      if (nameOf(part.subject.path) === schema.sortKey && bounds === undefined) {
        const low = stringValue(part.low.value);
        const high = stringValue(part.high.value);
        if (compareUtf8(low, high) > 0)
          throw new TableValidationError(
            'Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound',
          );
        bounds = { low: { key: low, inclusive: true }, high: { key: high, inclusive: true } };
        continue;
      }
    }
    if (part.kind === 'beginsWith' && 'path' in part.subject && 'value' in part.prefix) {
      if (nameOf(part.subject.path) === schema.sortKey && bounds === undefined) {
        bounds = { prefix: stringValue(part.prefix.value) };
        continue;
      }
    }
    throw new TableValidationError(
      `Invalid KeyConditionExpression "${text}": a key condition is ${schema.partitionKey} = :value, optionally AND one ` +
        `condition on ${schema.sortKey} (=, <, <=, >, >=, BETWEEN or begins_with)`,
    );
  }
  if (pk === undefined)
    throw new TableValidationError(`Query condition missed key schema element: ${schema.partitionKey}`);
  return { pk, bounds: bounds ?? {} };
}

/** A filter may not name the keys a query reads by, as DynamoDB requires. */
function checkFilterNamesNoKey(schema: KeySchema, expressions: RequestExpressions): void {
  for (const placeholder of expressions.filter?.names ?? []) {
    const name = expressions.names[placeholder];
    if (name === schema.partitionKey || name === schema.sortKey)
      throw new TableValidationError(
        `Filter Expression can only contain non-primary key attributes: Primary key attribute: ${name}`,
      );
  }
}

function checkSelect(select: string | undefined, projection: Parsed<string[]> | undefined, index?: number): boolean {
  if (select === 'COUNT') {
    if (projection)
      throw new TableValidationError('Cannot specify the ProjectionExpression when choosing to get only the Count');
    return true;
  }
  if (select === 'SPECIFIC_ATTRIBUTES' && !projection)
    throw new TableValidationError('SPECIFIC_ATTRIBUTES needs a ProjectionExpression');
  if ((select === 'ALL_ATTRIBUTES' || select === 'ALL_PROJECTED_ATTRIBUTES') && projection)
    throw new TableValidationError(`Cannot specify the ProjectionExpression when choosing to get ${select}`);
  if (select === 'ALL_PROJECTED_ATTRIBUTES' && index === undefined)
    throw new TableValidationError('ALL_PROJECTED_ATTRIBUTES can be used only when querying an index');
  return false;
}

function checkLimit(limit: number | undefined): void {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
    throw new TableValidationError(`Limit must be an integer of at least 1 (got ${limit})`);
}

/** The key a page ends at: the table's keys and, for an index, the index's. */
function keyOf(table: EmbeddedTable, schema: KeySchema, slot: number): Item {
  const { definition, index } = table;
  const key: Item = { [definition.partitionKey]: index.pk(slot), [definition.sortKey]: index.sk(slot) };
  if (schema.index !== undefined) {
    key[schema.partitionKey] = index.indexKey(slot, 2 * schema.index);
    key[schema.sortKey] = index.indexKey(slot, 2 * schema.index + 1);
  }
  return key;
}

/** Where a page starts after: an ExclusiveStartKey, which must name exactly the keys a page would end at. */
interface StartKey {
  pk: string;
  sk: string;
  /** The index's partition and sort key, for a query of an index. */
  indexPk: string;
  indexSk: string;
}

function startKey(table: EmbeddedTable, schema: KeySchema, start: Item | undefined): StartKey | undefined {
  if (start === undefined) return undefined;
  const { definition } = table;
  const names = [definition.partitionKey, definition.sortKey];
  if (schema.index !== undefined) names.push(schema.partitionKey, schema.sortKey);
  if (Object.keys(start).length !== names.length || names.some((name) => typeof start[name] !== 'string'))
    throw new TableValidationError('The provided starting key is invalid');
  return {
    pk: start[definition.partitionKey] as string,
    sk: start[definition.sortKey] as string,
    indexPk: start[schema.partitionKey] as string,
    indexSk: start[schema.sortKey] as string,
  };
}

interface Page {
  Items?: Item[];
  Count: number;
  ScannedCount: number;
  LastEvaluatedKey?: Item;
}

/** Reads records in order into a page: filter, projection, Limit and the 1 MB page, as DynamoDB does. */
function readPage(
  table: EmbeddedTable,
  schema: KeySchema,
  slots: Iterable<number>,
  expressions: RequestExpressions,
  options: { limit?: number; count: boolean },
): Page {
  const items: Item[] = [];
  let scanned = 0;
  let bytes = 0;
  let last = -1;
  let full = false;
  for (const slot of slots) {
    if (scanned >= (options.limit ?? Number.POSITIVE_INFINITY) || bytes >= PAGE_BYTES) {
      full = true;
      break;
    }
    scanned++;
    bytes += table.index.len(slot);
    last = slot;
    const scope = table.scope(slot, expressions.names, expressions.values);
    if (expressions.filter && !holds(expressions.filter.tree, scope)) continue;
    items.push(options.count ? {} : table.output(scope, expressions.projection));
  }
  if (!full && (scanned === options.limit || bytes >= PAGE_BYTES)) full = true;
  const page: Page = { Count: items.length, ScannedCount: scanned };
  if (!options.count) page.Items = items;
  if (full && last >= 0) page.LastEvaluatedKey = keyOf(table, schema, last);
  return page;
}

export function query(table: EmbeddedTable, input: QueryCommandInput): QueryCommandOutput {
  checkOptions('Query', input, [
    'TableName',
    'IndexName',
    'KeyConditionExpression',
    'FilterExpression',
    'ProjectionExpression',
    'ExpressionAttributeNames',
    'ExpressionAttributeValues',
    'Select',
    'Limit',
    'ExclusiveStartKey',
    'ScanIndexForward',
    'ConsistentRead',
  ]);
  checkTable(table.definition, input.TableName);
  const schema = schemaOf(table, input.IndexName, input.ConsistentRead);
  if (input.KeyConditionExpression === undefined)
    throw new TableValidationError('Either the KeyConditions or KeyConditionExpression parameter must be specified');
  const expressions = readExpressions(input);
  const { pk, bounds } = keyRange(schema, expressions, input.KeyConditionExpression);
  checkFilterNamesNoKey(schema, expressions);
  const count = checkSelect(input.Select, expressions.projection, schema.index);
  checkLimit(input.Limit);
  const { index } = table;
  const { entries, span } =
    schema.index === undefined ? index.partition(pk, bounds) : index.indexPartition(schema.index, pk, bounds);
  const start = startKey(table, schema, input.ExclusiveStartKey);
  if (start !== undefined && (schema.index === undefined ? start.pk : start.indexPk) !== pk)
    throw new TableValidationError(
      'The provided starting key is outside query boundaries based on provided conditions',
    );
  const forward = input.ScanIndexForward !== false;
  let { from, to } = span;
  if (start !== undefined) {
    // an entry's order against the start key: by sort key in the table, by (index sort key, table keys) in an index
    const key = 2 * (schema.index ?? 0) + 1;
    const againstStart =
      schema.index === undefined
        ? (slot: number) => index.compare(index.sk(slot), start.sk)
        : (slot: number) => index.compareToKeys(slot, key, start);
    let low = from;
    let high = to;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (againstStart(entries[middle] as number) <= 0) low = middle + 1;
      else high = middle;
    }
    if (forward) from = low;
    else {
      let first = low;
      while (first > from && againstStart(entries[first - 1] as number) === 0) first--;
      to = first;
    }
  }
  function* inOrder(): Generator<number> {
    if (forward) for (let at = from; at < to; at++) yield entries[at] as number;
    else for (let at = to - 1; at >= from; at--) yield entries[at] as number;
  }
  return { ...readPage(table, schema, inOrder(), expressions, { limit: input.Limit, count }), $metadata: {} };
}

export function scan(table: EmbeddedTable, input: ScanCommandInput): ScanCommandOutput {
  checkOptions('Scan', input, [
    'TableName',
    'FilterExpression',
    'ProjectionExpression',
    'ExpressionAttributeNames',
    'ExpressionAttributeValues',
    'Select',
    'Limit',
    'ExclusiveStartKey',
    'ConsistentRead',
  ]);
  checkTable(table.definition, input.TableName);
  const schema = schemaOf(table, undefined, undefined);
  const expressions = readExpressions(input);
  const count = checkSelect(input.Select, expressions.projection);
  checkLimit(input.Limit);
  const { index } = table;
  const partitions = index.partitionKeys();
  const start = startKey(table, schema, input.ExclusiveStartKey);
  let first = 0;
  if (start !== undefined) {
    let high = partitions.length;
    while (first < high) {
      const middle = (first + high) >>> 1;
      if (index.compare(partitions[middle] as string, start.pk) < 0) first = middle + 1;
      else high = middle;
    }
  }
  function* inOrder(): Generator<number> {
    for (let at = first; at < partitions.length; at++) {
      const pk = partitions[at] as string;
      for (const slot of index.itemsOf(pk)) {
        if (start !== undefined && pk === start.pk && index.compare(index.sk(slot), start.sk) <= 0) continue;
        yield slot;
      }
    }
  }
  return { ...readPage(table, schema, inOrder(), expressions, { limit: input.Limit, count }), $metadata: {} };
}
