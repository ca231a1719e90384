// The SSRF guard: a source may only reach public addresses. Before every request (the first and
// each redirect) the host is resolved and every address it resolves to is checked; loopback,
// private, link-local (the cloud metadata address among them), shared (CGNAT), multicast and
// reserved ranges are refused unless the host, or the address, is explicitly allowed
// (profile `network.allowHosts`; local mode also allows 127.0.0.1).
//
// Known limit: fetch resolves the name again when it connects, so a DNS server that answers
// differently within milliseconds (DNS rebinding) could still slip through; docs/reliability.md
// says so. Lambda functions run outside any VPC, so what they could reach that way is the public
// internet and the function's own runtime API.
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { FeedError, systemErrorInWords } from './errors';

const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // shared address space (carrier-grade NAT)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, including 169.254.169.254 (instance metadata)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local, including fd00:ec2::254 (instance metadata over IPv6)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['2001:db8::', 32], // documentation
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/** Why an address is refused, or undefined when it is public. */
export function blockedReason(address: string): string | undefined {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4') ? describeV4(address) : undefined;
  if (family !== 6) return 'not an IP address';
  const embedded = embeddedIPv4(address);
  if (embedded !== undefined) return blockedReason(embedded);
  return BLOCKED.check(address, 'ipv6') ? describeV6(address) : undefined;
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) IPv6 address. */
function embeddedIPv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return undefined;
  const high = Number.parseInt(hex[1] ?? '0', 16);
  const low = Number.parseInt(hex[2] ?? '0', 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

function describeV4(address: string): string {
  if (address.startsWith('127.')) return 'a loopback address';
  if (address.startsWith('169.254.'))
    return address === '169.254.169.254' ? 'the cloud metadata address' : 'a link-local address';
  if (/^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(address)) return 'a private address';
  if (/^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./.test(address)) return 'a shared (carrier-grade NAT) address';
  return 'a reserved address';
}

function describeV6(address: string): string {
  const lower = address.toLowerCase();
  if (lower === '::1') return 'a loopback address';
  if (/^fe[89ab]/.test(lower)) return 'a link-local address';
  if (/^f[cd]/.test(lower)) return lower.startsWith('fd00:ec2:') ? 'the cloud metadata address' : 'a private address';
  return 'a reserved address';
}

export type Resolve = (hostname: string) => Promise<string[]>;

/** Every address a host name resolves to, as the system resolver gives them. */
export const systemResolve: Resolve = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** A URL's host as the guard compares it: lower case, an IPv6 address without its brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/** network.allowHosts as the guard compares them: trimmed, lower case, IPv6 addresses without brackets. */
export function allowedHosts(allowHosts: readonly string[]): Set<string> {
  return new Set(
    allowHosts.map((entry) =>
      entry
        .trim()
        .replace(/^\[|\]$/g, '')
        .toLowerCase(),
    ),
  );
}

/**
 * Throws FeedError 'blocked-address' unless every address `url`'s host resolves to is public, or
 * the host or address is in `allowHosts`.
 */
export async function assertPublicDestination(
  sourceId: string,
  url: URL,
  allowHosts: readonly string[],
  resolve: Resolve = systemResolve,
): Promise<void> {
  const host = hostOf(url);
  const allowed = allowedHosts(allowHosts);
  if (allowed.has(host)) return;
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch (error) {
    const detail = systemErrorInWords((error as NodeJS.ErrnoException).code, (error as Error).message);
    throw new FeedError(sourceId, 'network', `could not look up ${host}: ${detail}`, true, undefined, { cause: error });
  }
  for (const address of addresses) {
    if (allowed.has(address.toLowerCase())) continue;
    const reason = blockedReason(address);
    if (reason === undefined) continue;
    const via = address === host ? '' : ` (${host} resolves to ${address})`;
    throw new FeedError(
      sourceId,
      'blocked-address',
      `refused to fetch ${url.toString()}: ${reason}${via} is not a public address; ` +
        `if this source really lives there, add "${host}" to network.allowHosts in the config`,
      false,
    );
  }
}
