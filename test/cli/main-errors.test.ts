// How the `congruence` command ends when a command throws: the exit code comes from the error when
// Congruence raised it on purpose, and is the failure code otherwise; the message is printed once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '#adapters/config/errors';
import { main } from '#cli/main';
import { runValidate } from '#cli/validate-command';
import { CongruenceError, EXIT } from '#domain/errors';

vi.mock('#cli/validate-command', () => ({ runValidate: vi.fn() }));

class SampleUsageError extends CongruenceError {
  override readonly name = 'SampleUsageError';
}

function failingWith(error: unknown): void {
  vi.mocked(runValidate).mockImplementation(() => {
    throw error;
  });
}

async function run(): Promise<{ code: number; stderr: string }> {
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await main(['node', 'congruence', 'validate', 'brand.yaml']);
  return { code, stderr: stderr.mock.calls.map(([text]) => String(text)).join('') };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('congruence ending on an error', () => {
  it('exits with the code a Congruence error carries, after its message', async () => {
    failingWith(
      new SampleUsageError('--week 2026-W99: no such week; give a week such as 2026-W42', { exitCode: EXIT.usage }),
    );
    expect(await run()).toEqual({
      code: EXIT.usage,
      stderr: 'congruence: --week 2026-W99: no such week; give a week such as 2026-W42\n',
    });
  });

  it('exits 2 for an invalid config, printing its problems as they are', async () => {
    failingWith(
      new ConfigError('brand.yaml', [
        { file: 'brand.yaml', line: 3, col: 5, path: 'values[0].aspcts', message: 'unknown key "aspcts"' },
      ]),
    );
    expect(await run()).toEqual({
      code: EXIT.invalidConfig,
      stderr: 'brand.yaml: 1 problem\nbrand.yaml:3:5  values[0].aspcts  unknown key "aspcts"\n',
    });
  });

  it('exits with the failure code for an error Congruence did not raise', async () => {
    failingWith(new Error('EACCES: permission denied, open .congruence/lock'));
    expect(await run()).toEqual({
      code: EXIT.failure,
      stderr: 'congruence: EACCES: permission denied, open .congruence/lock\n',
    });
  });
});
