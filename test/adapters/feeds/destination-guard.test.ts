// The SSRF guard: sources may only reach public addresses unless a host is allowed explicitly.
import { afterEach, describe, expect, it } from 'vitest';
import { assertPublicDestination, blockedReason } from '#adapters/feeds/destination-guard';
import { DEFAULT_HTTP_LIMITS, httpGet } from '#adapters/feeds/http-get';
import { feedFailure } from '#test/support/feed-error';
import { ALLOW_LOOPBACK, localServers } from '#test/support/local-server';

const servers = localServers();
afterEach(() => servers.closeAll());

describe('which addresses are refused', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.10.20.30', 'a loopback address'],
    ['10.1.2.3', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['169.254.169.254', 'the cloud metadata address'],
    ['169.254.1.1', 'a link-local address'],
    ['100.64.0.1', 'a shared (carrier-grade NAT) address'],
    ['100.127.255.254', 'a shared (carrier-grade NAT) address'],
    ['0.0.0.0', 'a reserved address'],
    ['224.0.0.1', 'a reserved address'],
    ['255.255.255.255', 'a reserved address'],
    ['::1', 'a loopback address'],
    ['::', 'a reserved address'],
    ['fe80::1', 'a link-local address'],
    ['fc00::1', 'a private address'],
    ['fd12:3456::1', 'a private address'],
    ['fd00:ec2::254', 'the cloud metadata address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:7f00:1', 'a loopback address'],
    ['::ffff:a9fe:a9fe', 'the cloud metadata address'],
    ['64:ff9b::10.0.0.1', 'a private address'],
  ])('refuses %s as %s', (address, reason) => {
    expect(blockedReason(address)).toBe(reason);
  });

  it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '93.184.216.34', '2001:4860:4860::8888', '::ffff:8.8.8.8'])(
    'lets the public address %s through',
    (address) => {
      expect(blockedReason(address)).toBeUndefined();
    },
  );
});

describe('checking a destination before a request', () => {
  const resolveTo =
    (...addresses: string[]) =>
    async () =>
      addresses;

  it('refuses a host that resolves to a private address, naming the address and the fix', async () => {
    const error = await feedFailure(
      assertPublicDestination(
        'intranet',
        new URL('https://exports.corp.example/reviews.csv'),
        [],
        resolveTo('10.0.4.2'),
      ),
    );
    expect(error).toMatchObject({ reason: 'blocked-address', retryable: false });
    expect(error.message).toBe(
      'source `intranet`: refused to fetch https://exports.corp.example/reviews.csv: a private address ' +
        '(exports.corp.example resolves to 10.0.4.2) is not a public address; if this source really lives there, ' +
        'add "exports.corp.example" to network.allowHosts in the config; fix the source and run again',
    );
  });

  it('refuses a host when any one of its addresses is private', async () => {
    const error = await feedFailure(
      assertPublicDestination('news', new URL('https://news.example/rss'), [], resolveTo('93.184.216.34', '127.0.0.1')),
    );
    expect(error.message).toContain('news.example resolves to 127.0.0.1');
  });

  it('refuses address literals without resolving anything, IPv6 in brackets too', async () => {
    const resolve = async () => {
      throw new Error('must not resolve a literal');
    };
    const metadata = await feedFailure(
      assertPublicDestination('meta', new URL('http://169.254.169.254/latest/meta-data/'), [], resolve),
    );
    expect(metadata.message).toContain('the cloud metadata address is not a public address');
    const loopback = await feedFailure(assertPublicDestination('v6', new URL('http://[::1]:8080/feed'), [], resolve));
    expect(loopback.message).toContain('a loopback address is not a public address');
  });

  it('lets an allowed host through, by name or by address', async () => {
    await expect(
      assertPublicDestination(
        'intranet',
        new URL('https://exports.corp.example/x.csv'),
        ['Exports.Corp.Example'],
        resolveTo('10.0.4.2'),
      ),
    ).resolves.toBeUndefined();
    await expect(
      assertPublicDestination('local', new URL('http://localhost:8080/feed'), ['127.0.0.1'], resolveTo('127.0.0.1')),
    ).resolves.toBeUndefined();
    await expect(assertPublicDestination('v6', new URL('http://[::1]:8080/feed'), ['[::1]'])).resolves.toBeUndefined();
  });

  it('lets a public host through', async () => {
    await expect(
      assertPublicDestination(
        'news',
        new URL('https://news.example/rss'),
        [],
        resolveTo('93.184.216.34', '2001:db9::1'),
      ),
    ).resolves.toBeUndefined();
  });

  it('reports a host that does not resolve as a retryable network failure', async () => {
    const resolve = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    const error = await feedFailure(
      assertPublicDestination('news', new URL('https://nowhere.example/rss'), [], resolve),
    );
    expect(error).toMatchObject({ reason: 'network', retryable: true });
    expect(error.message).toContain(
      'could not look up nowhere.example: its host name does not exist (check the spelling of the url) (ENOTFOUND)',
    );
  });
});

describe('the guard in every fetch', () => {
  it('refuses the loopback test server unless it is allowed, sending it nothing', async () => {
    const server = await servers.serve((_request, response) => response.end('<rss version="2.0"><channel/></rss>'));

    const error = await feedFailure(httpGet('local', server.url('/feed.xml'), {}, DEFAULT_HTTP_LIMITS));

    expect(error).toMatchObject({ reason: 'blocked-address', retryable: false });
    expect(server.requests).toHaveLength(0);
    const allowed = await httpGet(
      'local',
      server.url('/feed.xml'),
      {},
      { ...DEFAULT_HTTP_LIMITS, allowHosts: ALLOW_LOOPBACK },
    );
    expect(allowed.status).toBe('ok');
  });

  it('checks every redirect: an allowed server cannot send the fetch on to the metadata address', async () => {
    const server = await servers.serve((_request, response) =>
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/' }).end(),
    );

    const error = await feedFailure(
      httpGet('news', server.url('/feed.xml'), {}, { ...DEFAULT_HTTP_LIMITS, allowHosts: ALLOW_LOOPBACK }),
    );

    expect(error).toMatchObject({ reason: 'blocked-address', retryable: false });
    expect(error.message).toContain(
      'refused to fetch http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    );
    expect(server.requests).toHaveLength(1);
  });
});
