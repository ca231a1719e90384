// Who a piece of text is about, sentence by sentence, when it may speak of the brand and of its
// competitors: each sentence goes to the entity it names, and a sentence naming two is cut between
// them, so that "Cobalt fixed it for free, Fernhill wanted 80 quid" gives Cobalt its praise and
// Fernhill its complaint, each to be scored on its own. A sentence naming none continues the
// sentence before it ("Cobalt fixed my bike. They were quick."), or, at the start, is about
// whoever the text's source is about (the caller's `about`, null for a shared source).
//
// The cut falls on the last break between the two names: a comma, a semicolon, a colon or a dash,
// or a conjunction that turns ("but", "while", "whereas", "yet", "though", "although", "however",
// "and"). Without any ("Cobalt and Fernhill both charge for it"), the sentence is about both, and
// each gets it whole.
import { splitSentences } from './value-matching';
import { termSpans } from './relevance';

/** The brand or a competitor, by the words that name it: names, aliases, handles' account names, domains. */
export interface NamedEntity {
  id: string;
  terms: readonly string[];
}

export interface EntityClause {
  /** The entity it is about; null when nothing in the text says whose it is. */
  entityId: string | null;
  text: string;
}

// A break between two clauses: punctuation, or a conjunction (with the comma before it) that may start one.
const BREAK = /,?\s*(?<![\p{L}\p{N}])(?:but|while|whereas|yet|though|although|however|and)\s+|\s*[,;:–—]\s*|\s+-\s+/giu;

interface Named {
  entityId: string;
  start: number;
  end: number;
}

/** Finds where each entity is named in a text, and splits the text by entity (see the header). */
export function entityClauseSplitter(
  entities: readonly NamedEntity[],
): (text: string, about?: string | null) => EntityClause[] {
  const finders = entities.map((entity) => ({ id: entity.id, spans: termSpans([...entity.terms]) }));
  return (text, about = null) => {
    const clauses: EntityClause[] = [];
    let current: string | null = about;
    for (const sentence of splitSentences(text)) {
      const named: Named[] = finders
        .flatMap((finder) => finder.spans(sentence).map((span) => ({ entityId: finder.id, ...span })))
        .sort((a, b) => a.start - b.start || b.end - a.end);
      const ids = new Set(named.map((each) => each.entityId));
      if (ids.size === 0) {
        clauses.push({ entityId: current, text: sentence });
        continue;
      }
      if (ids.size === 1) {
        current = named[0]?.entityId ?? current;
        clauses.push({ entityId: current, text: sentence });
        continue;
      }
      for (const part of cutBetweenEntities(sentence, named)) clauses.push(...part);
      current = named[named.length - 1]?.entityId ?? current;
    }
    return clauses;
  };
}

/** A sentence naming two entities or more, cut on the last break before each change of entity. */
function cutBetweenEntities(sentence: string, named: readonly Named[]): EntityClause[][] {
  const cuts: Array<{ at: number; resume: number }> = [];
  for (let index = 1; index < named.length; index++) {
    const before = named[index - 1] as Named;
    const after = named[index] as Named;
    if (before.entityId === after.entityId) continue;
    const between = sentence.slice(before.end, after.start);
    let last: RegExpExecArray | undefined;
    for (const match of between.matchAll(BREAK)) last = match;
    if (last === undefined) continue;
    cuts.push({ at: before.end + last.index, resume: before.end + last.index + last[0].length });
  }
  // a part that would hold nothing but a name ("Cobalt and Fernhill both charge") is not a clause:
  // the cut before it is not made
  const saysSomething = (start: number, end: number) => {
    let text = sentence.slice(start, end);
    for (const each of [...named].reverse())
      if (each.start >= start && each.end <= end)
        text = text.slice(0, each.start - start) + text.slice(each.end - start);
    return /[\p{L}\p{N}]/u.test(text);
  };
  const parts: Array<{ text: string; start: number; end: number }> = [];
  let from = 0;
  for (const cut of cuts) {
    if (!saysSomething(from, cut.at)) continue;
    parts.push({ text: sentence.slice(from, cut.at), start: from, end: cut.at });
    from = cut.resume;
  }
  // and a last part of nothing but a name joins the one before ("Great repairs at Fernhill, and Cobalt.")
  const previous = saysSomething(from, sentence.length) ? undefined : parts.pop();
  const start = previous?.start ?? from;
  parts.push({ text: sentence.slice(start), start, end: sentence.length });
  return parts
    .filter((part) => /[\p{L}\p{N}]/u.test(part.text))
    .map((part) => {
      const inside = [
        ...new Set(
          named.filter((each) => each.start >= part.start && each.end <= part.end).map((each) => each.entityId),
        ),
      ];
      // a part naming no one (a cut left it between two names) goes with the name before it
      const owners =
        inside.length > 0 ? inside : [[...named].reverse().find((each) => each.end <= part.start)?.entityId ?? null];
      return owners.map((entityId) => ({ entityId, text: part.text.trim() }));
    });
}
