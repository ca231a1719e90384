// A quote as the HTML digest shows it, under a divergence, a theme or a comparison finding: the
// words in a serif with a rule beside them, who wrote them where and when, which words matched it
// by meaning, and a link to the source. Everything in it is feed text, escaped by `html`.
import type { Evidence } from '#domain/digest-model';
import { html, safeHttpUrl, type SafeHtml } from './html';
import { C, FONT, SERIF, WRAP } from './html-style';
import { channelName, dateText } from './wording';

/** The quote block; `about` (whom the quote speaks of, in a comparison) goes before the words. */
export function quoteBlock(item: Evidence, timeZone: string, about?: string): SafeHtml {
  const prefix = about
    ? html`<b style="font-family:${FONT};font-size:14px;font-weight:700;color:${C.muted};">${about}:</b> `
    : '';
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;margin-top:14px;">
<tr><td style="border-left:3px solid ${C.quoteRule};padding:2px 0 2px 14px;">
<div style="font-family:${SERIF};font-size:16px;line-height:24px;color:${C.ink};${WRAP}">${prefix}“${item.quote}”</div>
<div style="font-size:12px;line-height:18px;color:${C.muted};padding-top:6px;${WRAP}">${evidenceMeta(item, timeZone)}</div>
${item.matchedByMeaning ? html`<div style="font-size:12px;line-height:18px;color:${C.muted};padding-top:2px;${WRAP}">Matched by meaning: ${item.matchedByMeaning}</div>` : ''}
<div style="font-size:12px;line-height:18px;padding-top:2px;${WRAP}">${evidenceLink(item)}</div>
</td></tr>
</table>`;
}

function evidenceMeta(item: Evidence, timeZone: string): SafeHtml {
  const parts: SafeHtml[] = [];
  if (item.author) parts.push(html`<b style="color:${C.ink};font-weight:600;">${item.author}</b>`);
  parts.push(html`${channelName(item.channel)}, ${item.sourceId}`);
  parts.push(keepTogether(dateText(item.publishedAt, timeZone)));
  if (item.rating) parts.push(keepTogether(`rated ${item.rating}`));
  return html`${parts.map((part, index) => (index === 0 ? part : html` · ${part}`))}`;
}

/** Short text kept on one line ("rated 3/5"); longer text, which could only come from a feed, may wrap. */
export function keepTogether(text: string): SafeHtml {
  return text.length <= 24 ? html`<span style="white-space:nowrap;">${text}</span>` : html`${text}`;
}

/** "Read it" linked to the source when its URL is http(s); the item's title beside it either way. */
function evidenceLink(item: Evidence): SafeHtml {
  const url = safeHttpUrl(item.url);
  const title = item.title.trim();
  const titleText = title ? html`<span style="color:${C.faint};">${title}</span>` : '';
  if (!url) return html`${titleText}${title ? '' : html`<span style="color:${C.faint};">no link</span>`}`;
  return html`<a href="${url}" target="_blank" rel="noopener noreferrer" style="color:${C.link};font-weight:600;text-decoration:underline;">Read it</a>${title ? html` &nbsp;${titleText}` : ''}`;
}
