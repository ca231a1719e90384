// "How you compare" in the HTML digest: the findings with their quotes (each saying whom it is
// about), then per declared value a chart and a table of the brand and each competitor (a colour
// key before each name, since the chart has no text), share of voice per channel, what
// benchmarking costs in Comprehend units, and the rule in small print. It follows the rules of
// render-html.ts: tables and inline styles, model text only through `html` and wrapping anywhere,
// only our own short words and numbers on one line, so it fits a 390px phone in any font.
import type { ComparisonFindingRow, ComparisonSection, DigestModel } from '#domain/digest-model';
import { percent } from '#domain/alignment/wording';
import { entityColour, COMPARISON_CHART_SIZE, comparisonChartAlt } from './comparison-chart';
import {
  type ComparedEntity,
  type ComparedValue,
  COMPARISON_NO_FINDINGS,
  COMPARISON_TITLE,
  comparisonSubtitle,
  comparisonUnitsText,
  findingLabel,
  QUOTES_PER_FINDING,
  splitFindings,
  shareText,
  standingText,
  type VoiceDirection,
  type VoiceRow,
  brandVoiceText,
  comparedValues,
  voiceChangeText,
  voiceRows,
  weeksText,
} from './comparison-wording';
import { html, type SafeHtml } from './html';
import { quoteBlock } from './html-quote';
import { badge, C, sectionHeading, TONES, type Tone, WRAP } from './html-style';
import { channelName, countText, intervalText, netText } from './wording';

/** Where the HTML finds a value's comparison chart: cid:{chartId} in the e-mail, a sibling file on disk. */
export type ComparisonImageSrc = (value: { valueId: string; chartId: string }) => string;

const FINDING_TONES: Record<ComparisonFindingRow['kind'], Tone> = {
  'competitor-ahead': TONES.bad,
  'losing-share-of-voice': TONES.warn,
  'brand-leads': TONES.good,
};

// A glyph beside the direction's word, as the index's change badge has one.
const VOICE_GLYPHS: Record<VoiceDirection, string> = {
  falling: '▼',
  rising: '▲',
  steady: '■',
  'not-enough-evidence': '●',
};

const VOICE_TONES: Record<VoiceDirection, string> = {
  falling: TONES.bad.text,
  rising: TONES.good.text,
  steady: C.muted,
  'not-enough-evidence': C.faint,
};

const STANDING_COLOURS: Record<NonNullable<ComparedEntity['competitor']>['standing'], string> = {
  ahead: TONES.bad.text,
  behind: TONES.good.text,
  level: C.muted,
  'not-enough-evidence': C.faint,
};

/** The section's rows, for a card. */
export function comparisonHtml(model: DigestModel, section: ComparisonSection, imageSrc: ComparisonImageSrc): SafeHtml {
  const { full, other } = splitFindings(section);
  const values = comparedValues(section);
  const voices = voiceRows(section);
  const confidence = model.method.confidence;
  return html`${sectionHeading(COMPARISON_TITLE, comparisonSubtitle(section))}
${section.findings.length === 0 ? html`<tr><td style="padding:12px 0 0;font-size:14px;line-height:20px;color:${C.muted};${WRAP}">${COMPARISON_NO_FINDINGS}</td></tr>` : ''}
${full.map((finding, index) => findingBlock(finding, index === 0, model.timeZone, true))}
${other.map((finding) => findingBlock(finding, false, model.timeZone, false))}
${
  values.length > 0
    ? html`${subheading('On your values')}
<tr><td style="padding:4px 0 2px;font-size:12px;line-height:18px;color:${C.faint};">Net sentiment this week, mentions, and where each competitor stands against you. Charts: net sentiment per week, one line per company in the colour before its name, through the weeks with at least ${section.chartMinMentions} mentions; the dots are this week, with their ${percent(confidence)} intervals as whiskers.</td></tr>
${values.map((value, index) => valueBlock(value, imageSrc, model.method.minMentions, confidence, index === 0))}`
    : ''
}
${subheading('Share of voice')}
${voiceBlock(voices, confidence)}
${subheading('What benchmarking costs')}
<tr><td style="padding:6px 0 0;font-size:14px;line-height:20px;color:${C.muted};${WRAP}">${comparisonUnitsText(section, model.coverage.comprehendUnitsEstimated)}</td></tr>
<tr><td style="padding:14px 0 0;font-size:12px;line-height:18px;color:${C.faint};${WRAP}">${section.rule}</td></tr>`;
}

function subheading(title: string): SafeHtml {
  return html`<tr><td style="padding:24px 0 4px;"><div style="font-size:12px;line-height:16px;letter-spacing:0.08em;text-transform:uppercase;font-weight:700;color:${C.muted};">${title}</div></td></tr>`;
}

function findingBlock(finding: ComparisonFindingRow, first: boolean, timeZone: string, quotes: boolean): SafeHtml {
  return html`<tr><td style="padding:18px 0 20px;${first ? '' : `border-top:1px solid ${C.rule};`}">
<div style="padding:0 0 8px;">${badge(findingLabel(finding.kind), FINDING_TONES[finding.kind])}</div>
<div style="font-size:17px;line-height:24px;font-weight:700;color:${C.ink};${WRAP}">${finding.title}</div>
<div style="font-size:14px;line-height:20px;color:${C.muted};padding-top:4px;${WRAP}">${finding.explanation}</div>
${quotes ? finding.evidence.slice(0, QUOTES_PER_FINDING).map((item) => quoteBlock(item, timeZone, item.about)) : ''}
</td></tr>`;
}

/**
 * A company's name in a table, after a small square in its chart colour (the chart has no text,
 * so this is what tells its lines apart), the brand's marked "(you)".
 */
function nameCell(name: string, position: number): SafeHtml {
  return html`<td style="${CELL}color:${C.ink};${WRAP}"><span style="color:${entityColour(position).hex};">■</span>&nbsp;<b style="font-weight:600;">${name}</b>${position === 0 ? html` <span style="color:${C.faint};font-size:12px;">(you)</span>` : ''}</td>`;
}

const CELL = `vertical-align:top;padding:7px 8px 7px 0;border-top:1px solid ${C.rule};font-size:14px;line-height:20px;`;
const HEAD = `vertical-align:bottom;padding:0 8px 4px 0;font-size:11px;line-height:15px;letter-spacing:0.06em;text-transform:uppercase;color:${C.faint};`;

function valueBlock(
  value: ComparedValue,
  imageSrc: ComparisonImageSrc,
  minMentions: number,
  confidence: number,
  first: boolean,
): SafeHtml {
  const { width, height } = COMPARISON_CHART_SIZE;
  const brand = value.entities[0]?.figure;
  const weeks = weeksText(value);
  // The chart above its table: side by side, the table's four columns would wrap word by word.
  return html`<tr><td style="padding:16px 0 18px;${first ? '' : `border-top:1px solid ${C.rule};`}">
<div style="font-size:16px;line-height:22px;font-weight:700;color:${C.ink};${WRAP}">${value.label}</div>
${
  value.chartId === null
    ? ''
    : html`<img src="${imageSrc({ valueId: value.valueId, chartId: value.chartId })}" width="${width}" height="${height}" alt="${comparisonChartAlt(value)}" style="display:block;width:100%;max-width:${width}px;height:auto;margin-top:10px;border:0;outline:none;text-decoration:none;font-size:12px;line-height:16px;color:${C.muted};">
${weeks ? html`<div style="font-size:11px;line-height:16px;color:${C.faint};padding-top:2px;">${weeks}</div>` : ''}`
}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;margin-top:12px;">
<tr>
<td width="34%" style="${HEAD}width:34%;">&nbsp;</td>
<td width="22%" style="${HEAD}width:22%;">Net (${percent(confidence)} CI)</td>
<td width="14%" style="${HEAD}width:14%;">Mentions</td>
<td width="30%" style="${HEAD}width:30%;padding-right:0;">Against you</td>
</tr>
${value.entities.map((entity) => entityRow(entity, brand, minMentions))}
</table>
</td></tr>`;
}

function entityRow(entity: ComparedEntity, brand: ComparedEntity['figure'] | undefined, minMentions: number): SafeHtml {
  const { figure, competitor } = entity;
  const interval = intervalText(figure.interval);
  const standing =
    competitor && brand
      ? html`<span style="color:${STANDING_COLOURS[competitor.standing]};${competitor.standing === 'ahead' ? 'font-weight:700;' : ''}">${standingText(competitor, brand, minMentions)}</span>`
      : html`<span style="color:${C.faint};">—</span>`;
  return html`<tr>
${nameCell(entity.name, entity.position)}
<td style="${CELL}"><b style="white-space:nowrap;color:${C.ink};">${netText(figure.net)}</b>${interval ? html`<div style="font-size:12px;line-height:16px;color:${C.faint};">${interval}</div>` : ''}</td>
<td style="${CELL}white-space:nowrap;color:${C.muted};">${figure.mentions.toLocaleString('en-GB')}</td>
<td style="${CELL}padding-right:0;font-size:13px;line-height:19px;">${standing}</td>
</tr>`;
}

/**
 * Share of voice: a row per company (so any number of competitors fits a phone), a column per
 * channel with its share of the signals naming any of them and its count; then, per channel, the
 * brand's share with its interval, its share of the negative and positive voice, and its trend.
 */
function voiceBlock(rows: VoiceRow[], confidence: number): SafeHtml {
  if (rows.length === 0)
    return html`<tr><td style="padding:6px 0 0;font-size:14px;line-height:20px;color:${C.muted};">No review, post or article named you or a competitor this week.</td></tr>`;
  const entities = rows[0]?.cells ?? [];
  const column = `${Math.floor(66 / rows.length)}%`;
  return html`<tr><td style="padding:4px 0 2px;font-size:12px;line-height:18px;color:${C.faint};">Each company’s share of this week’s signals that name you or a competitor, by channel.</td></tr>
<tr><td style="padding:8px 0 0;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;">
<tr>
<td width="34%" style="${HEAD}width:34%;">&nbsp;</td>
${rows.map((row, index) => html`<td width="${column}" style="${HEAD}width:${column};${index === rows.length - 1 ? 'padding-right:0;' : ''}">${channelName(row.channel)}</td>`)}
</tr>
${entities.map(
  (entity, position) => html`<tr>
${nameCell(entity.name, entity.position)}
${rows.map((row, index) => {
  const cell = row.cells[position];
  return html`<td style="${CELL}${index === rows.length - 1 ? 'padding-right:0;' : ''}"><b style="white-space:nowrap;color:${C.ink};">${shareText(cell?.share ?? null)}</b><div style="font-size:12px;line-height:16px;color:${C.faint};">${countText(cell?.signals ?? 0, 'signal')}</div></td>`;
})}
</tr>`,
)}
</table>
</td></tr>
${rows.map(
  (row) =>
    html`<tr><td style="padding:8px 0 0;font-size:13px;line-height:19px;color:${C.muted};${WRAP}"><b style="color:${C.ink};font-weight:600;">${channelName(row.channel)}:</b> ${brandVoiceText(row.brand, confidence)}<div style="color:${VOICE_TONES[row.brand.change.direction]};">${VOICE_GLYPHS[row.brand.change.direction]}&nbsp;${voiceChangeText(row.brand)}</div></td></tr>`,
)}`;
}
