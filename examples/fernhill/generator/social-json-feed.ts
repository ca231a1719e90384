// Writes feeds/social-mentions.json: social mentions of Fernhill and its competitors as the
// listening tool publishes them, a JSON Feed 1.1.

import { iso } from './calendar';
import type { Item } from './model';

export function socialJsonFeed(items: Item[]): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Posts mentioning Fernhill, @fernhillbikes or @fernhillhelp, and its competitors',
    home_page_url: 'https://social.example/tags/fernhill',
    description:
      'Public posts matching fernhill, #fernhill, @fernhillbikes, @fernhillhelp, #cycling and #bikecommute, and the competitors cobalt, @cobaltcycles, alderway and @alderwaybikes.',
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
