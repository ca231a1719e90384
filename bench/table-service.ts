// Local mode's table served to another process over loopback, for the digest-scale benchmark's
// measurement of the digest as the digest Lambda runs it: the store's code in one process, the table
// in another, every command and answer crossing as JSON (as DynamoDB's do), so the digest process's
// memory is the digest's own and not the table's. Only the document commands the store sends
// (document-sender.ts) cross; the items they carry are JSON values (strings, numbers, booleans, lists,
// maps), which is all the store writes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import type { DocumentCommand, DocumentSender } from '#adapters/store/document-sender';

const COMMANDS = {
  GetCommand,
  PutCommand,
  DeleteCommand,
  QueryCommand,
  ScanCommand,
  BatchWriteCommand,
  BatchGetCommand,
} as const;
type CommandName = keyof typeof COMMANDS;

interface Request {
  command: CommandName;
  input: unknown;
}

/** Serves `table` on 127.0.0.1 (a free port); answers each POSTed command with its output, or the error's name and message. */
export async function serveTable(table: DocumentSender): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        try {
          const { command, input } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Request;
          const Command = COMMANDS[command];
          if (Command === undefined) throw new Error(`unknown command ${String(command)}`);
          // biome-ignore lint/suspicious/noExplicitAny: each command class takes its own input; the name picked it
          const output = await table.send(new Command(input as any) as DocumentCommand as any);
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify(output));
        } catch (error) {
          const { name, message } = error as Error;
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ name, message }));
        }
      })();
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', () => listening()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}

/** A DocumentSender that sends each command to a table served by serveTable. */
export function remoteTable(url: string): DocumentSender {
  const send = async (command: DocumentCommand): Promise<unknown> => {
    const name = (Object.keys(COMMANDS) as CommandName[]).find((each) => command instanceof COMMANDS[each]);
    if (name === undefined) throw new Error('the table service takes only the store’s document commands');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ command: name, input: command.input }),
    });
    const body = (await response.json()) as Record<string, unknown>;
    if (response.ok) return body;
    const error = new Error(String(body.message));
    error.name = String(body.name);
    throw error;
  };
  return { send } as DocumentSender;
}
