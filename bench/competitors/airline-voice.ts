// How you compare, on real tweets: share of voice and negative share per airline as Congruence
// measures them (United as the brand, its six rivals as competitors, every tweet ingested, scored by
// the local analyzer and split by whom each clause names), against the airline and the sentiment
// that people gave each tweet by hand.
//
// Data: the Twitter US Airline Sentiment export (Ramlah0/Twitter-US-Airline-Sentiment-Analysis @
// b485e56d824c0c0c0ed573932a98db309523bc75, Tweets.csv; Figure Eight's data, CC BY-NC-SA 4.0; not in
// the repository: fetch it and pass its path).
//
//   npx tsx bench/competitors/airline-voice.ts path/to/Tweets.csv
//
// The week is 2015-W08 (16–22 February 2015, America/New_York). Nothing here was tuned on it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

const csvPath = process.argv[2];
if (csvPath === undefined) {
  process.stderr.write('usage: npx tsx bench/competitors/airline-voice.ts path/to/Tweets.csv\n');
  process.exit(2);
}

// The airlines as the export names them (its `airline` column), with what names each in a tweet.
// The export's "Delta" tweets are addressed to @JetBlue (a known fault of the data), so JetBlue is
// declared and compared with them; Delta is declared too, and gets the few tweets that name it.
const PROFILE = `
brand:
  name: United Airlines
  aliases: [United]
  handles: ["@united"]
  domains: [united.com]
  competitors:
    - { name: American Airlines, aliases: [American], handles: ["@AmericanAir"], domains: [aa.com] }
    - { name: Delta, aliases: [Delta Air Lines], handles: ["@Delta"], domains: [delta.com] }
    - { name: Southwest, aliases: [Southwest Airlines], handles: ["@SouthwestAir"], domains: [southwest.com] }
    - { name: JetBlue, handles: ["@JetBlue"], domains: [jetblue.com] }
    - { name: US Airways, aliases: [USAirways], handles: ["@USAirways"], domains: [usairways.com] }
    - { name: Virgin America, handles: ["@VirginAmerica"], domains: [virginamerica.com] }
values:
  - id: on-time
    label: Flights that leave on time
    promise: We get you there on time.
    aspects: [delay, delayed, late, on time, cancelled, canceled, missed connection]
    expected: { minNetSentiment: 0.1 }
  - id: service
    label: Service that helps
    promise: Friendly people who solve your problem.
    aspects: [customer service, agent, staff, crew, help, hold, rude, friendly]
    expected: { minNetSentiment: 0.2 }
  - id: bags
    label: Your bags arrive with you
    promise: Your luggage travels with you.
    aspects: [bag, bags, luggage, baggage, lost bag]
    expected: { minNetSentiment: 0.1 }
sources:
  - id: tweets
    kind: csv
    path: tweets.csv
    channel: social
    timezone: America/New_York
    columns: { id: tweet_id, date: tweet_created, text: text }
digest: { recipients: [brand-team@example.com], sender: congruence@example.com, timezone: America/New_York }
`;
/** The export's airline for each entity id (JetBlue's tweets are the export's "Delta", see above). */
const EXPORT_AIRLINE: Record<string, string> = {
  'united-airlines': 'United',
  'american-airlines': 'American',
  southwest: 'Southwest',
  jetblue: 'Delta',
  'us-airways': 'US Airways',
  'virgin-america': 'Virgin America',
};
const WEEK = '2015-W08';
const FROM = Date.parse('2015-02-16T05:00:00Z');
const TO = Date.parse('2015-02-23T05:00:00Z');

interface Voice {
  signals: number;
  negative: number;
}

/** What people said: per airline of the export, the week's tweets (by id, once) and the negative ones. */
function handLabelled(file: string): Map<string, Voice> {
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const seen = new Set<string>();
  const byAirline = new Map<string, Voice>();
  for (const row of rows) {
    const id = row.tweet_id ?? '';
    if (seen.has(id)) continue;
    seen.add(id);
    // "2/24/2015 11:35", New York time (UTC−5 in February)
    const [date = '', time = ''] = (row.tweet_created ?? '').split(' ');
    const [month, day, year] = date.split('/').map(Number);
    const [hour, minute] = time.split(':').map(Number);
    const at = Date.UTC(year ?? 0, (month ?? 1) - 1, day, (hour ?? 0) + 5, minute);
    if (at < FROM || at >= TO) continue;
    const voice = byAirline.get(row.airline ?? '') ?? { signals: 0, negative: 0 };
    voice.signals += 1;
    if (row.airline_sentiment === 'negative') voice.negative += 1;
    byAirline.set(row.airline ?? '', voice);
  }
  return byAirline;
}

interface DigestJson {
  digest: {
    comparison: {
      brand: { id: string; name: string; shareOfVoice: Array<{ channel: string; signals: number; negative: number }> };
      competitors: Array<{
        id: string;
        name: string;
        shareOfVoice: Array<{ channel: string; signals: number; negative: number }>;
      }>;
    };
  };
}

/** What Congruence measured: per entity, the week's social signals naming it and the negative ones. */
function measured(file: string): Array<{ id: string; name: string } & Voice> {
  const dir = mkdtempSync(join(tmpdir(), 'congruence-airline-voice-'));
  try {
    writeFileSync(join(dir, 'brand.yaml'), PROFILE);
    copyFileSync(resolve(file), join(dir, 'tweets.csv'));
    const cli = resolve('bin/congruence.js');
    const common = ['--config', join(dir, 'brand.yaml'), '--data-dir', join(dir, 'data'), '--week', WEEK];
    execFileSync('node', [cli, 'run', ...common, '--out', join(dir, 'out')], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const json = execFileSync('node', [cli, 'digest', ...common, '--out', join(dir, 'out'), '--json'], {
      maxBuffer: 64 * 1024 * 1024,
    }).toString();
    const { comparison } = (JSON.parse(json) as DigestJson).digest;
    return [comparison.brand, ...comparison.competitors].map((entity) => {
      const social = entity.shareOfVoice.find((voice) => voice.channel === 'social');
      return { id: entity.id, name: entity.name, signals: social?.signals ?? 0, negative: social?.negative ?? 0 };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const people = handLabelled(csvPath);
const ours = measured(csvPath);
const ourTotal = ours.reduce((sum, entity) => sum + entity.signals, 0);
const theirTotal = [...people.values()].reduce((sum, voice) => sum + voice.signals, 0);
const pct = (part: number, whole: number) =>
  whole === 0 ? '   -' : `${((100 * part) / whole).toFixed(1).padStart(4)}%`;
const lines = [
  `How you compare on real tweets, ${WEEK}: Congruence (local analyzer) against the export's hand labels`,
  '',
  'entity               share of voice      negative share of own',
  '                     measured  people    measured  people',
];
const rank = (values: number[]) => values.map((value) => values.filter((other) => other > value).length);
const compared: Array<{ ours: number; theirs: number }> = [];
for (const entity of ours) {
  const airline = EXPORT_AIRLINE[entity.id];
  const theirs = airline === undefined ? undefined : people.get(airline);
  lines.push(
    `${entity.name.padEnd(20)} ${pct(entity.signals, ourTotal)}    ${theirs ? pct(theirs.signals, theirTotal) : '   -'}     ` +
      `${pct(entity.negative, entity.signals)}    ${theirs ? pct(theirs.negative, theirs.signals) : '   -'}` +
      (airline === 'Delta' ? '   (the export\'s "Delta" tweets)' : ''),
  );
  if (theirs) compared.push({ ours: entity.negative / entity.signals, theirs: theirs.negative / theirs.signals });
}
const ourRanks = rank(compared.map((each) => each.ours));
const theirRanks = rank(compared.map((each) => each.theirs));
const agree = ourRanks.every((value, index) => value === theirRanks[index]);
lines.push(
  '',
  `signals: measured ${ourTotal} (an airline each it names), people ${theirTotal} (one airline a tweet)`,
  `airlines ranked by negative share: ${agree ? 'the same order' : 'a different order'} (${compared.length} airlines)`,
);
process.stdout.write(`${lines.join('\n')}\n`);
