// The hand-written items: news articles found by the news search, the brand's newsroom statements
// and the competitors' press releases, their bodies turned from the content files' tiny markup into
// HTML and plain text.

import { atClock } from './calendar';
import { COMPETITOR_NEWSROOMS, NEWS, NEWSROOM, type Statement } from './content';
import type { Competitor, Item } from './model';

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '');
}

const outletSlug = (name: string): string => slugify(name.replace('&', 'and'));

/** **bold**, [text](url) and ~ (a non-breaking space) to HTML; apostrophes become &#8217;. */
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

export function buildNews(): Item[] {
  return NEWS.map((a) => {
    const when = atClock(a.week, a.day, a.time);
    const outlet = a.outlet;
    const date = when.toISOString().slice(0, 10).replace(/-/g, '/');
    const link = `https://news.example/${outletSlug(outlet)}/${date}/${slugify(a.title)}`;
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
      // An article about a competitor carries that competitor's mentions, and none of Fernhill's.
      tags: a.about ? [] : a.tags,
      about: a.about,
      theirTags: a.about ? a.tags : undefined,
      story: a.offBrand ? ('off-brand' as const) : a.about ? ('competitor' as const) : undefined,
      id: link,
      link,
    };
  });
}

export function buildNewsroom(): Item[] {
  return NEWSROOM.map((a) => ({
    ...newsroomItem(a, 'fernhillbikes.example'),
    tags: a.tags,
    story: a.pledge ? ('pledge' as const) : undefined,
  }));
}

/** A competitor's newsroom (story 12): its own press releases, on its own domain, carrying its
 *  mentions and none of Fernhill's. */
export function buildCompetitorNewsroom(competitor: Competitor): Item[] {
  const domain = competitor.domains[0];
  if (domain === undefined) throw new Error(`${competitor.id}: a newsroom needs a domain in brand.yaml`);
  return (COMPETITOR_NEWSROOMS[competitor.id] ?? []).map((a) => ({
    ...newsroomItem(a, domain),
    tags: [],
    about: competitor.id,
    theirTags: a.tags,
    story: 'competitor' as const,
  }));
}

function newsroomItem(a: Statement, domain: string): Omit<Item, 'tags'> {
  const when = atClock(a.week, a.day, a.time);
  const slug = slugify(a.title);
  return {
    feed: 'newsroom',
    at: when,
    title: a.title,
    author: a.by,
    lines: [],
    text: a.body.map(markupToText).join(' '),
    html: a.body.map((p) => `<p>${markupToHtml(p)}</p>`).join('\n'),
    id: `tag:${domain},2026:newsroom/${slug}`,
    link: `https://${domain}/newsroom/2026/${slug}`,
  };
}
