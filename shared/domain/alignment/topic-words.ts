// Words that never make a topic on their own. Customers' posts are full of words that say nothing
// about WHAT they talk of: "@brand thx guys, dm sent with my info" names no product, place or
// service. Key-phrase extractors (ours and Amazon Comprehend alike) return such words as phrases
// ("thanks", "the help", "you guys"), and counted over a few weeks they outnumber every real theme.
// A phrase whose every word is in these lists, or is a number, a hashtag, a handle or a link, is
// filler; a phrase with at least one other word ("help desk", "lost bag") is content. Words are
// compared on stems, so "thanks" and "thank", "replies" and "reply" are one entry.
// The lists are generic on purpose: they hold what any brand's customers write, never a brand's or
// a sector's vocabulary ("flight" or "bike" are content for someone).
import { stems } from '../words';

/** Function words: articles, prepositions, conjunctions, auxiliaries; the glue of any phrase. */
const FUNCTION_WORDS =
  'a an the this that these those some any each every no all both another such of for to in on at by ' +
  'with from about as into over after before out up down off and or but so if than then very just too ' +
  'also still again not is are was were be been being have has had do does did will would can could ' +
  'should there here what which who whom when where why how';

/** Greetings and politeness: how a post opens or closes, never what it is about. */
const POLITENESS =
  'thanks thank thankyou thx thnx thanx ty tysm please pls plz hi hello hey hiya sorry apology apologies ' +
  'welcome cheers regards congrats congratulations kudos shoutout';

/**
 * Pronouns and words of address: who is spoken to ("you guys", "my friend", "your ceo"), not about
 * what. Contractions are kept whole by the word pattern, so they are listed as written.
 */
const ADDRESS =
  "i me my mine you your yours u ur we us our they them he him she her it y'all yall i'm i've i'll i'd " +
  "you're you've we're we've they're it's guys guy folks people everyone anyone someone somebody anybody " +
  "nobody everybody dude sir madam ma'am mam lady friend friends buddy ceo";

/** The platform's own words: replying, following, messaging, linking; the channel, not the topic. */
const PLATFORM =
  'reply replies response responses dm dms pm inbox message messages follow follows follower followers ' +
  'following tweet tweets retweet rt post posts link links account accounts info information update updates ' +
  'email call number handle thread page profile twitter facebook instagram';

/**
 * Requests and trouble in general: "complaint", "problem" or "issue" say that something is wrong but
 * not what; the phrase that names the thing ("refund", "lost bag") is the topic.
 */
const GENERIC_REQUEST =
  'help assistance question questions answer answers complaint complaints problem problems issue issues ' +
  'concern concerns feedback request requests situation matter chance luck hope attention word reason ' +
  'way thing things stuff lot bit one ones something nothing anything everything';

/** Dates, times and durations: when, not what ("2 hrs", "today", "monday"). */
const TIME =
  'day days week weeks month months year years time times hour hours hr hrs minute minutes min mins ' +
  'second seconds sec secs today tonight tomorrow yesterday morning afternoon evening night weekend now ' +
  'am pm monday tuesday wednesday thursday friday saturday sunday january february march april may june ' +
  'july august september october november december';

/** Interjections and internet shorthand: tone, not topic. */
const INTERJECTIONS = 'lol lmao omg wow yay ugh smh wtf fyi btw asap idk imo tbh haha yes ok okay';

const FILLER_STEMS: ReadonlySet<string> = new Set(
  stems([FUNCTION_WORDS, POLITENESS, ADDRESS, PLATFORM, GENERIC_REQUEST, TIME, INTERJECTIONS].join(' ')),
);

/** A hashtag, a handle or a link, as written: markup of the platform, never a topic. */
const MARKUP = /^(?:[#@]|https?:\/\/|www\.)/iu;
const NUMBER = /^[\p{N}.,:/-]+$/u;

/** Whether one stem is a filler word (see the lists above). */
export function isFillerStem(stem: string): boolean {
  // customers type both apostrophes: "i’m" is "i'm"
  return FILLER_STEMS.has(stem.replace(/’/gu, "'")) || NUMBER.test(stem);
}

/** Whether one word, as written, is filler: a listed word, a number, a hashtag, a handle or a link. */
export function isFillerWord(word: string): boolean {
  if (MARKUP.test(word)) return true;
  const wordStems = stems(word);
  return wordStems.every(isFillerStem);
}

/**
 * Whether a phrase, given as its words (as written or already stemmed), names nothing: every word
 * is filler, or there is no word at all. "thanks for the help" and "you guys" are filler; "help desk"
 * is not.
 */
export function isFillerTopic(words: readonly string[]): boolean {
  return words.every((word) => isFillerWord(word) || isFillerStem(word));
}
