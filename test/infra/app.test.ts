// The CDK app entry as `cdk synth` runs it: a valid config synthesizes the stack; a config with a
// typo stops synthesis with the same file:line:col lines as `congruence validate`, and exit code 2.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const work = mkdtempSync(join(tmpdir(), 'congruence-infra-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs infra/app.ts the way the CDK CLI does: context in CDK_CONTEXT_JSON, output in CDK_OUTDIR. */
function synth(context: Record<string, string>, outdir: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
    encoding: 'utf8',
    env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: outdir },
    timeout: 120_000,
  });
}

describe('infra/app.ts', () => {
  it('refuses a config with a typo, printing the line and column, with exit code 2 and no stack trace', () => {
    const dir = join(work, 'typo');
    cpSync('examples/fernhill', dir, { recursive: true });
    const text = readFileSync(join(dir, 'brand.yaml'), 'utf8');
    writeFileSync(join(dir, 'brand.yaml'), text.replace('  recipients:', '  recipents:'));
    const line = text.split('\n').findIndex((row) => row.startsWith('  recipients:')) + 1;

    const result = synth({ config: join(dir, 'brand.yaml') }, join(work, 'typo.out'));

    expect(result.status).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`brand\\.yaml:${line}:3  digest\\.recipents  .*recipients`)),
    );
    expect(lines.at(-1)).toMatch(/problem.* in .*brand\.yaml; nothing synthesized$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('synthesizes the stack for the example config named in the context', () => {
    const outdir = join(work, 'ok.out');
    const result = synth({ config: 'examples/fernhill/brand.yaml' }, outdir);

    expect(result.stderr).not.toMatch(/AwsSolutions-/);
    expect(result.status).toBe(0);
    expect(readdirSync(outdir)).toContain('Congruence-fernhill-bikes.template.json');
  }, 120_000);
});
