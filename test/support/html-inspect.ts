// Reads rendered HTML back the way a browser's parser would (htmlparser2, entities decoded), for
// assertions about elements, attributes and the text a reader sees.
import { Parser } from 'htmlparser2';

export interface Element {
  name: string;
  attribs: Record<string, string>;
}

export interface InspectedHtml {
  elements: Element[];
  /** The visible text, entities decoded, one space between chunks. */
  text: string;
  comments: string[];
}

export function inspectHtml(markup: string): InspectedHtml {
  const elements: Element[] = [];
  const chunks: string[] = [];
  const comments: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        elements.push({ name, attribs });
      },
      ontext(text) {
        chunks.push(text);
      },
      oncomment(comment) {
        comments.push(comment);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(markup);
  parser.end();
  return { elements, text: chunks.join('').replace(/\s+/g, ' '), comments };
}

export function byName(inspected: InspectedHtml, name: string): Element[] {
  return inspected.elements.filter((element) => element.name === name);
}

/** The scheme of a URL attribute as a browser would read it (whitespace and controls ignored). */
export function schemeOf(url: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a browser ignores controls in a URL's scheme, so the check must too
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u0020]/g, ''));
  return match ? match[1]!.toLowerCase() : null;
}
