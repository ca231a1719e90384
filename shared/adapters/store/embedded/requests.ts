// What the embedded table checks of a request before answering it, as DynamoDB checks it: the table
// named, the options it knows, keys of the right shape, and expressions whose placeholders are all
// given and all used. Every refusal says what was wrong in DynamoDB's own words where it has some.
import { ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { TableValidationError, UnsupportedRequestError } from '../errors';
import { type Condition, type Parsed, parseCondition, parseProjection } from './expressions';
import type { TableDefinition } from './table-index';
import { documentItem, type Item } from './values';

/** The request's table must be this one. */
export function checkTable(definition: TableDefinition, name: unknown): void {
  if (name !== definition.name)
    throw new ResourceNotFoundException({
      message: `Requested resource not found: Table: ${String(name)} not found (the embedded table is ${definition.name})`,
      $metadata: {},
    });
}

/** Refuses options the embedded table does not implement, by name, rather than ignore them. */
export function checkOptions(operation: string, input: object, known: readonly string[]): void {
  for (const [option, value] of Object.entries(input)) {
    if (value === undefined || known.includes(option)) continue;
    throw new UnsupportedRequestError(
      `the embedded table does not implement ${option} in ${operation}; it takes ${known.join(', ')}. ` +
        'Leave it out, or add it to shared/adapters/store/embedded/ with a test',
    );
  }
}

/** A key naming exactly the table's partition and sort key, both non-empty strings. */
export function checkKey(definition: TableDefinition, key: unknown): { pk: string; sk: string } {
  const names = key !== null && typeof key === 'object' ? Object.keys(key) : [];
  const { partitionKey, sortKey } = definition;
  const record = key as Item;
  if (
    names.length !== 2 ||
    typeof record[partitionKey] !== 'string' ||
    typeof record[sortKey] !== 'string' ||
    record[partitionKey] === '' ||
    record[sortKey] === ''
  ) {
    throw new TableValidationError('The provided key element does not match the schema');
  }
  return { pk: record[partitionKey] as string, sk: record[sortKey] as string };
}

/** An item's keys: the table's two (present, strings, not empty) and each index's (strings, not empty, where present). */
export function itemKeys(
  definition: TableDefinition,
  item: Item,
): { pk: string; sk: string; ix: Array<string | undefined> | undefined } {
  const key = (name: string) => {
    const value = item[name];
    if (value === undefined)
      throw new TableValidationError(`One or more parameter values were invalid: Missing the key ${name} in the item`);
    if (typeof value !== 'string')
      throw new TableValidationError(
        `One or more parameter values were invalid: Type mismatch for key ${name} expected: S actual: ${typeName(value)}`,
      );
    if (value === '')
      throw new TableValidationError(
        `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${name}`,
      );
    return value;
  };
  const pk = key(definition.partitionKey);
  const sk = key(definition.sortKey);
  let ix: Array<string | undefined> | undefined;
  definition.indexes.forEach((index, position) => {
    for (const [slot, name] of [index.partitionKey, index.sortKey].entries()) {
      const value = item[name];
      if (value === undefined) continue;
      if (typeof value !== 'string')
        throw new TableValidationError(
          `One or more parameter values were invalid: Type mismatch for Index Key ${name} Expected: S Actual: ${typeName(value)} IndexName: ${index.name}`,
        );
      if (value === '')
        throw new TableValidationError(
          `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: ${index.name}, IndexKey: ${name}`,
        );
      ix ??= new Array(definition.indexes.length * 2).fill(undefined);
      ix[position * 2 + slot] = value;
    }
  });
  return { pk, sk, ix };
}

function typeName(value: unknown): string {
  if (typeof value === 'number') return 'N';
  if (typeof value === 'boolean') return 'BOOL';
  if (value === null) return 'NULL';
  if (Array.isArray(value)) return 'L';
  return typeof value === 'object' ? 'M' : typeof value;
}

/** Refuses a list of keys that names one twice, as DynamoDB refuses it in a batch. */
export function checkNoDuplicates(keys: ReadonlyArray<{ pk: string; sk: string }>): void {
  const seen = new Set<string>();
  for (const { pk, sk } of keys) {
    const id = `${pk}\u0000${sk}`;
    if (seen.has(id)) throw new TableValidationError('Provided list of item keys contains duplicates');
    seen.add(id);
  }
}

/** The expressions of one request, read, with their placeholders checked against those given. */
export interface RequestExpressions {
  condition?: Parsed<Condition>;
  keyCondition?: Parsed<Condition>;
  filter?: Parsed<Condition>;
  projection?: Parsed<string[]>;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

/**
 * Reads a request's expressions and checks their placeholders: each one used must be given (a
 * value must not be undefined), and each one given must be used, as DynamoDB requires.
 */
export function readExpressions(input: {
  ConditionExpression?: string;
  KeyConditionExpression?: string;
  FilterExpression?: string;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}): RequestExpressions {
  const found: RequestExpressions = {
    names: input.ExpressionAttributeNames ?? {},
    values: documentItem(input.ExpressionAttributeValues ?? {}),
  };
  if (input.ConditionExpression !== undefined)
    found.condition = parseCondition('ConditionExpression', input.ConditionExpression);
  if (input.KeyConditionExpression !== undefined)
    found.keyCondition = parseCondition('KeyConditionExpression', input.KeyConditionExpression);
  if (input.FilterExpression !== undefined) found.filter = parseCondition('FilterExpression', input.FilterExpression);
  if (input.ProjectionExpression !== undefined) found.projection = parseProjection(input.ProjectionExpression);
  const parsed: Array<Parsed<unknown>> = [];
  for (const each of [found.condition, found.keyCondition, found.filter, found.projection]) if (each) parsed.push(each);
  const usedNames = new Set(parsed.flatMap((each) => [...each.names]));
  const usedValues = new Set(parsed.flatMap((each) => [...each.values]));
  for (const name of usedNames) {
    if (typeof found.names[name] !== 'string' || found.names[name] === '')
      throw new TableValidationError(
        `Invalid expression: An expression attribute name used in the document path is not defined; attribute name: ${name}`,
      );
  }
  for (const value of usedValues) {
    if (found.values[value] === undefined)
      throw new TableValidationError(
        `Invalid expression: An expression attribute value used in expression is not defined; attribute value: ${value}`,
      );
  }
  const unusedNames = Object.keys(found.names).filter((name) => !usedNames.has(name));
  if (unusedNames.length > 0)
    throw new TableValidationError(
      `Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`,
    );
  const unusedValues = Object.keys(found.values).filter((value) => !usedValues.has(value));
  if (unusedValues.length > 0)
    throw new TableValidationError(
      `Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`,
    );
  return found;
}
