// The weekly digest posted to Slack and Teams as a short summary (alerts.digestSummary): its exact
// messages, customers' words kept inert, and the posting to loopback receivers, which only happens
// when the digest was sent.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  digestSummaryChannels,
  postDigestSummary,
  slackDigestSummary,
  teamsDigestSummary,
} from '#adapters/alerts/digest-summary';
import { writeDigest } from '#cli/digest-command';
import type { Profile } from '#domain/profile';
import { hostileDigestModel, SCRIPT } from '#test/fixtures/digest/hostile-model';
import { sampleComparison } from '#test/fixtures/digest/sample-comparison';
import { sampleDigestModel, sampleDigestModelWith } from '#test/fixtures/digest/sample-model';
import { ALLOW_LOOPBACK, localServers } from '#test/support/local-server';
import { useLocalTable } from '#test/support/local-table';
import { makeProfile } from '../../support/profile';

const servers = localServers();
afterEach(() => servers.closeAll());

function profileWith(digestSummary: boolean): Profile {
  return makeProfile([{ id: 'x', kind: 'rss', url: 'https://x.example/feed', channel: 'social' }], {
    alerts: {
      digestSummary,
      digestLink: 'https://intranet.example/brand/digests',
      channels: [
        { kind: 'slack', urlEnv: 'TEST_SLACK_URL' },
        { kind: 'teams', urlEnv: 'TEST_TEAMS_URL' },
        { kind: 'webhook', urlEnv: 'TEST_WEBHOOK_URL', secretEnv: 'TEST_WEBHOOK_SECRET' },
      ],
    },
    network: { allowHosts: [...ALLOW_LOOPBACK] },
  });
}

describe('the digest summary', () => {
  it('is the headline, the index with its change, the first three findings and a link, in Block Kit', () => {
    const model = sampleDigestModel();
    const message = slackDigestSummary(model, 'https://intranet.example/brand/digests') as {
      text: string;
      blocks: unknown[];
    };
    const titles = model.divergences.map((divergence) => divergence.title);
    const more = model.divergences.length - 3;
    expect(message.blocks).toEqual([
      {
        type: 'header',
        text: {
          type: 'plain_text',
          text: 'Fernhill Bikes, week of 16–22 November 2026: “Free repairs for life” contradicted in reviews',
        },
      },
      {
        type: 'section',
        text: {
          type: 'plain_text',
          text: `Brand Alignment Index 58 (−9 points from last week) · ${model.period.signals} signals · ${titles.length} findings`,
        },
      },
      {
        type: 'section',
        text: {
          type: 'plain_text',
          text: [
            ...titles.slice(0, 3),
            ...(more > 0 ? [`and ${more} more finding${more === 1 ? '' : 's'} in the digest`] : []),
          ]
            .map((line) => `• ${line}`)
            .join('\n'),
        },
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Read the digest' },
            url: 'https://intranet.example/brand/digests',
          },
        ],
      },
    ]);
  });

  it('names the first competitor ahead of the brand (or voice lost) after the findings, never where the brand leads', () => {
    const comparison = sampleComparison();
    const lines = (section: typeof comparison | null) =>
      (
        slackDigestSummary(sampleDigestModelWith((model) => (model.comparison = section))) as {
          blocks: Array<{ text?: { text: string } }>;
        }
      ).blocks[2]?.text?.text.split('\n') ?? [];
    expect(lines(comparison).at(-1)).toBe(`• How you compare: ${comparison.findings[0]?.title}`);
    expect(comparison.findings[0]?.kind).toBe('competitor-ahead');
    const leadsOnly = {
      ...comparison,
      findings: comparison.findings.filter((finding) => finding.kind === 'brand-leads'),
    };
    expect(leadsOnly.findings.length).toBeGreaterThan(0);
    expect(lines(leadsOnly).some((line) => line.includes('How you compare'))).toBe(false);
    expect(lines(null).some((line) => line.includes('How you compare'))).toBe(false);
  });

  it('keeps customers’ words inert: plain text in blocks and cards, escaped in Slack’s notification text', () => {
    const model = hostileDigestModel();
    const slack = slackDigestSummary(model) as {
      text: string;
      blocks: Array<{ type: string; text?: { type: string } }>;
    };
    expect(slack.text).not.toContain('<script>');
    expect(slack.text).toContain('&lt;script&gt;');
    for (const block of slack.blocks) if (block.text) expect(block.text.type).toBe('plain_text');
    const teams = teamsDigestSummary(model);
    const runs = JSON.stringify(teams);
    // in a card, text is a TextRun's: Teams shows it as written, markup included
    expect(runs).toContain(JSON.stringify(SCRIPT).slice(1, -1));
    expect(runs).not.toContain('"type":"TextBlock"');
  });

  it('goes to the Slack and Teams channels only, and only when alerts.digestSummary is on', () => {
    expect(digestSummaryChannels(profileWith(false))).toEqual([]);
    expect(digestSummaryChannels(profileWith(true)).map((channel) => channel.kind)).toEqual(['slack', 'teams']);
  });

  it('is posted to each channel, with one idempotency key per week, and a missing address is reported', async () => {
    const received: Array<{ path: string; key: string | undefined; body: unknown }> = [];
    const server = await servers.serve((request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          path: request.url ?? '',
          key: request.headers['idempotency-key'] as string | undefined,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        });
        response.writeHead(200);
        response.end();
      });
    });
    const model = sampleDigestModel();
    const profile = profileWith(true);
    const outcomes = await postDigestSummary(profile, model, {
      addresses: { TEST_SLACK_URL: server.url('/slack') },
      whereSet: (_name, what) => `export ${what} in it`,
      allowHosts: profile.network.allowHosts,
    });
    expect(outcomes).toEqual({
      'slack:TEST_SLACK_URL': 'delivered',
      'teams:TEST_TEAMS_URL': 'TEST_TEAMS_URL is not set: export the teams address in it',
    });
    expect(received).toHaveLength(1);
    expect(received[0]?.path).toBe('/slack');
    expect(received[0]?.body).toEqual(slackDigestSummary(model, 'https://intranet.example/brand/digests'));
    expect(received[0]?.key).toMatch(/^[0-9a-f]{32}$/);
    await postDigestSummary(profile, model, {
      addresses: { TEST_SLACK_URL: server.url('/slack') },
      whereSet: () => '',
      allowHosts: profile.network.allowHosts,
    });
    expect(received[1]?.key).toBe(received[0]?.key);
  });
});

describe('congruence digest --send with alerts.digestSummary', () => {
  const table = useLocalTable();
  const ses = mockClient(SESv2Client);
  afterEach(() => ses.reset());

  async function receiver() {
    const paths: string[] = [];
    const server = await servers.serve((request: IncomingMessage, response: ServerResponse) => {
      request.resume();
      request.on('end', () => {
        paths.push(request.url ?? '');
        response.writeHead(200);
        response.end();
      });
    });
    return { paths, environment: { TEST_SLACK_URL: server.url('/slack'), TEST_TEAMS_URL: server.url('/teams') } };
  }

  async function digestInto(send: () => Promise<unknown>, environment: NodeJS.ProcessEnv) {
    ses.on(SendEmailCommand).callsFake(send);
    const outDir = await mkdtemp(join(tmpdir(), 'congruence-summary-'));
    try {
      return await writeDigest(profileWith(true), table.store(), {
        outDir,
        analyzer: 'local@test',
        week: '2026-W47',
        silent: true,
        sending: { ses: new SESv2Client({ region: 'eu-west-1' }) },
        environment,
      });
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  }

  it('posts the summary to Slack and Teams once the e-mail is sent', async () => {
    const { paths, environment } = await receiver();
    const written = await digestInto(async () => ({ MessageId: 'ses-1' }), environment);
    expect(written.sent?.sesMessageId).toBe('ses-1');
    expect(written.posted).toEqual({ 'slack:TEST_SLACK_URL': 'delivered', 'teams:TEST_TEAMS_URL': 'delivered' });
    expect(written.summaryFailed).toBe(false);
    expect(paths.sort()).toEqual(['/slack', '/teams']);
  });

  it('posts nothing when the e-mail was refused: a summary of a digest nobody got would mislead', async () => {
    const { paths, environment } = await receiver();
    const written = await digestInto(async () => {
      throw Object.assign(new Error('Email address is not verified.'), { name: 'MessageRejected' });
    }, environment);
    expect(written.sendError).toMatch(/not verified/);
    expect(written.posted).toBeUndefined();
    expect(paths).toEqual([]);
  });
});
