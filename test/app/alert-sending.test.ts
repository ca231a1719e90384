// Sending alerts without spam, on the real store and to loopback receivers standing in for Slack,
// Teams and a webhook: two runs at once send once; an open alert is not repeated until it worsens;
// a receiver that fails gets the alert on the next run; the daily cap; resolution.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { type AlertDetection, type SurgeAlert, sendAlerts } from '#app/alerts';
import { environmentSender } from '#cli/alert-command';
import { alertKey } from '#domain/alerts/state';
import type { Profile } from '#domain/profile';
import { expectPublishedPayload } from '#test/support/alert-payload';
import { useLocalTable } from '#test/support/local-table';
import { burstAlert, surgeAlert } from '#test/support/alerts';
import { localServers } from '#test/support/local-server';
import { makeProfile } from '../support/profile';

const table = useLocalTable();
const servers = localServers();
afterEach(() => servers.closeAll());

function profileWith(dailyCap = 5, resolvedNotice = false): Profile {
  return makeProfile([{ id: 'x', kind: 'rss', url: 'https://x.example/feed', channel: 'social' }], {
    alerts: {
      dailyCap,
      resolvedNotice,
      channels: [
        { kind: 'slack', urlEnv: 'TEST_SLACK_URL' },
        { kind: 'teams', urlEnv: 'TEST_TEAMS_URL' },
        { kind: 'webhook', urlEnv: 'TEST_WEBHOOK_URL', secretEnv: 'TEST_WEBHOOK_SECRET' },
      ],
    },
  });
}

function surge(valueId: string, windowTo: string, negative = 15, mentions = 21): SurgeAlert {
  return surgeAlert({ valueId, windowTo, negative, mentions });
}

function detection(at: string, ...alerts: SurgeAlert[]): AlertDetection {
  return { brand: 'Fernhill Bikes', at, sensitivity: 'balanced', windowHours: 24, alerts };
}

/** A receiver answering with `status()` each time, counting what it got. */
async function receiver(status: () => number = () => 200) {
  const bodies: string[] = [];
  const server = await servers.serve((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(status());
      response.end();
    });
  });
  return { url: server.url('/in'), bodies };
}

async function receivers(teamsStatus: () => number = () => 200) {
  const slack = await receiver();
  const teams = await receiver(teamsStatus);
  const webhook = await receiver();
  const environment = {
    TEST_SLACK_URL: slack.url,
    TEST_TEAMS_URL: teams.url,
    TEST_WEBHOOK_URL: webhook.url,
    TEST_WEBHOOK_SECRET: 's3cret',
  };
  return { slack, teams, webhook, environment };
}

function depsFor(profile: Profile, environment: NodeJS.ProcessEnv, at: string, store = table.store()) {
  const context = { brand: 'Fernhill Bikes', zone: 'UTC', confidence: 0.9, detectedAt: at };
  // no pause between attempts: the retries' timing is deliver.test.ts's
  const send = environmentSender(profile, context, environment, { sleep: async () => undefined });
  return { store, send, now: new Date(at) };
}

describe('sending alerts', () => {
  it('sends an alert once to each destination, even when two runs send it at the same moment', async () => {
    const profile = profileWith();
    const { slack, teams, webhook, environment } = await receivers();
    const store = table.store();
    const at = '2026-11-18T12:30:00.000Z';
    const found = detection(at, surge('free-repairs', '2026-11-18T12:00:00.000Z'));
    const [first, second] = await Promise.all([
      sendAlerts(found, profile, depsFor(profile, environment, at, store)),
      sendAlerts(found, profile, depsFor(profile, environment, at, store)),
    ]);
    expect([slack.bodies, teams.bodies, webhook.bodies].map((bodies) => bodies.length)).toEqual([1, 1, 1]);
    const outcomes = [...(first?.outcomes ?? []), ...(second?.outcomes ?? [])].map((outcome) =>
      outcome.status === 'sent' ? 'sent' : outcome.reason,
    );
    expect(outcomes.sort()).toEqual(['another run is sending it', 'sent']);
    expect(JSON.parse(webhook.bodies[0] ?? '{}').id).toBe(
      alertKey('Fernhill Bikes', found.alerts[0] as SurgeAlert, at),
    );
  });

  it('does not repeat an open alert unless it has worsened, and resolves it once a whole window passes without it', async () => {
    const profile = profileWith();
    const { slack, environment } = await receivers();
    const store = table.store();
    const run = (at: string, ...alerts: SurgeAlert[]) =>
      sendAlerts(detection(at, ...alerts), profile, depsFor(profile, environment, at, store));
    await run('2026-11-18T12:30:00.000Z', surge('free-repairs', '2026-11-18T12:00:00.000Z', 15));
    const later = await run('2026-11-18T13:30:00.000Z', surge('free-repairs', '2026-11-18T13:00:00.000Z', 16));
    expect(later.outcomes.map((outcome) => (outcome.status === 'sent' ? 'sent' : outcome.reason))).toEqual([
      'sent before, and not worse since',
    ]);
    // 15 of 21 to 24 of 26: the share up 21 points
    const worse = await run('2026-11-18T14:30:00.000Z', surge('free-repairs', '2026-11-18T14:00:00.000Z', 24, 26));
    expect(worse.outcomes.map((outcome) => outcome.status)).toEqual(['sent']);
    expect(slack.bodies).toHaveLength(2);
    // an hour without it: still open (it may be hovering at the threshold), and not sent when it comes back
    expect((await run('2026-11-18T15:30:00.000Z')).resolved).toEqual([]);
    const back = await run('2026-11-18T16:30:00.000Z', surge('free-repairs', '2026-11-18T16:00:00.000Z', 24, 26));
    expect(back.outcomes.map((outcome) => outcome.status)).toEqual(['not sent']);
    // a whole window (24 hours) without it: resolved, and the same surge is news again
    const quiet = await run('2026-11-19T16:30:00.000Z');
    // resolved for all three destinations, told to none (alerts.resolvedNotice is off by default)
    expect(quiet.resolved.map(({ notice, destinations }) => [notice.of.subject, destinations])).toEqual([
      ['free-repairs#social', {}],
    ]);
    expect(slack.bodies).toHaveLength(2);
    const again = await run('2026-11-19T17:30:00.000Z', surge('free-repairs', '2026-11-19T17:00:00.000Z', 15));
    expect(again.outcomes.map((outcome) => outcome.status)).toEqual(['sent']);
  });

  it('tells each destination that got a surge when it resolves, with alerts.resolvedNotice', async () => {
    const profile = profileWith(5, true);
    const { slack, teams, webhook, environment } = await receivers();
    const store = table.store();
    const run = (at: string, ...alerts: SurgeAlert[]) =>
      sendAlerts(detection(at, ...alerts), profile, depsFor(profile, environment, at, store));
    await run('2026-11-18T12:30:00.000Z', surge('free-repairs', '2026-11-18T12:00:00.000Z'));
    // still within a window of its last firing: nothing resolves yet
    expect((await run('2026-11-19T11:30:00.000Z')).resolved).toEqual([]);
    const quiet = await run('2026-11-19T12:30:00.000Z');
    expect(quiet.resolved.map(({ destinations }) => destinations)).toEqual([
      {
        'slack:TEST_SLACK_URL': 'delivered',
        'teams:TEST_TEAMS_URL': 'delivered',
        'webhook:TEST_WEBHOOK_URL': 'delivered',
      },
    ]);
    expect([slack.bodies, teams.bodies, webhook.bodies].map((bodies) => bodies.length)).toEqual([2, 2, 2]);
    expectPublishedPayload(webhook.bodies[1]);
    const notice = JSON.parse(webhook.bodies[1] ?? '{}');
    expect(notice).toMatchObject({
      version: 'congruence.alert.v1',
      headline: 'Fernhill Bikes: resolved: “Free repairs for life” on social',
      alert: {
        kind: 'resolved',
        of: { kind: 'negative-surge', subject: 'free-repairs#social', channel: 'social' },
        sentAt: '2026-11-18T12:30:00.000Z',
        lastFiredAt: '2026-11-18T12:30:00.000Z',
        resolvedAt: '2026-11-19T12:30:00.000Z',
      },
    });
    expect(notice.summary).toBe(
      '“Free repairs for life” on social: the surge alerted 18 Nov 12:30 has not been found since 18 Nov 12:30, a whole 24-hour window: negative mentions are back within what the weeks before explain.',
    );
    expect(JSON.parse(slack.bodies[1] ?? '{}').blocks[0].text.text).toBe(
      'Fernhill Bikes: resolved: “Free repairs for life” on social',
    );
    // told once: the next quiet run has nothing more to say
    expect((await run('2026-11-19T13:30:00.000Z')).resolved).toEqual([]);
    expect(slack.bodies).toHaveLength(2);
  });

  it('sends a review burst whose destination failed on the next run, though the burst has not changed', async () => {
    // a cap of one alert a day: the later sending to the destination that failed is not a second alert
    const profile = profileWith(1);
    let healthy = false;
    const { teams, environment } = await receivers(() => (healthy ? 200 : 500));
    const store = table.store();
    const run = (at: string) =>
      sendAlerts({ ...detection(at), alerts: [burstAlert()] }, profile, depsFor(profile, environment, at, store));
    const first = await run('2026-11-18T09:15:00.000Z');
    expect(first.failed).toBe(1);
    healthy = true;
    // a second run in the same hour finds the alert claimed: it leaves it
    const same = await run('2026-11-18T09:45:00.000Z');
    expect(same.outcomes.map((outcome) => (outcome.status === 'sent' ? 'sent' : outcome.reason))).toEqual([
      'another run is sending it',
    ]);
    // the next hour, the same burst goes to Teams only: Slack and the webhook have it
    const next = await run('2026-11-18T10:15:00.000Z');
    expect(next.outcomes[0]).toMatchObject({ status: 'sent', destinations: { 'teams:TEST_TEAMS_URL': 'delivered' } });
    expect(Object.keys(next.outcomes[0]?.status === 'sent' ? next.outcomes[0].destinations : {})).toEqual([
      'teams:TEST_TEAMS_URL',
    ]);
    // three attempts answered 500 in the first run, then one delivery
    expect(teams.bodies).toHaveLength(4);
  });

  it('counts an alert that keeps failing once against the daily cap, however many runs retry it', async () => {
    const profile = makeProfile([{ id: 'x', kind: 'rss', url: 'https://x.example/feed', channel: 'social' }], {
      alerts: { dailyCap: 2, channels: [{ kind: 'slack', urlEnv: 'TEST_SLACK_URL' }] },
    });
    let healthy = false;
    const slack = await receiver(() => (healthy ? 200 : 500));
    const environment = { TEST_SLACK_URL: slack.url };
    const store = table.store();
    const run = (at: string, ...alerts: SurgeAlert[]) =>
      sendAlerts(detection(at, ...alerts), profile, depsFor(profile, environment, at, store));
    // six hourly runs in which Slack answers 500: the surge takes one of the day's two slots
    for (const hour of ['09', '10', '11', '12', '13', '14']) {
      const at = `2026-11-18T${hour}:15:00.000Z`;
      const outcome = await run(at, surge('free-repairs', `2026-11-18T${hour}:00:00.000Z`));
      expect(outcome.failed).toBe(1);
    }
    healthy = true;
    // the second slot is still free for another alert, and the surge is delivered at last
    const later = await run(
      '2026-11-18T15:15:00.000Z',
      surge('free-repairs', '2026-11-18T15:00:00.000Z'),
      surge('honest-pricing', '2026-11-18T15:00:00.000Z'),
    );
    expect(later.outcomes.map((outcome) => outcome.status)).toEqual(['sent', 'sent']);
  });

  it('reports a destination answering 500, keeps the alert due there, and sends it on the next run', async () => {
    const profile = profileWith();
    let healthy = false;
    const { slack, teams, environment } = await receivers(() => (healthy ? 200 : 500));
    const store = table.store();
    const at = '2026-11-18T12:30:00.000Z';
    const first = await sendAlerts(
      detection(at, surge('free-repairs', '2026-11-18T12:00:00.000Z')),
      profile,
      depsFor(profile, environment, at, store),
    );
    expect(first.failed).toBe(1);
    const [outcome] = first.outcomes;
    expect(outcome?.status === 'sent' ? outcome.destinations : undefined).toEqual({
      'slack:TEST_SLACK_URL': 'delivered',
      'teams:TEST_TEAMS_URL': 'HTTP 500, after 3 attempts',
      'webhook:TEST_WEBHOOK_URL': 'delivered',
    });
    healthy = true;
    const later = '2026-11-18T13:30:00.000Z';
    const next = await sendAlerts(
      detection(later, surge('free-repairs', '2026-11-18T13:00:00.000Z')),
      profile,
      depsFor(profile, environment, later, store),
    );
    const [retried] = next.outcomes;
    // only Teams gets it: Slack and the webhook have it, open and no worse
    expect(retried?.status === 'sent' ? retried.destinations : undefined).toEqual({
      'teams:TEST_TEAMS_URL': 'delivered',
    });
    expect(slack.bodies).toHaveLength(1);
    expect(teams.bodies).toHaveLength(4);
  });

  it('sends at most alerts.dailyCap alerts a day, and says why the others wait', async () => {
    const profile = profileWith(1);
    const { slack, environment } = await receivers();
    const at = '2026-11-18T12:30:00.000Z';
    const sent = await sendAlerts(
      detection(
        at,
        surge('free-repairs', '2026-11-18T12:00:00.000Z'),
        surge('honest-pricing', '2026-11-18T12:00:00.000Z'),
      ),
      profile,
      depsFor(profile, environment, at),
    );
    expect(sent.outcomes.map((outcome) => (outcome.status === 'sent' ? 'sent' : outcome.reason))).toEqual([
      'sent',
      "today's 1 alerts (alerts.dailyCap) are sent: it waits for the weekly digest",
    ]);
    expect(slack.bodies).toHaveLength(1);
  });

  it('sends by e-mail through SES from digest.sender, the feed text escaped in the HTML part, and reports a refused send', async () => {
    const ses = mockClient(SESv2Client);
    ses
      .on(SendEmailCommand)
      .resolvesOnce({ MessageId: 'm-1' })
      .rejectsOnce(Object.assign(new Error('Email address is not verified.'), { name: 'MessageRejected' }));
    const profile = makeProfile([{ id: 'x', kind: 'rss', url: 'https://x.example/feed', channel: 'social' }], {
      alerts: { channels: [{ kind: 'email' }, { kind: 'email', to: ['ops@example.com'] }] },
    });
    const at = '2026-11-18T12:30:00.000Z';
    const alert = {
      ...surge('free-repairs', '2026-11-18T12:00:00.000Z'),
      topPhrases: [{ phrase: 'labour <i>charge</i>', posts: 3 }],
      quotes: [
        {
          signalId: 's1',
          quote: 'Refused a <b>free</b> repair & more',
          title: 't',
          sourceId: 'x',
          publishedAt: '2026-11-18T09:00:00.000Z',
          url: 'https://x.example/p/1',
        },
      ],
    };
    const context = { brand: 'Fernhill Bikes', zone: 'UTC', confidence: 0.9, detectedAt: at };
    const sent = await sendAlerts(detection(at, alert), profile, {
      store: table.store(),
      send: environmentSender(profile, context, {}, { ses: () => new SESv2Client({}) }),
      now: new Date(at),
    });
    const [outcome] = sent.outcomes;
    expect(outcome?.status === 'sent' ? outcome.destinations : undefined).toEqual({
      'email:digest.recipients': 'delivered',
      'email:ops@example.com':
        'SES did not send the alert (MessageRejected: Email address is not verified.); check that congruence@example.com is a verified SES identity',
    });
    const [first, second] = ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input);
    expect(first?.FromEmailAddress).toBe('congruence@example.com');
    expect(first?.Destination).toEqual({ ToAddresses: ['brand-team@example.com'] });
    expect(second?.Destination).toEqual({ ToAddresses: ['ops@example.com'] });
    expect(first?.Content?.Simple?.Subject?.Data).toBe('Alert: “free-repairs” on social (Fernhill Bikes)');
    expect(first?.Content?.Simple?.Body?.Text?.Data).toContain(
      '“Refused a <b>free</b> repair & more” (x, 18 Nov 09:00) https://x.example/p/1',
    );
    expect(first?.Content?.Simple?.Body?.Html?.Data).toContain('“Refused a &lt;b&gt;free&lt;/b&gt; repair &amp; more”');
    expect(first?.Content?.Simple?.Body?.Html?.Data).not.toContain('<b>free</b>');
    expect(first?.Content?.Simple?.Body?.Text?.Data).toContain(
      'What the posts keep saying: “labour <i>charge</i>” (3 posts)',
    );
    expect(first?.Content?.Simple?.Body?.Html?.Data).toContain(
      '<strong>What the posts keep saying:</strong> “labour &lt;i&gt;charge&lt;/i&gt;” (3 posts)',
    );
    ses.restore();
  });

  it('names the environment variable that is not set, and sends nothing there', async () => {
    const profile = profileWith();
    const at = '2026-11-18T12:30:00.000Z';
    const sent = await sendAlerts(
      detection(at, surge('free-repairs', '2026-11-18T12:00:00.000Z')),
      profile,
      depsFor(profile, {}, at),
    );
    const [outcome] = sent.outcomes;
    expect(outcome?.status === 'sent' ? outcome.destinations : undefined).toEqual({
      'slack:TEST_SLACK_URL': 'TEST_SLACK_URL is not set: export the slack address in it',
      'teams:TEST_TEAMS_URL': 'TEST_TEAMS_URL is not set: export the teams address in it',
      'webhook:TEST_WEBHOOK_URL': 'TEST_WEBHOOK_URL is not set: export the webhook address in it',
    });
    expect(sent.failed).toBe(3);
  });
});
