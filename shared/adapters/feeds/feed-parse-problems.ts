// Why an RSS or Atom feed could not be read, in words a person can act on. The XML parser (sax)
// and rss-parser say it in their own terms ("Unclosed root tag", "Cannot read properties of
// undefined"); those stay in the error's cause, for whoever debugs it.
import { FeedStructureError } from './errors';

const VALIDATOR_ADVICE = 'check it at https://validator.w3.org/feed/ and tell its publisher';

// What the XML parser (sax) reports, in words; its message ends with the position ("\nLine: 0\nColumn: 45").
const XML_PROBLEMS: { says: RegExp; words: string; at: boolean }[] = [
  {
    says: /^(Unclosed root tag|Unexpected end)/,
    words: 'the XML ends before the feed does (the feed was cut short)',
    at: false,
  },
  {
    says: /^(Unexpected close tag|Unmatched closing tag)/,
    words: 'a closing tag does not match the element it closes',
    at: true,
  },
  {
    says: /^Invalid character entity/,
    words: 'it uses an entity XML does not allow (an unknown &name;, or &#...; for a control character)',
    at: true,
  },
  { says: /^Invalid character in entity name/, words: 'it has a bare & that should be written &amp;', at: true },
  { says: /^Unencoded </, words: 'it has a bare < that should be written &lt;', at: true },
  { says: /^Text data outside of root node/, words: 'there is text after the end of the feed', at: true },
  { says: /^Non-whitespace before first tag/, words: 'there is text before the feed begins', at: true },
  {
    says: /^(Unquoted attribute value|Attribute without value|Invalid attribute name|No whitespace between attributes)/,
    words: 'an attribute is not written as XML requires (name="value")',
    at: true,
  },
  {
    says: /^(Invalid character in tag name|Invalid tagname in closing tag|Invalid characters in closing tag|Weird empty close tag)/,
    words: 'a tag is not written as XML requires',
    at: true,
  },
  { says: /^Malformed comment/, words: 'a comment is not written as XML requires', at: true },
  { says: /^Max buffer length exceeded/, words: 'a tag, attribute or comment is too long to read', at: true },
];
const SAX_POSITION = /\nLine: (\d+)\nColumn: (\d+)/;

/** Why the feed could not be read and what to do, in words; never the parser's own text. */
export function whyFeedIsUnreadable(error: unknown, xml: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof FeedStructureError) return `${message}; ${VALIDATOR_ADVICE}`;
  if (message.startsWith('Feed not recognized')) {
    return `the XML is neither RSS nor Atom (its root element is <${rootElementName(xml)}>); check the url`;
  }
  if (error instanceof RangeError && /call stack/i.test(message))
    return `it nests elements too deeply to read; ${VALIDATOR_ADVICE}`;
  const position = SAX_POSITION.exec(message);
  if (!position) return `its structure is not what RSS or Atom describe; ${VALIDATOR_ADVICE}`;
  const known = XML_PROBLEMS.find((problem) => problem.says.test(message));
  // sax counts lines from 0 and columns from 1.
  const at = `, at line ${Number(position[1]) + 1}, column ${position[2]}`;
  if (!known) return `its XML cannot be read${at}; ${VALIDATOR_ADVICE}`;
  return `${known.words}${known.at ? at : ''}; ${VALIDATOR_ADVICE}`;
}

/** The name of the document's first element, past the XML declaration, comments and doctype. */
function rootElementName(xml: string): string {
  const head = xml.slice(0, 64 * 1024).replace(/<!--[\s\S]*?-->/g, '');
  return /<([A-Za-z_][\w.:-]{0,59})/.exec(head)?.[1] ?? '?';
}
