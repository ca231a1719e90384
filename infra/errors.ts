// The errors the stack raises while it is built (synth time). Each is scoped to the construct whose
// props it refuses, as aws-cdk-lib's own ValidationError(message, scope) is. That class is not ours
// to use: in aws-cdk-lib 2.276 it is marked @internal, and its constructor takes an error code that
// only aws-cdk-lib's private `lit` tag can make.
import type { IConstruct } from 'constructs';
import { CongruenceError, EXIT } from '#domain/errors';

/**
 * A construct's props cannot be built into resources (a source file outside the config's folder,
 * a schedule with nothing to run). Comes from the brand profile, so the fix is in the config.
 */
export class ConstructValidationError extends CongruenceError {
  override readonly name = 'ConstructValidationError';
  /** Path of the construct that refused its props, e.g. "Congruence-fernhill-bikes/Ingestion". */
  readonly constructPath: string;

  constructor(message: string, scope: IConstruct) {
    super(`${message} (${scope.node.path})`, { exitCode: EXIT.invalidConfig });
    this.constructPath = scope.node.path;
  }
}
