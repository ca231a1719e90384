// Sends a composed digest (raw MIME, inline chart images and all) with Amazon SES v2. Used by the
// digest Lambda, and by `congruence digest --send` / `run --send` in local mode. A refused send
// becomes a DigestSendError whose message says what to check.
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { DigestSendError } from './errors';

export interface DigestEnvelope {
  from: string;
  to: readonly string[];
}

export interface SentDigest {
  /** SES's id for the message. */
  sesMessageId?: string;
  bytes: number;
}

export async function sendDigestMime(
  ses: SESv2Client,
  mime: Uint8Array,
  envelope: DigestEnvelope,
): Promise<SentDigest> {
  try {
    const answer = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: envelope.from,
        Destination: { ToAddresses: [...envelope.to] },
        Content: { Raw: { Data: mime } },
      }),
    );
    return { sesMessageId: answer.MessageId, bytes: mime.length };
  } catch (error) {
    const code = (error as Error).name || 'Error';
    const detail = (error as Error).message;
    throw new DigestSendError(`SES did not send the digest (${code}: ${detail}); ${hintFor(code, envelope)}`, code, {
      cause: error,
    });
  }
}

function hintFor(code: string, envelope: DigestEnvelope): string {
  switch (code) {
    case 'MessageRejected':
    case 'MailFromDomainNotVerifiedException':
      return (
        `check that ${envelope.from} is a verified SES identity in this region and, while the account is in the SES ` +
        'sandbox, that every recipient is verified too'
      );
    case 'AccountSuspendedException':
    case 'SendingPausedException':
      return 'sending is paused for this account or configuration set; see the SES console';
    case 'TooManyRequestsException':
    case 'LimitExceededException':
      return 'an SES sending limit was reached; it can be sent again later';
    case 'CredentialsProviderError':
      return 'no AWS credentials were found; configure them (e.g. AWS_PROFILE) to send';
    default:
      return 'it can be sent again later';
  }
}
