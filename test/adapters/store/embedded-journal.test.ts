// The embedded table on disk: what was written is there after reopening; a process killed with
// SIGKILL while writing leaves every batch it was told was stored, and at most a torn last line,
// which opening cuts off; damage before the last line is an error saying what to do; a journal mostly
// garbage is rewritten on opening; the data directory is held by one process at a time.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE } from '#adapters/store/data-dir-lock';
import { EmbeddedTable } from '#adapters/store/embedded/engine';
import { openEmbeddedTable, tableDefinition } from '#adapters/store/embedded/open';
import { LocalStoreError } from '#adapters/store/errors';

const TABLE = 't';
const journalIn = () => join(mkdtempSync(join(tmpdir(), 'congruence-journal-')), 'table.journal');
const open = (path: string, compactAbove?: number) =>
  EmbeddedTable.open(path, tableDefinition(TABLE), compactAbove === undefined ? {} : { compactAbove });

async function everything(table: EmbeddedTable, pk = 'P'): Promise<unknown[]> {
  const page = await table.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'pk' },
      ExpressionAttributeValues: { ':pk': pk },
    }),
  );
  return page.Items ?? [];
}

/** The index partition ALL, every page of it. */
async function indexed(table: EmbeddedTable): Promise<unknown[]> {
  const items: unknown[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: 'gsi1',
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': 'gsi1pk' },
        ExpressionAttributeValues: { ':pk': 'ALL' },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

const item = (sk: string, extra: Record<string, unknown> = {}) => ({
  pk: 'P',
  sk,
  gsi1pk: 'ALL',
  gsi1sk: `T#${sk}`,
  expiresAt: 1_800_000_000,
  ...extra,
});

async function writeSome(table: EmbeddedTable): Promise<void> {
  const requests = ['A', 'B', 'C', 'D'].map((sk) => ({ PutRequest: { Item: item(sk, { text: `text ${sk} ✓` }) } }));
  await table.send(new BatchWriteCommand({ RequestItems: { [TABLE]: requests } }));
  await table.send(new PutCommand({ TableName: TABLE, Item: item('B', { text: 'replaced', gsi1sk: 'T#Z' }) }));
  await table.send(new DeleteCommand({ TableName: TABLE, Key: { pk: 'P', sk: 'C' } }));
}

describe('the embedded table’s journal', () => {
  it('gives back after reopening what it answered before: items, replacements, deletes, index order', async () => {
    const path = journalIn();
    const table = open(path);
    await writeSome(table);
    const before = { items: await everything(table), index: await indexed(table) };
    table.close();

    const again = open(path);
    expect(await everything(again)).toEqual(before.items);
    expect(await indexed(again)).toEqual(before.index);
    expect((before.index as Array<{ sk: string }>).map((each) => each.sk)).toEqual(['A', 'D', 'B']);
    expect(again.stats().items).toBe(3);
    again.close();
  });

  it('knows the earliest expiry of its live items, after writes and after reopening', async () => {
    const path = journalIn();
    const table = open(path);
    expect(table.index.earliestExpiry()).toBeUndefined();
    await table.send(
      new BatchWriteCommand({
        RequestItems: {
          [TABLE]: [
            { PutRequest: { Item: item('a', { expiresAt: 300 }) } },
            { PutRequest: { Item: item('b', { expiresAt: 100 }) } },
            { PutRequest: { Item: item('c', { expiresAt: 200 }) } },
            // not a number: DynamoDB's TTL never deletes it
            { PutRequest: { Item: item('d', { expiresAt: 'soon' }) } },
          ],
        },
      }),
    );
    expect(table.index.earliestExpiry()).toBe(100);
    // replaced and deleted items no longer count
    await table.send(new PutCommand({ TableName: TABLE, Item: item('b', { expiresAt: 400 }) }));
    await table.send(new DeleteCommand({ TableName: TABLE, Key: { pk: 'P', sk: 'c' } }));
    expect(table.index.earliestExpiry()).toBe(300);
    table.close();
    const reopened = open(path);
    expect(reopened.index.earliestExpiry()).toBe(300);
    await reopened.send(new DeleteCommand({ TableName: TABLE, Key: { pk: 'P', sk: 'a' } }));
    await reopened.send(new DeleteCommand({ TableName: TABLE, Key: { pk: 'P', sk: 'b' } }));
    expect(reopened.index.earliestExpiry()).toBeUndefined();
    reopened.close();
  });

  it('drops a torn last line (a write cut short), and writes on after it', async () => {
    const path = journalIn();
    const table = open(path);
    await writeSome(table);
    table.close();
    const whole = statSync(path).size;
    appendFileSync(path, '["p","P","E","ALL","T#E",null,null,1800000000]\t{"pk":"P","sk":"E","te');

    const reopened = open(path);
    expect(statSync(path).size).toBe(whole);
    expect(await everything(reopened)).toHaveLength(3);
    await reopened.send(new PutCommand({ TableName: TABLE, Item: item('F') }));
    reopened.close();

    const last = open(path);
    expect((await everything(last)).map((each) => (each as { sk: string }).sk)).toEqual(['A', 'B', 'D', 'F']);
    last.close();
  });

  it('drops a damaged last line, but refuses damage before it, saying where and what to do', async () => {
    const path = journalIn();
    const table = open(path);
    await writeSome(table);
    table.close();
    const lines = readFileSync(path, 'utf8').split('\n');
    writeFileSync(path, [...lines.slice(0, -1), '\u0000\u0000\u0000', ''].join('\n'));
    const dropped = open(path);
    expect(await everything(dropped)).toHaveLength(3);
    dropped.close();

    const damaged = [...lines];
    damaged[2] = '{not json';
    writeFileSync(path, damaged.join('\n'));
    const at = Buffer.byteLength(`${lines.slice(0, 2).join('\n')}\n`);
    expect(() => open(path)).toThrow(LocalStoreError);
    expect(() => open(path)).toThrow(`the table journal ${path} is damaged at line 3 (byte ${at}): `);
    expect(() => open(path)).toThrow(`truncate -s ${at} ${path}`);
  });

  it('refuses a journal written for another table', async () => {
    const path = journalIn();
    open(path).close();
    expect(() => EmbeddedTable.open(path, tableDefinition('another'))).toThrow(/was written for another table/);
  });

  it('rewrites the journal on opening when most of it is garbage, and answers the same', async () => {
    const path = journalIn();
    const table = open(path);
    for (let round = 0; round < 20; round++) {
      const requests = ['A', 'B', 'C'].map((sk) => ({ PutRequest: { Item: item(sk, { round }) } }));
      await table.send(new BatchWriteCommand({ RequestItems: { [TABLE]: requests } }));
    }
    await table.send(new DeleteCommand({ TableName: TABLE, Key: { pk: 'P', sk: 'C' } }));
    const before = { items: await everything(table), index: await indexed(table), size: statSync(path).size };
    table.close();

    const kept = open(path); // garbage below the default threshold: left as it is
    expect(statSync(path).size).toBe(before.size);
    kept.close();

    const compacted = open(path, 0);
    const after = statSync(path).size;
    expect(after).toBeLessThan(before.size / 10);
    expect(compacted.stats()).toMatchObject({ items: 2, journalBytes: after });
    expect(await everything(compacted)).toEqual(before.items);
    expect(await indexed(compacted)).toEqual(before.index);
    await compacted.send(new PutCommand({ TableName: TABLE, Item: item('G') }));
    compacted.close();
    expect(existsSync(`${path}.compacting`)).toBe(false);

    const reopened = open(path, 0);
    expect(await everything(reopened)).toHaveLength(3);
    expect(statSync(path).size).toBeGreaterThan(after);
    reopened.close();
  });

  it('keeps every batch a process killed with SIGKILL while writing was told was stored', async () => {
    const path = journalIn();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/adapters/store/embedded-writer.ts', path], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stored = -1;
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    await new Promise<void>((killed, failed) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        const last = chunk
          .trim()
          .split('\n')
          .at(-1)
          ?.match(/^stored (\d+)$/);
        if (last) stored = Number(last[1]);
        if (stored >= 150 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
      });
      child.once('exit', (_, signal) => (signal === 'SIGKILL' ? killed() : failed(new Error(errors))));
    });

    const table = open(path);
    for (const batch of [0, Math.floor(stored / 2), stored]) {
      const { Item } = await table.send(new GetCommand({ TableName: TABLE, Key: { pk: `P#${batch}`, sk: 'S#24' } }));
      expect(Item).toMatchObject({ batch, n: 24 });
    }
    const { items } = table.stats();
    expect(items).toBeGreaterThanOrEqual((stored + 1) * 25);
    expect(await indexed(table)).toHaveLength(items);
    table.close();
  }, 60_000);
});

describe('the data directory’s lock', () => {
  it('is held while the table is open, refused to a second opener, and released on close', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'congruence-data-'));
    const first = await openEmbeddedTable({ dataDir, tableName: TABLE });
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
    await expect(openEmbeddedTable({ dataDir, tableName: TABLE })).rejects.toThrow('is already open in this process');
    first.close();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('refuses a directory a live process holds, and takes over the lock of one that is gone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'congruence-data-'));
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(join(dataDir, LOCK_FILE), String(sleeper.pid));
      await expect(openEmbeddedTable({ dataDir, tableName: TABLE })).rejects.toThrow(
        `the data directory ${dataDir} is in use by another congruence process (pid ${sleeper.pid}); wait for it to finish or pass another --data-dir`,
      );
    } finally {
      sleeper.kill('SIGKILL');
    }
    await new Promise((exited) => sleeper.once('exit', exited));
    const opened = await openEmbeddedTable({ dataDir, tableName: TABLE });
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
    opened.close();
  });
});
