// Bytes to text for feeds: the charset comes from the byte-order mark, else the Content-Type
// header, else the XML declaration, else UTF-8 (the XML specification's order).

const XML_DECLARATION_ENCODING = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;

export function detectCharset(bytes: Uint8Array, contentType?: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const fromHeader = /charset\s*=\s*"?([A-Za-z0-9._:-]+)"?/i.exec(contentType ?? '')?.[1];
  if (fromHeader && isKnownCharset(fromHeader)) return fromHeader.toLowerCase();
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  const fromDeclaration = XML_DECLARATION_ENCODING.exec(head)?.[1];
  if (fromDeclaration && isKnownCharset(fromDeclaration)) return fromDeclaration.toLowerCase();
  return 'utf-8';
}

function isKnownCharset(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

// Windows-1252's characters for bytes 0x80-0x9F (WHATWG Encoding Standard); the rest is Latin-1.
// Node 20's TextDecoder maps these bytes to C1 control characters instead (nodejs/node#60888), so
// “smart quotes” and € in a Windows-1252 or ISO-8859-1 feed would silently vanish.
const WINDOWS_1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = bytes.subarray(start, start + 8192);
    text += String.fromCharCode(
      ...Array.from(chunk, (byte) => (byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH.charCodeAt(byte - 0x80) : byte)),
    );
  }
  return text;
}

/** Decodes feed bytes; the BOM, if any, is dropped. */
export function decodeFeed(bytes: Uint8Array, contentType?: string): string {
  const charset = detectCharset(bytes, contentType);
  // UTF-16 declared in XML but without a BOM is taken as little-endian, the common case.
  const decoder = new TextDecoder(charset === 'utf-16' ? 'utf-16le' : charset);
  // Every label of the Latin-1 family (iso-8859-1, latin1, us-ascii, ...) means windows-1252 on the web.
  return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
}
