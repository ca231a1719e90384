// The digest Lambda with alerts.digestSummary: once the digest is sent, its summary is posted to the
// Slack channel at the address the alerts' secret holds (Secrets Manager mocked, a receiver on
// 127.0.0.1 that the profile's network.allowHosts lets through), and counted in the delivery metric.
import { join } from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { digestLambdaOn } from '#test/support/digest-lambda';
import { lambdaContext } from '#test/support/lambda';
import { localServers } from '#test/support/local-server';
import { useScoredStore } from '#test/support/scored-store';
import { makeProfile } from '../support/profile';

const TABLE = 'congruence-fn-digest-summary';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:congruence-alert-destinations-AbCdEf';
const profile = makeProfile([{ id: 'social', kind: 'rss', path: 'rss1-social.rdf', channel: 'social' }], {
  alerts: {
    digestSummary: true,
    channels: [
      { kind: 'slack', urlEnv: 'CONGRUENCE_SLACK_WEBHOOK' },
      { kind: 'teams', urlEnv: 'CONGRUENCE_TEAMS_WEBHOOK' },
    ],
  },
  network: { allowHosts: ['127.0.0.1'] },
});
const ses = mockClient(SESv2Client);
const secrets = mockClient(SecretsManagerClient);
const servers = localServers();
const scored = useScoredStore(profile, { baseDir: join(process.cwd(), 'test/fixtures/feeds'), tableName: TABLE });
afterEach(() => servers.closeAll());

let handler: typeof import('#functions/digest/handler').handler;

beforeAll(async () => {
  handler = await digestLambdaOn(scored, profile, { ALERT_DESTINATIONS_SECRET_ARN: SECRET_ARN });
});

describe('the digest Lambda with alerts.digestSummary', () => {
  it('posts the sent digest’s summary to Slack, reports the Teams address the secret lacks, and counts it', async () => {
    const bodies: unknown[] = [];
    const server = await servers.serve((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        response.writeHead(200);
        response.end();
      });
    });
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });
    secrets
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ CONGRUENCE_SLACK_WEBHOOK: server.url('/slack') }) });
    const written: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    let result: Awaited<ReturnType<typeof handler>>;
    try {
      result = await handler({ week: '2026-W46' }, lambdaContext('digest'));
    } finally {
      stdout.mockRestore();
    }
    expect(result).toMatchObject({
      status: 'sent',
      summary: {
        'slack:CONGRUENCE_SLACK_WEBHOOK': 'delivered',
        'teams:CONGRUENCE_TEAMS_WEBHOOK': expect.stringContaining(
          `CONGRUENCE_TEAMS_WEBHOOK is not set: put the teams address in the secret ${SECRET_ARN}`,
        ),
      },
    });
    expect(secrets).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: SECRET_ARN });
    expect(bodies).toHaveLength(1);
    const slack = bodies[0] as { blocks: Array<{ text?: { text: string } }> };
    expect(slack.blocks[0]?.text?.text).toMatch(/^Fernhill Bikes, week of /);
    const metric = written
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .find((line) => '_aws' in line);
    expect(metric).toMatchObject({ BrandId: profile.brand.id, AlertDeliveriesFailed: 1 });
  });
});
