// The digest Lambda: a dynalite table holding a profile and scored signals (the local pipeline:
// ingest, then score with the local analyzer), SES mocked; the e-mail is parsed back with mailparser.
import { join } from 'node:path';
import { MessageRejected, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { simpleParser } from 'mailparser';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DynamoStore } from '#adapters/store/dynamo-store';
import { analyzerKey } from '#domain/analyzer';
import { makeProfile } from '../support/profile';
import { digestLambdaOn } from '#test/support/digest-lambda';
import { lambdaContext } from '#test/support/lambda';
import { useScoredStore } from '#test/support/scored-store';

const TABLE = 'congruence-fn-digest';
const profile = makeProfile([{ id: 'social', kind: 'rss', path: 'rss1-social.rdf', channel: 'social' }]);
const ses = mockClient(SESv2Client);
const scored = useScoredStore(profile, { baseDir: join(process.cwd(), 'test/fixtures/feeds'), tableName: TABLE });
let store: DynamoStore;
let handler: typeof import('#functions/digest/handler').handler;

beforeAll(async () => {
  store = scored.store();
  handler = await digestLambdaOn(scored, profile);
});
beforeEach(() => {
  ses.reset();
  ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });
});

describe('the digest Lambda on the weekly schedule', () => {
  it('sends the week’s digest once, as one raw MIME message with text, HTML and inline charts', async () => {
    const result = await handler({ week: '2026-W46' }, lambdaContext('digest'));
    expect(result).toEqual({ status: 'sent', week: '2026-W46', messageId: 'ses-message-1' });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      FromEmailAddress: 'congruence@example.com',
      Destination: { ToAddresses: ['brand-team@example.com'] },
    });
    const data = ses.commandCalls(SendEmailCommand)[0]?.args[0].input.Content?.Raw?.Data;
    expect(data).toBeDefined();
    const mail = await simpleParser(Buffer.from(data as Uint8Array));
    expect(mail.text).toContain('Fernhill');
    expect(mail.html).toContain('Free repairs for life');
    expect(mail.attachments.length).toBeGreaterThan(0);
    expect(mail.attachments.every((part) => part.contentType === 'image/png' && part.content.length > 0)).toBe(true);

    ses.resetHistory();
    expect(await handler({ week: '2026-W46' }, lambdaContext('digest'))).toEqual({
      status: 'already-sent',
      week: '2026-W46',
    });
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
  });

  it('clears the week’s marker and fails when SES rejects the message, so the next run sends it', async () => {
    ses
      .on(SendEmailCommand)
      .rejectsOnce(new MessageRejected({ message: 'Email address is not verified.', $metadata: {} }))
      .resolves({ MessageId: 'ses-message-2' });
    await expect(handler({ week: '2026-W45' }, lambdaContext('digest'))).rejects.toThrow(
      'digest for week 2026-W45 was not sent (SES did not send the digest (MessageRejected: Email address is not verified.); ' +
        'check that congruence@example.com is a verified SES identity in this region and, while the account is in the SES ' +
        'sandbox, that every recipient is verified too); the next invocation may send it',
    );
    expect(await handler({ week: '2026-W45' }, lambdaContext('digest'))).toEqual({
      status: 'sent',
      week: '2026-W45',
      messageId: 'ses-message-2',
    });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 2);
  });

  it('refuses rollups cut in another time zone, and rebuilds them when invoked with rebuildRollups', async () => {
    const berlin = { ...profile, digest: { ...profile.digest, timezone: 'Europe/Berlin' } };
    await store.putProfile(berlin, new Date().toISOString());
    try {
      await expect(handler({ week: '2026-W46' }, lambdaContext('digest'))).rejects.toThrow(
        /cut in the time zone UTC, and digest.timezone is now Europe\/Berlin.*invoke the digest function once with \{"rebuildRollups": true\}/,
      );
      const rebuilt = await handler({ rebuildRollups: true }, lambdaContext('digest'));
      expect(rebuilt).toMatchObject({ status: 'rollups-rebuilt', analyzer: analyzerKey(scored.analyzer) });
      expect((rebuilt as { rollups: number }).rollups).toBeGreaterThan(0);
      expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
      expect(await handler({ week: '2026-W44' }, lambdaContext('digest'))).toMatchObject({ status: 'sent' });
    } finally {
      await store.putProfile(profile, new Date().toISOString());
      await handler({ rebuildRollups: true }, lambdaContext('digest'));
    }
  });

  it('searches the last days for review bursts on the daily schedule, and only the days changed since', async () => {
    const first = await handler({ searchReviewBursts: true }, lambdaContext('digest'));
    // the UTC days the last 8 days touch: 8, or 9 unless the clock is exactly at midnight
    expect(first).toMatchObject({ status: 'review-bursts-searched', bursts: 0 });
    const { days } = first as { days: number };
    expect([8, 9]).toContain(days);
    expect(first).toMatchObject({ searched: days });
    const again = await handler({ searchReviewBursts: true }, lambdaContext('digest'));
    expect(again).toMatchObject({ status: 'review-bursts-searched', searched: expect.any(Number) });
    // a day that began between the two calls is the only one searched again
    expect((again as { searched: number }).searched).toBeLessThanOrEqual(1);
  });

  it('refuses a week that is not an ISO week', async () => {
    await expect(handler({ week: '2026-11-16' }, lambdaContext('digest'))).rejects.toThrow(/ISO week/);
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
  });
});
