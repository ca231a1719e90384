// Feed faults that fail the source: each is reported, names the source and what happens next, and the
// other source is stored all the same (see feeds-harness.ts).
import { describe, it } from 'vitest';
import { closedPort } from '#test/support/local-server';
import {
  item,
  rss,
  xml,
  expectFailure,
  TRUNCATED,
  UNKNOWN_ENTITY,
  NO_CHANNEL,
  ENTITY_REFUSED,
  useFeedFaults,
} from './feeds-harness';

const { ingestTwice, serving } = useFeedFaults();

describe('feeds: failures are reported, name the source and what happens next; the other source is stored', () => {
  it('HTTP 404', async () => {
    const server = await serving((_request, response) => response.writeHead(404).end('not here'));
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(
      outcome,
      `source \`faulty\`: HTTP 404 from ${server.url('/feed.xml')}; fix the source and run again`,
      false,
    );
  });

  it('HTTP 500', async () => {
    const server = await serving((_request, response) => response.writeHead(500).end());
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(outcome, `source \`faulty\`: HTTP 500 from ${server.url('/feed.xml')}; will retry next run`, true);
  });

  it('HTTP 503 with Retry-After', async () => {
    const server = await serving((_request, response) => response.writeHead(503, { 'retry-after': '120' }).end());
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(
      outcome,
      `source \`faulty\`: HTTP 503 from ${server.url('/feed.xml')} (the server asks to wait 120 s); will retry next run`,
      true,
    );
  });

  it('connection refused', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/feed.xml`;
    const outcome = await ingestTwice({ url });
    expectFailure(
      outcome,
      `source \`faulty\`: could not reach ${url}: the server refused the connection (nothing listens there, or a firewall says no) (ECONNREFUSED); will retry next run`,
      true,
    );
  });

  it('a server that never finishes its answer (timeout)', async () => {
    const server = await serving((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.write('<?xml version="1.0"?><rss version="2.0"><channel>');
    });
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(
      outcome,
      `source \`faulty\`: no complete answer from ${server.url('/feed.xml')} within 1.5 s; will retry next run`,
      true,
    );
  });

  it('a 0-byte body', async () => {
    const server = await serving(xml(''));
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(outcome, 'source `faulty`: the feed is empty (0 bytes); will retry next run', true);
  });

  it('an HTML page instead of XML', async () => {
    const server = await serving(
      xml('<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in</body></html>', 'text/html'),
    );
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(
      outcome,
      'source `faulty`: got an HTML page instead of a feed; check the url; fix the source and run again',
      false,
    );
  });

  it('truncated XML', async () => {
    const server = await serving(
      xml(rss([item({ guid: 'a', title: 'Cut', text: 'The download stopped' })]).slice(0, 150)),
    );
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(outcome, TRUNCATED, false);
  });

  it('an entity-expansion bomb (billion laughs)', async () => {
    const bomb = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE rss [',
      '<!ENTITY lol "lol">',
      ...Array.from(
        { length: 9 },
        (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level === 0 ? '' : level};`.repeat(10)}">`,
      ),
      ']>',
      '<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><guid>b</guid></item></channel></rss>',
    ].join('\n');
    const server = await serving(xml(bomb));
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(outcome, ENTITY_REFUSED, false);
  });

  it('an external-entity (XXE) reference', async () => {
    const xxe = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
      '<rss version="2.0"><channel><title>x</title><item><title>&secret;</title><guid>x</guid><description>&secret;</description></item></channel></rss>',
    ].join('\n');
    const server = await serving(xml(xxe));
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(outcome, ENTITY_REFUSED, false);
  });

  it('an entity XML does not allow', async () => {
    const server = await serving(xml(rss([item({ guid: 'e', title: 'Fish &foo; chips', text: 'Unknown entity.' })])));
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(outcome, UNKNOWN_ENTITY, false);
  });

  it('an RSS feed with neither a <channel> nor items', async () => {
    const server = await serving(xml('<?xml version="1.0"?><rss version="2.0"></rss>'));
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(outcome, NO_CHANNEL, false);
  });

  it('a 50 MB body (byte cap)', async () => {
    const server = await serving((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(1024 * 1024, ' ');
      let sent = 0;
      const pump = () => {
        while (sent < 50 && response.write(chunk)) sent++;
        if (sent < 50)
          response.once('drain', () => {
            sent++;
            pump();
          });
        else response.end();
      };
      response.write('<?xml version="1.0"?><rss version="2.0"><channel>');
      pump();
    });
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(
      outcome,
      `source \`faulty\`: ${server.url('/feed.xml')} is larger than the 10 MB limit; fix the source and run again`,
      false,
    );
  });

  it('a feed that redirects to the cloud metadata address', async () => {
    const server = await serving((_request, response) =>
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    );
    const outcome = await ingestTwice({ url: server.url('/feed.xml') });
    expectFailure(
      outcome,
      'source `faulty`: refused to fetch http://169.254.169.254/latest/meta-data/: the cloud metadata address is not a public address; ' +
        'if this source really lives there, add "169.254.169.254" to network.allowHosts in the config; fix the source and run again',
      false,
    );
  });
});
