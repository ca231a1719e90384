// What the store's adapters send their commands through: the DynamoDB document client in AWS (and
// against dynalite), or local mode's embedded table (embedded/), which answers the same commands in
// process. Only the commands the adapters use are part of it.
import type {
  BatchGetCommand,
  BatchGetCommandOutput,
  BatchWriteCommand,
  BatchWriteCommandOutput,
  DeleteCommand,
  DeleteCommandOutput,
  GetCommand,
  GetCommandOutput,
  PutCommand,
  PutCommandOutput,
  QueryCommand,
  QueryCommandOutput,
  ScanCommand,
  ScanCommandOutput,
} from '@aws-sdk/lib-dynamodb';

/** The document client's commands the store sends. */
export type DocumentCommand =
  | GetCommand
  | PutCommand
  | DeleteCommand
  | QueryCommand
  | ScanCommand
  | BatchWriteCommand
  | BatchGetCommand;

/** Sends the document client's commands, with native JavaScript values, and answers as the document client does. */
export interface DocumentSender {
  send(command: GetCommand): Promise<GetCommandOutput>;
  send(command: PutCommand): Promise<PutCommandOutput>;
  send(command: DeleteCommand): Promise<DeleteCommandOutput>;
  send(command: QueryCommand): Promise<QueryCommandOutput>;
  send(command: ScanCommand): Promise<ScanCommandOutput>;
  send(command: BatchWriteCommand): Promise<BatchWriteCommandOutput>;
  send(command: BatchGetCommand): Promise<BatchGetCommandOutput>;
}
