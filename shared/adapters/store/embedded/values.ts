// Attribute values in the embedded table, as the document client and DynamoDB treat them: what an
// item may hold (what the document client would marshall, with the store's options), how values
// compare (numbers by value, strings by their UTF-8 bytes, as DynamoDB orders sort keys), and an
// item's size as DynamoDB counts it (400 KB at most).
import { TableValidationError, UnsupportedRequestError } from '../errors';

/** An item as the document client reads and writes it. */
export type Item = Record<string, unknown>;

/** DynamoDB's limit on one item: attribute names and values, in UTF-8 bytes. */
export const MAX_ITEM_BYTES = 400 * 1024;

/**
 * The item as the document client would send it (removeUndefinedValues, no class instances): the
 * same object when nothing is to be dropped, else a copy without the undefined values and
 * functions in its lists. Throws what the document client throws for values it cannot send, and an
 * UnsupportedRequestError for those DynamoDB takes but this table does not keep (sets, binary).
 */
export function documentItem(item: Item): Item {
  return cleanMap(item, '');
}

function cleanValue(value: unknown, path: string): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      checkNumber(value);
      return value;
    case 'bigint':
      throw new UnsupportedRequestError(`${path} is a bigint; the embedded table keeps numbers as JavaScript numbers`);
    case 'object':
      break;
    default:
      throw new Error(`Unsupported type passed: ${String(value)} at ${path}`);
  }
  if (value === null) return null;
  if (Array.isArray(value)) return cleanList(value, path);
  const kind = (value as object).constructor?.name;
  if (kind === 'Object' || kind === undefined) return cleanMap(value as Item, path);
  if (kind === 'Number' || kind === 'String' || kind === 'Boolean') {
    const primitive = (value as { valueOf(): unknown }).valueOf();
    if (typeof primitive === 'number') checkNumber(primitive);
    return primitive;
  }
  if (kind === 'Set' || kind === 'Map' || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    throw new UnsupportedRequestError(
      `${path} is a ${kind}; the embedded table keeps strings, numbers, booleans, null, lists and maps`,
    );
  }
  // What the document client says of a class instance when convertClassInstanceToMap is off.
  throw new Error(
    `Unsupported type passed: ${String(value)}. Pass options.convertClassInstanceToMap=true to marshall typeof object as map attribute.`,
  );
}

function checkNumber(value: number): void {
  if (!Number.isFinite(value)) throw new Error(`Special numeric value ${value} is not allowed`);
  if (value > Number.MAX_SAFE_INTEGER)
    throw new Error(
      `Number ${value} is greater than Number.MAX_SAFE_INTEGER. Use NumberValue from @aws-sdk/lib-dynamodb.`,
    );
  if (value < Number.MIN_SAFE_INTEGER)
    throw new Error(
      `Number ${value} is lesser than Number.MIN_SAFE_INTEGER. Use NumberValue from @aws-sdk/lib-dynamodb.`,
    );
}

function cleanList(list: unknown[], path: string): unknown[] {
  let copy: unknown[] | undefined;
  for (let index = 0; index < list.length; index++) {
    const value = list[index];
    if (value === undefined || typeof value === 'function') {
      copy ??= list.slice(0, index);
      continue;
    }
    const cleaned = cleanValue(value, `${path}[${index}]`);
    if (copy === undefined && cleaned !== value) copy = list.slice(0, index);
    copy?.push(cleaned);
  }
  return copy ?? list;
}

function cleanMap(map: Item, path: string): Item {
  let copy: Item | undefined;
  for (const name in map) {
    const value = map[name];
    if (value === undefined || typeof value === 'function') {
      copy ??= copyBefore(map, name);
      continue;
    }
    const cleaned = cleanValue(value, path === '' ? name : `${path}.${name}`);
    if (copy === undefined && cleaned !== value) copy = copyBefore(map, name);
    if (copy !== undefined) copy[name] = cleaned;
  }
  return copy ?? map;
}

/** A copy of a map's attributes that come before `stop`, in their order. */
function copyBefore(map: Item, stop: string): Item {
  const copy: Item = {};
  for (const name in map) {
    if (name === stop) break;
    copy[name] = map[name];
  }
  return copy;
}

// ---- comparing --------------------------------------------------------------------------------

/** True when a string holds code units that UTF-16 and UTF-8 order differently (surrogates, U+E000 and above). */
export function needsCodePointOrder(value: string): boolean {
  return /[\uD800-\uFFFF]/.test(value);
}

/** Compares two strings by their UTF-8 bytes, which is code point order: DynamoDB's order of string keys. */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) return codePointRank(x) - codePointRank(y);
    return x - y;
  }
  return a.length - b.length;
}

/** Ranks a code unit at or above U+D800 so that surrogates (code points above U+FFFF) come last. */
function codePointRank(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/** Orders two values DynamoDB can order (two numbers, or two strings); undefined when it cannot (other types, or mixed). */
export function compareValues(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a === b ? 0 : compareUtf8(a, b);
  return undefined;
}

/** DynamoDB's `=`: same type and same value, lists and maps compared whole. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((value, index) => sameValue(value, b[index]));
  const left = Object.keys(a);
  const right = b as Item;
  return (
    left.length === Object.keys(right).length &&
    left.every((name) => name in right && sameValue((a as Item)[name], right[name]))
  );
}

// ---- size -------------------------------------------------------------------------------------

/** An item's size as DynamoDB counts it: each attribute's name and value, in bytes. */
export function itemSize(item: Item): number {
  let size = 0;
  for (const name in item) size += Buffer.byteLength(name) + valueSize(item[name]);
  return size;
}

function valueSize(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return numberSize(value);
  if (typeof value === 'boolean' || value === null || value === undefined) return 1;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, each) => sum + 1 + valueSize(each), 0);
  let size = 3;
  for (const [name, each] of Object.entries(value as Item)) size += 1 + Buffer.byteLength(name) + valueSize(each);
  return size;
}

/** A number's size: about one byte per two significant digits, plus one. */
function numberSize(value: number): number {
  const digits = String(Math.abs(value)).replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

/**
 * Refuses an item over DynamoDB's 400 KB, as DynamoDB does. Twice the length of its JSON bounds its
 * size from above (a list of one-digit numbers comes nearest), so most items are never measured.
 */
export function checkItemSize(item: Item, encodedBytes: number): void {
  if (encodedBytes * 2 <= MAX_ITEM_BYTES) return;
  if (itemSize(item) > MAX_ITEM_BYTES)
    throw new TableValidationError('Item size has exceeded the maximum allowed size');
}
