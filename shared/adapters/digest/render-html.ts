// The digest as a responsive HTML e-mail: one 640px column of tables with inline styles (mail
// clients drop <style>, scripts and web fonts), charts as cid: images, mid-tone colours that
// survive a client's dark mode, and every status said in words as well as in colour. All text
// from the model goes through the `html` template, which escapes it; links go through
// safeHttpUrl.
//
// It has to fit a 390px phone in whatever font the reader's machine substitutes (a bare Linux has
// only DejaVu Sans and Serif, the widest common ones), which leaves 312px inside a card. So:
// pieces that cannot shrink and sit side by side (the index and its badge, the figures and the
// chart) are inline-blocks that wrap under each other, never table cells whose widths add up;
// table cells side by side hold text that wraps; only our own short words and numbers are kept
// on one line (white-space:nowrap), well under 312px in any font; text from the model wraps
// anywhere (WRAP), long words and URLs included.
import type { DigestModel, Divergence, UndeclaredThemeRow, ValueRow } from '#domain/digest-model';
import { html, raw, safeHttpUrl, type SafeHtml } from './html';
import { keepTogether, quoteBlock } from './html-quote';
import { comparisonHtml, type ComparisonImageSrc } from './render-comparison-html';
import {
  C,
  TONES,
  STATUS_TONES,
  STATUS_GLYPHS,
  KIND_TONES,
  CHANGE_TONES,
  CHANGE_GLYPHS,
  FONT,
  SERIF,
  WRAP,
  WIDTH,
  GUTTER,
  OUTCOME_TONES,
  spacer,
  card,
  sectionHeading,
  badge,
} from './html-style';
import { TREND_CHART_COLOURS, TREND_CHART_SIZE, trendChartAlt } from './trend-chart';
import {
  changeDirection,
  indexChangeText,
  partialText,
  channelName,
  dateText,
  dateTimeText,
  indexText,
  intervalText,
  kindLabel,
  netText,
  offBrandText,
  outcomeLabel,
  countText,
  QUOTES_PER_DIVERGENCE,
  signalTotal,
  moreFlagsText,
  splitDivergences,
  statusDetail,
  statusLabel,
  statusSummary,
  UNDECLARED_NONE,
} from './wording';
import { percent, signed } from '#domain/alignment/wording';

export interface DigestHtmlOptions {
  /** The src of a value's chart; the e-mail uses cid:{chartId}, files on disk a sibling PNG. */
  imageSrc?: (row: ValueRow) => string;
  /** The src of a value's chart in "How you compare"; cid:{chartId} unless given. */
  comparisonImageSrc?: ComparisonImageSrc;
}

export function renderDigestHtml(model: DigestModel, options: DigestHtmlOptions = {}): string {
  const imageSrc = options.imageSrc ?? ((row: ValueRow) => `cid:${row.chartId}`);
  const comparisonImageSrc = options.comparisonImageSrc ?? (({ chartId }) => `cid:${chartId}`);
  const { full, other, more } = splitDivergences(model);
  const page = html`<!DOCTYPE html>
<html lang="en" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="format-detection" content="telephone=no, date=no, address=no, email=no">
<meta name="color-scheme" content="light">
<meta name="supported-color-schemes" content="light">
<title>${model.subject}</title>
</head>
<body style="margin:0;padding:0;width:100%;background-color:${C.page};-webkit-text-size-adjust:100%;">
<div style="display:none;max-height:0;overflow:hidden;opacity:0;mso-hide:all;font-size:1px;line-height:1px;color:${C.page};">${model.headline} · ${statusSummary(model)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="${C.page}" style="width:100%;background-color:${C.page};">
<tr><td align="center" style="padding:24px 10px 32px;">
<table role="presentation" width="${WIDTH}" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:${WIDTH}px;font-family:${FONT};color:${C.ink};">
${summaryCard(model)}
${spacer(16)}
${card(html`${sectionHeading('Values', 'How each declared value was experienced this week')}
${scaleNote()}
${model.values.map((row, index) => valueRow(row, imageSrc(row), model.method.confidence, index === 0))}`)}
${
  full.length > 0
    ? html`${spacer(16)}${card(html`${sectionHeading('What needs attention', 'The largest gaps between what you say and what customers experience')}
${full.map((divergence, index) => divergenceBlock(divergence, index === 0, model.timeZone))}`)}`
    : ''
}
${
  other.length > 0
    ? html`${spacer(16)}${card(html`${sectionHeading('Also flagged', 'Emerging topics and other signals worth a look')}
${other.map((divergence, index) => flagRow(divergence, index === 0))}
${more.map((kind) => html`<tr><td style="padding:12px 0;border-top:1px solid ${C.rule};font-size:13px;line-height:19px;color:${C.muted};">${moreFlagsText(kind)}</td></tr>`)}`)}`
    : ''
}
${model.comparison ? html`${spacer(16)}${card(comparisonHtml(model, model.comparison, comparisonImageSrc))}` : ''}
${spacer(16)}
${card(undeclaredSection(model))}
${spacer(16)}
${card(coverageSection(model))}
${footer(model)}
</table>
</td></tr>
</table>
</body>
</html>
`;
  return page.markup;
}

function summaryCard(model: DigestModel): SafeHtml {
  const direction = changeDirection(model.index.change);
  const tone = CHANGE_TONES[direction];
  const indexMissing = model.index.value === null;
  const partial = partialText(model.period);
  return html`<tr><td bgcolor="${C.card}" style="background-color:${C.card};border:1px solid ${C.rule};border-radius:14px;padding:26px ${GUTTER}px 28px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;">
<tr><td style="padding:0 0 18px;border-bottom:1px solid ${C.rule};">
<div style="font-size:11px;line-height:16px;letter-spacing:0.12em;text-transform:uppercase;font-weight:700;color:${C.accent};">Congruence&nbsp;· weekly&nbsp;alignment&nbsp;digest</div>
<div style="font-size:26px;line-height:32px;font-weight:700;padding-top:6px;color:${C.ink};${WRAP}">${model.brandName}</div>
<div style="font-size:14px;line-height:20px;color:${C.muted};padding-top:2px;">${model.weekLabel}&nbsp;·&nbsp;${keepTogether(model.week)}${partial ? html` · <strong style="color:${C.ink};">${keepTogether(partial)}</strong>` : ''}</div>
</td></tr>
<tr><td style="padding:22px 0 0;">
<div style="font-size:12px;line-height:16px;letter-spacing:0.08em;text-transform:uppercase;font-weight:700;color:${C.muted};">Brand Alignment Index</div>
${indexFigure(model.index.value, badge(indexChangeText(model), tone, CHANGE_GLYPHS[direction]))}
${indexMissing ? html`<div style="font-size:13px;line-height:18px;color:${C.muted};padding-top:6px;">No value had enough evidence this week to compute the index.</div>` : ''}
</td></tr>
<tr><td style="padding:20px 0 0;">
<div style="font-size:22px;line-height:30px;font-weight:600;color:${C.ink};${WRAP}">${model.headline}</div>
<div style="font-size:14px;line-height:20px;color:${C.muted};padding-top:8px;">${model.values.length} values: ${statusSummary(model)}</div>
</td></tr>
</table>
</td></tr>`;
}

/**
 * The index with "/ 100" and the change badge beside it, sharing a baseline. They are two
 * inline-blocks, not table cells, so on a narrow screen or in a wide font the badge wraps under
 * the number instead of pushing the card wider; Outlook for Windows gets the pair in a table.
 */
function indexFigure(value: number | null, change: SafeHtml): SafeHtml {
  return html`<div style="margin-top:6px;font-size:0;line-height:0;">
${raw('<!--[if mso]><table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><td valign="bottom"><![endif]-->')}
<div style="display:inline-block;vertical-align:baseline;padding-right:16px;white-space:nowrap;"><span style="font-size:60px;line-height:60px;font-weight:700;letter-spacing:-0.02em;color:${C.ink};">${indexText(value)}</span>${value === null ? '' : html`<span style="font-size:16px;line-height:22px;color:${C.faint};padding-left:6px;">/ 100</span>`}</div>
${raw('<!--[if mso]></td><td valign="bottom" style="padding:0 0 8px;"><![endif]-->')}
<div style="display:inline-block;vertical-align:baseline;padding-top:8px;">${change}</div>
${raw('<!--[if mso]></td></tr></table><![endif]-->')}
</div>`;
}

function scaleNote(): SafeHtml {
  return html`<tr><td style="padding:10px 0 6px;font-size:12px;line-height:18px;color:${C.faint};">Net sentiment runs from −1 (every mention negative) to +1 (every mention positive). Charts: one bar per week, this week in full colour, earlier weeks lighter; the dashed line is your expectation.</td></tr>`;
}

function valueRow(row: ValueRow, src: string, confidence: number, first: boolean): SafeHtml {
  const tone = STATUS_TONES[row.status];
  const detail = statusDetail(row.status, row.statusText);
  const interval = intervalText(row.interval);
  const gapTone = row.gap === null ? C.muted : row.gap < 0 ? TONES.bad.text : TONES.good.text;
  const chartWidth = TREND_CHART_SIZE.width;
  const chartHeight = TREND_CHART_SIZE.height;
  const statsWidth = 330;
  const firstWeek = row.trend[0]?.week;
  const lastWeek = row.trend[row.trend.length - 1]?.week;
  return html`<tr><td style="padding:20px 0 22px;${first ? '' : `border-top:1px solid ${C.rule};`}">
<div style="padding:0 0 6px;">${badge(statusLabel(row.status), tone, STATUS_GLYPHS[row.status])}</div>
<div style="font-size:18px;line-height:24px;font-weight:700;color:${C.ink};${WRAP}">${row.label}</div>
<div style="font-size:14px;line-height:20px;color:${C.muted};padding-top:3px;${WRAP}">${row.promise}</div>
${detail ? html`<div style="font-size:13px;line-height:18px;color:${tone.text};padding-top:6px;font-weight:600;${WRAP}">${detail}</div>` : ''}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;margin-top:12px;">
<tr><td style="font-size:0;line-height:0;">
${raw(`<!--[if mso]><table role="presentation" width="${WIDTH - 2 * GUTTER}" cellpadding="0" cellspacing="0" border="0"><tr><td width="${statsWidth}" valign="top"><![endif]-->`)}
<div style="display:inline-block;width:100%;max-width:${statsWidth}px;vertical-align:top;font-size:14px;line-height:20px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;">
<tr>
${metric('Delivered', netText(row.net), C.ink, '28%', true)}
${metric('Expected', row.expectedText, C.ink, '46%', false)}
${metric('Gap', row.gap === null ? '—' : signed(row.gap), gapTone, '26%', true)}
</tr>
</table>
<div style="font-size:12px;line-height:18px;color:${C.faint};padding-top:6px;">${interval ? `${percent(confidence)} CI ${interval} · ` : ''}${countText(row.mentions, 'mention')}${row.gap === null ? ' · gap not judged' : ''}</div>
</div>
${raw(`<!--[if mso]></td><td width="${chartWidth}" valign="top"><![endif]-->`)}
<div style="display:inline-block;width:100%;max-width:${chartWidth}px;vertical-align:top;padding-top:10px;">
<img src="${src}" width="${chartWidth}" height="${chartHeight}" alt="${trendChartAlt(row)}" style="display:block;width:100%;max-width:${chartWidth}px;height:auto;border:0;outline:none;text-decoration:none;font-size:12px;line-height:16px;color:${C.muted};">
<div style="font-size:11px;line-height:16px;color:${C.faint};padding-top:2px;">${firstWeek && lastWeek ? `${firstWeek} – ${lastWeek} · ` : ''}<span style="color:${TREND_CHART_COLOURS.expected};font-weight:700;">- - -</span> expected</div>
</div>
${raw('<!--[if mso]></td></tr></table><![endif]-->')}
</td></tr>
</table>
${
  row.channels.length > 0
    ? html`<div style="padding-top:10px;font-size:0;line-height:0;">${row.channels.map(
        (figure) =>
          html`<span style="display:inline-block;margin:6px 6px 0 0;padding:4px 10px;border-radius:8px;background-color:${C.chip};border:1px solid ${C.rule};font-size:12px;line-height:16px;color:${C.muted};white-space:nowrap;">${channelName(figure.channel)} <b style="color:${figure.net !== null && figure.net < 0 ? TONES.bad.text : C.ink};">${netText(figure.net)}</b> · ${figure.mentions.toLocaleString('en-GB')}</span>`,
      )}</div>`
    : ''
}
</td></tr>`;
}

/** A figure with its label above; only our own numbers are kept on one line, model text may wrap. */
function metric(label: string, value: string, color: string, width: string, number: boolean): SafeHtml {
  return html`<td valign="top" width="${width}" style="width:${width};padding:0 8px 0 0;">
<div style="font-size:11px;line-height:16px;letter-spacing:0.06em;text-transform:uppercase;color:${C.faint};">${label}</div>
<div style="font-size:18px;line-height:26px;font-weight:700;color:${color};${number ? 'white-space:nowrap;' : WRAP}">${value}</div>
</td>`;
}

function divergenceBlock(divergence: Divergence, first: boolean, timeZone: string): SafeHtml {
  const tone = KIND_TONES[divergence.kind];
  return html`<tr><td style="padding:20px 0 22px;${first ? '' : `border-top:1px solid ${C.rule};`}">
<div style="padding:0 0 8px;">${badge(kindLabel(divergence.kind), tone)}</div>
<div style="font-size:18px;line-height:25px;font-weight:700;color:${C.ink};${WRAP}">${divergence.title}</div>
<div style="font-size:14px;line-height:20px;color:${C.muted};padding-top:4px;${WRAP}">${divergence.explanation}</div>
${divergence.evidence.slice(0, QUOTES_PER_DIVERGENCE).map((item) => quoteBlock(item, timeZone))}
</td></tr>`;
}

function flagRow(divergence: Divergence, first: boolean): SafeHtml {
  const tone = KIND_TONES[divergence.kind];
  const example = divergence.evidence[0];
  const url = example ? safeHttpUrl(example.url) : null;
  return html`<tr><td style="padding:16px 0;${first ? '' : `border-top:1px solid ${C.rule};`}">
<div style="padding:0 0 6px;">${badge(kindLabel(divergence.kind), tone)}</div>
<div style="font-size:16px;line-height:22px;font-weight:700;color:${C.ink};${WRAP}">${divergence.title}</div>
<div style="font-size:13px;line-height:19px;color:${C.muted};padding-top:3px;${WRAP}">${divergence.explanation}</div>
${example ? html`<div style="font-size:13px;line-height:19px;color:${C.muted};padding-top:6px;${WRAP}"><span style="font-family:${SERIF};font-size:14px;color:${C.ink};">“${example.quote}”</span> ${example.author ? html`— ${example.author} ` : ''}${url ? html`<a href="${url}" target="_blank" rel="noopener noreferrer" style="color:${C.link};font-weight:600;text-decoration:underline;white-space:nowrap;">Read it</a>` : ''}</div>` : ''}
</td></tr>`;
}

const THEME_SIDES = [
  { direction: 'negative', heading: 'Complaints', tone: TONES.bad },
  { direction: 'positive', heading: 'Praise', tone: TONES.good },
] as const;

/**
 * "What customers talk about that you did not declare": complaints, then praise, largest first. A
 * week without such themes says so in one line, so the reader knows the section was looked at.
 */
function undeclaredSection(model: DigestModel): SafeHtml {
  const { undeclared } = model;
  const heading = sectionHeading(
    'What customers talk about that you did not declare',
    `Themes of ${undeclared.period} that no declared value covers`,
  );
  if (undeclared.negative.length === 0 && undeclared.positive.length === 0) {
    return html`${heading}
<tr><td style="padding:12px 0 0;font-size:14px;line-height:20px;color:${C.muted};${WRAP}">${UNDECLARED_NONE}</td></tr>`;
  }
  return html`${heading}
${THEME_SIDES.map(({ direction, heading: sideHeading, tone }) => {
  const themes = undeclared[direction];
  if (themes.length === 0) return '';
  return html`<tr><td style="padding:16px 0 0;">${badge(sideHeading, tone)}</td></tr>
${themes.map((theme, index) => themeRow(theme, index === 0, model.timeZone))}`;
})}
<tr><td style="padding:14px 0 0;font-size:12px;line-height:18px;color:${C.faint};${WRAP}">${undeclared.rule}</td></tr>`;
}

function themeRow(theme: UndeclaredThemeRow, first: boolean, timeZone: string): SafeHtml {
  return html`<tr><td style="padding:12px 0 14px;${first ? '' : `border-top:1px solid ${C.rule};`}">
<div style="font-size:17px;line-height:24px;font-weight:700;color:${C.ink};${WRAP}">${theme.label}</div>
<div style="font-size:13px;line-height:19px;color:${C.muted};padding-top:3px;${WRAP}">${theme.figures}</div>
${theme.evidence.slice(0, QUOTES_PER_DIVERGENCE).map((item) => quoteBlock(item, timeZone))}
</td></tr>`;
}

function coverageSection(model: DigestModel): SafeHtml {
  const coverage = model.coverage;
  const channels = Object.entries(coverage.signalsByChannel) as Array<[keyof typeof coverage.signalsByChannel, number]>;
  const units = coverage.comprehendUnits.toLocaleString('en-GB');
  return html`${sectionHeading('What we read', 'Sources, signals and the analyzer behind this digest')}
<tr><td style="padding:14px 0 0;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;">
${coverage.sources.map(
  (source) => html`<tr>
<td valign="top" style="padding:8px 8px 8px 0;border-top:1px solid ${C.rule};font-size:14px;line-height:20px;color:${C.ink};${WRAP}"><b style="font-weight:600;">${source.sourceId}</b> <span style="color:${C.faint};font-size:12px;">${channelName(source.channel)}</span>${source.error ? html`<div style="font-size:12px;line-height:18px;color:${TONES.bad.text};padding-top:3px;${WRAP}">${source.error}</div>` : ''}</td>
<td valign="top" align="right" style="padding:8px 0;border-top:1px solid ${C.rule};white-space:nowrap;">${badge(outcomeLabel(source.outcome), OUTCOME_TONES[source.outcome])}<div style="font-size:11px;line-height:16px;color:${C.faint};padding-top:3px;">${dateText(source.lastCheckedAt, model.timeZone)}</div></td>
</tr>`,
)}
</table>
</td></tr>
<tr><td style="padding:14px 0 0;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;">
${factRow('Signals', html`<b style="color:${C.ink};">${countText(signalTotal(model), 'signal')}</b> published this week${channels.length > 0 ? html`: ${channels.map(([channel, count], index) => html`${index === 0 ? '' : ' · '}${channelName(channel).toLowerCase()}&nbsp;${count.toLocaleString('en-GB')}`)}` : ''}`)}
${factRow('Off-brand', html`${offBrandText(model)}`)}
${factRow('Analyzer', html`${coverage.analyzer}`)}
${factRow('Comprehend', coverage.comprehendUnitsEstimated ? html`about ${units} units (estimated, not billed)` : html`${units} units billed`)}
</table>
</td></tr>`;
}

function factRow(label: string, value: SafeHtml): SafeHtml {
  return html`<tr>
<td width="96" valign="top" style="width:96px;padding:5px 10px 5px 0;font-size:11px;line-height:20px;letter-spacing:0.06em;text-transform:uppercase;color:${C.faint};">${label}</td>
<td valign="top" style="padding:5px 0;font-size:14px;line-height:20px;color:${C.muted};${WRAP}">${value}</td>
</tr>`;
}

// Outside the cards, so one pixel more than their padding lines its text up with theirs (border).
function footer(model: DigestModel): SafeHtml {
  return html`<tr><td style="padding:22px ${GUTTER + 1}px 0;font-size:12px;line-height:18px;color:${C.faint};${WRAP}">
<div style="font-weight:700;color:${C.muted};padding-bottom:4px;">How these numbers are made</div>
<div>Index: ${model.method.indexFormula}</div>
<div style="padding-top:6px;">Intervals: ${model.method.intervalMethod} Confidence ${percent(model.method.confidence)}; a value is judged only with at least ${countText(model.method.minMentions, 'mention')} in the week.</div>
<div style="padding-top:12px;">Generated ${dateTimeText(model.coverage.generatedAt, model.timeZone)} by Congruence.</div>
</td></tr>`;
}
