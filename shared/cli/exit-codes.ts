// The `congruence` command's exit codes live beside the base error that carries them
// (shared/domain/errors.ts); the CLI reads them from here.
export { EXIT, type ExitCode } from '#domain/errors';
