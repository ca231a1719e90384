// Reads brand.yaml (or .json), validates it with the profile schema, and turns every problem into a
// diagnostic that names the file, the line and column, the key path and the fix.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { completeProfile, ProfileSchema, type Profile } from '#domain/profile';
import { didYouMean } from '#domain/did-you-mean';
import { ConfigError, type Diagnostic } from './errors';

/** Config files larger than this are refused before parsing. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoadedProfile {
  profile: Profile;
  /** Absolute path of the config file. */
  file: string;
  /** Folder that relative source paths are read from. */
  baseDir: string;
}

/** Loads and validates a profile file; throws ConfigError listing every problem found. */
export function loadProfile(file: string): LoadedProfile {
  const { loaded, diagnostics } = checkProfileFile(file);
  if (!loaded) throw new ConfigError(file, diagnostics);
  return loaded;
}

/** Loads and validates a profile file without throwing: the profile when valid, and every problem found. */
export function checkProfileFile(file: string): { loaded?: LoadedProfile; diagnostics: Diagnostic[] } {
  const absolute = resolve(file);
  if (!existsSync(absolute)) {
    return {
      diagnostics: [
        at(
          file,
          1,
          1,
          '(root)',
          'file not found; check the path of the brand profile (--config for the CLI, -c config=... for cdk)',
        ),
      ],
    };
  }
  const size = statSync(absolute).size;
  if (size > MAX_CONFIG_BYTES) {
    const message = `file is ${size} bytes; a brand profile may be at most ${MAX_CONFIG_BYTES} bytes`;
    return { diagnostics: [at(file, 1, 1, '(root)', message)] };
  }
  const baseDir = dirname(absolute);
  const { profile, diagnostics } = validateProfileText(readFileSync(absolute, 'utf8'), file, baseDir);
  return { loaded: profile ? { profile, file: absolute, baseDir } : undefined, diagnostics };
}

/**
 * Validates config text. `file` is only used in diagnostics; `baseDir`, when given, is where source
 * paths are checked for existence.
 */
export function validateProfileText(
  text: string,
  file: string,
  baseDir?: string,
): { profile?: Profile; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  // The core schema has no custom tags; aliases are capped so a "billion laughs" file cannot expand.
  const doc = parseDocument(text, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false });
  const position = (offset: number | undefined): { line: number; col: number } =>
    offset === undefined ? { line: 1, col: 1 } : lineCounter.linePos(offset);

  const syntax = [...doc.errors, ...doc.warnings].map((problem) => {
    const { line, col } = position(problem.pos[0]);
    return at(file, line, col, '(root)', `YAML: ${firstLine(problem.message)}`);
  });
  if (doc.errors.length > 0) return { diagnostics: syntax };

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { diagnostics: [...syntax, at(file, 1, 1, '(root)', `YAML: ${(error as Error).message}`)] };
  }

  const diagnostics = [...syntax];
  const result = ProfileSchema.safeParse(raw ?? {});
  if (!result.success) diagnostics.push(...describeIssues(result.error.issues, doc, raw, file, position));
  if (baseDir !== undefined) diagnostics.push(...missingSourceFiles(raw, doc, file, baseDir, position));
  diagnostics.sort((a, b) => a.line - b.line || a.col - b.col);
  if (diagnostics.length > 0 || !result.success) return { diagnostics };
  return { profile: completeProfile(result.data), diagnostics };
}

type Position = (offset: number | undefined) => { line: number; col: number };
type PathSegment = string | number;

/** One diagnostic per problem; a missing key is not reported when a misspelling of it was. */
function describeIssues(
  issues: z.core.$ZodIssue[],
  doc: Document,
  raw: unknown,
  file: string,
  position: Position,
): Diagnostic[] {
  const suggestedPaths = new Set<string>();
  const described = issues.flatMap((issue) => describeIssue(issue, doc, raw, file, position, suggestedPaths));
  return described.filter(
    (diagnostic) => !(diagnostic.message.startsWith('missing required key') && suggestedPaths.has(diagnostic.path)),
  );
}

function describeIssue(
  issue: z.core.$ZodIssue,
  doc: Document,
  raw: unknown,
  file: string,
  position: Position,
  suggestedPaths: Set<string>,
): Diagnostic[] {
  const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(path, raw);
    return issue.keys.map((key) => {
      const keyPath = [...path, key];
      const { line, col } = position(locate(doc, keyPath, 'key'));
      const suggestion = didYouMean(key, known);
      if (suggestion) suggestedPaths.add(formatPath([...path, suggestion]));
      const hint = suggestion
        ? `; did you mean "${suggestion}"?`
        : known.length > 0
          ? `; allowed here: ${known.join(', ')}`
          : '';
      return at(file, line, col, formatPath(keyPath), `unknown key "${key}"${hint}`);
    });
  }
  const value = valueAt(raw, path);
  const { line, col } = position(locate(doc, path, value === undefined ? 'parent' : 'value'));
  return [at(file, line, col, formatPath(path), messageFor(issue, value, path, raw))];
}

function messageFor(issue: z.core.$ZodIssue, value: unknown, path: PathSegment[], raw: unknown): string {
  switch (issue.code) {
    case 'invalid_union': {
      // A source whose kind names no connector: say which kinds there are.
      const kinds = 'options' in issue && Array.isArray(issue.options) ? issue.options.map(String) : [];
      if (kinds.length === 0) break;
      const list = kinds.map((kind) => JSON.stringify(kind)).join(', ');
      if (value === undefined) return `missing required key "${String(path[path.length - 1])}": one of ${list}`;
      const suggestion = typeof value === 'string' ? didYouMean(value, kinds) : undefined;
      return `${describeValue(value)} is not a source kind; use one of ${list}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`;
    }
    case 'invalid_type': {
      if (value === undefined) {
        const key = path[path.length - 1];
        const hint = describeKey(path, raw);
        return `missing required key "${String(key)}"${hint ? `: ${hint}` : ''}`;
      }
      return `expected ${article(issue.expected)}, got ${describeValue(value)}`;
    }
    case 'invalid_value': {
      const options = issue.values.map((option) => JSON.stringify(option));
      const suggestion = typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : undefined;
      return `${describeValue(value)} is not allowed; use one of ${options.join(', ')}${
        suggestion ? ` (did you mean "${suggestion}"?)` : ''
      }`;
    }
    case 'too_small':
    case 'too_big': {
      if (!isDefaultMessage(issue.message)) return issue.message;
      const limit = issue.code === 'too_big' ? issue.maximum : issue.minimum;
      const word =
        issue.code === 'too_big'
          ? issue.inclusive
            ? 'at most'
            : 'less than'
          : issue.inclusive
            ? 'at least'
            : 'more than';
      const unit = issue.origin === 'array' ? ' items' : issue.origin === 'string' ? ' characters' : '';
      return `must be ${word} ${String(limit)}${unit} (got ${describeValue(value)})`;
    }
    default:
      break;
  }
  return isDefaultMessage(issue.message) ? `${lowerFirst(issue.message)} (got ${describeValue(value)})` : issue.message;
}

/** zod's own messages start like this; ours are written for the reader and pass through as they are. */
function isDefaultMessage(message: string): boolean {
  return /^(Invalid|Too (big|small))/.test(message);
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    // Control characters (an ANSI escape, say) are shown as escapes, never written to the terminal.
    const visible = value.replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finds the controls to show them as escapes
      /[\u0000-\u001f\u007f-\u009f]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    return `"${visible.length > 60 ? `${visible.slice(0, 57)}...` : visible}" (text)`;
  }
  return String(value);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

function at(file: string, line: number, col: number, path: string, message: string): Diagnostic {
  return { file, line, col, path, message };
}

export function formatPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return '(root)';
  return path.reduce<string>(
    (text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment),
    '',
  );
}

function valueAt(raw: unknown, path: readonly PathSegment[]): unknown {
  let current: unknown = raw;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/**
 * Offset in the text of the node at `path`: its key, its value, or (for a missing key) the
 * deepest node that exists on the way.
 */
function locate(doc: Document, path: readonly PathSegment[], want: 'key' | 'value' | 'parent'): number | undefined {
  let node: Node | null | undefined = doc.contents as Node | null;
  let offset = node?.range?.[0];
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return offset;
      const keyNode = pair.key as Node;
      if (last && want === 'key') return keyNode.range?.[0] ?? offset;
      node = pair.value as Node | null;
      offset = node?.range?.[0] ?? keyNode.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return offset;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

interface SchemaLike {
  def: {
    type: string;
    innerType?: SchemaLike;
    element?: SchemaLike;
    shape?: Record<string, SchemaLike>;
    in?: SchemaLike;
    /** A discriminated union's options and the key that tells them apart. */
    options?: SchemaLike[];
    discriminator?: string;
    /** A literal's values. */
    values?: unknown[];
  };
  description?: string;
}

function unwrap(schema: SchemaLike | undefined): SchemaLike | undefined {
  let current = schema;
  while (current && ['optional', 'default', 'prefault', 'nullable', 'readonly', 'pipe'].includes(current.def.type)) {
    current = current.def.type === 'pipe' ? current.def.in : current.def.innerType;
  }
  return current;
}

/** The schema at `path`; a discriminated union (a source) resolves to the option its `kind` in `raw` names. */
function schemaAt(path: readonly PathSegment[], raw: unknown): SchemaLike | undefined {
  let current = resolveUnion(unwrap(ProfileSchema as unknown as SchemaLike), raw);
  let value = raw;
  for (const segment of path) {
    value = valueAt(value, [segment]);
    if (current?.def.type === 'object' && typeof segment === 'string') current = unwrap(current.def.shape?.[segment]);
    else if (current?.def.type === 'array' && typeof segment === 'number') current = unwrap(current.def.element);
    else return undefined;
    current = resolveUnion(current, value);
  }
  return current;
}

function resolveUnion(schema: SchemaLike | undefined, value: unknown): SchemaLike | undefined {
  if (schema?.def.type !== 'union' || !schema.def.discriminator) return schema;
  const tag = valueAt(value, [schema.def.discriminator]);
  const discriminator = schema.def.discriminator;
  return schema.def.options?.find((option) => unwrap(option.def.shape?.[discriminator])?.def.values?.includes(tag));
}

function knownKeysAt(path: readonly PathSegment[], raw: unknown): string[] {
  const schema = schemaAt(path, raw);
  return schema?.def.type === 'object' ? Object.keys(schema.def.shape ?? {}).filter((key) => key !== '$schema') : [];
}

function describeKey(path: readonly PathSegment[], raw: unknown): string | undefined {
  const parent = schemaAt(path.slice(0, -1), raw);
  const key = path[path.length - 1];
  if (parent?.def.type !== 'object' || typeof key !== 'string') return undefined;
  const field = parent.def.shape?.[key];
  const description = field?.description ?? unwrap(field)?.description;
  return description ? lowerFirst(description) : undefined;
}

function missingSourceFiles(
  raw: unknown,
  doc: Document,
  file: string,
  baseDir: string,
  position: Position,
): Diagnostic[] {
  const sources = valueAt(raw, ['sources']);
  if (!Array.isArray(sources)) return [];
  return sources.flatMap((source: unknown, index) => {
    const path = valueAt(source, ['path']);
    if (typeof path !== 'string' || path.trim() === '') return [];
    const absolute = resolve(baseDir, path);
    if (existsSync(absolute)) return [];
    const { line, col } = position(locate(doc, ['sources', index, 'path'], 'value'));
    return [
      at(
        file,
        line,
        col,
        `sources[${index}].path`,
        `file not found: ${absolute} (paths are relative to the config file)`,
      ),
    ];
  });
}
