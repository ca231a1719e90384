// DynamoDB's expressions as the embedded table reads them: condition and filter expressions, key
// conditions and projections. It knows the shapes the store's adapters write, and a little more of the
// same grammar: comparisons (= <> < <= > >=), BETWEEN, IN, AND, OR, NOT, parentheses, and the
// functions attribute_exists, attribute_not_exists and begins_with, over top-level attributes named
// by #placeholders and values given as :placeholders. Anything else (size, contains, nested paths,
// names written out) is refused with an UnsupportedRequestError naming the expression, so a new query
// fails loudly in the tests instead of being answered differently from DynamoDB.
import { TableValidationError, UnsupportedRequestError } from '../errors';
import { compareValues, sameValue } from './values';

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

/** An operand: an attribute by its #placeholder, or a :placeholder's value. */
export type Operand = { path: string } | { value: string };

export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; inner: Condition }
  | { kind: 'compare'; op: Comparator; left: Operand; right: Operand }
  | { kind: 'between'; subject: Operand; low: Operand; high: Operand }
  | { kind: 'in'; subject: Operand; options: Operand[] }
  | { kind: 'exists' | 'missing'; path: string }
  | { kind: 'beginsWith'; subject: Operand; prefix: Operand };

/** An expression read once: its tree, and the placeholders it uses. */
export interface Parsed<T> {
  readonly tree: T;
  readonly names: ReadonlySet<string>;
  readonly values: ReadonlySet<string>;
}

const SUPPORTED =
  'it implements comparisons (= <> < <= > >=), BETWEEN, IN, AND, OR, NOT, parentheses, attribute_exists, ' +
  'attribute_not_exists and begins_with, over #name and :value placeholders';

export function unsupported(field: string, expression: string, what: string): UnsupportedRequestError {
  return new UnsupportedRequestError(
    `the embedded table does not implement ${what} in ${field} "${expression}"; ${SUPPORTED}. ` +
      'Write the request with those, or add what it needs to shared/adapters/store/embedded/expressions.ts with a test',
  );
}

// ---- reading ----------------------------------------------------------------------------------

const TOKEN = /\s*(?:(#[A-Za-z0-9_]+)|(:[A-Za-z0-9_]+)|([A-Za-z_][A-Za-z0-9_]*)|(<>|<=|>=|[=<>(),])|(\S))/y;

type Token = { kind: 'name' | 'value' | 'word' | 'symbol'; text: string };

function tokens(field: string, expression: string): Token[] {
  const found: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    const match = TOKEN.exec(expression);
    if (match === null) break; // only whitespace left
    const [, name, value, word, symbol, other] = match;
    if (name !== undefined) found.push({ kind: 'name', text: name });
    else if (value !== undefined) found.push({ kind: 'value', text: value });
    else if (word !== undefined) found.push({ kind: 'word', text: word });
    else if (symbol !== undefined) found.push({ kind: 'symbol', text: symbol });
    else if (other === '.' || other === '[') throw unsupported(field, expression, 'nested attribute paths (a.b, a[0])');
    else throw new TableValidationError(`Invalid ${field}: Syntax error; token: "${other}", in "${expression}"`);
  }
  return found;
}

class Reader {
  private at = 0;
  readonly names = new Set<string>();
  readonly values = new Set<string>();

  constructor(
    private readonly field: string,
    private readonly expression: string,
    private readonly list: Token[],
  ) {}

  peek(offset = 0): Token | undefined {
    return this.list[this.at + offset];
  }

  done(): boolean {
    return this.at >= this.list.length;
  }

  isWord(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token?.kind === 'word' && token.text.toUpperCase() === text;
  }

  isSymbol(text: string): boolean {
    const token = this.peek();
    return token?.kind === 'symbol' && token.text === text;
  }

  take(): Token {
    const token = this.list[this.at++];
    if (token === undefined) throw this.syntax('the expression ends too early');
    return token;
  }

  expectSymbol(text: string): void {
    const token = this.take();
    if (token.kind !== 'symbol' || token.text !== text) throw this.syntax(`expected "${text}", found "${token.text}"`);
  }

  expectWord(text: string): void {
    if (!this.isWord(text)) throw this.syntax(`expected ${text}, found "${this.peek()?.text ?? 'the end'}"`);
    this.at++;
  }

  syntax(detail: string): TableValidationError {
    return new TableValidationError(`Invalid ${this.field}: Syntax error; ${detail}, in "${this.expression}"`);
  }

  unsupported(what: string): UnsupportedRequestError {
    return unsupported(this.field, this.expression, what);
  }

  path(): string {
    const token = this.take();
    if (token.kind === 'name') {
      this.names.add(token.text);
      return token.text;
    }
    if (token.kind === 'word')
      throw this.unsupported(`the attribute name ${token.text} written out (use a #placeholder)`);
    throw this.syntax(`expected an attribute, found "${token.text}"`);
  }

  operand(): Operand {
    const token = this.peek();
    if (token?.kind === 'value') {
      this.at++;
      this.values.add(token.text);
      return { value: token.text };
    }
    if (token?.kind === 'word' && this.peek(1)?.text === '(') throw this.unsupported(`the function ${token.text}`);
    return { path: this.path() };
  }
}

function condition(reader: Reader): Condition {
  let left = conjunction(reader);
  while (reader.isWord('OR')) {
    reader.take();
    left = { kind: 'or', left, right: conjunction(reader) };
  }
  return left;
}

function conjunction(reader: Reader): Condition {
  let left = negation(reader);
  while (reader.isWord('AND')) {
    reader.take();
    left = { kind: 'and', left, right: negation(reader) };
  }
  return left;
}

function negation(reader: Reader): Condition {
  if (reader.isWord('NOT')) {
    reader.take();
    return { kind: 'not', inner: negation(reader) };
  }
  return primary(reader);
}

const FUNCTIONS = new Set(['attribute_exists', 'attribute_not_exists', 'begins_with']);

function primary(reader: Reader): Condition {
  if (reader.isSymbol('(')) {
    reader.take();
    const inner = condition(reader);
    reader.expectSymbol(')');
    return inner;
  }
  const token = reader.peek();
  if (token?.kind === 'word' && reader.peek(1)?.text === '(') {
    if (!FUNCTIONS.has(token.text)) throw reader.unsupported(`the function ${token.text}`);
    reader.take();
    reader.expectSymbol('(');
    let found: Condition;
    if (token.text === 'begins_with') {
      const subject = reader.operand();
      reader.expectSymbol(',');
      found = { kind: 'beginsWith', subject, prefix: reader.operand() };
    } else {
      found = { kind: token.text === 'attribute_exists' ? 'exists' : 'missing', path: reader.path() };
    }
    reader.expectSymbol(')');
    return found;
  }
  const subject = reader.operand();
  if (reader.isWord('BETWEEN')) {
    reader.take();
    const low = reader.operand();
    reader.expectWord('AND');
    return { kind: 'between', subject, low, high: reader.operand() };
  }
  if (reader.isWord('IN')) {
    reader.take();
    reader.expectSymbol('(');
    const options = [reader.operand()];
    while (reader.isSymbol(',')) {
      reader.take();
      options.push(reader.operand());
    }
    reader.expectSymbol(')');
    return { kind: 'in', subject, options };
  }
  const op = reader.take();
  if (op.kind !== 'symbol' || !['=', '<>', '<', '<=', '>', '>='].includes(op.text))
    throw reader.syntax(`expected a comparison, found "${op.text}"`);
  return { kind: 'compare', op: op.text as Comparator, left: subject, right: reader.operand() };
}

const conditionCache = new Map<string, Parsed<Condition>>();
const projectionCache = new Map<string, Parsed<string[]>>();
const CACHE_LIMIT = 500;

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const made = make();
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, made);
  return made;
}

/** A condition, filter or key condition expression, read once and kept by its text. */
export function parseCondition(field: string, expression: string): Parsed<Condition> {
  return remember(conditionCache, `${field}\u0000${expression}`, () => {
    const reader = new Reader(field, expression, tokens(field, expression));
    if (reader.done()) throw new TableValidationError(`Invalid ${field}: The expression can not be empty`);
    const tree = condition(reader);
    if (!reader.done()) throw reader.syntax(`unexpected "${reader.peek()?.text}"`);
    return { tree, names: reader.names, values: reader.values };
  });
}

/** A projection expression: the #placeholders of the top-level attributes it names. */
export function parseProjection(expression: string): Parsed<string[]> {
  const field = 'ProjectionExpression';
  return remember(projectionCache, expression, () => {
    const reader = new Reader(field, expression, tokens(field, expression));
    const paths = [reader.path()];
    while (!reader.done()) {
      reader.expectSymbol(',');
      paths.push(reader.path());
    }
    return { tree: paths, names: reader.names, values: reader.values };
  });
}

// ---- evaluating -------------------------------------------------------------------------------

/** What an expression is evaluated against: the request's placeholders and the item's attributes. */
export interface Scope {
  names: Record<string, string>;
  values: Record<string, unknown>;
  /** An attribute of the item, undefined when it has none. */
  attribute(name: string): unknown;
}

function operandValue(operand: Operand, scope: Scope): unknown {
  return 'value' in operand ? scope.values[operand.value] : scope.attribute(scope.names[operand.path] as string);
}

/** Whether an item meets a condition, as DynamoDB decides it: a comparison of different types, or with a missing attribute, is false. */
export function holds(condition: Condition, scope: Scope): boolean {
  switch (condition.kind) {
    case 'and':
      return holds(condition.left, scope) && holds(condition.right, scope);
    case 'or':
      return holds(condition.left, scope) || holds(condition.right, scope);
    case 'not':
      return !holds(condition.inner, scope);
    case 'exists':
      return scope.attribute(scope.names[condition.path] as string) !== undefined;
    case 'missing':
      return scope.attribute(scope.names[condition.path] as string) === undefined;
    case 'beginsWith': {
      const subject = operandValue(condition.subject, scope);
      const prefix = operandValue(condition.prefix, scope);
      return typeof subject === 'string' && typeof prefix === 'string' && subject.startsWith(prefix);
    }
    case 'between': {
      const subject = operandValue(condition.subject, scope);
      const low = compareValues(subject, operandValue(condition.low, scope));
      const high = compareValues(subject, operandValue(condition.high, scope));
      return low !== undefined && high !== undefined && low >= 0 && high <= 0;
    }
    case 'in': {
      const subject = operandValue(condition.subject, scope);
      return (
        subject !== undefined && condition.options.some((option) => sameValue(subject, operandValue(option, scope)))
      );
    }
    case 'compare':
      return compares(condition.op, operandValue(condition.left, scope), operandValue(condition.right, scope));
  }
}

export function compares(op: Comparator, left: unknown, right: unknown): boolean {
  if (op === '=') return left !== undefined && right !== undefined && sameValue(left, right);
  if (op === '<>') return !(left !== undefined && right !== undefined && sameValue(left, right));
  const order = compareValues(left, right);
  if (order === undefined) return false;
  return op === '<' ? order < 0 : op === '<=' ? order <= 0 : op === '>' ? order > 0 : order >= 0;
}
