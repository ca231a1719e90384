// Paged APIs (Reddit) that fail part way or repeat themselves: what was read is kept once
// (see feeds-harness.ts).
import { describe, expect, it } from 'vitest';
import { expectOthersUnharmed, useFeedFaults } from './feeds-harness';

const { ingestTwice, serving } = useFeedFaults();

describe('feeds: paged APIs', () => {
  it('the same post on two pages is stored once', async () => {
    const post = (id: string) => ({
      kind: 't3',
      data: {
        name: `t3_${id}`,
        title: `Post ${id}`,
        selftext: `Fernhill ride ${id}`,
        author: 'rider',
        permalink: `/r/bikes/comments/${id}/`,
        created_utc: 1_794_900_000,
      },
    });
    const server = await serving((request, response) => {
      const after = new URL(request.url ?? '/', 'http://local').searchParams.get('after');
      const page =
        after === null
          ? { after: 't3_b', children: [post('a'), post('b')] }
          : { after: null, children: [post('b'), post('c')] };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ kind: 'Listing', data: page }));
    });
    const outcome = await ingestTwice({ kind: 'reddit', baseUrl: server.origin });
    expect(outcome.faulty).toMatchObject({ outcome: 'new', items: 4, new: 3, duplicatesInFeed: 1 });
    expect(outcome.faultyAgain).toMatchObject({ outcome: 'new', new: 0, alreadyStored: 3 });
    expect(outcome.stored.map((signal) => signal.title).sort()).toEqual(['Post a', 'Post b', 'Post c']);
    expectOthersUnharmed(outcome);
  });

  it('a rate limit on page 2 keeps page 1, and the rerun stores page 1 no second time', async () => {
    const post = (id: string) => ({
      kind: 't3',
      data: {
        name: `t3_${id}`,
        title: `Post ${id}`,
        selftext: '',
        author: 'rider',
        permalink: `/r/bikes/comments/${id}/`,
        created_utc: 1_794_900_000,
      },
    });
    const server = await serving((request, response) => {
      const after = new URL(request.url ?? '/', 'http://local').searchParams.get('after');
      if (after !== null) {
        response.writeHead(429, { 'retry-after': '3600' }).end();
        return;
      }
      const page =
        after === null ? { after: 't3_b', children: [post('a'), post('b')] } : { after: null, children: [post('c')] };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ kind: 'Listing', data: page }));
    });
    const outcome = await ingestTwice({ kind: 'reddit', baseUrl: server.origin });
    expect(outcome.faulty).toMatchObject({ outcome: 'failed', new: 2 });
    expect(outcome.faulty.error).toEqual({
      message:
        `source \`faulty\`: ${server.origin}/search.json?q=Fernhill&sort=new&limit=100&raw_json=1&after=t3_b is rate limited ` +
        '(HTTP 429; the server asks to wait 3600 s); the pages read so far are kept; will retry next run',
      retryable: true,
    });
    expect(outcome.faultyAgain).toMatchObject({ outcome: 'failed', new: 0, alreadyStored: 2 });
    expectOthersUnharmed(outcome);
    expect(outcome.stored.map((signal) => signal.title).sort()).toEqual(['Post a', 'Post b']);
  });
});
