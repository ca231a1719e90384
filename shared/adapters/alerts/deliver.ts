// Posting an alert to where the team works: a Slack or Teams webhook, or any receiver. Only to a
// public address (the same guard as sources': a private, loopback or link-local address needs its
// host in network.allowHosts), over https (http only to a host allowed so), never following a
// redirect. A receiver that answers 429 or 5xx, or cannot be reached, is tried again after the
// Retry-After it gives (at most a minute) or a growing pause, up to 3 attempts; the caller keeps
// an alert whose delivery failed and sends it on the next run.
import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import { allowedHosts, blockedReason, hostOf, systemResolve } from '#adapters/feeds/destination-guard';
import { parseRetryAfter } from '#adapters/feeds/http-get';
import type { DeliveryOutcome } from '#domain/alerts/state';

export interface AlertDestination {
  kind: 'slack' | 'teams' | 'webhook';
  url: string;
  /** webhook: the shared secret the body is signed with. */
  secret?: string;
}

export interface DeliveryOptions {
  /** network.allowHosts: hosts that may be on a private or loopback address (and then over http). */
  allowHosts: readonly string[];
  resolve?: (hostname: string) => Promise<string[]>;
  sleep?: (ms: number) => Promise<void>;
  maxAttempts?: number;
  timeoutMs?: number;
}

export type { DeliveryOutcome };

export const DELIVERY_DEFAULTS = { maxAttempts: 3, timeoutMs: 10_000, maxRetryAfterSeconds: 60, firstPauseMs: 1_000 };

/** The header a webhook receiver checks: `sha256=` and the hex HMAC-SHA256 of the body with the shared secret. */
export function signatureOf(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Why the destination is refused, in words with the fix; undefined when it may be posted to. */
export async function refusedDestination(
  raw: string,
  allowHosts: readonly string[],
  resolve: (hostname: string) => Promise<string[]> = systemResolve,
): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'the address is not a URL';
  }
  const host = hostOf(url);
  const allowed = allowedHosts(allowHosts);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowed.has(host)))
    return `${url.protocol}// is refused: alerts are sent over https (http only to a host in network.allowHosts)`;
  if (allowed.has(host)) return undefined;
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch (error) {
    return `could not look up ${host}: ${(error as Error).message}`;
  }
  for (const address of addresses) {
    if (allowed.has(address.toLowerCase())) continue;
    const reason = blockedReason(address);
    if (reason !== undefined)
      return `${host} is ${reason} (${address}), not a public address; if the receiver really lives there, add "${host}" to network.allowHosts`;
  }
  return undefined;
}

/** Posts `body` as JSON, signed for a webhook, with the alert's idempotency key; retries as the header says. */
export async function postAlert(
  destination: AlertDestination,
  body: unknown,
  idempotencyKey: string,
  options: DeliveryOptions,
): Promise<DeliveryOutcome> {
  const refused = await refusedDestination(destination.url, options.allowHosts, options.resolve);
  if (refused !== undefined) return { status: 'failed', attempts: 0, reason: refused };
  const text = JSON.stringify(body);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'idempotency-key': idempotencyKey,
    'user-agent': 'congruence-alerts',
  };
  if (destination.kind === 'webhook') {
    if (destination.secret === undefined || destination.secret.length === 0)
      return { status: 'failed', attempts: 0, reason: 'no secret to sign the webhook body with' };
    headers['x-congruence-signature'] = signatureOf(text, destination.secret);
  }
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const maxAttempts = options.maxAttempts ?? DELIVERY_DEFAULTS.maxAttempts;
  let reason = '';
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let waitSeconds: number | undefined;
    try {
      const response = await fetch(destination.url, {
        method: 'POST',
        headers,
        body: text,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? DELIVERY_DEFAULTS.timeoutMs),
      });
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300)
        return { status: 'delivered', attempts: attempt, httpStatus: response.status };
      reason = `HTTP ${response.status}`;
      if (response.status !== 429 && response.status < 500)
        return {
          status: 'failed',
          attempts: attempt,
          reason:
            response.status >= 300 && response.status < 400
              ? `${reason}: a redirect, which alerts do not follow; give the final address`
              : `${reason}: the receiver refused the alert`,
        };
      waitSeconds = parseRetryAfter(response.headers.get('retry-after'));
    } catch (error) {
      reason = `could not reach the receiver: ${(error as Error).message}`;
    }
    if (attempt < maxAttempts) {
      const pauseMs =
        waitSeconds !== undefined
          ? Math.min(waitSeconds, DELIVERY_DEFAULTS.maxRetryAfterSeconds) * 1000
          : DELIVERY_DEFAULTS.firstPauseMs * 2 ** (attempt - 1);
      await sleep(pauseMs);
    }
  }
  return { status: 'failed', attempts: maxAttempts, reason: `${reason}, after ${maxAttempts} attempts` };
}
