// The digest Lambda on the example brand with its competitors: the stack's digest reads the
// competitors' rollups beside the brand's and sends "How you compare" with its charts. A dynalite
// table holds the example ingested and scored; SES is mocked and the e-mail parsed back.
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '#adapters/config/load-profile';
import { digestLambdaOn } from '#test/support/digest-lambda';
import { lambdaContext } from '#test/support/lambda';
import { useScoredStore } from '#test/support/scored-store';

const TABLE = 'congruence-fn-digest-competitors';
const { profile, baseDir } = loadProfile('examples/fernhill/brand.yaml');
const ses = mockClient(SESv2Client);
const scored = useScoredStore(profile, { baseDir, tableName: TABLE });
let handler: typeof import('#functions/digest/handler').handler;

beforeAll(async () => {
  handler = await digestLambdaOn(scored, profile);
  ses.reset();
  ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-competitors' });
});

describe('the digest Lambda with competitors declared', () => {
  it('sends "How you compare" with the planted finding, its quotes from both sides and a chart per compared value', async () => {
    const result = await handler({ week: '2026-W47' }, lambdaContext('digest'));
    expect(result).toEqual({ status: 'sent', week: '2026-W47', messageId: 'ses-message-competitors' });
    const data = ses.commandCalls(SendEmailCommand)[0]?.args[0].input.Content?.Raw?.Data;
    const mail = await simpleParser(Buffer.from(data as Uint8Array), { keepCidLinks: true });

    // the text part wraps its lines
    const text = (mail.text ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('HOW YOU COMPARE');
    expect(text).toContain('Cobalt Cycles ahead of you on “Free repairs for life”');
    expect(text).toContain('Above you 3 weeks running, since the week of 2 Nov.');
    expect(text).toContain('Cobalt Cycles: “');
    expect(text).toContain('Fernhill Bikes: “');
    expect(mail.html).toContain('How you compare');
    expect(mail.html).toContain('Cobalt Cycles ahead of you on “Free repairs for life”');
    const compareCharts = mail.attachments.filter((part) => part.contentId?.includes('compare-'));
    expect(compareCharts.length).toBeGreaterThanOrEqual(1);
    expect(compareCharts.map((part) => part.contentId)).toContain('<compare-free-repairs>');
    expect(compareCharts.every((part) => part.contentType === 'image/png' && part.content.length > 0)).toBe(true);
    for (const part of compareCharts) expect(mail.html).toContain(`cid:${part.contentId?.slice(1, -1)}`);
  });
});
