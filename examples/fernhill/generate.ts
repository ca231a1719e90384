/**
 * Generates the example feeds of the fictional brand Fernhill Bikes (profile: brand.yaml beside
 * this file; the stories written into the feeds are listed in README.md).
 *
 *   npx tsx examples/fernhill/generate.ts
 *
 * The output is committed, so this script is deterministic: every random choice comes from a
 * seeded PRNG (mulberry32, one stream for the reviews and one for the social posts), every date from the fixed calendar below, and
 * nothing reads the clock. Running it twice writes byte-identical files.
 *
 * How it is organised:
 *   1. PRNG and small helpers
 *   2. Calendar (ISO weeks 2026-W39 to 2026-W47, times in UTC between 07:00 and 21:59)
 *   3. Slot values and sentence pools, per channel style, topic and polarity
 *   4. Hand-written items: news articles and the brand's newsroom statements
 *   5. The weekly plan: how many mentions of each topic and polarity each week
 *   6. Builders for reviews and social posts
 *   7. XML writers for the five feeds
 *   8. A summary of the stories, printed to stdout (README.md copies its figures)
 *
 * Writing rules for the text pools, so that a lexicon-based analyzer that matches the aspect
 * words of brand.yaml on word stems, sentence by sentence, reads what was meant:
 *   - a sentence tagged with a value contains aspect words of that value only;
 *   - a sentence tagged positive or negative carries clear sentiment words, a neutral one none;
 *   - group-ride and Ride app sentences, fillers and titles contain no aspect word at all.
 *   Traps: "support" also matches "supportive"; "arrive" matches "arrived"; "deliver" matches
 *   "delivered"; "package" matches "packaging"; "ship" matches "shipping"; "knowledge" matches
 *   "knowledgeable"; "broken" belongs to free-repairs; "team" and "staff" to expert-help.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// ---------------------------------------------------------------------------------------------
// 1. PRNG and helpers
// ---------------------------------------------------------------------------------------------

export type Rng = () => number;

/** A small seeded PRNG (mulberry32): the same seed gives the same stream on every machine. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One independent stream per name, so editing the reviews does not reshuffle the social posts. */
function rngFor(name: string): Rng {
  let h = 0x811c9dc5;
  for (const ch of `fernhill:${name}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return mulberry32(h);
}

function int(r: Rng, min: number, max: number): number {
  return min + Math.floor(r() * (max - min + 1));
}

function pick<T>(r: Rng, list: readonly T[]): T {
  if (list.length === 0) throw new Error('pick from an empty list');
  return list[Math.floor(r() * list.length)]!;
}

function shuffle<T>(r: Rng, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '');
}

// ---------------------------------------------------------------------------------------------
// 2. Calendar
// ---------------------------------------------------------------------------------------------

export const WEEKS = [39, 40, 41, 42, 43, 44, 45, 46, 47] as const;
export type Week = (typeof WEEKS)[number];

/** Monday 2026-09-21 00:00 UTC starts ISO week 2026-W39. */
const W39_MONDAY = Date.UTC(2026, 8, 21);
const DAY_MS = 86_400_000;

/** day: 0 = Monday ... 6 = Sunday; hh:mm in UTC. All times stay inside 07:00-21:59 UTC, so the
 *  ISO week is the same in UTC and in Europe/London (BST until 25 October, GMT after). */
function at(week: number, day: number, hour: number, minute: number): Date {
  if (hour < 7 || hour > 21) throw new Error(`hour ${hour} outside 07-21 UTC`);
  return new Date(W39_MONDAY + ((week - 39) * 7 + day) * DAY_MS + (hour * 60 + minute) * 60_000);
}

function atClock(week: number, day: number, clock: string): Date {
  const [hh, mm] = clock.split(':').map(Number);
  return at(week, day, hh!, mm!);
}

function randomTime(r: Rng, week: number, fromDay = 0, toDay = 6): Date {
  return at(week, int(r, fromDay, toDay), int(r, 7, 21), int(r, 0, 59));
}

export function isoWeekOf(date: Date): number {
  return 39 + Math.floor((date.getTime() - W39_MONDAY) / (7 * DAY_MS));
}

const iso = (d: Date): string => d.toISOString().replace('.000Z', 'Z');
const rfc822 = (d: Date): string => d.toUTCString();

// ---------------------------------------------------------------------------------------------
// 3. Slots and sentence pools
// ---------------------------------------------------------------------------------------------

export type Topic =
  | 'free-repairs'
  | 'sustainability'
  | 'expert-help'
  | 'honest-pricing'
  | 'ready-to-ride'
  | 'group-rides'
  | 'ride-app';
export type Polarity = '+' | '-' | '0';
export type Tag = `${Topic}${Polarity}`;

export const VALUE_IDS = ['free-repairs', 'sustainability', 'expert-help', 'honest-pricing', 'ready-to-ride'] as const;

export interface Line {
  text: string;
  tag?: Tag;
}

export const SLOTS: Record<string, readonly string[]> = {
  town: [
    'Bristol',
    'Leeds',
    'Brighton',
    'Norwich',
    'York',
    'Exeter',
    'Bath',
    'Sheffield',
    'Cardiff',
    'Oxford',
    'Manchester',
    'Glasgow',
  ],
  model: ['Wren', 'Tor', 'Ridgeway', 'Kestrel', 'Lark', 'Heron', 'Curlew'],
  part: [
    'gears',
    'rear brake',
    'front brake',
    'bottom bracket',
    'headset',
    'rear hub',
    'chain',
    'back wheel',
    'rear derailleur',
    'cassette',
    'brake cable',
    'front wheel',
    'gear cable',
    'freehub',
  ],
  person: [
    'Dev',
    'Hannah',
    'Tomasz',
    'Aisha',
    'Rory',
    'Megan',
    'Callum',
    'Ollie',
    'Freya',
    'Sam',
    'Niamh',
    'Jonah',
    'Leah',
    'Kofi',
    'Ines',
    'Marcus',
  ],
  fee: ['35', '40', '45', '55', '60', '65', '75', '80', '90'],
  weeks: ['five', 'six', 'seven'],
  mins: ['35', '40', '45', '50', '55', '70', '90'],
  hours: ['an hour', 'two hours', '90 minutes', 'an hour and a half'],
  when: ['today', 'this morning', 'tonight', 'again today', 'on Monday', 'yesterday', 'this afternoon', 'at lunchtime'],
  times: ['twice', 'three times', 'four times'],
  span: ['three days', 'a week', 'five days', 'ten days'],
};

/** Fills {town}, {model}, {model2}, {part}, ... Brand slots ({F}, {H}) are left for the post builder. */
function fillSlots(r: Rng, template: string): string {
  const chosen: Record<string, string> = {};
  return template.replace(/\{(\w+?)(2?)\}/g, (whole, name: string, second: string) => {
    if (name === 'F' || name === 'H') return whole;
    const values = SLOTS[name];
    if (!values) throw new Error(`unknown slot ${whole}`);
    if (second)
      return pick(
        r,
        values.filter((v) => v !== chosen[name]),
      );
    const value = pick(r, values);
    chosen[name] = value;
    return value;
  });
}

/** Brand slots: {F} becomes "Fernhill " and {H} "@fernhillhelp " the first time they occur in a
 *  post, and disappear after that (and always in reviews), so a post names the brand once. */
function renderBrand(texts: string[], brandOnce: boolean): string[] {
  let named = !brandOnce;
  return texts.map((t) =>
    t.replace(/\{([FH])\}/g, (_w, which: string) => {
      if (named) return '';
      named = true;
      return which === 'F' ? 'Fernhill ' : '@fernhillhelp ';
    }),
  );
}

// Review sentences (customers on the shop site and on the review platform) -------------------

/** Exported, like SOCIAL_POOLS and SLOTS, so the pools can be checked against an analyzer. */
export const REVIEW_POOLS: Record<string, readonly string[]> = {
  'expert-help+': [
    'The staff at the {town} shop were brilliant from start to finish.',
    '{person} in {town} gave me great advice on sizing and I love the result.',
    'Really knowledgeable staff who clearly love bikes.',
    'Great advice from {person} about tyre pressure and saddle height.',
    'The team in {town} were friendly and helpful, a lovely experience.',
    '{person} spent half an hour with me and the advice was spot on, thank you.',
    'The staff were patient, friendly and genuinely knowledgeable.',
    'Excellent customer service in the {town} shop, they even remembered my name.',
    'The advice on choosing between the {model} and the {model2} was superb.',
    'Fantastic team in {town}, they made a complete beginner feel welcome.',
    '{person} is incredibly knowledgeable and so patient with all my questions, brilliant.',
    'The best in-store advice I have had anywhere, brilliant.',
    'The staff let me test ride three bikes and gave great advice on each one.',
    'Lovely staff at the {town} branch, happy to chat about commuting routes.',
    'The {town} team were kind and helpful when I brought my daughter along.',
    'Such helpful advice on lights and locks from {person}, I am very grateful.',
    'Knowledgeable, friendly staff who let me take my time, great.',
    'Great customer service in store, {person} went above and beyond.',
    'The staff in {town} are the friendliest people I have met in any shop, lovely.',
    '{person} gave me excellent advice about riding through the winter.',
    'Wonderful team in {town}, they answered every question with a smile.',
    'The in-store support from {person} was excellent.',
    'The staff were brilliant with my dad and found him the perfect step-through {model}.',
    'Really impressed by how knowledgeable the {town} team are.',
    'The advice in the {town} shop was clear, friendly and honest.',
    '{person} and the other staff made buying my first proper bike a joy.',
    'Top marks for the in-store advice from {person}, really helpful.',
    'The {town} staff took the time to explain the gearing, very helpful.',
    'Friendly, knowledgeable staff and zero pressure, perfect.',
    'Superb customer service from the moment I walked into the {town} shop.',
    '{person} in the {town} shop is a star, brilliant advice on bike fit.',
    'A lovely, knowledgeable team who made me feel welcome, thank you {person}.',
    'The staff in {town} gave me great advice on a bike for my commute.',
    'Helpful, cheerful staff in {town}, a real pleasure.',
  ],
  'free-repairs+': [
    'The mechanic in {town} fixed my {part} in ten minutes, brilliant.',
    'Free repairs for life is real, they sorted my {part} and I paid nothing, fantastic.',
    'The workshop replaced my worn {part} under warranty, great service.',
    'Love the free repairs, my {part} was fixed while I had a coffee.',
    'The {town} workshop is excellent, quick and friendly.',
    'Brilliant mechanic, explained everything and fixed my {part} for free.',
    'My {part} was broken and the {town} workshop had it fixed by lunchtime, superb.',
    'Three years on and the free repairs still work exactly as promised, great.',
    'The mechanic trued my wheel and adjusted the {part} for free, lovely job.',
    'Dropped the {model} at the workshop on Monday and the repair was done by Tuesday, really impressed.',
    'The warranty covered a new {part} straight away, excellent.',
    'Great mechanic at the {town} shop, my {part} feels brand new.',
    'Free repair on my {part}, done quickly and properly, thank you.',
    'The workshop fitted a new {part} at no cost to me, brilliant.',
    'Really happy with the repair on my {model}, it rides like new.',
    'The mechanic found and fixed a creak in my {part}, fantastic.',
    'The {town} workshop is the best reason to own one of these bikes.',
    'The free repairs are a lifesaver, my {part} was sorted the same day.',
    'Had my {part} repaired in {town} for nothing, great service.',
    'The mechanic in {town} was friendly and fixed my {part} on the spot, excellent.',
    'The workshop did a brilliant job on my {part}.',
    'Booked a free repair online and it was done the next morning, perfect.',
  ],
  'free-repairs0': [
    'Booked the {model} into the workshop for its first check.',
    'The mechanic said the {part} will need replacing next year.',
    'Took it in for a repair on Thursday and collected it on Saturday.',
    'The workshop held on to the bike for a day to look at the {part}.',
    'The warranty paperwork came in the box.',
    'I have used the repair service twice so far.',
    'The mechanic adjusted the {part} and the saddle height.',
    'Had the {part} repaired at the {town} workshop last month.',
    'The {town} workshop is at the back of the shop.',
    'Took the {model} to the workshop for a look at the {part}.',
  ],
  'free-repairs-:early': [
    'The workshop lost my booking and I had to come back another day, annoying.',
    'The repair took a day longer than promised, a little disappointing.',
    'The mechanic forgot to tighten my {part} after the repair, annoying.',
    'The {town} workshop was closed when the website said it was open, frustrating.',
    'Waited an hour at the workshop counter, irritating.',
    'My {part} came back from the workshop rattling, really disappointing and annoying.',
  ],
  'free-repairs-:late': [
    'They charged me £{fee} for labour even though the promise is free repairs, disgraceful.',
    'I was charged £{fee} in labour for a ten-minute job under free repairs for life, really disappointed.',
    'The workshop wanted £{fee} for labour on a free repair, that is a scam.',
    'Six weeks for a workshop slot is ridiculous for a broken {part}.',
    'The next workshop appointment in {town} is {weeks} weeks away, terrible.',
    'They refused the repair and called my cracked {part} wear and tear, awful.',
    'The mechanic refused to touch my {part} because it was wear and tear, useless.',
    'My warranty claim was refused as wear and tear after eight months, I am angry.',
    'Waited {weeks} weeks for a repair and the bike came back with the same fault, terrible.',
    'Free repairs turned out to be a £{fee} labour bill, I feel cheated.',
    'The workshop ignored three emails about my repair, unacceptable.',
    'The {town} workshop has a {weeks} week queue, so much for free repairs, really disappointed and angry.',
    'My {part} is broken and nobody can fix it for {weeks} weeks, hopeless.',
    'They call it free repairs but charged me for labour and parts, misleading.',
    'Refused a warranty repair on a two-year-old frame as wear and tear, shameful.',
    'Paid £{fee} labour on a so-called free repair, the worst experience.',
    'The mechanic was rude and refused to look at my {part}, awful.',
    'Six weeks without my bike because the workshop is overbooked, really frustrating.',
    'The repair was refused as wear and tear even though the {part} failed after a month, angry.',
    'Lost my commute for {weeks} weeks because of the workshop queue, terrible.',
    'A £{fee} labour charge on a free repair is dishonest and disappointing.',
    'The workshop said the {part} was wear and tear and refused to repair it, really disappointing.',
    'Booked a free repair in {town} and got a £{fee} invoice for labour, outrageous.',
    'The {town} mechanic said free repairs no longer cover labour, very disappointed.',
    'Repair refused, wear and tear apparently, after just five months, awful.',
    '{weeks} weeks and my repair is not done, terrible and frustrating.',
  ],
  'honest-pricing+': [
    'The price on the website was exactly what I paid, great.',
    'A fair price for a bike this good, excellent value for money.',
    'Brilliant value for money compared with the big brands.',
    'Honest pricing, the price on the tag is what you pay, love it.',
    'Really good value for money for a commuter bike.',
    'The price was fair and checking out was simple, happy.',
    'Clear, honest pricing, which I really appreciate.',
    'The price matched the catalogue to the penny, brilliant.',
    'Happy with the price, it felt fair for the quality.',
    'Great value for money on the {model}.',
    'Transparent pricing and a fair deal, thank you.',
    'The price of the {model} is very fair for what you get.',
    'Pricing is straightforward and honest, refreshing.',
    'Superb value for money, the {model} rides like a bike twice the price.',
    'Good price, and the lights were included, nice.',
    'Fair pricing on accessories too, the lock was a bargain.',
    'The {model} is excellent value for money, delighted.',
    'Loved that the price in the {town} shop matched the website.',
    'Fair, simple pricing with zero surprises, great.',
    'A great price for a well-made {model}.',
    'The pricing is honest and easy to understand, brilliant.',
    'The {model} was a fair price and I am very happy.',
  ],
  'honest-pricing-': [
    'A bit expensive for a {model}, really disappointing.',
    'The lights were overpriced, annoying.',
    'The bike felt expensive compared with other shops, sadly.',
    'The price of spare tubes is too high, disappointing.',
    'Overpriced accessories, which is a shame.',
    'The mudguards felt overpriced, a bit disappointing.',
    'The discount code failed at the till, frustrating.',
    'Pricing on tyres is steep, annoying.',
    'The bell and pump felt expensive, a little irritating.',
    'The price of the {model} lights was a shock, disappointing.',
  ],
  'honest-pricing0': [
    'The price was the same online and in the shop.',
    'Paid the list price for the {model}.',
    'Pricing is shown on every bike in the shop.',
    'The price included pedals and a bell.',
    'I compared the price with two other shops first.',
    'There was a student discount on the day.',
    'The price of the {model} went up ten pounds since the spring.',
    'Checked the pricing online before visiting the {town} shop.',
    'The {model} price includes a first check-up.',
    'The price tag was on the handlebars.',
    'Asked about a discount for buying two bikes.',
    'The {town} shop had the same pricing as the website.',
  ],
  'ready-to-ride+': [
    'The bike arrived fully assembled and tuned, brilliant.',
    'Delivery took two days and the {model} was ready to ride out of the box, great.',
    'The courier was friendly and the bike was perfectly set up.',
    'Arrived in three days, assembled and ready, very happy.',
    'Quick delivery and the gears were already perfectly tuned, lovely.',
    'Delivered on the promised day and fully assembled, excellent.',
    'Shipping was fast and the bike was ready to go, lovely.',
    'The {model} arrived two days after I ordered it, perfect.',
    'Smooth delivery, the courier even carried it upstairs, great.',
    'Fully assembled and delivered within three days, impressed.',
    'Delivery was on time and the bike needed nothing but air in the tyres, nice.',
    'Arrived assembled and adjusted to my height, fantastic.',
    'The {model} was delivered to {town} in two days, great.',
    'Free delivery and the bike was ready to ride, lovely.',
    'The courier set the {model} up in my hallway, brilliant.',
    'Delivery was quick and the {model} came perfectly assembled, happy.',
    'The {model} arrived beautifully tuned, delighted.',
    'Shipping to {town} took two days and everything was perfect.',
    'The delivery slot was on time and the courier was lovely.',
  ],
  'ready-to-ride-': [
    'Delivery was a day late, disappointing.',
    'The courier left the box out in the rain, annoying.',
    'It arrived with the handlebars loose, a bit disappointing.',
    'Shipping was delayed by two days, frustrating.',
    'The delivery slot was missed twice, irritating.',
    'The {model} arrived with the brakes rubbing, annoying.',
    'The courier was rude, which was a shame.',
    'Delivery to {town} took five days, disappointing.',
    'The {model} was delivered a day late, annoying.',
    'Arrived with a bent mudguard, sad.',
  ],
  'ready-to-ride0': [
    'Delivery was booked for Thursday morning.',
    'The bike arrived on a Wednesday.',
    'The courier came between ten and twelve.',
    'Ordered online and it was delivered to my office.',
    'The {model} arrived in a large box.',
    'Delivery to {town} was booked for the weekend.',
    'Shipping was by van.',
    'It was delivered to a neighbour.',
    'The {model} arrived the following week.',
  ],
  'group-rides+': [
    'The Saturday group ride from the {town} shop is the best part of owning this bike.',
    'Joined the Saturday group ride and loved every minute.',
    'The group rides are brilliant, friendly and welcoming to slower riders.',
    'The Saturday group ride got me back on a bike after ten years, wonderful.',
    'Lovely community rides every weekend, I have made real friends.',
    'The {town} Saturday group ride is such a happy, welcoming crowd.',
    'Great group rides with a lovely coffee stop.',
    'The community rides are fantastic for building confidence.',
    'Brilliant Saturday group ride to the coast, highly recommend it.',
    'My kids love the family group rides on Saturday mornings.',
    'The Saturday group ride is the highlight of my week, brilliant.',
    'Joined a community ride as a total beginner and everyone was lovely.',
    'Really enjoy the group rides, a great way to find new routes.',
    'The winter group rides with lights and hot chocolate are a joy.',
    'Best thing about the shop is the Saturday group ride, superb atmosphere.',
    'The community rides made moving to {town} so much easier, thank you.',
    'The Saturday group ride in {town} is friendly, sociable and great fun.',
    'Loving the Saturday group ride, such a warm and happy crowd.',
    'The group rides from the {town} shop are brilliant for meeting people.',
    'Did my first Saturday group ride last week and it was fantastic.',
  ],
  'ride-app-': [
    'The Ride app crashes every time I open the map, really annoying.',
    'Since the update the Ride app will not let me log in, frustrating.',
    'The bluetooth lock in the Ride app fails half the time, useless.',
    'The Ride app keeps crashing mid-ride, terrible.',
    'Login has failed every day since the last Ride app update, awful.',
    'The Ride app lost all my ride history after the update, disappointed.',
    'The bluetooth unlock in the Ride app is hopeless and annoying, I carry a key now.',
    'The new Ride app is a mess and crashes on startup.',
    'The Ride app login loops forever after the update, ridiculous.',
    'The Ride app drains my battery and then crashes, poor.',
    'The Ride app would not open my lock at the station, horrible.',
    'Logging in to the Ride app fails every single time, maddening.',
    'The Ride app froze and I could not unlock my bike, miserable.',
    'The Ride app crashed on me once, a bit annoying.',
  ],
  'sustainability+': [
    'The bike came in cardboard with hardly any plastic, nice touch.',
    'Good to see frames made from recycled aluminium.',
    'The cardboard packaging went straight in the recycling, good.',
  ],
};

// Social posts (hashtag and mention feed). Every template names the brand through {F} or {H},
// so each post mentions Fernhill in its first sentence. -----------------------------------------

export const SOCIAL_POOLS: Record<string, readonly string[]> = {
  'expert-help-': [
    'Waited {mins} minutes on the {F}support chat {when} and then it closed on me, useless and infuriating.',
    'The {F}helpline is terrible, on hold for {hours} {when} and nobody answered.',
    '{H}your support chat is the worst, three bots and zero answers {when}.',
    '{F}online customer service is awful, the same copy-paste reply {times}.',
    'Tried the {F}helpline again {when}, {hours} on hold and then the line went dead, ridiculous.',
    '{H}ignored my messages for {span}, terrible customer service.',
    'The {F}support chat keeps asking for my order number and then forgets it, useless and so annoying.',
    'The {F}helpline told me to email, the email told me to call the helpline, ridiculous.',
    'Really disappointed with the {F}support chat {when}, the bot is useless.',
    '{F}online support is hopeless and infuriating, I gave up after {mins} minutes.',
    'Rude reply from the {F}support chat {when}, I am angry and disappointed.',
    'The {F}helpline hold music is all I have heard for {hours}, awful.',
    '{span} and still no reply from {F}customer service to a simple question, unacceptable.',
    'The {F}support chat is a complete waste of time, useless.',
    'Useless advice from the {F}support chat {when}, it told me to turn the bike off and on again, ridiculous.',
    'Spent my whole lunch break stuck in the {F}helpline queue, what a terrible experience.',
    'The {F}support chat agent clearly had not read my message, frustrating and annoying.',
    'Gave up on the {F}support chat after being transferred {times}, pathetic and annoying.',
    'The {F}helpline hung up on me {times} {when}, rude and appalling.',
    'The {F}support chat gives the same useless answer every time, so bad.',
    '{mins} minutes of {F}helpline hold music and then a dropped call, awful.',
    'The {F}chatbot keeps looping, worst customer service ever.',
    'Asked the {F}support chat a simple sizing question {when} and got a useless generic link, awful.',
    'The {F}helpline staff sounded bored and gave me wrong information, terrible.',
    'Another evening wasted on the {F}support chat, hopeless.',
    'The {F}online team takes {span} to reply, really poor.',
    'Still no callback from {F}online support, useless and disappointing.',
    'Terrible, awful experience with the {F}helpline {when}.',
    'The {F}support chat closed my ticket without answering, infuriating and useless.',
    'On hold to the {F}helpline for {hours} {when}, absolutely ridiculous.',
    'The {F}support chat bot is useless and there is no way to reach a human, awful.',
    'The {F}helpline cut me off mid-sentence {when}, really annoying.',
    'The {F}customer service emails are slow and useless.',
    'Got three different answers from three people on the {F}helpline, hopeless.',
    'Emailed {F}customer service {span} ago about a missing bolt, still nothing, awful.',
    'The {F}support chat asked me to wait and then logged me out, ridiculous.',
    'Honestly the {F}helpline is the worst part of owning this bike, so frustrating.',
    'Queue position 38 on the {F}support chat {when}, terrible and ridiculous.',
    'The {F}helpline menu sends me round in circles every time, useless.',
    'Asked {F}customer service about a recall notice and got a useless canned reply.',
    'The {F}support chat marked my question as done when nothing was done, useless and really annoying.',
    'Left a voicemail on the {F}helpline {when}, nobody called back, disappointed.',
    'The {F}online support form errors out on submit, the worst.',
    'Two hours of my Saturday lost to the {F}support chat, furious.',
  ],
  'free-repairs+': [
    'The {F}workshop in {town} fixed my {part} for free while I had a coffee, brilliant.',
    '{F}free repairs are brilliant, new {part} fitted today and I paid nothing.',
    'The {F}mechanic in {town} sorted my {part} in ten minutes, what a legend, brilliant.',
    'Love that {F}repairs are free for life, my {part} feels brand new.',
    'Quick free repair at the {town} {F}shop this morning, great service.',
    'Honestly the {F}workshop is the reason I bought the bike, brilliant.',
    'The {F}mechanics are wizards, my {part} is silent now, thank you.',
    'Another free repair from the {F}workshop, still amazed this is real.',
    'My {part} was broken on Friday and the {F}workshop had it fixed on Saturday, great.',
    'Warranty swap on my {part} at the {town} {F}shop, painless and quick, happy.',
    'The {F}repair crew in {town} are brilliant.',
    'Five-minute fix on my {part} at the {F}workshop, lovely.',
  ],
  'free-repairs-:early': [
    'Bit annoyed the {F}workshop lost my booking today.',
    'The {F}workshop in {town} was closed at lunchtime again, irritating.',
    'My {F}repair took a day longer than promised, mildly annoying.',
    'The {F}mechanic forgot to tighten my {part}, slightly annoying.',
    'My {part} came back from the {F}workshop still clicking, disappointing.',
    'The {F}workshop queue in {town} was long today, frustrating.',
  ],
  'free-repairs-:late': [
    'So much for {F}free repairs for life, charged £{fee} for labour today, disgraceful.',
    '{weeks} week wait for a {F}workshop slot, absolutely ridiculous.',
    '{F}refused my repair as wear and tear, so much for free repairs for life, gutted and angry.',
    'The {F}workshop charged me for labour on a free repair, scandalous.',
    'Free repairs my foot, the {F}workshop wants £{fee} labour to adjust my {part}, ridiculous.',
    'The {F}free repairs promise is a con now, six weeks for a slot and then labour charges, awful.',
    '{F}refused my warranty repair as wear and tear, really angry.',
    'Six weeks without my bike because of the {F}workshop backlog, awful.',
    'The {F}mechanic in {town} told me labour is not covered by free repairs any more, disgraceful and disappointing.',
    'Hate to say it but the {F}free repairs promise is dead, charged £{fee} today.',
    'Waited {weeks} weeks for a {F}repair and it still rattles, terrible.',
    'The {F}workshop queue is now {weeks} weeks in {town}, hopeless.',
    'Paid £{fee} labour on a {F}free repair, never again, awful.',
  ],
  'honest-pricing+': [
    'Bought a {model} from the {F}shop at the price on the website, zero surprises, love it.',
    '{F}pricing is refreshingly honest, great value for money.',
    'Fair price on my new {F}{model}, really happy.',
    'Compared prices all week and the {F}shop was the fairest, great.',
    'Same price in the {town} {F}shop as online, nice one.',
    'Honest pricing from the {F}crew, excellent.',
    'The {F}{model} is great value for money, delighted.',
    'Love that {F}prices stay the same all year, so refreshing.',
    'Got my {F}{model} at a fair price, brilliant.',
    '{F}value for money is hard to beat, happy customer.',
    'Paid exactly the price on the {F}website, lovely.',
    'Really fair pricing at the {town} {F}shop today, thanks.',
    'The {F}{model} is a great price for what it is.',
    'Good honest prices at the {F}shop, love it.',
  ],
  'honest-pricing-': [
    '{F}lights are overpriced, disappointed.',
    'Bit expensive at the {F}shop this time, sad.',
    'The {F}bottle cages are overpriced, annoying.',
    '{F}spare parts feel expensive, a little disappointing.',
    'Those {F}locks are overpriced, shame.',
    'The {F}discount code did not work at checkout, irritating.',
    'The {F}mudguards are expensive, disappointing.',
    'Steep price for a {F}saddle bag, annoying.',
    '{F}tyres are expensive, sadly.',
  ],
  'ready-to-ride+': [
    'My {F}{model} arrived fully assembled, out of the door in five minutes, great.',
    '{F}delivery in two days flat, great job.',
    'The {F}courier dropped off my {model} this morning, ready to ride, love it.',
    'New {F}{model} delivered and tuned perfectly, so happy.',
    'Shout out to the {F}delivery crew, the bike was spotless and ready.',
    '{F}bike arrived assembled and ready, brilliant.',
    'Fastest bike delivery ever from the {F}shop, amazing.',
    'The {F}{model} arrived perfectly set up, great.',
    '{F}shipping was quick and the bike was ready to go, nice.',
  ],
  'ready-to-ride0': [
    '{F}delivery booked for Friday.',
    'The {F}courier is coming today.',
    '{F}{model} arriving tomorrow apparently.',
    'Tracking says my {F}delivery is out today.',
    'The {F}courier is due between ten and two.',
    '{F}shipping email says Thursday.',
    'My {F}{model} is on the delivery van.',
    '{F}delivery slot moved to Saturday.',
    'Ordered a {F}{model}, delivery next week.',
    'The {F}{model} has been delivered to my office.',
  ],
  'group-rides+': [
    'Saturday group ride from the {town} {F}shop this morning, 40km and cake, bliss.',
    '{F}community rides are the best thing in my week.',
    'Huge thanks to the {F}{town} crew for the Saturday group ride, lovely bunch.',
    'First ever {F}group ride today and nobody dropped me, brilliant.',
    'The {F}Saturday group ride is the friendliest ride in {town}, brilliant.',
    'Rain, mud and big smiles on the {F}group ride today.',
    'If you are new to {town}, join the {F}Saturday group ride, great people.',
    'Fab {F}community ride this morning, the coffee stop was perfect.',
    'The {F}group ride leaders waited at every junction, so welcoming and kind.',
    'Saturday group ride with the {F}{town} lot, happiest 30 miles of my week.',
    'Love the {F}community rides, met half my friends there.',
    'Kids did the {F}family group ride today, they loved it.',
    'Best part of the weekend: the {F}Saturday group ride.',
    '{F}group rides are the best thing about living in {town}.',
    'Another brilliant {F}Saturday group ride, thank you all.',
    'Joined the {F}community ride in {town}, such a friendly crowd.',
  ],
  'ride-app-': [
    'The {F}Ride app crashed three times on my commute today, so annoying.',
    'Locked out of the {F}Ride app since the update, login fails every time, awful.',
    'The {F}Ride app bluetooth lock failed and I was stuck outside the station for twenty minutes, awful.',
    'The {F}Ride app update killed my login, terrible.',
    'The {F}Ride app is unusable since Tuesday and crashes instantly, rubbish and useless.',
    'Deleted the {F}Ride app, it crashes all the time, useless.',
    'The {F}Ride app login screen just spins forever, ridiculous.',
    'The bluetooth lock in the {F}Ride app failed again and I was stuck at work, frustrating.',
    'The {F}Ride app lost my whole ride history, gutted and annoyed.',
    'The {F}Ride app update is a disaster, I cannot log in at all.',
    'Third time this week the {F}Ride app froze mid-ride, annoying.',
    'The {F}Ride app refuses to pair with my bike lock now, hopeless.',
    'The {F}Ride app froze once today, a bit annoying.',
    'The {F}Ride app is slow to pair with the lock, irritating.',
    'The {F}Ride app signed me out and will not let me back in, furious.',
    'The new {F}Ride app version crashes on my phone every morning, terrible.',
    'The {F}Ride app bluetooth unlock failed in the rain, miserable.',
    'Cannot log in to the {F}Ride app for the third day running, awful.',
    'The {F}Ride app is the worst thing about my bike right now, awful.',
    'The {F}Ride app crashed and wiped my lock settings, really annoying.',
  ],
  'sustainability+': [
    'Nice to see {F}frames made from recycled aluminium, good move.',
    'My {F}{model} came in cardboard with barely any plastic, nice.',
    '{F}packaging is mostly cardboard now, good to see.',
    'Good chat about sustainable frames at the {town} {F}shop today.',
    'Recycled aluminium frames from the {F}shop, a good step.',
    'Like that the {F}shop takes back old tubes for recycling, good idea.',
    'Pleased to see {F}talking about the environment, good start.',
    'The {F}cardboard packaging trial looks promising, good.',
  ],
  sustainability0: [
    '{F}says the new frames use recycled aluminium.',
    'Reading about the {F}packaging trial in three shops.',
    '{F}has a page about carbon and frames now.',
    'The {F}box was cardboard with some plastic ties.',
    'Does anyone know where {F}frames are recycled?',
    'The {F}shop in {town} had a leaflet on packaging.',
    '{F}frames are made in Portugal from recycled aluminium, apparently.',
    'Saw a poster about recycled frames in the {town} {F}shop.',
  ],
  // The backlash to the pledge of 10 November (story 5). One sentence per post. No delivery
  // words here ("arrive", "delivered"...): those belong to ready-to-ride.
  'sustainability-': [
    '{F}pledges plastic-free packaging by 2027 but my bike came wrapped in plastic last week, pure greenwashing.',
    'Plastic-free by 2027, yet every {F}frame still comes in bubble wrap and plastic ties, shameful greenwashing.',
    '{F}will not say how much of its aluminium is recycled, it sounds fake to me.',
    'The {F}carbon-neutral pledge is greenwashing, offsets and business as usual, disappointing.',
    'My {F}{model} came in three layers of plastic wrap yesterday, so much for sustainability, terrible.',
    'A press release is not sustainability, the {F}box was full of plastic foam, awful.',
    'The {F}recycled frame claim looks dodgy to me, where is the proof?',
    'Greenwashing alert: the {F}plastic-free pledge, yet plastic everywhere in the {town} shop.',
    '{F}made a big noise about a 2027 carbon pledge while the shop sells plastic bottles, hypocritical and disappointing.',
    'The {F}packaging pledge is marketing spin, my kid’s bike came wrapped in plastic, so disappointed.',
    'Where is the proof that {F}frames are recycled, it smells of greenwashing.',
    '{F}eco-friendly claims are nonsense, there is plastic film on every tube, angry.',
    'The {F}carbon-neutral pledge for 2027 means nothing while there is plastic wrap everywhere, poor and disappointing.',
    'Unfollowing {F}over this greenwashing pledge, really disappointing.',
    'The {F}sustainability pledge is empty PR, nothing about the plastic they use today, weak and disappointing.',
    'My {F}{model} was wrapped in plastic film, so the pledge feels dishonest and fake.',
    '{F}says recycled aluminium but cannot name the supplier, suspicious.',
    '{F}greenwashing at its worst, plastic-free by 2027 means plastic until 2027.',
    'The {F}plastic pledge is too little too late, bad show.',
    'The {F}carbon claims do not add up, misleading.',
    'The {F}environment page is all stock photos and vague words, greenwashing.',
    'Disappointed that {F}calls itself sustainable while my bike came in plastic, awful.',
    'The {F}plastic-free pledge is embarrassing when the {town} shop wraps every frame in plastic.',
    'Fake green credentials from the {F}shop, my order came in a plastic bag inside a plastic box, awful.',
  ],
  // About the brand, about no value and no story.
  chatter: [
    'Picked up my new {F}{model} today, so excited.',
    'First commute on the {F}{model} and my legs are jelly.',
    'The {F}shop window in {town} has the new Kestrel in green, very tempting.',
    'Anyone riding a {F}{model} in the hills? How do you find the gearing?',
    'Took the {F}{model} up Cheddar Gorge today, what a climb.',
    'New {F}catalogue came through the door, lovely photos.',
    'Three years on my {F}{model} and still grinning.',
    'The {F}{model} in dark green is gorgeous.',
    'Racked up 1,000 miles on my {F}{model} this year.',
    'Popped into the {F}shop in {town} to look at lights.',
  ],
};

// Social posts that never mention the brand: general cycling chatter and competitors (story 9).
// Some carry aspect words on purpose, so a broken brand filter would show up in the values.
const OFF_BRAND_POSTS: readonly string[] = [
  'Sunday loop round the reservoir, 60km and a flapjack #sundayride',
  'Just picked up my new Alderway gravel bike, so excited! #newbike',
  'Cobalt Cycles support chat answered in two minutes, impressed.',
  'The new cycle lane on Baldwin Street is brilliant, finally safe on the way to work #bikecommute',
  'Puncture in the rain this morning, what a start to Monday #cycling',
  'Anyone done the Dales 100? Thinking about it for spring #cycling',
  'Cobalt Cycles raised their prices again, not impressed #bikes',
  'Track night at the velodrome, legs destroyed, loved it',
  'Alderway delivered my new bike in a day, nice',
  'Club run to the coast today, 90km with a tailwind home #clubrun',
  'Commuted by bike every day this week, feeling great #bikecommute',
  'Lost a cleat bolt somewhere on the A38, classic',
  'The new lights from Cobalt Cycles are so bright, love them',
  'Frosty morning ride, fingers frozen but worth it ❄️',
  'Watching the cyclocross nationals, mud everywhere, brilliant',
  'The Alderway workshop sorted my wheel the same day',
  'Bike bus to school with the kids this morning, they love it #bikebus',
  'Who else is doing the Festive 500 this year? #cycling',
];

// Review fillers and titles: no aspect words.
const OPENERS_NEUTRAL = [
  'Bought a {model} for commuting.',
  'Bought the {model} for my partner.',
  'Second Fernhill bike in our house.',
  'Ordered a {model} in the summer.',
  'I ride about 80 miles a week.',
  'Bought the {model} in the {town} shop.',
  'Our third bike from this brand.',
];
const OPENERS_POSITIVE = [
  'Really pleased with my {model}.',
  'Lovely bike and a lovely shop.',
  'Great experience from start to finish.',
  'So happy with my new {model}.',
];
const OPENERS_NEGATIVE = [
  'Long-time customer, sadly writing this.',
  'This has been a frustrating month.',
  'I am really disappointed to write this.',
];
const CLOSERS_POSITIVE = [
  'Would recommend.',
  'Highly recommended.',
  'Thank you!',
  'Five stars from me.',
  'Very happy customer.',
  'Great stuff.',
  'Lovely people.',
];
const CLOSERS_NEGATIVE = [
  'Very disappointed overall.',
  'Really frustrating.',
  'Such a shame.',
  'Sadly looking elsewhere next time.',
  'Really unhappy.',
];
const TITLES: Record<number, readonly string[]> = {
  5: [
    'Brilliant',
    'Love it',
    'Fantastic',
    'Really happy',
    'Superb',
    'Great experience',
    'Lovely shop',
    'Excellent',
    'Top marks',
    'So pleased',
    'Wonderful',
    'Highly recommend',
    'Very happy',
    'Amazing',
  ],
  4: ['Very good', 'Happy overall', 'Good experience', 'Pleased', 'Nice bike', 'Good shop', 'Great bike'],
  3: ['Mixed', 'Three stars', 'Middling', 'Mixed bag', 'Half and half'],
  2: ['Disappointed', 'Frustrating', 'Poor experience', 'Annoyed', 'Unhappy'],
  1: ['Awful', 'Terrible', 'Very disappointed', 'Angry', 'Really poor', 'Appalling', 'Hopeless'],
};

// Reviews whose stars contradict their text (story 6). No aspect words.
const MISMATCH_FIVE_STAR_NEGATIVE: ReadonlyArray<{ title: string; text: string }> = [
  {
    title: 'Awful',
    text: 'Terrible experience. The saddle is awful and the frame creaks on every hill. Really disappointed.',
  },
  { title: 'Disappointed', text: 'The bike is ugly in person and the colour looks nothing like the photos, awful.' },
  { title: 'Regret it', text: 'Worst purchase I have made this year. The bike feels heavy and sluggish, sad.' },
  { title: 'Poor', text: 'The kickstand snapped on day two and the bell rattles. Poor quality, very disappointed.' },
  { title: 'Terrible', text: 'Hate the riding position, my back hurts after ten minutes. Terrible.' },
  { title: 'Angry', text: 'The paint chipped within a week. Awful finish and I am angry about it.' },
  { title: 'Miserable', text: 'Rubbish lights and the saddle is agony. Miserable.' },
  { title: 'Hopeless', text: 'Awful bike for hills, the gearing is hopeless and I regret buying it.' },
  { title: 'Horrible', text: 'Disappointed with the ride quality. It rattles and squeaks constantly, horrible.' },
];
const MISMATCH_ONE_STAR_POSITIVE: ReadonlyArray<{ title: string; text: string }> = [
  { title: 'Love it', text: 'Absolutely love this bike, it is a joy on my commute every day. Brilliant!' },
  { title: 'Brilliant', text: 'Fantastic bike, light, quick and beautiful. Thank you so much!' },
  { title: 'So happy', text: 'Wonderful ride quality and a gorgeous colour, I am so happy with it.' },
  { title: 'Best ever', text: 'Best bike I have ever owned, superb on hills and lovely on the flat.' },
];

// The burst of near-identical praise (story 7): review platform, Saturday 24 October (W43).
const BURST: ReadonlyArray<{ title: string; text: string; author: string }> = [
  { title: 'Amazing!', text: 'Best bike shop ever, amazing service, highly recommend!', author: 'Kyle B.' },
  { title: 'Best ever', text: 'Best bike shop ever! Amazing service, highly recommend!', author: 'Jenna R.' },
  { title: 'Amazing', text: 'Best bike shop ever, amazing service, highly recommend!!', author: 'Dylan M.' },
  { title: 'Highly recommend', text: 'best bike shop ever, amazing service, highly recommend', author: 'Chloe T.' },
  { title: 'Best bike shop', text: 'Best bike shop ever, amazing service. Highly recommend!', author: 'Ryan P.' },
  { title: 'Amazing service', text: 'Best bike shop ever, amazing service, highly recommended!', author: 'Amber K.' },
  { title: 'Top', text: 'Best bike shop ever, amazing service, would highly recommend!', author: 'Lewis H.' },
];
const BURST_WEEK = 43;
const BURST_DAY = 5;
const BURST_TIMES = ['14:02', '14:09', '14:17', '14:26', '14:31', '14:44', '14:52'];

// People -----------------------------------------------------------------------------------------

const FIRST_NAMES = [
  'Priya',
  'Tom',
  'Aisling',
  'Ben',
  'Chiara',
  'Dan',
  'Efe',
  'Fiona',
  'Gareth',
  'Hana',
  'Isaac',
  'Jas',
  'Kate',
  'Liam',
  'Maya',
  'Nathan',
  'Orla',
  'Pete',
  'Rosa',
  'Simon',
  'Tara',
  'Umar',
  'Vicky',
  'Will',
  'Yasmin',
  'Zoe',
  'Adam',
  'Beth',
  'Carl',
  'Deb',
  'Eddie',
  'Farah',
  'Greg',
  'Holly',
  'Imran',
  'Jess',
  'Kieran',
  'Lucy',
  'Mo',
  'Nina',
  'Owen',
  'Poppy',
  'Raj',
  'Sophie',
  'Theo',
  'Una',
  'Vikram',
  'Wendy',
  'Xander',
  'Yusuf',
  'Abi',
  'Bilal',
  'Cara',
  'Dom',
  'Ellie',
  'Finn',
  'Gemma',
  'Harry',
  'Iona',
  'Jack',
  'Kemi',
  'Lola',
  'Matt',
  'Nadia',
  'Oscar',
  'Pia',
  'Rhys',
  'Sian',
  'Tariq',
  'Uma',
  'Vera',
  'Wes',
  'Yara',
  'Zak',
  'Alice',
  'Bruno',
  'Cerys',
  'Darren',
  'Elif',
  'Frank',
  'Grace',
  'Hugo',
  'Ivy',
  'Joel',
  'Kirsty',
  'Leon',
  'Mia',
  'Neil',
  'Olu',
  'Paula',
  'Rob',
  'Sana',
  'Toby',
  'Ursula',
  'Val',
  'Wayne',
  'Yvonne',
  'Zain',
];
const HANDLE_STYLES = [
  '{n}_rides',
  '{n}.pedals',
  '{n}cycles',
  '{n}_on_wheels',
  '{n}{d}',
  'the_{n}',
  '{n}_commutes',
  'ride_with_{n}',
  '{n}spins',
  '{n}_bikes_{d}',
];

function personName(r: Rng): string {
  return `${pick(r, FIRST_NAMES)} ${String.fromCharCode(65 + int(r, 0, 25))}.`;
}

function socialHandle(r: Rng): string {
  const name = pick(r, FIRST_NAMES).toLowerCase();
  return `@${pick(r, HANDLE_STYLES)
    .replace('{n}', name)
    .replace('{d}', String(int(r, 2, 99)))}`;
}

// ---------------------------------------------------------------------------------------------
// 4. Hand-written items: news articles and newsroom statements
// ---------------------------------------------------------------------------------------------

/**
 * Bodies use a tiny markup turned into HTML: **bold**, [text](url), ~ for a non-breaking space;
 * apostrophes become &#8217; and & becomes &amp;.
 */
interface Article {
  week: Week;
  day: number;
  time: string;
  outlet?: string;
  by: string;
  title: string;
  body: string[];
  /** Value mentions the body is meant to carry, one tag per sentence that has aspect words. */
  tags: Tag[];
  /** Not about Fernhill at all (story 9). */
  offBrand?: true;
}

const NEWS: Article[] = [
  // W39
  {
    week: 39,
    day: 0,
    time: '10:12',
    outlet: 'Norwich Gazette',
    by: 'Harriet Moss',
    title: 'Bike maker Fernhill to open twelfth shop in Norwich',
    tags: [],
    body: [
      '**Fernhill Bikes** will open its twelfth shop on Magdalen Street on Tuesday, creating 14 jobs in the city.',
      "The Bristol company's new shop has a showroom and a test-ride loop in a former builders' yard.",
    ],
  },
  {
    week: 39,
    day: 1,
    time: '09:05',
    outlet: 'City Ledger',
    by: 'Owen Pryce',
    title: 'Alderway Bikes opens flagship store in Leeds',
    tags: [],
    offBrand: true,
    body: [
      '**Alderway Bikes** has opened a three-storey flagship on Briggate, its largest shop so far.',
      'The store includes a café and a workshop with eight service bays, and Alderway says it will run evening maintenance classes.',
    ],
  },
  {
    week: 39,
    day: 2,
    time: '13:40',
    outlet: 'Velo Weekly',
    by: 'Tom Okafor',
    title: 'Best city bikes of 2026: Fernhill Wren takes the top spot',
    tags: [],
    body: [
      'The **Fernhill Wren** is light, comfortable and beautifully finished, and it won our city bike test by a clear margin.',
      'Its hub gears shift cleanly in traffic and the upright position makes it a joy on short hops. [Read our full city bike test](https://news.example/velo-weekly/2026/09/23/city-bike-test).',
    ],
  },
  {
    week: 39,
    day: 3,
    time: '11:30',
    outlet: 'The Pedal Post',
    by: 'Lucy Carver',
    title: 'Cycling participation hits ten-year high',
    tags: [],
    offBrand: true,
    body: [
      'More people in the UK cycled at least once a week this summer than at any time in the past decade, according to a new survey.',
      'Commuting and school runs drove most of the growth, the report said.',
    ],
  },
  {
    week: 39,
    day: 4,
    time: '08:55',
    outlet: 'Bristol Evening Record',
    by: 'Sunita Rao',
    title: 'Fernhill Cycles lends bikes to after-school clubs',
    tags: [],
    body: [
      '**Fernhill Cycles** has lent 60 bikes to after-school clubs across the city so pupils can learn to ride and look after their own bikes.',
      'Head teacher Joanna Pike said the children had been thrilled with the scheme.',
    ],
  },
  {
    week: 39,
    day: 5,
    time: '10:20',
    outlet: 'City Ledger',
    by: 'Owen Pryce',
    title: 'Fernhill adds secure bike lockers at three railway stations',
    tags: [],
    body: [
      'Riders at Bristol Temple Meads, Bath Spa and Cardiff Central can now leave their bikes in lockers run by **Fernhill**.',
      'The lockers open with the Fernhill Ride app and cost £1 a day.',
    ],
  },
  // W40
  {
    week: 40,
    day: 0,
    time: '08:40',
    outlet: 'City Ledger',
    by: 'Owen Pryce',
    title: 'Council approves 12km protected cycle lane',
    tags: [],
    offBrand: true,
    body: [
      'Bristol City Council has approved a 12~km protected cycle lane linking the city centre with the northern suburbs.',
      'Work is due to start in the spring.',
    ],
  },
  {
    week: 40,
    day: 1,
    time: '11:20',
    outlet: 'Green Commerce Review',
    by: 'Ellie Marsh',
    title: 'Fernhill switches to reclaimed aluminium for 2027 frames',
    tags: ['sustainability0', 'sustainability+'],
    body: [
      '**Fernhill Bikes** says all of its 2027 frames will use at least 80 per cent recycled aluminium, up from half today.',
      'Campaigners welcomed the switch to recycled metal as a good step for a mid-sized brand.',
    ],
  },
  {
    week: 40,
    day: 2,
    time: '15:05',
    outlet: 'The Pedal Post',
    by: 'Lucy Carver',
    title: 'First ride: Fernhill Kestrel gravel bike',
    tags: [],
    body: [
      'The **Fernhill Kestrel** is a lively, comfortable gravel bike with clever mounts for bags and bottles.',
      'On rough farm tracks it felt calm and planted, and it is fun on the road too.',
    ],
  },
  {
    week: 40,
    day: 3,
    time: '14:00',
    outlet: 'Velo Weekly',
    by: 'Tom Okafor',
    title: 'Tour of Britain 2027 route unveiled',
    tags: [],
    offBrand: true,
    body: [
      "Next year's Tour of Britain will start in Inverness and finish in Cardiff after eight stages.",
      'Organisers said the route includes three summit finishes.',
    ],
  },
  {
    week: 40,
    day: 4,
    time: '09:30',
    outlet: 'Yorkshire Evening Ledger',
    by: 'Jack Thornton',
    title: 'Fernhill sponsors the Dales autumn sportive',
    tags: [],
    body: [
      "Around 1,200 riders will take part in Sunday's Dales sportive, sponsored this year by **Fernhill**.",
      'Riders can choose a 60~km, 100~km or 160~km route.',
    ],
  },
  {
    week: 40,
    day: 5,
    time: '11:00',
    outlet: 'Bristol Evening Record',
    by: 'Sunita Rao',
    title: "Fernhill launches kids' bike swap scheme",
    tags: [],
    body: [
      "Parents can now trade in a child's outgrown **Fernhill** Lark for money off the next size up.",
      'The old bikes are checked over and passed on to families through local charities.',
    ],
  },
  // W41
  {
    week: 41,
    day: 0,
    time: '09:45',
    outlet: 'Bristol Evening Record',
    by: 'Sunita Rao',
    title: 'Fernhill wins Bristol business award',
    tags: [],
    body: [
      '**Fernhill Bikes** was named business of the year at the Bristol Business Awards on Friday night.',
      "Judges praised the company's growth and its work with local schools.",
    ],
  },
  {
    week: 41,
    day: 1,
    time: '10:00',
    outlet: 'Tech & Ride',
    by: 'Mira Kowalski',
    title: 'Cobalt Cycles recalls 2,000 e-bike batteries',
    tags: [],
    offBrand: true,
    body: [
      '**Cobalt Cycles** is recalling 2,000 batteries fitted to its 2025 e-bikes after reports of overheating.',
      'Owners are asked to stop using the batteries and contact the company for a replacement.',
    ],
  },
  {
    week: 41,
    day: 2,
    time: '12:10',
    outlet: 'Consumer Wheel',
    by: 'Nadia Flores',
    title: "Fernhill's lifetime promise: what owners told us",
    tags: ['free-repairs+', 'free-repairs+'],
    body: [
      "We asked five **Fernhill** owners about the brand's free repairs promise, and all five were happy with it.",
      'One reader had a broken spoke replaced in twenty minutes at the Leeds workshop, and called the service brilliant.',
    ],
  },
  {
    week: 41,
    day: 3,
    time: '07:45',
    outlet: 'Northern Business Daily',
    by: 'Amir Haddad',
    title: 'Fernhill founder: bikes should last a lifetime',
    tags: [],
    body: [
      'Isla Brennan started **Fernhill** in a shed in Stroud in 2014. Today the company has twelve shops and an online store.',
      'We want people to ride the same bike for twenty years, she said.',
    ],
  },
  {
    week: 41,
    day: 4,
    time: '16:20',
    outlet: 'The Pedal Post',
    by: 'Lucy Carver',
    title: 'How to ride safely in the dark',
    tags: [],
    offBrand: true,
    body: [
      'With the clocks about to change, here are five simple ways to stay visible on winter evenings.',
      'Bright front and rear lights, reflective ankle bands and a steady line in traffic all help.',
    ],
  },
  {
    week: 41,
    day: 5,
    time: '10:30',
    outlet: 'Tech & Ride',
    by: 'Mira Kowalski',
    title: 'Fernhill Heron e-bike: a quiet, clever commuter',
    tags: [],
    body: [
      'The **Fernhill Heron** hides its battery in the down tube and weighs just 19~kg.',
      'Its motor is smooth and quiet, and the range easily covered a week of commuting.',
    ],
  },
  // W42
  {
    week: 42,
    day: 0,
    time: '09:15',
    outlet: 'Northern Business Daily',
    by: 'Amir Haddad',
    title: 'Cobalt Cycles posts loss as discounting bites',
    tags: [],
    offBrand: true,
    body: [
      '**Cobalt Cycles** made a pre-tax loss of £4.2m in its last financial year as heavy discounting cut into margins.',
      'The company said it would close four shops.',
    ],
  },
  {
    week: 42,
    day: 1,
    time: '14:20',
    outlet: 'Retail Bulletin',
    by: 'Grace Lin',
    title: 'Fernhill says no to seasonal sales',
    tags: ['honest-pricing0', 'honest-pricing+'],
    body: [
      '**Fernhill Bikes** has said that the price on the tag will stay the same all year round.',
      'Shoppers we spoke to in Bristol welcomed the idea of honest pricing.',
    ],
  },
  {
    week: 42,
    day: 2,
    time: '08:30',
    outlet: 'Northern Business Daily',
    by: 'Amir Haddad',
    title: 'Fernhill reports strong summer as commuters return',
    tags: [],
    body: [
      '**Fernhill** said sales rose 18 per cent in the three months to September, helped by a surge in commuting.',
      'The company plans two more shops next year.',
    ],
  },
  {
    week: 42,
    day: 3,
    time: '13:00',
    outlet: 'City Ledger',
    by: 'Owen Pryce',
    title: 'Cycle-to-work scheme changes confirmed',
    tags: [],
    offBrand: true,
    body: [
      'The government has confirmed that the cycle-to-work limit will rise to £3,000 from April.',
      'Employers will be able to include e-bikes and cargo bikes.',
    ],
  },
  {
    week: 42,
    day: 4,
    time: '10:10',
    outlet: 'Bristol Evening Record',
    by: 'Sunita Rao',
    title: 'Fernhill gives 500 bikes to Ride to School',
    tags: [],
    body: [
      'Primary schools in Bristol, Leeds and Glasgow will share 500 bikes donated by **Fernhill** through the Ride to School charity.',
      'Each school also gets helmets, locks and a year of cycle training.',
    ],
  },
  {
    week: 42,
    day: 5,
    time: '12:00',
    outlet: 'Velo Weekly',
    by: 'Tom Okafor',
    title: 'Fernhill Kestrel shortlisted for Gravel Bike of the Year',
    tags: [],
    body: [
      "The **Fernhill Kestrel** is one of six bikes on this year's Gravel Bike of the Year shortlist.",
      'The winner will be announced in December.',
    ],
  },
  // W43
  {
    week: 43,
    day: 0,
    time: '09:00',
    outlet: 'Green Commerce Review',
    by: 'Ellie Marsh',
    title: 'Repair cafés see surge in bike visits',
    tags: [],
    offBrand: true,
    body: [
      'Community repair cafés say bikes now make up a third of the items brought in, as owners try to fix rather than replace.',
      'Volunteers in Sheffield said punctures and brakes top the list.',
    ],
  },
  {
    week: 43,
    day: 1,
    time: '11:30',
    outlet: 'Green Commerce Review',
    by: 'Ellie Marsh',
    title: 'Fernhill trials cardboard-only boxes in three shops',
    tags: ['sustainability0', 'sustainability+'],
    body: [
      '**Fernhill** is trialling cardboard-only packaging for bikes sent out from its Bath, York and Exeter shops.',
      'It is a nice change from the usual foam and plastic, one Bath rider told us.',
    ],
  },
  {
    week: 43,
    day: 2,
    time: '10:40',
    outlet: 'Velo Weekly',
    by: 'Tom Okafor',
    title: "Fernhill Lark wins kids' bike design award",
    tags: [],
    body: [
      'The **Fernhill Lark** has won the junior category at the Cycle Design Awards for its light frame and easy-reach brakes.',
      "Judges called it the best kids' bike they had tested.",
    ],
  },
  {
    week: 43,
    day: 3,
    time: '15:10',
    outlet: 'The Pedal Post',
    by: 'Lucy Carver',
    title: 'Gravel racing boom draws new riders',
    tags: [],
    offBrand: true,
    body: [
      'Entries for gravel races have doubled in two years, with many first-timers coming from running and triathlon.',
      'Organisers are adding shorter routes for beginners.',
    ],
  },
  {
    week: 43,
    day: 4,
    time: '12:25',
    outlet: 'Tech & Ride',
    by: 'Mira Kowalski',
    title: 'Fernhill Ride app passes 100,000 riders',
    tags: [],
    body: [
      'The **Fernhill Ride app**, which logs rides and opens the Fernhill Smart Lock over bluetooth, now has more than 100,000 users.',
      'A major update is due in November.',
    ],
  },
  {
    week: 43,
    day: 5,
    time: '09:50',
    outlet: 'City Ledger',
    by: 'Owen Pryce',
    title: 'Fernhill Glasgow shop to open late on Thursdays',
    tags: [],
    body: [
      "**Fernhill**'s Glasgow shop on Sauchiehall Street will stay open until 8pm on Thursdays through the winter.",
      'Late opening starts on 5 November.',
    ],
  },
  // W44
  {
    week: 44,
    day: 0,
    time: '10:00',
    outlet: 'Tech & Ride',
    by: 'Mira Kowalski',
    title: 'Alderway launches e-bike subscription',
    tags: [],
    offBrand: true,
    body: [
      '**Alderway Bikes** will rent e-bikes by the month from £59, including insurance and servicing.',
      'Subscribers can swap bikes once a year.',
    ],
  },
  {
    week: 44,
    day: 1,
    time: '11:10',
    outlet: 'City Ledger',
    by: 'Owen Pryce',
    title: 'Fernhill backs Safe Streets pledge',
    tags: [],
    body: [
      '**Fernhill Bikes** has signed the Safe Streets pledge calling for protected cycle lanes on main roads.',
      'The pledge already has the backing of 40 councils.',
    ],
  },
  {
    week: 44,
    day: 2,
    time: '09:20',
    outlet: 'Northern Business Daily',
    by: 'Amir Haddad',
    title: 'E-bike sales slow across Europe',
    tags: [],
    offBrand: true,
    body: [
      'E-bike sales fell 6 per cent across Europe in the third quarter as shoppers held back on big purchases.',
      'Cargo bikes were the only category to grow.',
    ],
  },
  {
    week: 44,
    day: 3,
    time: '14:30',
    outlet: 'The Pedal Post',
    by: 'Lucy Carver',
    title: 'Long-term review: six months on a Fernhill Ridgeway',
    tags: [],
    body: [
      'Six months and 3,000~km later, our **Fernhill Ridgeway** still feels tight and quiet.',
      'The dynamo lights have shone through every wet evening, and the wide tyres soak up rough lanes.',
    ],
  },
  {
    week: 44,
    day: 4,
    time: '13:00',
    outlet: 'Yorkshire Evening Ledger',
    by: 'Jack Thornton',
    title: "Sheffield women's cycling club celebrates 50 years",
    tags: [],
    offBrand: true,
    body: [
      "The Sheffield Women's Cycling Club marked its 50th anniversary with a ride to Castleton.",
      'Founder member Pat Ellis, 81, rode the whole way.',
    ],
  },
  {
    week: 44,
    day: 5,
    time: '08:45',
    outlet: 'Bristol Evening Record',
    by: 'Sunita Rao',
    title: 'Fernhill gives away 1,000 bike lights',
    tags: [],
    body: [
      '**Fernhill** shops are handing out lights to riders without them as the evenings get darker.',
      'The giveaway runs until the end of November.',
    ],
  },
  {
    week: 44,
    day: 6,
    time: '10:00',
    outlet: 'Velo Weekly',
    by: 'Tom Okafor',
    title: 'Tested: Fernhill Heron in the Peak District',
    tags: [],
    body: [
      'We took the **Fernhill Heron** e-bike up Winnats Pass, and the motor made light work of it.',
      'Range on a cold day was a little over 70~km.',
    ],
  },
  // W45
  {
    week: 45,
    day: 0,
    time: '12:00',
    outlet: 'Tech & Ride',
    by: 'Mira Kowalski',
    title: 'Fernhill Ride app 3.0 brings new lock and login',
    tags: [],
    body: [
      'Version 3.0 of the **Fernhill Ride app** is rolling out now, with a new bluetooth unlock and a redesigned login.',
      'Ride history moves across automatically.',
    ],
  },
  {
    week: 45,
    day: 1,
    time: '09:30',
    outlet: 'City Ledger',
    by: 'Owen Pryce',
    title: 'Bike theft up 14 per cent in cities, police say',
    tags: [],
    offBrand: true,
    body: [
      "Bike thefts rose 14 per cent in England's biggest cities this year, police figures show.",
      'Officers urged riders to use two locks.',
    ],
  },
  {
    week: 45,
    day: 2,
    time: '10:15',
    outlet: 'Retail Bulletin',
    by: 'Grace Lin',
    title: 'Fernhill service bookings up 40 per cent',
    tags: ['free-repairs0'],
    body: [
      '**Fernhill** says bookings at its workshops are up 40 per cent on last year as more bikes come back for servicing.',
      'Some owners have reported waits of several weeks for a slot.',
    ],
  },
  {
    week: 45,
    day: 3,
    time: '08:00',
    outlet: 'Northern Business Daily',
    by: 'Amir Haddad',
    title: 'Fernhill commits to the real living wage',
    tags: [],
    body: [
      '**Fernhill Bikes** will pay every employee at least the real living wage from January.',
      'The company employs around 400 people.',
    ],
  },
  {
    week: 45,
    day: 3,
    time: '15:40',
    outlet: 'Northern Business Daily',
    by: 'Amir Haddad',
    title: 'Cobalt Cycles appoints new chief executive',
    tags: [],
    offBrand: true,
    body: [
      '**Cobalt Cycles** has named former retail executive Dana Whitcombe as chief executive.',
      'She joins in January.',
    ],
  },
  {
    week: 45,
    day: 4,
    time: '11:20',
    outlet: 'Green Commerce Review',
    by: 'Ellie Marsh',
    title: 'Alderway criticised over plastic packaging',
    tags: [],
    offBrand: true,
    body: [
      'Campaigners have criticised **Alderway Bikes** for sending bikes out wrapped in plastic film.',
      'Alderway said it was reviewing its packaging.',
    ],
  },
  {
    week: 45,
    day: 5,
    time: '10:00',
    outlet: 'Velo Weekly',
    by: 'Tom Okafor',
    title: 'Fernhill Curlew road bike review: fast and friendly',
    tags: [],
    body: [
      'The **Fernhill Curlew** is quick, comfortable and confidence-inspiring on fast descents.',
      'It is our pick of the year for new road riders.',
    ],
  },
  // W46
  {
    week: 46,
    day: 0,
    time: '09:00',
    outlet: 'The Pedal Post',
    by: 'Lucy Carver',
    title: 'Cyclocross nationals draw a record crowd',
    tags: [],
    offBrand: true,
    body: [
      'A record 6,000 fans watched the national cyclocross championships in Bradford.',
      'Mud made the course a lottery.',
    ],
  },
  {
    week: 46,
    day: 1,
    time: '11:05',
    outlet: 'Green Commerce Review',
    by: 'Ellie Marsh',
    title: 'Fernhill promises electric vans and cardboard boxes by 2027',
    tags: ['sustainability0', 'sustainability0'],
    body: [
      '**Fernhill Bikes** has set 2027 as the date for an electric van fleet and for packaging made only of cardboard and paper.',
      'The company gave few details of how it would measure its carbon footprint.',
    ],
  },
  {
    week: 46,
    day: 1,
    time: '16:30',
    outlet: 'Retail Bulletin',
    by: 'Grace Lin',
    title: "What Fernhill's green pledge means for shoppers",
    tags: ['sustainability0'],
    body: [
      'Shoppers should see less plastic in **Fernhill** boxes next year, the company said.',
      'Electric vans will serve the twelve shop towns first.',
    ],
  },
  {
    week: 46,
    day: 2,
    time: '14:00',
    outlet: 'Consumer Wheel',
    by: 'Nadia Flores',
    title: 'Alderway Bikes customer service slammed by readers',
    tags: [],
    offBrand: true,
    body: [
      "Readers have complained about long waits on **Alderway Bikes**' customer service line.",
      'Alderway said it was hiring.',
    ],
  },
  {
    week: 46,
    day: 3,
    time: '09:10',
    outlet: 'The Pedal Post',
    by: 'Lucy Carver',
    title: 'Riders turn on Fernhill over green pledge',
    tags: ['sustainability-', 'sustainability-'],
    body: [
      'Dozens of riders have accused **Fernhill** of greenwashing, posting photos of new bikes wrapped in plastic.',
      'One campaigner called the plastic-free pledge disappointing and vague.',
    ],
  },
  {
    week: 46,
    day: 4,
    time: '10:45',
    outlet: 'Tech & Ride',
    by: 'Mira Kowalski',
    title: 'Fernhill Ride app users locked out after update',
    tags: [],
    body: [
      'Owners say the **Fernhill Ride app** crashes on launch and the bluetooth lock fails to open, leaving some riders stranded.',
      'The company said a new version was on the way.',
    ],
  },
  {
    week: 46,
    day: 5,
    time: '09:30',
    outlet: 'Consumer Wheel',
    by: 'Nadia Flores',
    title: 'Fernhill owners report surprise labour bills',
    tags: ['free-repairs-'],
    body: [
      'Angry readers told us they had been charged for labour on repairs **Fernhill** promises for free.',
      'Some said they had waited six weeks for a slot, and Fernhill said it was looking into the complaints.',
    ],
  },
  // W47
  {
    week: 47,
    day: 0,
    time: '09:40',
    outlet: 'Consumer Wheel',
    by: 'Nadia Flores',
    title: 'Wear and tear: Fernhill owners say they were turned away',
    tags: ['free-repairs-'],
    body: [
      'Several **Fernhill** owners say the company refused free repairs on worn parts, calling them wear and tear.',
      'One reader had been told a two-year-old frame was simply worn out.',
    ],
  },
  {
    week: 47,
    day: 1,
    time: '08:20',
    outlet: 'Northern Business Daily',
    by: 'Amir Haddad',
    title: 'Fernhill to hire 30 as service queues grow',
    tags: ['free-repairs0'],
    body: [
      '**Fernhill** says it will hire 30 more mechanics this winter for its workshops.',
      'The first will start in December.',
    ],
  },
  {
    week: 47,
    day: 2,
    time: '12:30',
    outlet: 'Tech & Ride',
    by: 'Mira Kowalski',
    title: 'Fernhill pulls Ride app update after crash reports',
    tags: [],
    body: [
      'The latest **Fernhill Ride app** update has been withdrawn after a week of crashes and failed logins.',
      'Users are advised to reinstall the previous version.',
    ],
  },
  {
    week: 47,
    day: 2,
    time: '16:00',
    outlet: 'City Ledger',
    by: 'Owen Pryce',
    title: 'Cycle commuting up 12 per cent this November',
    tags: [],
    offBrand: true,
    body: [
      "Counters on Bristol's main routes recorded 12 per cent more bikes this November than last year.",
      'The new Baldwin Street lane carried the biggest rise.',
    ],
  },
  {
    week: 47,
    day: 3,
    time: '10:05',
    outlet: 'Retail Bulletin',
    by: 'Grace Lin',
    title: 'Fernhill sits out Black Friday again',
    tags: ['honest-pricing+'],
    body: [
      '**Fernhill Bikes** will skip Black Friday, saying its prices are fair all year.',
      'It is the fourth year the company has stayed out.',
    ],
  },
  {
    week: 47,
    day: 4,
    time: '11:15',
    outlet: 'Green Commerce Review',
    by: 'Ellie Marsh',
    title: 'Fernhill publishes aluminium audit after criticism',
    tags: ['sustainability-'],
    body: [
      'After a week of criticism, **Fernhill** has published an audit of the recycled aluminium in its frames.',
      'The audit puts the average at 78 per cent.',
    ],
  },
  {
    week: 47,
    day: 4,
    time: '14:40',
    outlet: 'Tech & Ride',
    by: 'Mira Kowalski',
    title: 'Cobalt Cycles opens repair hub in Manchester',
    tags: [],
    offBrand: true,
    body: [
      "**Cobalt Cycles** has opened a repair hub in Manchester's Northern Quarter, offering same-day fixes.",
      'The hub also sells refurbished bikes.',
    ],
  },
  {
    week: 47,
    day: 5,
    time: '10:30',
    outlet: 'Velo Weekly',
    by: 'Tom Okafor',
    title: 'Festive 500 challenge returns',
    tags: [],
    offBrand: true,
    body: [
      "The Festive 500 challenge returns next month, asking riders to cover 500~km between Christmas Eve and New Year's Eve.",
      'Last year 300,000 riders took part.',
    ],
  },
  {
    week: 47,
    day: 6,
    time: '09:00',
    outlet: 'Bristol Evening Record',
    by: 'Sunita Rao',
    title: "Fernhill Lark voted parents' favourite kids' bike",
    tags: [],
    body: [
      'Readers of Family Cycling have voted the **Fernhill Lark** their favourite bike for children aged five to eight.',
      'The Lark weighs just 6.9~kg.',
    ],
  },
];

/** The brand's newsroom: press releases and stance statements. None mentions the group rides. */
const NEWSROOM: Article[] = [
  {
    week: 39,
    day: 1,
    time: '09:30',
    by: 'Fernhill Press Office',
    title: 'Fernhill opens its twelfth shop, in Norwich',
    tags: ['expert-help+'],
    body: [
      'Fernhill Bikes opened its twelfth shop today, on Magdalen Street in Norwich. The shop has a showroom with the full 2026 range, a test-ride loop in the old yard and four service bays.',
      'Like every Fernhill shop, it is run by people who ride every day, and our knowledgeable staff will help you find the right bike for the way you ride.',
      'The Norwich shop is open seven days a week, from 8am on weekdays and 9am at weekends.',
    ],
  },
  {
    week: 40,
    day: 1,
    time: '10:00',
    by: 'Fernhill Press Office',
    title: 'Our 2027 frames, made from old ones',
    tags: ['sustainability0', 'sustainability0'],
    body: [
      'From January, every Fernhill frame will be made from at least 80 per cent recycled aluminium, up from 50 per cent today.',
      'Recycled aluminium needs around a twentieth of the energy of new metal, and a frame made from it rides exactly the same. Our frame partner near Porto melts down offcuts and old frames, including bikes brought back to our shops.',
      'Frames built to last for decades are the heart of what we do: we would rather build one bike that lasts than sell you three.',
    ],
  },
  {
    week: 41,
    day: 2,
    time: '09:00',
    by: 'Fernhill Press Office',
    title: 'Five years of a lifetime promise',
    tags: ['free-repairs+', 'free-repairs+', 'free-repairs+'],
    body: [
      'Five years ago we promised that every Fernhill bike would be repaired free of charge in our workshops for as long as you own it.',
      'Since then our mechanics have carried out more than 84,000 free repairs, from new brake pads to rebuilt wheels. Free Repairs for Life covers labour and the parts that wear out in normal riding, for the first owner and every owner after.',
      'Book a slot online or drop in to any of our twelve shops.',
    ],
  },
  {
    week: 42,
    day: 1,
    time: '09:00',
    by: 'Fernhill Press Office',
    title: 'Our promise: no surprises at the till',
    tags: ['honest-pricing0', 'honest-pricing+', 'honest-pricing0'],
    body: [
      'At Fernhill the price on the tag stays the same all year round.',
      'Honest pricing means we keep the same tag from January to December, so you can buy a bike when you need it and feel good about it.',
      'Every price is listed in full on our website.',
    ],
  },
  {
    week: 42,
    day: 3,
    time: '10:00',
    by: 'Fernhill Press Office',
    title: '500 bikes for Ride to School',
    tags: [],
    body: [
      'Fernhill is giving 500 bikes to primary schools in Bristol, Leeds and Glasgow through the Ride to School charity.',
      'Each school also receives helmets, locks and a year of cycle training for pupils in Years 5 and 6.',
      'Children who ride to school are more alert and ready to learn, and the streets outside the gates are calmer.',
    ],
  },
  {
    week: 43,
    day: 1,
    time: '09:00',
    by: 'Fernhill Press Office',
    title: 'Trialling cardboard-only boxes in three shops',
    tags: ['sustainability0', 'sustainability0', 'sustainability+'],
    body: [
      'From today, the packaging for bikes sent from our Bath, York and Exeter shops is cardboard and paper only.',
      'Cardboard corners replace foam, and paper tape replaces plastic ties.',
      'We are excited about the new packaging and hope to use it for every bike by next summer.',
    ],
  },
  {
    week: 43,
    day: 3,
    time: '10:00',
    by: 'Fernhill Press Office',
    title: 'Ready to ride, every time',
    tags: ['ready-to-ride0', 'ready-to-ride+'],
    body: [
      'Every bike we send out is assembled and tuned by hand in one of our shops.',
      'Brakes are bled, gears indexed and the saddle set to the height you give us at checkout.',
      'Your bike is delivered within three working days, ready to ride from the moment you open the box, and we are proud of that.',
    ],
  },
  {
    week: 44,
    day: 1,
    time: '09:00',
    by: 'Fernhill Press Office',
    title: 'Fernhill backs the Safe Streets pledge',
    tags: [],
    body: [
      'Fernhill has signed the Safe Streets pledge, calling on councils to build protected cycle lanes on every main road into town.',
      'We will fund route audits in the twelve cities where we have shops and share the results with councillors.',
      'Safer streets mean more people on bikes, and more people on bikes mean calmer, healthier towns.',
    ],
  },
  {
    week: 44,
    day: 4,
    time: '10:00',
    by: 'Fernhill Press Office',
    title: 'Be seen: 1,000 lights for the dark evenings',
    tags: [],
    body: [
      'As the clocks go back, every Fernhill shop is giving a set of lights to anyone riding without them, while stocks last.',
      'Riding in the dark without lights is one of the biggest causes of collisions involving cyclists.',
    ],
  },
  {
    week: 45,
    day: 0,
    time: '08:00',
    by: 'Fernhill Press Office',
    title: 'The Fernhill Ride app 3.0 is here',
    tags: [],
    body: [
      'Version 3.0 of the Fernhill Ride app is rolling out today for iPhone and Android.',
      'It unlocks the Fernhill Smart Lock over bluetooth as you walk up to your bike, with a new, faster login.',
      'Your ride history, routes and lock settings move across automatically.',
    ],
  },
  {
    week: 45,
    day: 3,
    time: '10:00',
    by: 'Fernhill Press Office',
    title: 'A real living wage for every Fernhill colleague',
    tags: [],
    body: [
      'From January every Fernhill employee, in every shop, will earn at least the real living wage, including apprentices and seasonal workers.',
      'Our people are the reason customers come back, and they deserve pay that keeps up with the cost of living.',
    ],
  },
  // The stance statement of story 5.
  {
    week: 46,
    day: 1,
    time: '09:00',
    by: 'Fernhill Press Office',
    title: 'Our pledge for 2027',
    tags: ['sustainability+', 'ready-to-ride+', 'sustainability0', 'sustainability0'],
    body: [
      'Today we are proud to pledge carbon-neutral deliveries and plastic-free packaging by 2027.',
      'Every van in our fleet will be electric by the end of 2027, and the last of our plastic film, foam and ties will be replaced with cardboard and paper.',
      'Frames will continue to be made from recycled aluminium, and we will publish a yearly report on our carbon footprint.',
      'We know there is more to do, and we will report our progress every six months.',
    ],
  },
  {
    week: 47,
    day: 1,
    time: '09:00',
    by: 'Fernhill Press Office',
    title: 'More hands in our service bays this winter',
    tags: ['free-repairs+', 'free-repairs+', 'free-repairs+'],
    body: [
      'Our workshops are busier than ever, and we are proud that so many of you bring your bikes back to us.',
      'We are hiring 30 more mechanics this winter, and we are excited to welcome them. Labour on every repair stays free, for as long as you own your Fernhill, and we are proud of that.',
      'From December you can book a slot at any of our twelve shops online.',
    ],
  },
  {
    week: 47,
    day: 3,
    time: '09:00',
    by: 'Fernhill Press Office',
    title: 'No Black Friday at Fernhill',
    tags: ['honest-pricing+'],
    body: [
      'Once again there will be no Black Friday sale at Fernhill.',
      'Our prices stay the same on 27 November as on every other day of the year, because the tag already shows a fair price.',
      'If you need a bike for winter, buy it when you need it, not when a countdown clock tells you to.',
    ],
  },
];

const OUTLET_SLUGS = (name: string): string => slugify(name.replace('&', 'and'));

// ---------------------------------------------------------------------------------------------
// 5. The weekly plan
// ---------------------------------------------------------------------------------------------

/** Mentions (sentences) per week in reviews, shop site and review platform together.
 *  Polarity targets per week: honest-pricing and ready-to-ride net +0.5; free-repairs +0.5 until
 *  W44, then W45 -0.15, W46 -0.5, W47 -0.8; expert-help all positive. */
const REVIEW_COLUMNS = [
  'expert-help+',
  'honest-pricing+',
  'honest-pricing-',
  'honest-pricing0',
  'free-repairs+',
  'free-repairs-',
  'free-repairs0',
  'ready-to-ride+',
  'ready-to-ride-',
  'ready-to-ride0',
  'group-rides+',
  'ride-app-',
  'sustainability+',
] as const satisfies readonly Tag[];

// prettier-ignore
const REVIEW_PLAN: Record<Week, { items: number; mentions: number[] }> = {
  //               EH+  HP+ HP- HP0  FR+ FR- FR0  RR+ RR- RR0  GR+ APP- SUS+
  39: { items: 19, mentions: [11, 5, 1, 2, 6, 1, 3, 4, 1, 1, 1, 0, 0] },
  40: { items: 19, mentions: [11, 5, 1, 2, 6, 1, 3, 4, 1, 1, 2, 0, 1] },
  41: { items: 19, mentions: [12, 5, 1, 2, 6, 1, 3, 4, 1, 1, 2, 0, 0] },
  42: { items: 19, mentions: [11, 5, 1, 2, 6, 1, 3, 4, 1, 1, 2, 1, 1] },
  43: { items: 19, mentions: [12, 5, 1, 2, 6, 1, 3, 4, 1, 1, 3, 0, 0] },
  44: { items: 19, mentions: [11, 5, 1, 2, 6, 1, 3, 4, 1, 1, 6, 0, 1] },
  45: { items: 24, mentions: [12, 5, 1, 2, 5, 7, 1, 4, 1, 1, 7, 2, 0] },
  46: { items: 25, mentions: [12, 5, 1, 2, 3, 10, 1, 4, 1, 1, 7, 5, 0] },
  47: { items: 26, mentions: [12, 5, 1, 2, 1, 13, 1, 4, 1, 1, 8, 5, 0] },
};

/** Mentions per week on social. "sustainability-" is the backlash after the pledge of 10 November. */
const SOCIAL_COLUMNS = [
  'expert-help-',
  'honest-pricing+',
  'honest-pricing-',
  'free-repairs+',
  'free-repairs-',
  'ready-to-ride+',
  'ready-to-ride0',
  'group-rides+',
  'ride-app-',
  'sustainability+',
  'sustainability0',
  'sustainability-',
  'chatter',
  'off-brand',
] as const;

// prettier-ignore
const SOCIAL_PLAN: Record<Week, number[]> = {
  //   EH-  HP+ HP-  FR+ FR-  RR+ RR0  GR+ APP-  SUS+ SUS0 SUS-  chat off
  39: [11, 3, 1, 2, 1, 1, 1, 1, 0, 1, 0, 0, 1, 2],
  40: [11, 3, 1, 2, 1, 1, 1, 1, 1, 0, 1, 0, 0, 2],
  41: [11, 3, 1, 2, 1, 1, 1, 1, 0, 1, 0, 0, 1, 2],
  42: [11, 3, 1, 2, 1, 1, 1, 2, 0, 0, 1, 0, 0, 1],
  43: [11, 3, 1, 2, 1, 1, 1, 2, 0, 1, 0, 0, 1, 2],
  44: [11, 3, 1, 2, 1, 1, 1, 3, 1, 0, 1, 0, 0, 2],
  45: [11, 3, 1, 1, 2, 1, 1, 3, 2, 1, 1, 0, 1, 2],
  46: [11, 3, 1, 0, 4, 1, 1, 3, 7, 0, 1, 17, 0, 1],
  47: [11, 3, 1, 0, 5, 1, 1, 3, 8, 0, 1, 5, 1, 2],
};

/** Rating-text mismatches (story 6): [week, feed] for each. */
const MISMATCH_FIVE_STAR_PLAN: ReadonlyArray<[Week, 'shop' | 'platform']> = [
  [39, 'shop'],
  [40, 'shop'],
  [41, 'platform'],
  [42, 'shop'],
  [43, 'shop'],
  [44, 'shop'],
  [45, 'platform'],
  [46, 'shop'],
  [47, 'shop'],
];
const MISMATCH_ONE_STAR_PLAN: ReadonlyArray<[Week, 'shop' | 'platform']> = [
  [40, 'shop'],
  [42, 'platform'],
  [44, 'shop'],
  [46, 'shop'],
];

/** The pledge (story 5) goes out on Tuesday 10 November at 09:00; the backlash follows over the
 *  next days: [day of W46, number of posts]. */
const BACKLASH_SCHEDULE: ReadonlyArray<[number, number]> = [
  [1, 2], // Tue 10 Nov, afternoon
  [2, 7], // Wed 11 Nov
  [3, 5], // Thu 12 Nov
  [4, 2], // Fri 13 Nov
  [5, 1], // Sat 14 Nov
];

// ---------------------------------------------------------------------------------------------
// 6. Builders
// ---------------------------------------------------------------------------------------------

export type FeedId = 'news' | 'shop' | 'platform' | 'social' | 'newsroom';

export interface Item {
  feed: FeedId;
  at: Date;
  title: string;
  author: string;
  /** Sentences of reviews and social posts, with the tag each one was written for. */
  lines: Line[];
  /** Full text (reviews, social) or HTML (news, newsroom). */
  text: string;
  html?: string;
  tags: Tag[];
  rating?: number;
  story?: 'mismatch-5' | 'mismatch-1' | 'burst' | 'off-brand' | 'pledge' | 'backlash';
  id: string;
  link: string;
}

/** Draws sentences from a template list in shuffled cycles; never returns the same sentence twice. */
class Pool {
  private order: number[] = [];
  private next = 0;
  constructor(
    private readonly name: string,
    private readonly templates: readonly string[],
    private readonly r: Rng,
    private readonly used: Set<string>,
  ) {
    if (templates.length === 0) throw new Error(`empty pool ${name}`);
  }

  draw(): string {
    for (let attempt = 0; attempt < 200; attempt++) {
      if (this.next >= this.order.length) {
        this.order = shuffle(
          this.r,
          this.templates.map((_t, i) => i),
        );
        this.next = 0;
      }
      const text = fillSlots(this.r, this.templates[this.order[this.next++]!]!);
      if (!this.used.has(text)) {
        this.used.add(text);
        return text;
      }
    }
    throw new Error(`pool ${this.name} ran out of unique sentences; add templates`);
  }
}

class Pools {
  private readonly pools = new Map<string, Pool>();
  constructor(
    private readonly source: Record<string, readonly string[]>,
    private readonly r: Rng,
    private readonly used: Set<string>,
  ) {}

  draw(key: string): string {
    let pool = this.pools.get(key);
    if (!pool) {
      const templates = this.source[key];
      if (!templates) throw new Error(`no pool ${key}`);
      pool = new Pool(key, templates, this.r, this.used);
      this.pools.set(key, pool);
    }
    return pool.draw();
  }
}

/** Pool key for a tag in a week: free-repairs complaints change theme from W45 on. */
function poolKey(tag: string, week: number): string {
  if (tag === 'free-repairs-') return week >= 45 ? 'free-repairs-:late' : 'free-repairs-:early';
  return tag;
}

const polarityOf = (tag: Tag): Polarity => tag.slice(-1) as Polarity;
const topicOf = (tag: Tag): Topic => tag.slice(0, -1) as Topic;

function ratingFor(r: Rng, tags: Tag[]): number {
  const pos = tags.filter((t) => polarityOf(t) === '+').length;
  const neg = tags.filter((t) => polarityOf(t) === '-').length;
  if (neg === 0 && pos === 0) return pick(r, [3, 4]);
  if (neg === 0) return r() < 0.75 ? 5 : 4;
  if (pos === 0) return r() < 0.7 ? 1 : 2;
  if (pos > neg) return r() < 0.7 ? 4 : 3;
  if (pos === neg) return 3;
  return 2;
}

function buildReviews(): Item[] {
  const r = rngFor('reviews');
  const used = new Set<string>();
  const pools = new Pools(REVIEW_POOLS, r, used);
  const shopAuthors = new Set<string>();
  const platformAuthors = new Set<string>(BURST.map((b) => b.author));
  const uniqueAuthor = (seen: Set<string>): string => {
    for (;;) {
      const name = personName(r);
      if (!seen.has(name)) {
        seen.add(name);
        return name;
      }
    }
  };
  const items: Item[] = [];

  for (const week of WEEKS) {
    const plan = REVIEW_PLAN[week];
    const lines: Line[] = [];
    REVIEW_COLUMNS.forEach((tag, i) => {
      for (let n = 0; n < plan.mentions[i]!; n++) lines.push({ text: pools.draw(poolKey(tag, week)), tag });
    });

    // Pack the sentences into reviews: one each first, then the rest at random, never putting a
    // positive and a negative sentence about the same topic into one review.
    const bodies: Line[][] = Array.from({ length: plan.items }, () => []);
    const shuffled = shuffle(r, lines);
    shuffled.forEach((line, i) => {
      if (i < plan.items) {
        bodies[i]!.push(line);
        return;
      }
      const fits = (body: Line[]): boolean =>
        body.length < 3 &&
        !body.some(
          (other) =>
            topicOf(other.tag!) === topicOf(line.tag!) &&
            polarityOf(other.tag!) !== polarityOf(line.tag!) &&
            polarityOf(other.tag!) !== '0' &&
            polarityOf(line.tag!) !== '0',
        );
      const candidates = bodies.filter(fits);
      pick(r, candidates.length > 0 ? candidates : bodies).push(line);
    });

    // A little over half of the reviews are written on the shop site, the rest on the platform.
    const shopCount = Math.round(plan.items * 0.53);
    const feeds = shuffle(
      r,
      bodies.map((_b, i): FeedId => (i < shopCount ? 'shop' : 'platform')),
    );
    for (const [index, body] of bodies.entries()) {
      const tags = body.map((l) => l.tag!);
      const rating = ratingFor(r, tags);
      const sentences: Line[] = [];
      const roll = r();
      if (roll < 0.2) sentences.push({ text: fillSlots(r, pick(r, OPENERS_NEUTRAL)) });
      else if (roll < 0.3 && rating >= 4) sentences.push({ text: fillSlots(r, pick(r, OPENERS_POSITIVE)) });
      else if (roll < 0.4 && rating <= 2) sentences.push({ text: pick(r, OPENERS_NEGATIVE) });
      sentences.push(...body);
      if (rating >= 4 && r() < 0.55) sentences.push({ text: pick(r, CLOSERS_POSITIVE) });
      if (rating <= 2 && r() < 0.55) sentences.push({ text: pick(r, CLOSERS_NEGATIVE) });
      const hasApp = tags.some((t) => t.startsWith('ride-app'));
      // The Ride app 3.0 update ships on Monday of W45, so W45 complaints come after it.
      const when = randomTime(r, week, hasApp && week === 45 ? 1 : 0, 6);
      const feed = feeds[index]!;
      items.push(
        reviewItem(
          feed,
          when,
          pick(r, TITLES[rating]!),
          uniqueAuthor(feed === 'shop' ? shopAuthors : platformAuthors),
          sentences,
          rating,
        ),
      );
    }
  }

  MISMATCH_FIVE_STAR_PLAN.forEach(([week, feed], i) => {
    const m = MISMATCH_FIVE_STAR_NEGATIVE[i]!;
    const item = reviewItem(
      feed,
      randomTime(r, week),
      m.title,
      uniqueAuthor(feed === 'shop' ? shopAuthors : platformAuthors),
      [{ text: m.text }],
      5,
    );
    items.push({ ...item, story: 'mismatch-5' });
  });
  MISMATCH_ONE_STAR_PLAN.forEach(([week, feed], i) => {
    const m = MISMATCH_ONE_STAR_POSITIVE[i]!;
    const item = reviewItem(
      feed,
      randomTime(r, week),
      m.title,
      uniqueAuthor(feed === 'shop' ? shopAuthors : platformAuthors),
      [{ text: m.text }],
      1,
    );
    items.push({ ...item, story: 'mismatch-1' });
  });
  BURST.forEach((b, i) => {
    const item = reviewItem(
      'platform',
      atClock(BURST_WEEK, BURST_DAY, BURST_TIMES[i]!),
      b.title,
      b.author,
      [{ text: b.text }],
      5,
    );
    items.push({ ...item, story: 'burst' });
  });

  // Ids and links follow publication order, as a real site's would.
  const byTime = [...items].sort((a, b) => a.at.getTime() - b.at.getTime());
  let shopSeq = 48_213;
  let platformSeq = 7_731_204;
  for (const item of byTime) {
    if (item.feed === 'shop') {
      shopSeq += 1 + int(r, 0, 3);
      item.id = `fernhill-review-${shopSeq}`;
      item.link = `https://fernhillbikes.example/reviews/${shopSeq}`;
    } else {
      platformSeq += 3 + int(r, 0, 40);
      item.id = `tag:reviews.example,2026:review/${platformSeq}`;
      item.link = `https://reviews.example/fernhill-bikes/review/${platformSeq}`;
    }
  }
  return items;
}

function reviewItem(feed: FeedId, when: Date, title: string, author: string, lines: Line[], rating: number): Item {
  const texts = renderBrand(
    lines.map((l) => l.text),
    false,
  );
  const rendered = lines.map((l, i) => ({ ...l, text: texts[i]! }));
  return {
    feed,
    at: when,
    title,
    author,
    lines: rendered,
    text: texts.join(' '),
    tags: rendered.flatMap((l) => (l.tag ? [l.tag] : [])),
    rating,
    id: '',
    link: '',
  };
}

const TAILS = {
  '+': ['', '', ' 👍', ' 🙌', ' 😍', ' #bikelife', ' #cycling'],
  '-': ['', '', ' 😡', ' 🙄', ' #fail', ' 😤'],
  '0': ['', '', ' #cycling', ' #bikecommute'],
} as const;

function buildSocial(): Item[] {
  const r = rngFor('social');
  const used = new Set<string>();
  const pools = new Pools(SOCIAL_POOLS, r, used);
  const offBrand = shuffle(r, OFF_BRAND_POSTS);
  let offBrandNext = 0;
  const items: Item[] = [];

  const post = (when: Date, lines: Line[], story?: Item['story']): void => {
    const isOffBrand = story === 'off-brand';
    const texts = renderBrand(
      lines.map((l) => l.text),
      !isOffBrand,
    ).map((t) => t.charAt(0).toUpperCase() + t.slice(1));
    let text = texts.join(' ');
    const score = lines.reduce(
      (s, l) => s + (l.tag ? (polarityOf(l.tag) === '+' ? 1 : polarityOf(l.tag) === '-' ? -1 : 0) : 0),
      0,
    );
    // Emoji and hashtags go at the end of the last sentence, never after a ? or !, where a
    // sentence splitter would make a sentence of their own.
    const tail = isOffBrand || /[?!]$/.test(text) ? '' : pick(r, TAILS[score > 0 ? '+' : score < 0 ? '-' : '0']);
    if (tail) text = text.replace(/\.$/, '') + tail;
    if (!isOffBrand && !/fernhill/i.test(text)) throw new Error(`social post without the brand: ${text}`);
    if (isOffBrand && /fernhill/i.test(text)) throw new Error(`off-brand post names the brand: ${text}`);
    const words = text.split(/\s+/);
    const rendered = lines.map((l, i) => ({
      ...l,
      text: i === lines.length - 1 ? (tail ? texts[i]!.replace(/\.$/, '') + tail : texts[i]!) : texts[i]!,
    }));
    items.push({
      feed: 'social',
      at: when,
      title: words.length > 7 ? `${words.slice(0, 6).join(' ')}…` : text,
      author: socialHandle(r),
      lines: rendered,
      text,
      tags: lines.flatMap((l) => (l.tag ? [l.tag] : [])),
      story,
      id: '',
      link: '',
    });
  };

  for (const week of WEEKS) {
    const counts = SOCIAL_PLAN[week];
    SOCIAL_COLUMNS.forEach((column, i) => {
      let n = counts[i]!;
      if (column === 'off-brand') {
        for (; n > 0; n--)
          post(randomTime(r, week), [{ text: offBrand[offBrandNext++ % offBrand.length]! }], 'off-brand');
        return;
      }
      if (column === 'chatter') {
        for (; n > 0; n--) post(randomTime(r, week), [{ text: pools.draw('chatter') }]);
        return;
      }
      const tag = column as Tag;
      if (tag === 'sustainability-' && week === 46) {
        for (const [day, posts] of BACKLASH_SCHEDULE) {
          for (let k = 0; k < posts; k++) {
            const when = day === 1 ? at(46, 1, int(r, 13, 21), int(r, 0, 59)) : randomTime(r, 46, day, day);
            post(when, [{ text: pools.draw(tag), tag }], 'backlash');
          }
        }
        return;
      }
      // Before the pledge of Tuesday W46, sustainability posts in W46 are on the Monday.
      const days: [number, number] =
        tag.startsWith('sustainability') && week === 46 ? [0, 0] : tag === 'ride-app-' && week === 45 ? [1, 6] : [0, 6];
      const sizes = tag === 'expert-help-' ? [2, 3, 3] : [1, 2, 2];
      while (n > 0) {
        const size = Math.min(n, pick(r, sizes));
        const lines: Line[] = [];
        for (let k = 0; k < size; k++) lines.push({ text: pools.draw(poolKey(tag, week)), tag });
        post(randomTime(r, week, days[0], days[1]), lines);
        n -= size;
      }
    });
  }

  const byTime = [...items].sort((a, b) => a.at.getTime() - b.at.getTime());
  byTime.forEach((item, i) => {
    const handle = item.author.slice(1);
    const id = `11${Math.floor(item.at.getTime() / 1000)}${String(i).padStart(3, '0')}`;
    item.id = id;
    item.link = `https://social.example/@${handle}/${id}`;
  });
  return items;
}

function markupToHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/'/g, '&#8217;')
    .replace(/~/g, '&nbsp;')
    .replace(/\*\*(.+?)\*\*/g, '<b>$1</b>')
    .replace(/\[(.+?)\]\((https:\/\/[^)\s]+)\)/g, '<a href="$2">$1</a>');
}

function markupToText(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/\[(.+?)\]\((https:\/\/[^)\s]+)\)/g, '$1')
    .replace(/~/g, ' ');
}

function buildNews(): Item[] {
  return NEWS.map((a) => {
    const when = atClock(a.week, a.day, a.time);
    const outlet = a.outlet!;
    const date = when.toISOString().slice(0, 10).replace(/-/g, '/');
    const link = `https://news.example/${OUTLET_SLUGS(outlet)}/${date}/${slugify(a.title)}`;
    const html = [
      `<p><b>${markupToHtml(outlet)}</b> &middot; By ${markupToHtml(a.by)}</p>`,
      ...a.body.map((p) => `<p>${markupToHtml(p)}</p>`),
      `<p><a href="${link}">Read the full story at ${markupToHtml(outlet)}</a></p>`,
    ].join('\n');
    return {
      feed: 'news' as const,
      at: when,
      title: a.title,
      author: a.by,
      lines: [],
      text: a.body.map(markupToText).join(' '),
      html,
      tags: a.tags,
      story: a.offBrand ? ('off-brand' as const) : undefined,
      id: link,
      link,
    };
  });
}

function buildNewsroom(): Item[] {
  return NEWSROOM.map((a) => {
    const when = atClock(a.week, a.day, a.time);
    const slug = slugify(a.title);
    return {
      feed: 'newsroom' as const,
      at: when,
      title: a.title,
      author: a.by,
      lines: [],
      text: a.body.map(markupToText).join(' '),
      html: a.body.map((p) => `<p>${markupToHtml(p)}</p>`).join('\n'),
      tags: a.tags,
      story: a.title === 'Our pledge for 2027' ? ('pledge' as const) : undefined,
      id: `tag:fernhillbikes.example,2026:newsroom/${slug}`,
      link: `https://fernhillbikes.example/newsroom/2026/${slug}`,
    };
  });
}

export interface Build {
  news: Item[];
  shop: Item[];
  platform: Item[];
  social: Item[];
  newsroom: Item[];
}

export function buildAll(): Build {
  const newestFirst = (items: Item[]): Item[] =>
    [...items].sort((a, b) => b.at.getTime() - a.at.getTime() || a.id.localeCompare(b.id));
  const reviews = buildReviews();
  const build: Build = {
    news: newestFirst(buildNews()),
    shop: newestFirst(reviews.filter((i) => i.feed === 'shop')),
    platform: newestFirst(reviews.filter((i) => i.feed === 'platform')),
    social: newestFirst(buildSocial()),
    newsroom: newestFirst(buildNewsroom()),
  };
  checkBuild(build);
  return build;
}

function checkBuild(build: Build): void {
  const all = Object.values(build).flat();
  for (const item of all) {
    const week = isoWeekOf(item.at);
    if (week < 39 || week > 47) throw new Error(`item outside W39-W47: ${item.title}`);
  }
  const seen = new Map<string, Item>();
  for (const item of all) {
    const key = item.text.toLowerCase();
    const twin = seen.get(key);
    if (twin && !(twin.story === 'burst' && item.story === 'burst')) throw new Error(`duplicate text: ${item.text}`);
    seen.set(key, item);
  }
  for (const item of [...build.news, ...build.social]) {
    const aboutBrand = /fernhill/i.test(`${item.title} ${item.text}`);
    if (aboutBrand === (item.story === 'off-brand'))
      throw new Error(`brand mention does not match off-brand flag: ${item.title}`);
  }
}

// ---------------------------------------------------------------------------------------------
// 7. XML writers
// ---------------------------------------------------------------------------------------------

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function cdata(text: string): string {
  if (text.includes(']]>')) throw new Error('CDATA terminator in text');
  return `<![CDATA[${text}]]>`;
}

const newest = (items: Item[]): Date => items.reduce((d, i) => (i.at > d ? i.at : d), new Date(0));

function newsXml(items: Item[]): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    '    <title>News search: &quot;Fernhill Bikes&quot;</title>',
    '    <link>https://news.example/search?q=Fernhill+Bikes</link>',
    '    <atom:link href="https://news.example/rss/search?q=Fernhill+Bikes" rel="self" type="application/rss+xml"/>',
    '    <description>Latest news coverage matching &quot;Fernhill Bikes&quot; OR &quot;Fernhill Cycles&quot; OR &quot;Fernhill&quot;.</description>',
    '    <language>en-gb</language>',
    `    <lastBuildDate>${rfc822(newest(items))}</lastBuildDate>`,
    '    <ttl>360</ttl>',
  ];
  for (const item of items) {
    out.push(
      '    <item>',
      `      <title>${esc(item.title)}</title>`,
      `      <link>${esc(item.link)}</link>`,
      `      <guid isPermaLink="true">${esc(item.id)}</guid>`,
      `      <pubDate>${rfc822(item.at)}</pubDate>`,
      `      <dc:creator>${esc(item.author)}</dc:creator>`,
      `      <description>${cdata(item.html!)}</description>`,
      '    </item>',
    );
  }
  out.push('  </channel>', '</rss>', '');
  return out.join('\n');
}

/** One CSV field, quoted when it must be (RFC 4180). */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The shop's reviews as its review tool exports them: CSV with a header row. */
function shopCsv(items: Item[]): string {
  const header = ['Review ID', 'Submitted', 'Rating', 'Title', 'Review', 'Customer', 'Link'];
  const rows = items.map((item) =>
    [item.id, iso(item.at), item.rating ?? '', item.title, item.text, item.author, item.link].map(csvField).join(','),
  );
  return [header.join(','), ...rows, ''].join('\r\n');
}

function platformXml(items: Item[]): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:review="https://congruence.dev/ns/review" xml:lang="en-GB">',
    '  <title>Fernhill Bikes reviews on Ratewise</title>',
    '  <subtitle>Independent customer reviews of Fernhill Bikes</subtitle>',
    '  <id>tag:reviews.example,2026:company/fernhill-bikes</id>',
    '  <link rel="alternate" type="text/html" href="https://reviews.example/fernhill-bikes"/>',
    '  <link rel="self" type="application/atom+xml" href="https://reviews.example/fernhill-bikes/reviews.atom"/>',
    `  <updated>${iso(newest(items))}</updated>`,
    '  <generator uri="https://reviews.example">Ratewise</generator>',
  ];
  for (const item of items) {
    // Some reviewers edit their review a little later.
    const edited = Number(item.id.split('/').pop()) % 5 === 0;
    const updated = edited ? new Date(item.at.getTime() + (Number(item.id.split('/').pop()) % 97) * 60_000) : item.at;
    out.push(
      '  <entry>',
      `    <id>${esc(item.id)}</id>`,
      `    <title>${esc(item.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${esc(item.link)}"/>`,
      `    <author><name>${esc(item.author)}</name></author>`,
      `    <published>${iso(item.at)}</published>`,
      `    <updated>${iso(updated)}</updated>`,
      `    <review:rating best="5">${item.rating}</review:rating>`,
      `    <content type="html">${esc(`<p>${esc(item.text)}</p>`)}</content>`,
      '  </entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}

/** Social mentions as the listening tool publishes them: a JSON Feed 1.1. */
function socialJsonFeed(items: Item[]): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Posts mentioning Fernhill, @fernhillbikes or @fernhillhelp',
    home_page_url: 'https://social.example/tags/fernhill',
    description: 'Public posts matching fernhill, #fernhill, @fernhillbikes, @fernhillhelp, #cycling and #bikecommute.',
    language: 'en-GB',
    items: items.map((item) => ({
      id: item.link,
      url: item.link,
      title: item.title,
      content_text: item.text,
      date_published: iso(item.at),
      authors: [{ name: item.author }],
    })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}

function newsroomXml(items: Item[]): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">',
    '  <title>Fernhill Bikes newsroom</title>',
    '  <subtitle>Press releases and statements from Fernhill Bikes</subtitle>',
    '  <id>tag:fernhillbikes.example,2026:newsroom</id>',
    '  <link rel="alternate" type="text/html" href="https://fernhillbikes.example/newsroom"/>',
    '  <link rel="self" type="application/atom+xml" href="https://fernhillbikes.example/newsroom/feed.atom"/>',
    `  <updated>${iso(newest(items))}</updated>`,
    '  <author><name>Fernhill Press Office</name><uri>https://fernhillbikes.example/newsroom</uri></author>',
  ];
  for (const item of items) {
    out.push(
      '  <entry>',
      `    <id>${esc(item.id)}</id>`,
      `    <title>${esc(item.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${esc(item.link)}"/>`,
      `    <author><name>${esc(item.author)}</name></author>`,
      `    <published>${iso(item.at)}</published>`,
      `    <updated>${iso(item.at)}</updated>`,
      `    <content type="html">${esc(item.html!)}</content>`,
      '  </entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// 8. Summary of the stories (copied into README.md)
// ---------------------------------------------------------------------------------------------

type Counts = { n: number; pos: number; neg: number };

function count(items: Item[], topic: Topic, week?: number): Counts {
  const c: Counts = { n: 0, pos: 0, neg: 0 };
  for (const item of items) {
    if (week !== undefined && isoWeekOf(item.at) !== week) continue;
    for (const tag of item.tags) {
      if (topicOf(tag) !== topic) continue;
      c.n++;
      if (polarityOf(tag) === '+') c.pos++;
      if (polarityOf(tag) === '-') c.neg++;
    }
  }
  return c;
}

const net = (c: Counts): string => (c.n === 0 ? '   -' : ((c.pos - c.neg) / c.n).toFixed(2).padStart(5));
const cell = (c: Counts): string => `${String(c.n).padStart(3)} ${net(c)}`;

function summary(build: Build): string {
  const reviews = [...build.shop, ...build.platform];
  const social = build.social;
  const news = build.news;
  const lines: string[] = [];
  const feeds: Array<[string, Item[]]> = [
    ['news-search.xml', build.news],
    ['shop-reviews.csv', build.shop],
    ['review-platform.atom', build.platform],
    ['social-mentions.json', build.social],
    ['newsroom.atom', build.newsroom],
  ];
  lines.push('Items per feed and ISO week', `${'feed'.padEnd(22)}${WEEKS.map((w) => `  W${w}`).join('')}  total`);
  let grand = 0;
  for (const [name, items] of feeds) {
    const perWeek = WEEKS.map((w) => items.filter((i) => isoWeekOf(i.at) === w).length);
    grand += items.length;
    lines.push(
      `${name.padEnd(22)}${perWeek.map((n) => String(n).padStart(5)).join('')}  ${String(items.length).padStart(5)}`,
    );
  }
  const allPerWeek = WEEKS.map((w) =>
    feeds.reduce((s, [, items]) => s + items.filter((i) => isoWeekOf(i.at) === w).length, 0),
  );
  lines.push(
    `${'all'.padEnd(22)}${allPerWeek.map((n) => String(n).padStart(5)).join('')}  ${String(grand).padStart(5)}`,
  );

  lines.push('', 'Mentions (sentences) per week: count and net sentiment (positive share minus negative share)');
  lines.push(`${'topic / channel'.padEnd(30)}${WEEKS.map((w) => `     W${w}`).join('')}     total`);
  const rows: Array<[string, Topic, Item[]]> = [
    ['honest-pricing  reviews', 'honest-pricing', reviews],
    ['honest-pricing  social', 'honest-pricing', social],
    ['free-repairs    reviews', 'free-repairs', reviews],
    ['free-repairs    social', 'free-repairs', social],
    ['free-repairs    rev+soc', 'free-repairs', [...reviews, ...social]],
    ['group rides     reviews', 'group-rides', reviews],
    ['group rides     social', 'group-rides', social],
    ['expert-help     reviews', 'expert-help', reviews],
    ['expert-help     social', 'expert-help', social],
    ['sustainability  news', 'sustainability', news],
    ['sustainability  social', 'sustainability', social],
    ['Ride app        reviews', 'ride-app', reviews],
    ['Ride app        social', 'ride-app', social],
    ['ready-to-ride   reviews', 'ready-to-ride', reviews],
    ['ready-to-ride   social', 'ready-to-ride', social],
    ['ready-to-ride   all', 'ready-to-ride', [...reviews, ...social, ...news]],
  ];
  for (const [label, topic, items] of rows) {
    lines.push(
      `${label.padEnd(30)}${WEEKS.map((w) => cell(count(items, topic, w)).padStart(10)).join('')}${cell(count(items, topic)).padStart(10)}`,
    );
  }

  const pledge = build.newsroom.find((i) => i.story === 'pledge')!;
  const backlash = social.filter((i) => i.story === 'backlash');
  const within = (days: number): number =>
    backlash.filter(
      (i) => i.at.getTime() > pledge.at.getTime() && i.at.getTime() - Date.UTC(2026, 10, 10) < (days + 1) * DAY_MS,
    ).length;
  const in1to4 = backlash.filter(
    (i) => i.at.getTime() >= Date.UTC(2026, 10, 11) && i.at.getTime() < Date.UTC(2026, 10, 15),
  ).length;
  const prePledge = [...news, ...social].filter((i) => i.at < pledge.at);
  const pre = count(prePledge, 'sustainability');
  const stanceSust = build.newsroom.filter((i) => i.tags.some((t) => topicOf(t) === 'sustainability'));
  lines.push(
    '',
    `Stance backlash: pledge ${iso(pledge.at)}; negative sustainability posts after it: ${backlash.length} (${within(4)} by end of 14 Nov, ${in1to4} on 11-14 Nov); W47 follow-up posts: ${count(social, 'sustainability', 47).neg}`,
    `  sustainability mentions in news+social before the pledge: ${pre.n}, net ${net(pre).trim()}; newsroom entries on sustainability: ${stanceSust.map((i) => i.at.toISOString().slice(0, 10)).join(', ')}`,
  );
  const m5 = reviews.filter((i) => i.story === 'mismatch-5');
  const m1 = reviews.filter((i) => i.story === 'mismatch-1');
  lines.push(
    `Rating-text mismatch: 5 stars + negative text ${m5.length} (shop ${m5.filter((i) => i.feed === 'shop').length}, platform ${m5.filter((i) => i.feed === 'platform').length}); 1 star + glowing text ${m1.length} (shop ${m1.filter((i) => i.feed === 'shop').length}, platform ${m1.filter((i) => i.feed === 'platform').length})`,
  );
  const burst = reviews.filter((i) => i.story === 'burst');
  lines.push(
    `Burst: ${burst.length} five-star reviews on the review platform on ${burst[0]!.at.toISOString().slice(0, 10)}`,
  );
  lines.push(
    `Off-brand items: news ${news.filter((i) => i.story === 'off-brand').length}, social ${social.filter((i) => i.story === 'off-brand').length}`,
  );
  lines.push(`Total items: ${grand}`);
  lines.push('', storyTable(build));
  return lines.join('\n');
}

/** Items carrying at least one mention of the topic. */
function itemsWith(items: Item[], topic: Topic, weeks?: readonly number[]): number {
  return items.filter((i) => (!weeks || weeks.includes(isoWeekOf(i.at))) && i.tags.some((t) => topicOf(t) === topic))
    .length;
}

function mentions(items: Item[], topic: Topic, weeks: readonly number[]): Counts {
  return weeks
    .map((w) => count(items, topic, w))
    .reduce((a, c) => ({ n: a.n + c.n, pos: a.pos + c.pos, neg: a.neg + c.neg }), { n: 0, pos: 0, neg: 0 });
}

const signed = (c: Counts): string => {
  const v = c.n === 0 ? 0 : (c.pos - c.neg) / c.n;
  return `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`;
};

/** The README table "Stories written into the feeds", as markdown, with the real figures. */
function storyTable(build: Build): string {
  const rev = [...build.shop, ...build.platform];
  const soc = build.social;
  const all = WEEKS as readonly number[];
  const early = [39, 40, 41, 42, 43, 44];
  const range = (items: Item[], topic: Topic, weeks: readonly number[]): string => {
    const ns = weeks.map((w) => count(items, topic, w).n);
    return Math.min(...ns) === Math.max(...ns) ? `${ns[0]}` : `${Math.min(...ns)}–${Math.max(...ns)}`;
  };
  const perWeek = (items: Item[], topic: Topic, weeks: readonly number[]): string =>
    weeks.map((w) => `W${w} ${count(items, topic, w).n}`).join(', ');
  const fr = (w: number): string => {
    const r = count(rev, 'free-repairs', w);
    const s = count(soc, 'free-repairs', w);
    const both = { n: r.n + s.n, pos: r.pos + s.pos, neg: r.neg + s.neg };
    return `W${w}: ${both.n} mentions (${r.n} reviews, ${s.n} social) in ${itemsWith([...rev, ...soc], 'free-repairs', [w])} items, net ${signed(both)}`;
  };
  const pledge = build.newsroom.find((i) => i.story === 'pledge')!;
  const backlash = soc.filter((i) => i.story === 'backlash');
  const in1to4 = backlash.filter(
    (i) => i.at.getTime() >= Date.UTC(2026, 10, 11) && i.at.getTime() < Date.UTC(2026, 10, 15),
  ).length;
  const preNewsSocial = [...build.news, ...soc].filter((i) => i.at < pledge.at);
  const m5 = rev.filter((i) => i.story === 'mismatch-5');
  const m1 = rev.filter((i) => i.story === 'mismatch-1');
  const burst = rev.filter((i) => i.story === 'burst');
  const offNews = build.news.filter((i) => i.story === 'off-brand').length;
  const offSocial = soc.filter((i) => i.story === 'off-brand').length;
  const byFeed = (items: Item[]): string =>
    `${items.filter((i) => i.feed === 'shop').length} shop, ${items.filter((i) => i.feed === 'platform').length} platform`;
  const rows: string[][] = [
    [
      '1',
      'honest-pricing',
      'Customers confirm the promise: fair prices, no surprises, steady every week',
      'W39–W47',
      'reviews, social',
      `${mentions(rev, 'honest-pricing', all).n} review mentions in ${itemsWith(rev, 'honest-pricing')} reviews, ${mentions(soc, 'honest-pricing', all).n} social mentions in ${itemsWith(soc, 'honest-pricing')} posts; net ${signed(mentions(rev, 'honest-pricing', all))} in reviews and ${signed(mentions(soc, 'honest-pricing', all))} on social, every week`,
      'none',
    ],
    [
      '2',
      'free-repairs',
      'Praised until W44, then charged labour on "free" repairs, six-week workshop waits, repairs refused as "wear and tear"',
      'W39–W47, turning W45–W47',
      'reviews, social',
      `W39–W44: ${mentions([...rev, ...soc], 'free-repairs', early).n} mentions, net ${signed(mentions([...rev, ...soc], 'free-repairs', early))} (same every week); ${fr(45)}; ${fr(46)}; ${fr(47)}`,
      'say-do gap, eroding',
    ],
    [
      '3',
      'Saturday group rides (no declared value)',
      "Customers love the shops' Saturday group rides / community rides; the brand never claims them",
      'W39–W47, ≥ 8 a week from W44',
      'reviews, social',
      `${mentions(rev, 'group-rides', all).n + mentions(soc, 'group-rides', all).n} mentions in ${itemsWith([...rev, ...soc], 'group-rides')} items, all positive; per week ${perWeek([...rev, ...soc], 'group-rides', all)}`,
      'unclaimed strength',
    ],
    [
      '4',
      'expert-help',
      'Reviews praise the in-store staff and their advice; social pans the online support chat and helpline',
      'W39–W47',
      'reviews vs social',
      `reviews: ${mentions(rev, 'expert-help', all).n} mentions (${range(rev, 'expert-help', all)} a week) in ${itemsWith(rev, 'expert-help')} reviews, net ${signed(mentions(rev, 'expert-help', all))}; social: ${mentions(soc, 'expert-help', all).n} mentions (${range(soc, 'expert-help', all)} a week) in ${itemsWith(soc, 'expert-help')} posts, net ${signed(mentions(soc, 'expert-help', all))}`,
      'inconsistent (channels disagree)',
    ],
    [
      '5',
      'sustainability',
      `Newsroom pledge "carbon-neutral deliveries and plastic-free packaging by 2027" (${pledge.at.toISOString().slice(0, 16).replace('T', ' ')} UTC), then greenwashing / still-wrapped-in-plastic / recycled-claim-doubted posts`,
      'W46 (before: W39–W45 mild)',
      'stance, then social (and news)',
      `${backlash.length} negative social posts from the afternoon of 10 Nov to 14 Nov (${in1to4} of them on 11–14 Nov), ${count(soc, 'sustainability', 47).neg} more in W47; news: ${count(build.news, 'sustainability', 46).neg} negative mentions in W46; before the pledge ${mentions(preNewsSocial, 'sustainability', all).n} news/social mentions, net ${signed(mentions(preNewsSocial, 'sustainability', all))}; earlier sustainability statements on ${build.newsroom
        .filter((i) => i !== pledge && i.tags.some((t) => topicOf(t) === 'sustainability'))
        .map((i) => i.at.toISOString().slice(0, 10))
        .join(' and ')} without backlash`,
      'stance backlash',
    ],
    [
      '6',
      'Star rating vs text',
      'Reviews whose stars contradict their words (no value words in them)',
      'W39–W47',
      'reviews',
      `${m5.length} five-star reviews with clearly negative text (${byFeed(m5)}); ${m1.length} one-star reviews with glowing text (${byFeed(m1)})`,
      'rating-text mismatch',
    ],
    [
      '7',
      'Burst of praise',
      '"Best bike shop ever, amazing service, highly recommend!" with tiny variations, different authors, within an hour',
      `${burst[0]!.at.toISOString().slice(0, 10)} (W${BURST_WEEK})`,
      'review platform',
      `${burst.length} five-star reviews between ${BURST_TIMES[0]} and ${BURST_TIMES[BURST_TIMES.length - 1]} UTC`,
      'burst of near-identical reviews',
    ],
    [
      '8',
      'Ride app (no declared value)',
      'The Fernhill Ride app crashes, the bluetooth lock fails, login fails after the 3.0 update of 2 Nov',
      'rare until W44, rising W45, ≥ 10 a week W46–W47',
      'social, reviews',
      `before W45: ${mentions([...rev, ...soc], 'ride-app', early).n} mentions; per week ${perWeek([...rev, ...soc], 'ride-app', [45, 46, 47])} (W46: ${count(soc, 'ride-app', 46).n} social + ${count(rev, 'ride-app', 46).n} reviews, W47: ${count(soc, 'ride-app', 47).n} + ${count(rev, 'ride-app', 47).n}); all negative; ${itemsWith([...rev, ...soc], 'ride-app')} items in all`,
      'emerging topic',
    ],
    [
      '9',
      'Not about the brand',
      "General cycling news, competitor news (Alderway Bikes, Cobalt Cycles), other people's rides; some contain value words on purpose",
      'W39–W47',
      'news, social',
      `${offNews} news items, ${offSocial} social posts`,
      'off-brand items filtered',
    ],
    [
      '10',
      'ready-to-ride',
      'Bikes delivered assembled and tuned, mostly on time; steady',
      'W39–W47',
      'reviews, social',
      `${mentions([...rev, ...soc], 'ready-to-ride', all).n} mentions (${range([...rev, ...soc], 'ready-to-ride', all)} a week) in ${itemsWith([...rev, ...soc], 'ready-to-ride')} items; net ${signed(mentions(rev, 'ready-to-ride', all))} in reviews and ${signed(mentions(soc, 'ready-to-ride', all))} on social, every week`,
      'none',
    ],
  ];
  const header = [
    '#',
    'Value or topic',
    'What happens',
    'Weeks',
    'Channels',
    'Generated (mentions = sentences with an aspect word)',
    'Flag the digest should raise',
  ];
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

function main(): void {
  const here = dirname(fileURLToPath(import.meta.url));
  const feeds = join(here, 'feeds');
  mkdirSync(feeds, { recursive: true });
  const build = buildAll();
  writeFileSync(join(feeds, 'news-search.xml'), newsXml(build.news));
  writeFileSync(join(feeds, 'shop-reviews.csv'), shopCsv(build.shop));
  writeFileSync(join(feeds, 'review-platform.atom'), platformXml(build.platform));
  writeFileSync(join(feeds, 'social-mentions.json'), socialJsonFeed(build.social));
  writeFileSync(join(feeds, 'newsroom.atom'), newsroomXml(build.newsroom));
  console.log(summary(build));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
