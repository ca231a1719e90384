// The embedded table on disk: one append-only journal of item writes. Its first line describes the
// table; each line after it is one put (`<keys>\t<item JSON>`) or one delete (`<keys>`), where
// <keys> is a JSON array of what the table keeps in memory: ["p"|"d", pk, sk, then for a put each
// index's partition and sort key (null when absent) and the expiry attribute (null when absent,
// true when not a number)]. A request's lines are written with one write; a process killed in the
// middle of one leaves at most a torn last line, which opening drops. Opening replays the keys and
// leaves the item bodies on disk, where reads find them by offset. Compaction writes the live lines
// to a new file and renames it over the journal, so a crash leaves one or the other whole.
import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { LocalStoreError, StoreError } from '../errors';
import { type Expiry, type ItemKeys, type TableDefinition, TTL_IN_BODY } from './table-index';

const FORMAT = 'congruence-table-journal';
const VERSION = 1;
const CHUNK = 8 * 1024 * 1024;
const NEWLINE = 10;
const TAB = 9;

/** One line read back on opening: a put (with where its body is) or a delete, and the item's keys as the table keeps them. */
export interface JournalEntry extends ItemKeys {
  put: boolean;
}

/** A line to append: the keys array, and for a put the item's JSON. Append fills in where it went. */
export interface PendingLine {
  keys: string;
  body?: string;
  off?: number;
  len?: number;
  line?: number;
}

/** The keys array of a put or a delete, as a journal line starts. */
export function keysLine(
  put: boolean,
  pk: string,
  sk: string,
  ix?: ReadonlyArray<string | undefined>,
  ttl?: Expiry,
): string {
  if (!put) return JSON.stringify(['d', pk, sk]);
  const ttlField = ttl === undefined ? null : ttl === TTL_IN_BODY ? true : ttl;
  return JSON.stringify(['p', pk, sk, ...(ix ?? []).map((key) => key ?? null), ttlField]);
}

function describe(definition: TableDefinition): string {
  const { name, partitionKey, sortKey, indexes, ttlAttribute } = definition;
  return JSON.stringify({
    journal: FORMAT,
    version: VERSION,
    table: name,
    partitionKey,
    sortKey,
    indexes,
    ttlAttribute,
  });
}

function syncDirectory(path: string): void {
  const fd = openSync(dirname(path), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes `content` to `path` through a temporary file renamed over it: the file is whole or absent. */
function writeWhole(path: string, content: Buffer, temporary: string): void {
  const fd = openSync(temporary, 'w');
  try {
    writeAll(fd, content, 0, content.length, 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  syncDirectory(path);
}

function writeAll(fd: number, buffer: Buffer, start: number, length: number, position: number): void {
  let written = 0;
  while (written < length) {
    written += writeSync(fd, buffer, start + written, length - written, position + written);
  }
}

export class Journal {
  private fd: number;
  private writeBuffer = Buffer.allocUnsafe(1024 * 1024);
  private readBuffer = Buffer.allocUnsafe(64 * 1024);
  private readonly headerBytes: number;
  /** The journal's length in bytes. */
  size = 0;

  private constructor(
    readonly path: string,
    private readonly definition: TableDefinition,
  ) {
    this.headerBytes = Buffer.byteLength(`${describe(definition)}\n`);
    this.fd = openSync(path, 'r+');
  }

  /** Creates an empty journal for the table, whole or not at all. */
  static create(path: string, definition: TableDefinition): void {
    writeWhole(path, Buffer.from(`${describe(definition)}\n`), `${path}.new`);
  }

  /**
   * Opens a journal and hands every line after the first to `visit`, in order. A torn last line (a
   * write cut short by a crash) is cut off the file; a damaged line before the last is an error.
   */
  static open(path: string, definition: TableDefinition, visit: (entry: JournalEntry) => void): Journal {
    if (!existsSync(path)) Journal.create(path, definition);
    rmSync(`${path}.compacting`, { force: true });
    const journal = new Journal(path, definition);
    try {
      journal.replay(visit);
    } catch (error) {
      closeSync(journal.fd);
      throw error;
    }
    return journal;
  }

  private replay(visit: (entry: JournalEntry) => void): void {
    let buffer = Buffer.allocUnsafe(CHUNK);
    let filled = 0;
    let base = 0;
    let lineNumber = 0;
    for (;;) {
      if (filled === buffer.length) {
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, filled);
        buffer = larger;
      }
      const read = readSync(this.fd, buffer, filled, buffer.length - filled, base + filled);
      filled += read;
      const view = buffer.subarray(0, filled);
      let start = 0;
      for (let end = view.indexOf(NEWLINE, start); end !== -1; end = view.indexOf(NEWLINE, start)) {
        lineNumber++;
        const entry =
          lineNumber === 1 ? this.checkHeader(view.toString('utf8', start, end)) : readLine(view, start, end);
        if (typeof entry === 'string') {
          this.damaged(base + start, base + end + 1, lineNumber, entry);
          return;
        }
        if (entry !== undefined) {
          entry.off += base;
          visit(entry);
        }
        start = end + 1;
      }
      if (read === 0) {
        this.size = base + start;
        if (filled > start) ftruncateSync(this.fd, this.size); // a torn last line
        if (lineNumber === 0) this.writeHeader(); // an empty file is an empty table
        return;
      }
      buffer.copy(buffer, 0, start, filled);
      base += start;
      filled -= start;
    }
  }

  private writeHeader(): void {
    const header = Buffer.from(`${describe(this.definition)}\n`);
    writeAll(this.fd, header, 0, header.length, 0);
    this.size = header.length;
  }

  /** The first line must describe this table; anything else was written for another one. */
  private checkHeader(line: string): undefined | string {
    if (line === describe(this.definition)) return undefined;
    throw new LocalStoreError(
      `the table journal ${this.path} was written for another table or format (${line.slice(0, 200)}); ` +
        `this version expects ${describe(this.definition)}. Move the file away to start with an empty store, or use the version that wrote it`,
    );
  }

  /** A damaged line: dropped when it is the last (a write cut short), an error before that. */
  private damaged(at: number, lineEnd: number, lineNumber: number, reason: string): void {
    if (lineNumber > 1 && !newlineAfter(this.fd, lineEnd)) {
      this.size = at;
      ftruncateSync(this.fd, at);
      return;
    }
    throw new LocalStoreError(
      `the table journal ${this.path} is damaged at line ${lineNumber} (byte ${at}): ${reason}. ` +
        `The lines before it are whole: to keep them, cut the file there (truncate -s ${at} ${this.path}); ` +
        'or move the file away to start with an empty store',
    );
  }

  /** Appends lines with one write, and notes in each where its body went. Nothing is written if it fails. */
  append(lines: PendingLine[]): void {
    let capacity = 0;
    for (const line of lines) capacity += (line.keys.length + (line.body?.length ?? 0)) * 3 + 2;
    if (this.writeBuffer.length < capacity)
      this.writeBuffer = Buffer.allocUnsafe(Math.max(capacity, this.writeBuffer.length * 2));
    const buffer = this.writeBuffer;
    let at = 0;
    for (const line of lines) {
      const start = at;
      at += buffer.write(line.keys, at);
      if (line.body !== undefined) {
        buffer[at++] = TAB;
        line.off = this.size + at;
        line.len = buffer.write(line.body, at);
        at += line.len;
      }
      buffer[at++] = NEWLINE;
      line.line = at - start;
    }
    try {
      writeAll(this.fd, buffer, 0, at, this.size);
    } catch (error) {
      try {
        ftruncateSync(this.fd, this.size);
      } catch {
        // the next opening drops a torn last line anyway
      }
      throw new StoreError(
        `could not write to the table journal ${this.path}: ${(error as Error).message}; nothing of this request ` +
          'was stored. Free some disk space (or fix the permissions) and run again',
        { cause: error },
      );
    }
    this.size += at;
  }

  /** An item's JSON, read from where its line put it. */
  read(off: number, len: number): string {
    if (this.readBuffer.length < len) this.readBuffer = Buffer.allocUnsafe(Math.max(len, this.readBuffer.length * 2));
    let done = 0;
    while (done < len) {
      const read = readSync(this.fd, this.readBuffer, done, len - done, off + done);
      if (read === 0) throw new LocalStoreError(`the table journal ${this.path} ends before byte ${off + len}`);
      done += read;
    }
    return this.readBuffer.toString('utf8', 0, len);
  }

  /** Bytes no live item needs: replaced and deleted items, and the deletes themselves. */
  garbage(liveBytes: number): number {
    return this.size - this.headerBytes - liveBytes;
  }

  /**
   * Writes the live lines, in their order in the journal, to a new file renamed over it; returns
   * where each line's body now starts, in the order given.
   */
  compact(lines: ReadonlyArray<{ off: number; len: number; line: number }>): Float64Array {
    const temporary = `${this.path}.compacting`;
    const order = lines.map((_, index) => index).sort((a, b) => (lines[a]?.off ?? 0) - (lines[b]?.off ?? 0));
    const places = new Float64Array(lines.length);
    const out = openSync(temporary, 'w');
    let open = true;
    try {
      const header = Buffer.from(`${describe(this.definition)}\n`);
      writeAll(out, header, 0, header.length, 0);
      let written = header.length;
      let window = Buffer.allocUnsafe(CHUNK);
      let windowStart = 0;
      let windowEnd = 0;
      for (const index of order) {
        const { off, len, line } = lines[index] as { off: number; len: number; line: number };
        const lineStart = off - (line - len - 1);
        if (lineStart < windowStart || lineStart + line > windowEnd) {
          if (window.length < line) window = Buffer.allocUnsafe(line);
          windowStart = lineStart;
          windowEnd = lineStart + readSync(this.fd, window, 0, window.length, lineStart);
          if (windowEnd < lineStart + line) throw new LocalStoreError(`the table journal ${this.path} ended early`);
        }
        writeAll(out, window, lineStart - windowStart, line, written);
        places[index] = written + (off - lineStart);
        written += line;
      }
      fsyncSync(out);
      closeSync(out);
      open = false;
      renameSync(temporary, this.path);
      syncDirectory(this.path);
      closeSync(this.fd);
      this.fd = openSync(this.path, 'r+');
      this.size = written;
    } catch (error) {
      if (open) closeSync(out);
      rmSync(temporary, { force: true });
      throw error;
    }
    return places;
  }

  close(): void {
    fsyncSync(this.fd);
    closeSync(this.fd);
  }
}

/** Whether the file holds a newline at or after `from`: whether a line there is the last. */
function newlineAfter(fd: number, from: number): boolean {
  const probe = Buffer.allocUnsafe(64 * 1024);
  for (
    let at = from, read = readSync(fd, probe, 0, probe.length, at);
    read > 0;
    read = readSync(fd, probe, 0, probe.length, at)
  ) {
    if (probe.subarray(0, read).includes(NEWLINE)) return true;
    at += read;
  }
  return false;
}

/** One line after the first: its keys, and where its body lies (from the line's start); a string says why it is damaged. */
function readLine(view: Buffer, start: number, end: number): JournalEntry | string {
  const tab = view.indexOf(TAB, start);
  const keysEnd = tab !== -1 && tab < end ? tab : end;
  let keys: unknown;
  try {
    keys = JSON.parse(view.toString('utf8', start, keysEnd));
  } catch (error) {
    return (error as Error).message;
  }
  if (!Array.isArray(keys) || typeof keys[1] !== 'string' || typeof keys[2] !== 'string') return 'not a journal line';
  const [op, pk, sk] = keys as [unknown, string, string];
  if (op === 'd' && keysEnd === end)
    return { put: false, pk, sk, ix: undefined, ttl: undefined, off: 0, len: 0, line: 0 };
  if (op !== 'p' || keysEnd === end) return 'not a journal line';
  const indexKeys = keys.slice(3, -1) as Array<string | null>;
  const ttl = keys[keys.length - 1] as number | null | true;
  return {
    put: true,
    pk,
    sk,
    ix: indexKeys.some((key) => key !== null) ? indexKeys.map((key) => key ?? undefined) : undefined,
    ttl: ttl === null ? undefined : ttl === true ? TTL_IN_BODY : ttl,
    off: keysEnd + 1,
    len: end - keysEnd - 1,
    line: end + 1 - start,
  };
}
