// Posting alerts to loopback receivers standing in for Slack, Teams and a webhook: the exact
// payloads and signature, retries on 500 and 429 (honouring Retry-After), and the guard that keeps
// alerts off private addresses and plain http.
import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { postAlert, refusedDestination, signatureOf } from '#adapters/alerts/deliver';
import { ALERT_PAYLOAD_VERSION, alertKey, slackMessage, teamsMessage, webhookPayload } from '#adapters/alerts/messages';
import type { SurgeAlert } from '#app/alerts';
import { surgeAlert } from '#test/support/alerts';
import { ALLOW_LOOPBACK, localServers } from '#test/support/local-server';

const servers = localServers();
afterEach(() => servers.closeAll());

const HOSTILE = 'Refused a <b>free</b> repair & said *"read the small print"* <https://evil.example|click>';

/** The alert of these tests: the value's real label and promise, and quotes with hostile text and a hostile link. */
function surge(): SurgeAlert {
  return surgeAlert({
    value: {
      id: 'free-repairs',
      label: 'Free repairs for life',
      promise: 'Every bike we sell is repaired free for life.',
    },
    topPhrases: [
      { phrase: 'labour <b>charge</b> <!channel>', posts: 6 },
      { phrase: 'workshop rule', posts: 4 },
    ],
    quotes: [
      {
        signalId: 'sig-1',
        quote: HOSTILE,
        title: 'post',
        sourceId: 'x',
        publishedAt: '2026-11-17T14:00:00.000Z',
        url: 'https://x.example/p/1?a=1&b=<2>',
      },
      {
        signalId: 'sig-2',
        quote: 'Fernhill wanted 80 quid.',
        title: 'post',
        sourceId: 'mastodon',
        publishedAt: '2026-11-18T09:30:00.000Z',
        url: null,
      },
    ],
  });
}

const CONTEXT = {
  brand: 'Fernhill Bikes',
  zone: 'Europe/London',
  confidence: 0.9,
  detectedAt: '2026-11-18T12:30:00.000Z',
};

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A receiver that answers each request with the next status (the last one repeating), recording what it got. */
async function receiver(statuses: Array<number | { status: number; retryAfter: string }>) {
  const received: Received[] = [];
  const server = await servers.serve((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const next = statuses[Math.min(received.length - 1, statuses.length - 1)] ?? 200;
      const { status, retryAfter } = typeof next === 'number' ? { status: next, retryAfter: undefined } : next;
      response.writeHead(status, retryAfter === undefined ? {} : { 'retry-after': retryAfter });
      response.end(status < 300 ? 'ok' : 'busy');
    });
  });
  return { url: server.url('/hook'), received };
}

function recordingSleep() {
  const pauses: number[] = [];
  return { pauses, sleep: async (ms: number) => void pauses.push(ms) };
}

describe('posting an alert', () => {
  it('to a webhook: the documented JSON, signed with the shared secret, with the idempotency key', async () => {
    const { url, received } = await receiver([200]);
    const alert = surge();
    const payload = webhookPayload(alert, CONTEXT);
    const outcome = await postAlert({ kind: 'webhook', url, secret: 's3cret' }, payload, payload.id, {
      allowHosts: ALLOW_LOOPBACK,
    });
    expect(outcome).toEqual({ status: 'delivered', attempts: 1, httpStatus: 200 });
    const [request] = received;
    const expected = createHmac('sha256', 's3cret')
      .update(request?.body ?? '')
      .digest('hex');
    expect(request?.headers['x-congruence-signature']).toBe(`sha256=${expected}`);
    expect(request?.headers['idempotency-key']).toBe(alertKey('Fernhill Bikes', alert, CONTEXT.detectedAt));
    expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = JSON.parse(request?.body ?? '{}');
    expect(body).toMatchObject({
      version: ALERT_PAYLOAD_VERSION,
      id: alertKey('Fernhill Bikes', alert, CONTEXT.detectedAt),
      brand: 'Fernhill Bikes',
      detectedAt: '2026-11-18T12:30:00.000Z',
      alert: { kind: 'negative-surge', valueId: 'free-repairs', channel: 'social', mentions: 21, negative: 15 },
    });
    expect(body.summary).toBe(
      '“Free repairs for life” on social: 15 of 21 mentions negative from 17 Nov 12:00 to 18 Nov 12:00 ' +
        '(71%; 90% interval 52% to 85%), against 17% negative in the same hours of the 4 weeks before; ' +
        '7.5 times the usual negatives (2.0 in such a window).',
    );
    expect(body.alert.quotes[0].quote).toBe(HOSTILE);
    expect(signatureOf(request?.body ?? '', 's3cret')).toBe(request?.headers['x-congruence-signature']);
  });

  it('to Slack: Block Kit with the feed text in plain_text and links escaped', async () => {
    const { url, received } = await receiver([200]);
    const message = slackMessage(surge(), CONTEXT);
    expect(await postAlert({ kind: 'slack', url }, message, 'key', { allowHosts: ALLOW_LOOPBACK })).toMatchObject({
      status: 'delivered',
    });
    const body = JSON.parse(received[0]?.body ?? '{}');
    expect(body.text).toMatch(/^Fernhill Bikes: “Free repairs for life” on social: 15 of 21 mentions negative/);
    expect(body.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Fernhill Bikes: “Free repairs for life” on social' },
    });
    expect(body.blocks).toContainEqual({ type: 'section', text: { type: 'plain_text', text: `“${HOSTILE}”` } });
    // the phrases the posts share are customers' words too: plain text
    expect(body.blocks).toContainEqual({
      type: 'section',
      text: {
        type: 'plain_text',
        text: 'What the posts keep saying: “labour <b>charge</b> <!channel>” (6 posts), “workshop rule” (4 posts)',
      },
    });
    expect(body.blocks).toContainEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '<https://x.example/p/1?a=1&amp;b=&lt;2&gt;|x, 17 Nov 14:00>' }],
    });
    expect(body.blocks).toContainEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'mastodon, 18 Nov 09:30' }],
    });
    // no feed text reaches an element that reads markup
    for (const block of body.blocks as Array<{ text?: { type: string; text: string } }>)
      if (block.text?.type === 'mrkdwn') expect(block.text.text).not.toContain('Refused');
  });

  it('to Teams: an Adaptive Card whose feed text sits in TextRuns, which read no markdown', async () => {
    const { url, received } = await receiver([202]);
    const message = teamsMessage(surge(), CONTEXT);
    expect(await postAlert({ kind: 'teams', url }, message, 'key', { allowHosts: ALLOW_LOOPBACK })).toMatchObject({
      status: 'delivered',
      httpStatus: 202,
    });
    const body = JSON.parse(received[0]?.body ?? '{}');
    expect(body.type).toBe('message');
    const [attachment] = body.attachments;
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    const blocks = attachment.content.body as Array<{ type: string; inlines: Array<Record<string, unknown>> }>;
    expect(blocks.every((block) => block.type === 'RichTextBlock')).toBe(true);
    const quote = blocks.find((block) => block.inlines[0]?.text === `“${HOSTILE}”`);
    expect(quote?.inlines[1]).toEqual({
      type: 'TextRun',
      text: ' — x, 17 Nov 14:00',
      isSubtle: true,
      selectAction: { type: 'Action.OpenUrl', url: 'https://x.example/p/1?a=1&b=<2>' },
    });
  });

  it('tries again after a 500 and after a 429’s Retry-After, then delivers', async () => {
    const { url, received } = await receiver([500, { status: 429, retryAfter: '7' }, 200]);
    const { pauses, sleep } = recordingSleep();
    const outcome = await postAlert({ kind: 'slack', url }, { text: 'x' }, 'key', {
      allowHosts: ALLOW_LOOPBACK,
      sleep,
    });
    expect(outcome).toEqual({ status: 'delivered', attempts: 3, httpStatus: 200 });
    expect(received).toHaveLength(3);
    // 1 s after the 500, the 7 s the 429 asked for
    expect(pauses).toEqual([1_000, 7_000]);
  });

  it('reports a receiver that keeps failing after 3 attempts, and one that refuses the alert at once', async () => {
    const busy = await receiver([503]);
    const { sleep } = recordingSleep();
    expect(await postAlert({ kind: 'teams', url: busy.url }, {}, 'key', { allowHosts: ALLOW_LOOPBACK, sleep })).toEqual(
      {
        status: 'failed',
        attempts: 3,
        reason: 'HTTP 503, after 3 attempts',
      },
    );
    const gone = await receiver([404]);
    expect(await postAlert({ kind: 'slack', url: gone.url }, {}, 'key', { allowHosts: ALLOW_LOOPBACK, sleep })).toEqual(
      {
        status: 'failed',
        attempts: 1,
        reason: 'HTTP 404: the receiver refused the alert',
      },
    );
    expect(gone.received).toHaveLength(1);
  });

  it('refuses a private or loopback address not in network.allowHosts, plain http, and a webhook without a secret', async () => {
    const { url, received } = await receiver([200]);
    expect(await postAlert({ kind: 'slack', url }, {}, 'key', { allowHosts: [] })).toEqual({
      status: 'failed',
      attempts: 0,
      reason: 'http:// is refused: alerts are sent over https (http only to a host in network.allowHosts)',
    });
    expect(await refusedDestination('https://hooks.internal.example/x', [], async () => ['10.1.2.3'])).toBe(
      'hooks.internal.example is a private address (10.1.2.3), not a public address; if the receiver really lives there, add "hooks.internal.example" to network.allowHosts',
    );
    expect(await refusedDestination('https://hooks.slack.example/x', [], async () => ['203.0.113.9'])).toBe(
      'hooks.slack.example is a reserved address (203.0.113.9), not a public address; if the receiver really lives there, add "hooks.slack.example" to network.allowHosts',
    );
    expect(
      await refusedDestination('https://hooks.slack.com/services/T/B/x', [], async () => ['34.1.2.3']),
    ).toBeUndefined();
    expect(await postAlert({ kind: 'webhook', url }, {}, 'key', { allowHosts: ALLOW_LOOPBACK })).toEqual({
      status: 'failed',
      attempts: 0,
      reason: 'no secret to sign the webhook body with',
    });
    expect(received).toEqual([]);
  });
});
