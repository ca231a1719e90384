// The digest as one MIME message, ready for SES SendRawEmail or an .eml file:
// multipart/related { multipart/alternative { text/plain, text/html }, one inline PNG per chart }.
// nodemailer's MailComposer does the encoding (quoted-printable and base64 keep every line under
// 998 characters, RFC 2047 for non-ASCII headers); we keep CR/LF out of every header value, and
// derive the Message-ID and boundaries from brand and week so the same digest is the same message.
import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { DigestModel } from '#domain/digest-model';
import { DigestMimeError } from './errors';
import { renderDigestHtml } from './render-html';
import { renderDigestText } from './render-text';
import { chartsFor, type ChartAttachment } from './charts';
import { brandSlug, weekSlug } from './wording';

export interface DigestMimeOptions {
  /** "Congruence <congruence@brand.example>" or a bare address. */
  from: string;
  to: string[];
  /** Charts already drawn (writeDigestFiles reuses them); drawn from the model when absent. */
  charts?: ChartAttachment[];
}

// Anything that could end a header line or hide in one: a header value must stay one line, or
// untrusted text (a brand name, a headline from feed text) could add a Bcc: of its own.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching controls is the point: they are taken out of header values
const HEADER_BREAKERS = /[\u0000-\u001F\u007F\u0085\u2028\u2029]+/g;

/** A header value on one line: line breaks and other controls become a space. */
export function headerSafe(value: string): string {
  return value.replace(HEADER_BREAKERS, ' ').replace(/\s+/g, ' ').trim();
}

/** The domain part of the sender, for the Message-ID; a fixed name when there is none. */
function senderDomain(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1]?.toLowerCase() ?? 'congruence.invalid';
}

/** "<2026-W47.fernhill-bikes.digest@fernhillbikes.example>": the same for every build of the same digest. */
export function digestMessageId(model: DigestModel, from: string): string {
  return `<${weekSlug(model.week)}.${brandSlug(model.brandName)}.digest@${senderDomain(headerSafe(from))}>`;
}

export async function composeDigestMime(model: DigestModel, options: DigestMimeOptions): Promise<Buffer> {
  const from = headerSafe(options.from);
  const to = options.to.map(headerSafe).filter(Boolean);
  if (!from) throw new DigestMimeError('digest e-mail: no sender address; set digest.sender in the brand profile');
  if (to.length === 0)
    throw new DigestMimeError('digest e-mail: no recipients; set digest.recipients in the brand profile');

  const date = new Date(model.coverage.generatedAt);
  if (Number.isNaN(date.getTime())) {
    throw new DigestMimeError(
      `digest e-mail: coverage.generatedAt "${headerSafe(model.coverage.generatedAt)}" is not a date`,
    );
  }
  const charts = options.charts ?? chartsFor(model);
  const identity = `${brandSlug(model.brandName)}.${weekSlug(model.week)}`;

  const composer = new MailComposer({
    from,
    to,
    subject: headerSafe(model.subject),
    date,
    messageId: digestMessageId(model, from),
    text: renderDigestText(model),
    html: renderDigestHtml(model),
    attachments: charts.map((chart) => ({
      cid: headerSafe(chart.cid),
      filename: chart.filename,
      content: Buffer.from(chart.png),
      contentType: 'image/png',
      contentDisposition: 'inline',
    })),
    // Stable boundaries make the message byte-for-byte reproducible for the same digest.
    baseBoundary: createHash('sha256').update(identity).digest('hex').slice(0, 24),
    boundaryPrefix: '--_congruence',
    // Nothing in a digest is read from a file or a URL; refuse if something ever tries.
    disableFileAccess: true,
    disableUrlAccess: true,
    newline: 'win',
  });
  return composer.compile().build();
}
