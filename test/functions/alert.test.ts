// The alert Lambda on the hourly schedule: a dynalite table holding a profile and a scored surge (a
// brand of its own per test, so each starts without alert state), Secrets Manager mocked, and a
// webhook receiver on 127.0.0.1, which the profile's network.allowHosts lets through the address
// guard. What the function writes (its JSON logs and the metric line) is read back.
import type { IncomingHttpHeaders } from 'node:http';
import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { webhookPayload } from '#adapters/alerts/messages';
import { signatureOf } from '#adapters/alerts/deliver';
import { detectAlerts } from '#app/alerts';
import { alertKey } from '#domain/alerts/state';
import { analyzerKey } from '#domain/analyzer';
import type { Profile, ProfileInput } from '#domain/profile';
import { destinationsReader } from '#functions/destinations-secret';
import { coldStart, lambdaContext } from '#test/support/lambda';
import { useLocalTable } from '#test/support/local-table';
import { localServers } from '#test/support/local-server';
import { RETAIN_DAYS } from '#test/support/retention';
import { storeScoredSurge, SURGE_SOURCES, SURGE_WINDOW, surgeAnalyzer } from '#test/support/surge-signals';
import { makeProfile } from '../support/profile';
import { makeSignal } from '../support/signals';
import { score } from '#app/score';

const TABLE = 'congruence-fn-alert';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:congruence-alert-destinations-AbCdEf';
const WEBHOOK = { kind: 'webhook', urlEnv: 'CONGRUENCE_ALERT_WEBHOOK', secretEnv: 'CONGRUENCE_ALERT_SECRET' } as const;
/** A quarter past noon, as the schedule runs it: the window is the 24 hours to noon. */
const AT = '2026-11-18T12:15:00.000Z';
const AN_HOUR_LATER = '2026-11-18T13:15:00.000Z';

const table = useLocalTable(TABLE, 'dynalite');
const servers = localServers();
const secrets = mockClient(SecretsManagerClient);
afterEach(() => servers.closeAll());
beforeEach(() => secrets.reset());

function alertProfile(overrides: Partial<ProfileInput> = {}): Profile {
  return makeProfile(SURGE_SOURCES, {
    thresholds: { minMentions: 10 },
    retention: { signalTextDays: RETAIN_DAYS },
    network: { allowHosts: ['127.0.0.1'] },
    alerts: { channels: [WEBHOOK] },
    ...overrides,
  });
}

/** A fresh brand holding the profile and the scored surge, and the handler cold-started for it. */
async function deployed(profile: Profile, env: { secretArn?: string } = { secretArn: SECRET_ARN }) {
  const brandId = table.freshBrand();
  const store = table.store({ brandId });
  await storeScoredSurge(store, profile);
  await store.putProfile(profile, new Date().toISOString());
  delete process.env.ALERT_DESTINATIONS_SECRET_ARN;
  const { handler } = await coldStart(
    {
      TABLE_NAME: TABLE,
      BRAND_ID: brandId,
      DYNAMODB_ENDPOINT: table.endpoint,
      ANALYZER_KEY: analyzerKey(surgeAnalyzer()),
      POWERTOOLS_LOG_LEVEL: 'INFO',
      ...(env.secretArn ? { ALERT_DESTINATIONS_SECRET_ARN: env.secretArn } : {}),
    },
    () => import('#functions/alert/handler'),
  );
  /** Invokes the handler, keeping what it wrote: its JSON logs (warnings go to stderr) and its metric line. */
  const invoke = async (event: unknown) => {
    const written: string[] = [];
    const keep = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(keep);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(keep);
    try {
      const result = await handler(event, lambdaContext('alert'));
      const lines = written
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
      return {
        result,
        metrics: lines.filter((line) => '_aws' in line),
        logs: lines.filter((line) => !('_aws' in line)),
      };
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  };
  return { store, brandId, invoke };
}

/** A webhook receiver answering `status()`, keeping each request's body and headers. */
async function receiver(status: () => number = () => 200) {
  const received: Array<{ body: string; headers: IncomingHttpHeaders }> = [];
  const server = await servers.serve((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: request.headers });
      response.writeHead(status());
      response.end();
    });
  });
  return { url: server.url('/alerts'), received };
}

function secretHolds(values: Record<string, unknown>) {
  secrets.on(GetSecretValueCommand).resolves({ ARN: SECRET_ARN, SecretString: JSON.stringify(values) });
}

const metricLine = (brandId: string, failed: number) => ({
  _aws: {
    Timestamp: expect.any(Number),
    CloudWatchMetrics: [
      {
        Namespace: 'Congruence',
        Dimensions: [['BrandId']],
        Metrics: [{ Name: 'AlertDeliveriesFailed', Unit: 'Count' }],
      },
    ],
  },
  BrandId: brandId,
  AlertDeliveriesFailed: failed,
});

describe('the alert Lambda on the hourly schedule', () => {
  it('sends the surge to the webhook at the address the secret holds, signed with its secret, as the documented payload', async () => {
    const profile = alertProfile();
    const { store, brandId, invoke } = await deployed(profile);
    const webhook = await receiver();
    secretHolds({ CONGRUENCE_ALERT_WEBHOOK: webhook.url, CONGRUENCE_ALERT_SECRET: 's3cret' });

    const { result, metrics, logs } = await invoke({ at: AT });

    expect(result).toEqual({ at: AT, fired: 1, delivered: 1, failed: 0, resolved: 0 });
    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    expect(secrets).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: SECRET_ARN });
    const detection = await detectAlerts(store, profile, analyzerKey(surgeAnalyzer()), { now: new Date(AT) });
    const [alert] = detection.alerts;
    const context = {
      brand: profile.brand.name,
      zone: profile.digest.timezone,
      confidence: profile.thresholds.confidence,
      detectedAt: AT,
    };
    expect(webhook.received).toHaveLength(1);
    const [{ body, headers }] = webhook.received as [{ body: string; headers: IncomingHttpHeaders }];
    expect(JSON.parse(body)).toEqual(webhookPayload(alert!, context));
    expect(JSON.parse(body)).toMatchObject({
      version: 'congruence.alert.v1',
      id: alertKey('Fernhill Bikes', alert!, AT),
      brand: 'Fernhill Bikes',
      detectedAt: AT,
      alert: { kind: 'negative-surge', value: { id: 'free-repairs' }, channel: 'social', window: SURGE_WINDOW },
    });
    expect(headers['x-congruence-signature']).toBe(signatureOf(body, 's3cret'));
    expect(headers['idempotency-key']).toBe(alertKey('Fernhill Bikes', alert!, AT));
    expect(metrics).toEqual([metricLine(brandId, 0)]);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'INFO',
        message: 'alerts checked',
        service: 'congruence-alert',
        correlation_id: expect.stringMatching(/^request-/),
        alerts: [
          expect.objectContaining({
            kind: 'negative-surge',
            value: 'free-repairs',
            channel: 'social',
            status: 'sent',
            destinations: { 'webhook:CONGRUENCE_ALERT_WEBHOOK': 'delivered' },
          }),
        ],
      }),
    );
    // nothing of the secret reaches the log
    expect(JSON.stringify(logs)).not.toContain('s3cret');
    expect(JSON.stringify(logs)).not.toContain(webhook.url);

    // the next hour: the same surge, open and no worse, is not sent again, and nothing is read
    const next = await invoke({ at: AN_HOUR_LATER });
    expect(next.result).toMatchObject({ fired: 1, delivered: 0, failed: 0 });
    expect(webhook.received).toHaveLength(1);
    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
  });

  it('does not throw when the receiver answers 500: it reports the failure, counts it in the metric, and the next hour delivers it', async () => {
    const { brandId, invoke } = await deployed(alertProfile());
    let healthy = false;
    const webhook = await receiver(() => (healthy ? 200 : 500));
    secretHolds({ CONGRUENCE_ALERT_WEBHOOK: webhook.url, CONGRUENCE_ALERT_SECRET: 's3cret' });

    const failing = await invoke({ at: AT });
    expect(failing.result).toEqual({ at: AT, fired: 1, delivered: 0, failed: 1, resolved: 0 });
    expect(failing.metrics).toEqual([metricLine(brandId, 1)]);
    expect(failing.logs).toContainEqual(
      expect.objectContaining({
        level: 'WARN',
        failed: 1,
        alerts: [
          expect.objectContaining({
            status: 'sent',
            destinations: { 'webhook:CONGRUENCE_ALERT_WEBHOOK': 'HTTP 500, after 3 attempts' },
          }),
        ],
      }),
    );
    expect(webhook.received).toHaveLength(3);

    healthy = true;
    const next = await invoke({ at: AN_HOUR_LATER });
    expect(next.result).toEqual({ at: AN_HOUR_LATER, fired: 1, delivered: 1, failed: 0, resolved: 0 });
    expect(next.metrics).toEqual([metricLine(brandId, 0)]);
    expect(webhook.received).toHaveLength(4);
    expect(JSON.parse(webhook.received[3]?.body ?? '{}')).toMatchObject({
      detectedAt: AN_HOUR_LATER,
      alert: { window: { to: '2026-11-18T13:00:00.000Z' } },
    });
    // the warm container read the secret once for both runs
    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
  }, 30_000);

  it('reports an address the secret does not hold yet as a failed delivery saying where to put it', async () => {
    const { brandId, invoke } = await deployed(alertProfile());
    // as the stack creates it: the names, and no values
    secretHolds({ CONGRUENCE_ALERT_WEBHOOK: '', CONGRUENCE_ALERT_SECRET: '' });

    const { result, metrics, logs } = await invoke({ at: AT });

    expect(result).toMatchObject({ fired: 1, delivered: 0, failed: 1 });
    expect(metrics).toEqual([metricLine(brandId, 1)]);
    const [warning] = logs.filter((line) => line.level === 'WARN');
    expect(warning.alerts[0].destinations).toEqual({
      'webhook:CONGRUENCE_ALERT_WEBHOOK': `CONGRUENCE_ALERT_WEBHOOK is not set: put the webhook address in the secret ${SECRET_ARN} under "CONGRUENCE_ALERT_WEBHOOK" (docs/deploy.md, "Alerts")`,
    });
  });

  it('keeps the address guard: a receiver on loopback is refused unless network.allowHosts names it', async () => {
    const { invoke } = await deployed(alertProfile({ network: { allowHosts: [] } }));
    const webhook = await receiver();
    // https, so that it is the address that is refused (http goes only to an allowed host anyway)
    const address = webhook.url.replace('http:', 'https:');
    secretHolds({ CONGRUENCE_ALERT_WEBHOOK: address, CONGRUENCE_ALERT_SECRET: 's3cret' });

    const { result, logs } = await invoke({ at: AT });

    expect(result).toMatchObject({ fired: 1, delivered: 0, failed: 1 });
    expect(webhook.received).toEqual([]);
    const [warning] = logs.filter((line) => line.level === 'WARN');
    expect(warning.alerts[0].destinations['webhook:CONGRUENCE_ALERT_WEBHOOK']).toMatch(
      /^127\.0\.0\.1 is .*\(127\.0\.0\.1\), not a public address; if the receiver really lives there, add "127\.0\.0\.1" to network\.allowHosts$/,
    );
  });

  it('with no alerts.channels, detects and logs what fires, sends nothing and reads no secret', async () => {
    const { brandId, invoke } = await deployed(alertProfile({ alerts: { channels: [] } }), {});

    const { result, metrics, logs } = await invoke({});
    // {} from the schedule: detection as at now
    expect(Math.abs(Date.parse(result.at) - Date.now())).toBeLessThan(60_000);
    expect(result).toMatchObject({ delivered: 0, failed: 0 });
    const replayed = await invoke({ at: AT });
    expect(replayed.result).toEqual({ at: AT, fired: 1, delivered: 0, failed: 0, resolved: 0 });
    expect(replayed.logs).toContainEqual(
      expect.objectContaining({
        message: 'alerts checked',
        alerts: [expect.objectContaining({ status: 'not sent', reason: 'the profile lists no alerts.channels' })],
      }),
    );
    expect(metrics).toEqual([metricLine(brandId, 0)]);
    expect(logs.length).toBeGreaterThan(0);
    expect(secrets).not.toHaveReceivedCommand(GetSecretValueCommand);
  });

  it('searches the last hours’ reviews for bursts itself, so a burst is alerted the hour it is scored', async () => {
    const profile = alertProfile({
      sources: [
        ...SURGE_SOURCES,
        { id: 'shop-reviews', kind: 'rss', url: 'https://reviews.example/feed', channel: 'review' },
      ],
      alerts: { channels: [] },
    });
    const { store, invoke } = await deployed(profile, {});
    // five near-identical five-star reviews on the morning of the run, scored but never searched
    const reviews = Array.from({ length: 5 }, (_, index) =>
      makeSignal({
        key: `burst-${index}`,
        sourceId: 'shop-reviews',
        publishedAt: new Date(Date.parse('2026-11-18T08:00:00.000Z') + index * 600_000).toISOString(),
        text: `Best bike shop ever, amazing staff, highly recommend${'!'.repeat(index + 1)}`,
        rating: { value: 5, best: 5 },
      }),
    );
    await store.saveNewSignals(reviews, RETAIN_DAYS);
    await score(profile, { store, analyzer: surgeAnalyzer(), now: () => new Date(AT) });

    const { result, logs } = await invoke({ at: AT });
    expect(logs).toContainEqual(expect.objectContaining({ message: 'review bursts searched', searched: 2 }));
    expect(result.fired).toBe(2);
    expect(logs).toContainEqual(
      expect.objectContaining({
        message: 'alerts checked',
        alerts: expect.arrayContaining([expect.objectContaining({ kind: 'review-burst' })]),
      }),
    );
  });

  it('refuses an event with another key or an instant without its offset', async () => {
    const { invoke } = await deployed(alertProfile());
    await expect(invoke({ at: '2026-11-18T12:15:00' })).rejects.toThrow(/at/);
    await expect(invoke({ At: AT })).rejects.toThrow(/Unrecognized key/);
  });
});

describe('reading the alert destinations secret', () => {
  const client = new SecretsManagerClient({ region: 'eu-west-1' });
  const fixFor = async (read: ReturnType<typeof destinationsReader>) =>
    (await read()).whereSet('CONGRUENCE_ALERT_WEBHOOK', 'the webhook address');

  it('gives what is wrong with a secret that cannot be read, and the fix, without its text', async () => {
    secrets
      .on(GetSecretValueCommand)
      .rejectsOnce(
        new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: {} }),
      )
      .resolvesOnce({ SecretString: 'https://hooks.example/not-json' })
      .resolvesOnce({ SecretString: JSON.stringify({ CONGRUENCE_ALERT_WEBHOOK: 42 }) })
      .resolvesOnce({ SecretString: '["https://hooks.example/a"]' })
      .resolvesOnce({ SecretBinary: new Uint8Array([1]) });
    const read = destinationsReader(client, SECRET_ARN);
    expect(await fixFor(read)).toBe(
      `the secret ${SECRET_ARN} could not be read for it (ResourceNotFoundException: Secrets Manager can't find the specified secret.); ` +
        'check that it exists and that the alert function may read it (a deploy of the stack restores both); the next run reads it again',
    );
    const overwrite = `overwrite it with a JSON object of strings holding "CONGRUENCE_ALERT_WEBHOOK": aws secretsmanager put-secret-value --secret-id ${SECRET_ARN} --secret-string '{"CONGRUENCE_ALERT_WEBHOOK": "…"}' (docs/deploy.md, "Alerts")`;
    for (const problem of [
      'it is not JSON',
      'not a string under "CONGRUENCE_ALERT_WEBHOOK"',
      'it is not a JSON object',
      'it holds binary data, not text',
    ]) {
      const fix = await fixFor(read);
      expect(fix).toBe(`the secret ${SECRET_ARN} could not be read for it (${problem}); ${overwrite}`);
      expect(fix).not.toContain('hooks.example');
    }
    // a failed read is not kept: each run reads again
    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 5);
  });

  it('keeps a value read for five minutes, then reads it again', async () => {
    secretHolds({ CONGRUENCE_ALERT_WEBHOOK: 'https://hooks.example/a' });
    let clock = 0;
    const read = destinationsReader(client, SECRET_ARN, { now: () => clock });
    expect((await read()).addresses).toEqual({ CONGRUENCE_ALERT_WEBHOOK: 'https://hooks.example/a' });
    clock = 5 * 60_000 - 1;
    await read();
    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    clock = 5 * 60_000;
    await read();
    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
  });

  it('says to deploy when the stack made no secret', async () => {
    expect(await fixFor(destinationsReader(client, undefined))).toBe(
      'the stack made no alert destinations secret; deploy it with this profile, and put the webhook address in the secret it creates',
    );
    expect(secrets).not.toHaveReceivedCommand(GetSecretValueCommand);
  });
});
