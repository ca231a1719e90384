// The outside world of the crash-safety tests, on 127.0.0.1: a paged Reddit search and an Amazon
// Comprehend that both answer deterministically, and either of which can be armed to SIGKILL the
// `congruence` process that calls it at one exact request (before answering it). That request is
// the kill point: no hook in the product is needed to stop it at a known place.
import type { ServerResponse } from 'node:http';
import { text as bodyText } from 'node:stream/consumers';
import { sendJson } from './api-testing';
import { startLocalServer, type LocalServer } from './local-server';

/** Kills `pid` with SIGKILL, then drops the request that triggered it without an answer. */
function killCaller(pid: number, response: ServerResponse): void {
  process.kill(pid, 'SIGKILL');
  response.destroy();
}

// ---- Reddit ---------------------------------------------------------------------------------

export const REDDIT_PAGES = 5;
export const POSTS_PER_PAGE = 100;
export const REDDIT_QUERY = 'Fernhill Bikes';
const SEARCH_PATH = '/search.json';

/** Every 10th post never names the brand: ingestion drops it as off-brand. */
export function isOffBrandPost(n: number): boolean {
  return n % 10 === 9;
}

/** Post n (0 = newest), every 2 hours back from 2026-10-31 12:00 UTC; its text is unique to it. */
export function redditPost(n: number): Record<string, unknown> {
  const bodies = [
    `My Fernhill went in for a repair and came back free of charge. Love the service, post ${n}.`,
    `Fernhill Bikes took ages with the repair and the shop was rude. A broken promise, post ${n}.`,
    `Delivery of my Fernhill Bikes order was slow, three weeks late. Not happy, post ${n}.`,
    `The Fernhill colours look great this season. Nothing else to say, post ${n}.`,
  ];
  const offBrand = isOffBrandPost(n);
  return {
    name: `t3_cs${String(n).padStart(4, '0')}`,
    title: offBrand ? `Rainy commute ${n}` : `Fernhill owner report ${n}`,
    selftext: offBrand
      ? `Commuting in the rain again. My chain needs a repair soon, post ${n}.`
      : bodies[n % bodies.length],
    author: `rider_${n % 37}`,
    permalink: `/r/bicycling/comments/cs${n}/post_${n}/`,
    created_utc: Date.UTC(2026, 9, 31, 12) / 1000 - n * 7200,
  };
}

/** The `after` cursor Reddit gives at the end of a page: the fullname of its last post. */
function cursorAfterPage(page: number): string {
  return String(redditPost(page * POSTS_PER_PAGE - 1).name);
}

function listingPage(page: number): unknown {
  const first = (page - 1) * POSTS_PER_PAGE;
  const children = Array.from({ length: POSTS_PER_PAGE }, (_, index) => ({
    kind: 't3',
    data: redditPost(first + index),
  }));
  return { kind: 'Listing', data: { after: page < REDDIT_PAGES ? cursorAfterPage(page) : null, children } };
}

export interface FakeReddit {
  origin: string;
  /** Pages requested so far, in order (1-based). */
  pagesServed: number[];
  /** SIGKILLs `pid` when it asks for `page`, before answering; once. */
  killOnPage(page: number, pid: number): void;
  /** Whether an armed kill happened. */
  readonly killed: boolean;
  close(): Promise<void>;
}

export async function startFakeReddit(): Promise<FakeReddit> {
  const pageByCursor = new Map(
    Array.from({ length: REDDIT_PAGES - 1 }, (_, index) => [cursorAfterPage(index + 1), index + 2]),
  );
  let armed: { page: number; pid: number } | undefined;
  let killed = false;
  const pagesServed: number[] = [];
  const server: LocalServer = await startLocalServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://local');
    const after = url.searchParams.get('after');
    const page = after === null ? 1 : pageByCursor.get(after);
    if (url.pathname !== SEARCH_PATH || url.searchParams.get('q') !== REDDIT_QUERY || page === undefined) {
      sendJson(response, JSON.stringify({ message: 'Not Found', error: 404 }), 404);
      return;
    }
    pagesServed.push(page);
    if (armed?.page === page) {
      const { pid } = armed;
      armed = undefined;
      killed = true;
      killCaller(pid, response);
      return;
    }
    sendJson(response, JSON.stringify(listingPage(page)));
  });
  return {
    origin: server.origin,
    pagesServed,
    killOnPage(page, pid) {
      armed = { page, pid };
      killed = false;
    },
    get killed() {
      return killed;
    },
    close: () => server.close(),
  };
}

// ---- Amazon Comprehend (JSON 1.1 protocol) --------------------------------------------------

const TARGET_PREFIX = 'Comprehend_20171127.';
export type ComprehendOperation = 'BatchDetectSentiment' | 'BatchDetectKeyPhrases' | 'BatchDetectDominantLanguage';

export interface ComprehendCall {
  operation: string;
  textList: string[];
}

/** Sentiment by keyword, so the same text always gets the same scores whichever batch carries it. */
export function fakeSentiment(text: string): { Sentiment: string; SentimentScore: Record<string, number> } {
  const lower = text.toLowerCase();
  const positive = /\b(love|great|happy)\b/.test(lower) && !/\bnot happy\b/.test(lower);
  const negative = /\b(rude|slow|broken|late)\b/.test(lower) || /\bnot happy\b/.test(lower);
  if (positive && negative)
    return { Sentiment: 'MIXED', SentimentScore: { Positive: 0.3, Negative: 0.25, Neutral: 0.05, Mixed: 0.4 } };
  if (positive)
    return { Sentiment: 'POSITIVE', SentimentScore: { Positive: 0.91, Negative: 0.02, Neutral: 0.06, Mixed: 0.01 } };
  if (negative)
    return { Sentiment: 'NEGATIVE', SentimentScore: { Positive: 0.03, Negative: 0.88, Neutral: 0.07, Mixed: 0.02 } };
  return { Sentiment: 'NEUTRAL', SentimentScore: { Positive: 0.1, Negative: 0.05, Neutral: 0.84, Mixed: 0.01 } };
}

/** Key phrases: the capitalised words and the "post N" tag, in order of appearance. */
export function fakeKeyPhrases(
  text: string,
): Array<{ Text: string; Score: number; BeginOffset: number; EndOffset: number }> {
  return [...text.matchAll(/\b(?:[A-Z][a-z]+(?: [A-Z][a-z]+)*|post \d+)\b/g)].map((match) => ({
    Text: match[0],
    Score: 0.99,
    BeginOffset: match.index,
    EndOffset: match.index + match[0].length,
  }));
}

function answerFor(operation: string, textList: string[]): unknown {
  const each = <T>(result: (text: string) => T) => ({
    ResultList: textList.map((text, Index) => ({ Index, ...result(text) })),
    ErrorList: [],
  });
  switch (operation) {
    case 'BatchDetectSentiment':
      return each(fakeSentiment);
    case 'BatchDetectKeyPhrases':
      return each((text) => ({ KeyPhrases: fakeKeyPhrases(text) }));
    case 'BatchDetectDominantLanguage':
      return each(() => ({ Languages: [{ LanguageCode: 'en', Score: 0.99 }] }));
    default:
      return undefined;
  }
}

export interface FakeComprehend {
  origin: string;
  /** Every call received, in order (the one that triggered a kill included). */
  calls: ComprehendCall[];
  /** SIGKILLs `pid` when it sends its `nth` call of `operation` from now on, before answering; once. */
  killOnCall(operation: ComprehendOperation, nth: number, pid: number): void;
  readonly killed: boolean;
  close(): Promise<void>;
}

function sendAmzJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'crash-safety-test' });
  response.end(JSON.stringify(body));
}

export async function startFakeComprehend(): Promise<FakeComprehend> {
  const calls: ComprehendCall[] = [];
  let armed: { operation: ComprehendOperation; remaining: number; pid: number } | undefined;
  let killed = false;
  const server = await startLocalServer((request, response) => {
    void (async () => {
      const body = await bodyText(request);
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
      const input = JSON.parse(body || '{}') as { TextList?: unknown };
      const textList = Array.isArray(input.TextList) ? input.TextList.map(String) : [];
      calls.push({ operation, textList });
      if (armed?.operation === operation && --armed.remaining === 0) {
        const { pid } = armed;
        armed = undefined;
        killed = true;
        killCaller(pid, response);
        return;
      }
      const answer = request.method === 'POST' ? answerFor(operation, textList) : undefined;
      if (answer === undefined) {
        sendAmzJson(response, 400, {
          __type: 'UnknownOperationException',
          message: `fake Comprehend does not do ${target}`,
        });
        return;
      }
      sendAmzJson(response, 200, answer);
    })().catch((error: unknown) => {
      sendAmzJson(response, 500, { __type: 'InternalServerException', message: String(error) });
    });
  });
  return {
    origin: server.origin,
    calls,
    killOnCall(operation, nth, pid) {
      armed = { operation, remaining: nth, pid };
      killed = false;
    },
    get killed() {
      return killed;
    },
    close: () => server.close(),
  };
}
