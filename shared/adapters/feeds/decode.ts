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

/** Decodes feed bytes; the BOM, if any, is dropped. */
export function decodeFeed(bytes: Uint8Array, contentType?: string): string {
  const charset = detectCharset(bytes, contentType);
  // UTF-16 declared in XML but without a BOM is taken as little-endian, the common case.
  return new TextDecoder(charset === 'utf-16' ? 'utf-16le' : charset).decode(bytes);
}
