// Turns feed HTML (or text with entities) into plain text: tags stripped, script and style content
// dropped, entities decoded, control characters removed, whitespace normalised, one line per block.
import { Parser } from 'htmlparser2';

const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'td', 'th', 'tr', 'ul',
]);
const DROPPED_ELEMENTS = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'head']);

// C0/C1 controls except tab and newline, plus zero-width and bidi-override characters that only
// serve to disguise text.
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;

export function plainText(html: string | undefined | null): string {
  if (!html) return '';
  let text = '';
  let dropDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (DROPPED_ELEMENTS.has(name)) dropDepth++;
        else if (BLOCK_ELEMENTS.has(name)) text += '\n';
      },
      onclosetag(name) {
        if (DROPPED_ELEMENTS.has(name)) dropDepth = Math.max(0, dropDepth - 1);
        else if (BLOCK_ELEMENTS.has(name)) text += '\n';
      },
      ontext(chunk) {
        if (dropDepth === 0) text += chunk;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return normaliseWhitespace(text);
}

export function normaliseWhitespace(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}
