// Sending the digest with SES v2: a refused send becomes a DigestSendError that carries SES's reason,
// whether sending again later may work, and the CLI's "not sent" exit code.
import { MessageRejected, SendEmailCommand, SESv2Client, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { DigestSendError } from '#adapters/mail/errors';
import { sendDigestMime } from '#adapters/mail/ses-mailer';
import { EXIT } from '#domain/errors';

const ses = new SESv2Client({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const sesMock = mockClient(ses);
const envelope = { from: 'congruence@fernhillbikes.example', to: ['brand-team@fernhillbikes.example'] };
const mime = new TextEncoder().encode('Subject: digest\r\n\r\nhello\r\n');

afterEach(() => {
  sesMock.reset();
});

async function refusal(): Promise<DigestSendError> {
  const error = await sendDigestMime(ses, mime, envelope).catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(DigestSendError);
  return error as DigestSendError;
}

describe('sending the digest with SES', () => {
  it('a rejected message is not retryable: the sender must be verified first', async () => {
    const rejected = new MessageRejected({ message: 'Email address is not verified.', $metadata: {} });
    sesMock.on(SendEmailCommand).rejects(rejected);

    const error = await refusal();

    expect(error.name).toBe('DigestSendError');
    expect(error.code).toBe('MessageRejected');
    expect(error.message).toBe(
      'SES did not send the digest (MessageRejected: Email address is not verified.); check that ' +
        'congruence@fernhillbikes.example is a verified SES identity in this region and, while the account is in the SES ' +
        'sandbox, that every recipient is verified too',
    );
    expect(error.retryable).toBe(false);
    expect(error.exitCode).toBe(EXIT.notSent);
    expect(error.cause).toBe(rejected);
  });

  it('a throttled send is retryable: it can be sent again later', async () => {
    sesMock
      .on(SendEmailCommand)
      .rejects(new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: {} }));

    const error = await refusal();

    expect(error.code).toBe('TooManyRequestsException');
    expect(error.message).toContain('an SES sending limit was reached; it can be sent again later');
    expect(error.retryable).toBe(true);
    expect(error.exitCode).toBe(EXIT.notSent);
  });
});
