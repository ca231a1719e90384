// A throwaway HTTP server on 127.0.0.1 for the feed adapter tests: it records every request it
// gets, and closing it also destroys open sockets (so a response a test left stalled cannot keep
// the process alive).
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface LocalServer {
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  /** Absolute URL of a path on this server. */
  url(path: string): string;
  /** Every request received so far, in order. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Tests allow the loopback address explicitly: the SSRF guard refuses it otherwise. */
export const ALLOW_LOOPBACK: readonly string[] = ['127.0.0.1'];

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export async function startLocalServer(handler: Handler): Promise<LocalServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers });
    handler(request, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => new URL(path, origin).toString(),
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Servers started through `serve` are closed by `closeAll` (call it in afterEach). */
export function localServers(): { serve(handler: Handler): Promise<LocalServer>; closeAll(): Promise<void> } {
  const open: LocalServer[] = [];
  return {
    async serve(handler) {
      const server = await startLocalServer(handler);
      open.push(server);
      return server;
    },
    async closeAll() {
      await Promise.all(open.splice(0).map((server) => server.close()));
    },
  };
}

/** A loopback port that nothing listens on: opened, then closed again. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return port;
}
