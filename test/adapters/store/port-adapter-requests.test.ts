// The requests the store's adapters send on their own, one per port over a table client, for the
// single-item and one-page calls: a client mock asserts them exactly. (port-adapters.test.ts shows
// the adapters against dynalite.)
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DigestSentItems } from '#adapters/store/digest-sent';
import { ProfileItem } from '#adapters/store/profile';
import { RunItems } from '#adapters/store/runs';
import { SignalItems } from '#adapters/store/signals';
import { SnapshotItems } from '#adapters/store/snapshots';
import { SourceStateItems } from '#adapters/store/source-states';
import { TableClient } from '#adapters/store/table-client';

describe('the requests each adapter sends', () => {
  const documentClient = mockClient(DynamoDBDocumentClient);
  const table = () =>
    new TableClient({
      client: new DynamoDBClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
      tableName: 't',
      brandId: 'b',
    });
  afterEach(() => documentClient.reset());
  afterAll(() => documentClient.restore());

  it('reads a signal as stored by then, and a source state and the profile strongly consistent', async () => {
    documentClient.on(GetCommand).resolves({});
    const client = table();

    expect(await new SignalItems(client).getSignal('s1')).toBeUndefined();
    expect(await new SourceStateItems(client).getSourceState('reviews')).toBeUndefined();
    expect(await new ProfileItem(client).getProfile()).toBeUndefined();

    expect(documentClient.commandCalls(GetCommand).map((call) => call.args[0].input)).toEqual([
      { TableName: 't', Key: { pk: 'B#b#SIG#s1', sk: 'SIGNAL' } },
      { TableName: 't', Key: { pk: 'B#b#SRC#reviews', sk: 'STATE' }, ConsistentRead: true },
      { TableName: 't', Key: { pk: 'B#b#PROFILE', sk: 'CURRENT' }, ConsistentRead: true },
    ]);
  });

  it('asks for the latest snapshot before a week, and for the recent runs, as one page each, newest first', async () => {
    documentClient.on(QueryCommand).resolves({ Items: [] });
    const client = table();

    expect(await new SnapshotItems(client).snapshotBefore('2026-W47')).toBeUndefined();
    expect(await new RunItems(client).recentRuns(3)).toEqual([]);

    expect(documentClient.commandCalls(QueryCommand).map((call) => call.args[0].input)).toEqual([
      {
        TableName: 't',
        KeyConditionExpression: '#pk = :pk AND #sk < :week',
        ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
        ExpressionAttributeValues: { ':pk': 'B#b#SNAPSHOT', ':week': '2026-W47' },
        ScanIndexForward: false,
        Limit: 1,
      },
      {
        TableName: 't',
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': 'pk' },
        ExpressionAttributeValues: { ':pk': 'B#b#RUN' },
        ScanIndexForward: false,
        Limit: 3,
      },
    ]);
  });

  it('marks a week’s digest sent only if it is not, and clears the mark by its key', async () => {
    documentClient.on(PutCommand).resolves({});
    documentClient.on(DeleteCommand).resolves({});
    const sent = new DigestSentItems(table());

    expect(await sent.markDigestSent('2026-W47', '2026-11-23T08:00:00.000Z', '<id>')).toBe(true);
    await sent.clearDigestSent('2026-W47');

    expect(documentClient).toHaveReceivedCommandWith(PutCommand, {
      TableName: 't',
      Item: {
        pk: 'B#b#DIGEST#2026-W47',
        sk: 'SENT',
        type: 'digest-sent',
        week: '2026-W47',
        sentAt: '2026-11-23T08:00:00.000Z',
        messageId: '<id>',
      },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': 'pk' },
    });
    expect(documentClient).toHaveReceivedCommandWith(DeleteCommand, {
      TableName: 't',
      Key: { pk: 'B#b#DIGEST#2026-W47', sk: 'SENT' },
    });
  });
});
