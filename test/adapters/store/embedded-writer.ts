// A process that writes to an embedded table as fast as it can and says after each batch that it was
// stored: embedded-journal.test.ts kills it with SIGKILL mid-way. Run as
// `node --import tsx test/adapters/store/embedded-writer.ts <journal>`.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { EmbeddedTable } from '#adapters/store/embedded/engine';
import { tableDefinition } from '#adapters/store/embedded/open';

const [path] = process.argv.slice(2);
if (path === undefined) throw new Error('usage: embedded-writer.ts <journal>');
const table = EmbeddedTable.open(path, tableDefinition('t'));
const text = 'a signal long enough for a write to span pages of the file; '.repeat(40);
for (let batch = 0; ; batch++) {
  const requests = Array.from({ length: 25 }, (_, n) => ({
    PutRequest: {
      Item: { pk: `P#${batch}`, sk: `S#${n}`, gsi1pk: 'ALL', gsi1sk: `${batch}#${n}`, text, batch, n },
    },
  }));
  await table.send(new BatchWriteCommand({ RequestItems: { t: requests } }));
  process.stdout.write(`stored ${batch}\n`);
}
