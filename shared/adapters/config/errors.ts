// The errors of reading a brand profile: each problem found as a diagnostic (file, line, column,
// key path, fix), and the error that lists them all. An invalid config ends the CLI with
// EXIT.invalidConfig; running again cannot help until the file is fixed.
import { CongruenceError, EXIT } from '#domain/errors';

export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  /** Key path such as `values[1].aspects`, or `(root)`. */
  path: string;
  message: string;
}

export class ConfigError extends CongruenceError {
  override readonly name = 'ConfigError';

  constructor(
    readonly file: string,
    readonly diagnostics: Diagnostic[],
  ) {
    super(
      `${file}: ${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'}\n` +
        diagnostics.map(formatDiagnostic).join('\n'),
      { exitCode: EXIT.invalidConfig },
    );
  }
}

/** One problem as `file:line:col  path  message`, the form editors and terminals link to. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.col}  ${diagnostic.path}  ${diagnostic.message}`;
}
