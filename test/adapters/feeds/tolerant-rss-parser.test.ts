import { describe, expect, it } from 'vitest';
import { buildItem, flattenedText, ITEM_OUTCOME, nestsDeeperThan } from '#adapters/feeds/tolerant-rss-parser';

/** An xml2js element holding `depth` nested <div>s around `text`, built without recursion. */
function nestedElement(depth: number, text: string): unknown {
  let element: unknown = text;
  for (let level = 0; level < depth; level++) element = { div: [element] };
  return element;
}

describe('building one item of a feed', () => {
  it('marks an item whose building throws as skipped, with the reason in words and not the error text', () => {
    const built = buildItem('entry', { id: ['urn:a'] }, () => {
      throw new TypeError("Cannot read properties of undefined (reading 'rel')");
    });

    expect(built[ITEM_OUTCOME]).toEqual({
      noun: 'entry',
      repairs: [],
      skipped: 'could not be read',
    });
  });

  it('says an item is nested too deeply when building it overflows the stack', () => {
    const built = buildItem('item', {}, () => {
      throw new RangeError('Maximum call stack size exceeded');
    });

    expect(built[ITEM_OUTCOME]?.skipped).toBe('nests markup too deeply to read');
  });

  it('hands the builder the item with its too deeply nested elements already read as text', () => {
    const seen: unknown[] = [];
    const built = buildItem('item', { title: ['Fine'], description: [nestedElement(300, 'deep text')] }, (raw) => {
      seen.push(raw);
      return { built: true };
    });

    expect(seen).toEqual([{ title: ['Fine'], description: ['deep text'] }]);
    expect(built[ITEM_OUTCOME]).toEqual({
      noun: 'item',
      repairs: ['nests markup more than 256 deep in its <description>, so that was read as plain text'],
    });
  });
});

describe('reading xml2js elements without recursion', () => {
  it('tells whether markup nests deeper than a limit', () => {
    expect(nestsDeeperThan(nestedElement(256, 'x'), 256)).toBe(false);
    expect(nestsDeeperThan(nestedElement(257, 'x'), 256)).toBe(true);
  });

  it('reads the text of an element nested 1,000,000 deep', () => {
    expect(flattenedText(nestedElement(1_000_000, 'deep text'))).toBe('deep text');
  });

  it('keeps an element’s own text before its children’s, and leaves attributes out', () => {
    expect(flattenedText({ _: 'Great', $: { class: 'x' }, b: ['quick', { _: 'repair' }] })).toBe('Great quick repair');
  });
});
