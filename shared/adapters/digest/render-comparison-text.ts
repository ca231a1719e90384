// "How you compare" in the plain-text digest: the same content as the HTML section, in the text
// part's layout: numbered findings with their quotes (each saying whom it is about), per value a
// row for the brand and each competitor, share of voice per channel, the Comprehend units and the
// rule.
import type { ComparisonFindingRow, ComparisonSection, DigestModel } from '#domain/digest-model';
import { percent } from '#domain/alignment/wording';
import {
  brandVoiceText,
  type ComparedValue,
  COMPARISON_NO_FINDINGS,
  COMPARISON_TITLE,
  comparedValues,
  comparisonSubtitle,
  comparisonUnitsText,
  findingLabel,
  netWithInterval,
  QUOTES_PER_FINDING,
  shareText,
  splitFindings,
  standingText,
  type VoiceDirection,
  voiceChangeText,
  voiceRows,
} from './comparison-wording';
import { clean, evidenceLines, heading, TEXT_WIDTH, wrap } from './text-layout';
import { channelName, countText } from './wording';

// A glyph beside the direction's word, as the index's change has one in the text part.
const VOICE_GLYPHS: Record<VoiceDirection, string> = {
  falling: '▼',
  rising: '▲',
  steady: '=',
  'not-enough-evidence': '•',
};

/** How wide the names column may grow before a long name gets a line of its own. */
const NAME_COLUMN = 24;

export function renderComparisonText(model: DigestModel, section: ComparisonSection): string[] {
  const lines = heading(COMPARISON_TITLE);
  lines.push(...wrap(`${comparisonSubtitle(section)}.`));

  const { full, other } = splitFindings(section);
  if (section.findings.length === 0) lines.push('', ...wrap(COMPARISON_NO_FINDINGS));
  for (const [position, finding] of [...full, ...other].entries())
    lines.push('', ...findingLines(finding, position + 1, model.timeZone, position < full.length));

  const values = comparedValues(section);
  const confidence = model.method.confidence;
  if (values.length > 0) {
    lines.push(
      '',
      ...wrap(
        `On your values: net sentiment this week with its ${percent(confidence)} interval, mentions, and how each competitor stands against you.`,
      ),
    );
    for (const value of values) lines.push('', ...valueLines(value, model.method.minMentions));
  }

  lines.push('', ...voiceLines(section, confidence));
  lines.push('', ...wrap(comparisonUnitsText(section, model.coverage.comprehendUnitsEstimated)));
  lines.push('', ...wrap(section.rule));
  return lines;
}

function findingLines(finding: ComparisonFindingRow, position: number, timeZone: string, quotes: boolean): string[] {
  const number = `${position}. `;
  const indent = ' '.repeat(number.length);
  const lines = wrap(finding.title, TEXT_WIDTH, indent, number);
  lines.push(...wrap(`[${findingLabel(finding.kind)}] ${finding.explanation}`, TEXT_WIDTH, indent));
  if (quotes) {
    for (const item of finding.evidence.slice(0, QUOTES_PER_FINDING))
      lines.push('', ...evidenceLines(item, indent, timeZone, item.about));
  }
  return lines;
}

/** `text` beside `label` in a column `width` wide; a label wider than that gets a line of its own. */
function besideName(label: string, text: string, width: number): string[] {
  const name = clean(label);
  const indent = ' '.repeat(2 + width + 2);
  if (name.length > width) return [...wrap(name, TEXT_WIDTH, '    ', '  '), ...wrap(text, TEXT_WIDTH, indent)];
  return wrap(text, TEXT_WIDTH, indent, `  ${name.padEnd(width)}  `);
}

/** The names column: as wide as the longest name that fits it (a longer one gets a line of its own). */
function nameWidth(names: readonly string[]): number {
  return Math.max(8, ...names.map((name) => clean(name).length).filter((length) => length <= NAME_COLUMN));
}

function valueLines(value: ComparedValue, minMentions: number): string[] {
  const lines = wrap(value.label, TEXT_WIDTH, '  ', '* ');
  const brand = value.entities[0]?.figure;
  const labels = value.entities.map((entity) => (entity.competitor ? entity.name : `${entity.name} (you)`));
  const width = nameWidth(labels);
  value.entities.forEach((entity, index) => {
    const { figure, competitor } = entity;
    const figures =
      figure.mentions === 0
        ? 'no mentions this week'
        : `${netWithInterval(figure.net, figure.interval)}, ${countText(figure.mentions, 'mention')}`;
    lines.push(...besideName(labels[index] ?? entity.name, figures, width));
    if (competitor && brand)
      lines.push(...wrap(standingText(competitor, brand, minMentions), TEXT_WIDTH, ' '.repeat(2 + width + 2)));
  });
  return lines;
}

function voiceLines(section: ComparisonSection, confidence: number): string[] {
  const rows = voiceRows(section);
  if (rows.length === 0) return wrap('Share of voice: no review, post or article named you or a competitor this week.');
  const lines = wrap("Share of voice: each company's share of this week's signals that name you or a competitor.");
  const width = nameWidth(rows.map((row) => channelName(row.channel)));
  for (const row of rows) {
    const shares = row.cells
      .map((cell) => `${cell.name} ${shareText(cell.share)} (${countText(cell.signals, 'signal')})`)
      .join(' · ');
    const direction = row.brand.change.direction;
    lines.push(
      '',
      ...besideName(channelName(row.channel), shares, width),
      ...wrap(`${brandVoiceText(row.brand, confidence)}`, TEXT_WIDTH, ' '.repeat(2 + width + 2)),
      ...wrap(`${VOICE_GLYPHS[direction]} ${voiceChangeText(row.brand)}`, TEXT_WIDTH, ' '.repeat(2 + width + 2)),
    );
  }
  return lines;
}
