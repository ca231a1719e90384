// The page that links the digests of a backfill (`congruence digest --from … --to …`): one row per
// week with its index, its change or its partial mark, its signals and its headline. It opens in a
// browser beside the digest files, so unlike the e-mail it may use a style sheet. Every text from
// the models goes through the `html` template, which escapes it.
import type { DigestModel } from '#domain/digest-model';
import { html, raw } from './html';
import { indexChangeText, indexText, partialText } from './wording';

export interface DigestIndexEntry {
  model: DigestModel;
  /** The digest's HTML file, relative to the index page. */
  htmlFile: string;
  /** The digest's plain-text file, relative to the index page. */
  textFile: string;
}

const STYLE = `
body { margin: 0; padding: 24px 16px; background: #f2f0eb; color: #1f2328;
  font: 15px/1.45 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 960px; margin: 0 auto; }
h1 { font-size: 24px; margin: 0 0 4px; overflow-wrap: anywhere; }
p { color: #5c6166; margin: 0 0 16px; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid #e8e4db; }
th, td { text-align: left; vertical-align: top; padding: 8px 10px; border-top: 1px solid #e8e4db; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em; color: #5c6166; }
td { overflow-wrap: anywhere; }
.num { text-align: right; white-space: nowrap; }
.partial { font-weight: 700; }
a { color: #1f5fa8; }
@media (max-width: 600px) { .dates, .signals { display: none; } }
`;

export function renderDigestIndexHtml(brandName: string, entries: readonly DigestIndexEntry[]): string {
  const first = entries[0]?.model.week ?? '';
  const last = entries[entries.length - 1]?.model.week ?? '';
  const partialWeeks = entries.filter((entry) => entry.model.period.partial).length;
  const rows = entries.map(({ model, htmlFile, textFile }) => {
    const partial = partialText(model.period);
    return html`<tr>
<td><a href="${htmlFile}">${model.week}</a> <small>(<a href="${textFile}">text</a>)</small></td>
<td class="dates">${model.weekLabel}</td>
<td class="num">${indexText(model.index.value)}</td>
<td${partial ? html` class="partial"` : ''}>${partial ?? indexChangeText(model)}</td>
<td class="num signals">${model.period.signals.toLocaleString('en-GB')}</td>
<td>${model.headline}</td>
</tr>`;
  });
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${brandName}: weekly digests ${first} to ${last}</title>
<style>${raw(STYLE)}</style>
</head>
<body><main>
<h1>${brandName}: weekly digests</h1>
<p>${entries.length} week${entries.length === 1 ? '' : 's'}, ${first} to ${last}${
    partialWeeks > 0
      ? `; ${partialWeeks} partial (the data covers only some of their days, so no change is stated for them)`
      : ''
  }.</p>
<table>
<thead><tr><th>Week</th><th class="dates">Dates</th><th class="num">Index</th><th>Change</th><th class="num signals">Signals</th><th>Headline</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</main></body>
</html>
`.markup;
}
