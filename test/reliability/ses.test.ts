// SES in the fault suite: a refused send loses no digest. The files are written first, the failure
// is reported with what to check, and the exit code says the digest was not sent.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageRejected, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadProfile } from '#adapters/config/load-profile';
import { writeDigest } from '#cli/digest-command';
import { analyzerKey } from '#domain/analyzer';
import { useScoredStore } from '#test/support/scored-store';

const { profile, baseDir } = loadProfile('examples/fernhill/brand.yaml');
const ses = new SESv2Client({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const sesMock = mockClient(ses);
const scored = useScoredStore(profile, { baseDir });
const { analyzer } = scored;
afterEach(() => {
  sesMock.reset();
  vi.restoreAllMocks();
});

const options = (outDir: string) => ({
  outDir,
  analyzer: analyzerKey(analyzer),
  week: '2026-W47',
  silent: true,
  sending: { ses },
});

describe('SES: sending the digest', () => {
  it('a rejected message: the digest is still written, and the failure says what to check', async () => {
    sesMock
      .on(SendEmailCommand)
      .rejects(new MessageRejected({ message: 'Email address is not verified.', $metadata: {} }));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const outDir = mkdtempSync(join(tmpdir(), 'congruence-ses-'));

    const written = await writeDigest(profile, scored.store(), options(outDir));

    const expected =
      'SES did not send the digest (MessageRejected: Email address is not verified.); check that ' +
      'congruence@fernhillbikes.example is a verified SES identity in this region and, while the account is in the SES ' +
      'sandbox, that every recipient is verified too';
    expect(written.sendError).toBe(expected);
    expect(written.sent).toBeUndefined();
    for (const file of [written.files.html, written.files.text, written.files.eml]) expect(existsSync(file)).toBe(true);
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining(`but not sent: ${expected}`));
    // What was attempted is exactly the .eml on disk, from the profile's sender to its recipients.
    expect(sesMock).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    const input = sesMock.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(input?.FromEmailAddress).toBe('congruence@fernhillbikes.example');
    expect(input?.Destination).toEqual({ ToAddresses: ['brand-team@fernhillbikes.example'] });
    expect(Buffer.from(input?.Content?.Raw?.Data ?? new Uint8Array()).equals(readFileSync(written.files.eml))).toBe(
      true,
    );
  });

  it('an accepted message: sent once, with SES’s message id reported', async () => {
    sesMock.on(SendEmailCommand).resolves({ MessageId: 'ses-0001' });
    const outDir = mkdtempSync(join(tmpdir(), 'congruence-ses-'));

    const written = await writeDigest(profile, scored.store(), options(outDir));

    expect(written.sendError).toBeUndefined();
    expect(written.sent).toEqual({ sesMessageId: 'ses-0001', bytes: readFileSync(written.files.eml).length });
    expect(sesMock).toHaveReceivedCommandTimes(SendEmailCommand, 1);
  });
});
