// The local analyzer's key phrases on short social posts: noun phrases that name something, never
// the greetings, pronouns and platform words posts are full of.
import { describe, expect, it } from 'vitest';
import { createLocalAnalyzer } from '#adapters/analyzers/local/local-analyzer';

const analyzer = createLocalAnalyzer();

async function keyPhrases(text: string): Promise<string[]> {
  const { results } = await analyzer.analyze([{ id: 'post', text, sentences: [] }]);
  const [result] = results;
  if (result?.status !== 'scored') throw new Error('expected the post to be scored');
  return result.keyPhrases;
}

describe('local key phrases of social posts', () => {
  it('leave out greetings, politeness, pronouns, platform words and generic complaints', async () => {
    expect(await keyPhrases('@fernhillbikes thx guys, dm sent with my info')).toEqual([]);
    expect(await keyPhrases('@fernhillbikes thanks for the help!')).toEqual([]);
    expect(await keyPhrases('@fernhillbikes your ceo should read this complaint')).toEqual([]);
    expect(await keyPhrases("I'm still waiting for a reply about the problem")).toEqual([]);
  });

  it('keep the phrase that names something among filler', async () => {
    expect(await keyPhrases('Hi, any update on my refund? Still waiting')).toEqual(['refund']);
    expect(await keyPhrases('Loved the Saturday group rides #fernhill https://t.co/abc')).toEqual([
      'saturday group rides',
    ]);
    expect(await keyPhrases('@fernhillbikes the bag is lost again, 3 hrs at the desk')).toEqual(['bag', 'desk']);
  });
});
