// The digest as plain text, the e-mail's text/plain part: the same sections as the HTML, wrapped
// at 78 characters for terminals and mail clients, URLs printed in full on lines of their own
// (never broken, so they stay clickable), no markup.
import type { DigestModel, Divergence, UndeclaredThemeRow, ValueRow } from '#domain/digest-model';
import { safeHttpUrl } from './html';
import { renderComparisonText } from './render-comparison-text';
import { clean, evidenceLines, heading, TEXT_WIDTH, wrap } from './text-layout';
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

export { TEXT_WIDTH, wrap };

export function renderDigestText(model: DigestModel): string {
  const { full, other, more } = splitDivergences(model);
  const lines: string[] = [];
  const arrow = { up: '▲', down: '▼', flat: '=', new: '•' }[changeDirection(model.index.change)];

  lines.push(...wrap(`${model.brandName} · weekly alignment digest`));
  const partial = partialText(model.period);
  lines.push(...wrap(`${model.weekLabel} (${model.week})${partial ? ` · ${partial}` : ''}`));
  lines.push('='.repeat(TEXT_WIDTH), '');
  const index =
    model.index.value === null ? 'n/a (no value had enough evidence)' : `${indexText(model.index.value)} / 100`;
  lines.push(...wrap(`Brand Alignment Index: ${index} · ${arrow} ${indexChangeText(model)}`));
  lines.push('');
  lines.push(...wrap(model.headline));
  lines.push(...wrap(`${model.values.length} values: ${statusSummary(model)}`));

  lines.push(...heading('Values'));
  lines.push(...wrap('Net sentiment runs from −1 (every mention negative) to +1 (every mention positive).'));
  for (const row of model.values) lines.push('', ...valueLines(row, model.method.confidence));

  if (full.length > 0) {
    lines.push(...heading('What needs attention'));
    for (const [position, divergence] of full.entries()) {
      lines.push('', ...divergenceLines(divergence, position + 1, model.timeZone));
    }
  }

  if (other.length > 0) {
    lines.push(...heading('Also flagged'));
    for (const divergence of other) lines.push('', ...flagLines(divergence));
    for (const kind of more) lines.push('', ...wrap(moreFlagsText(kind), TEXT_WIDTH, '  '));
  }

  if (model.comparison) lines.push(...renderComparisonText(model, model.comparison));
  lines.push(...undeclaredLines(model));
  lines.push(...coverageLines(model));

  lines.push(...heading('How these numbers are made'));
  lines.push(...wrap(`Index: ${model.method.indexFormula}`));
  lines.push('');
  lines.push(
    ...wrap(
      `Intervals: ${model.method.intervalMethod} Confidence ${percent(model.method.confidence)}; a value is judged only with at least ${countText(model.method.minMentions, 'mention')} in the week.`,
    ),
  );
  lines.push('', ...wrap(`Generated ${dateTimeText(model.coverage.generatedAt, model.timeZone)} by Congruence.`));
  return `${lines.join('\n')}\n`;
}

const LABEL = 12;

function labelled(label: string, text: string): string[] {
  return wrap(text, TEXT_WIDTH, ' '.repeat(2 + LABEL), `  ${label.padEnd(LABEL)}`);
}

function valueLines(row: ValueRow, confidence: number): string[] {
  const lines = wrap(`[${statusLabel(row.status)}] ${row.label}`, TEXT_WIDTH, '  ');
  lines.push(...wrap(row.promise, TEXT_WIDTH, '  '));
  const detail = statusDetail(row.status, row.statusText);
  if (detail) lines.push(...wrap(`Status: ${detail}`, TEXT_WIDTH, '  '));
  const interval = intervalText(row.interval);
  const evidence = interval
    ? `${percent(confidence)} CI ${interval}, ${countText(row.mentions, 'mention')}`
    : countText(row.mentions, 'mention');
  lines.push(...labelled('Delivered', `${netText(row.net)} (${evidence})`));
  lines.push(...labelled('Expected', row.expectedText));
  lines.push(...labelled('Gap', row.gap === null ? '— (not judged this week)' : signed(row.gap)));
  if (row.channels.length > 0) {
    lines.push(
      ...labelled(
        'Channels',
        row.channels
          .map(
            (figure) =>
              `${channelName(figure.channel)} ${netText(figure.net)} (${figure.mentions.toLocaleString('en-GB')})`,
          )
          .join(' · '),
      ),
    );
  }
  const first = row.trend[0];
  const last = row.trend[row.trend.length - 1];
  if (first && last) {
    lines.push(...labelled('Weeks', `${first.week} to ${last.week}`));
    lines.push(...labelled('Trend', row.trend.map((point) => netText(point.net)).join(' ')));
  }
  return lines;
}

function divergenceLines(divergence: Divergence, position: number, timeZone: string): string[] {
  const number = `${position}. `;
  const indent = ' '.repeat(number.length);
  const lines = wrap(divergence.title, TEXT_WIDTH, indent, number);
  lines.push(...wrap(`[${kindLabel(divergence.kind)}] ${divergence.explanation}`, TEXT_WIDTH, indent));
  for (const item of divergence.evidence.slice(0, QUOTES_PER_DIVERGENCE))
    lines.push('', ...evidenceLines(item, indent, timeZone));
  return lines;
}

function flagLines(divergence: Divergence): string[] {
  const lines = wrap(`[${kindLabel(divergence.kind)}] ${divergence.title}`, TEXT_WIDTH, '  ', '* ');
  lines.push(...wrap(divergence.explanation, TEXT_WIDTH, '  '));
  const example = divergence.evidence[0];
  if (example) {
    lines.push(...wrap(`“${example.quote}”`, TEXT_WIDTH, '  '));
    if (example.author && clean(example.author)) lines.push(...wrap(`— ${example.author}`, TEXT_WIDTH, '    ', '  '));
    const url = safeHttpUrl(example.url);
    if (url) lines.push(`  ${url}`);
  }
  return lines;
}

/** Complaints, then praise, largest first; one line when there is none. */
function undeclaredLines(model: DigestModel): string[] {
  const { undeclared } = model;
  const lines = heading('What customers talk about that you did not declare');
  if (undeclared.negative.length === 0 && undeclared.positive.length === 0) return [...lines, ...wrap(UNDECLARED_NONE)];
  lines.push(...wrap(`Themes of ${undeclared.period} that no declared value covers.`));
  const sides = [
    ['Complaints', undeclared.negative],
    ['Praise', undeclared.positive],
  ] as const;
  for (const [title, themes] of sides) {
    if (themes.length === 0) continue;
    lines.push('', `${title}:`);
    for (const theme of themes) lines.push('', ...themeLines(theme, model.timeZone));
  }
  lines.push('', ...wrap(undeclared.rule));
  return lines;
}

function themeLines(theme: UndeclaredThemeRow, timeZone: string): string[] {
  const lines = wrap(theme.label, TEXT_WIDTH, '  ', '* ');
  lines.push(...wrap(theme.figures, TEXT_WIDTH, '  '));
  for (const item of theme.evidence.slice(0, QUOTES_PER_DIVERGENCE))
    lines.push('', ...evidenceLines(item, '  ', timeZone));
  return lines;
}

function coverageLines(model: DigestModel): string[] {
  const coverage = model.coverage;
  const lines = heading('What we read');
  const width = Math.max(...coverage.sources.map((source) => clean(source.sourceId).length), 6);
  for (const source of coverage.sources) {
    // A table of short columns; wrap() would collapse its padding, so only a long source id wraps.
    const row = `  ${clean(source.sourceId).padEnd(width)}  ${channelName(source.channel).padEnd(7)}  ${outcomeLabel(source.outcome).padEnd(9)}  ${dateText(source.lastCheckedAt, model.timeZone)}`;
    lines.push(...(row.length <= TEXT_WIDTH ? [row] : wrap(row, TEXT_WIDTH, '    ', '  ')));
    if (source.error) lines.push(...wrap(source.error, TEXT_WIDTH, '    '));
  }
  const channels = Object.entries(coverage.signalsByChannel)
    .map(
      ([channel, count]) =>
        `${channelName(channel as keyof typeof coverage.signalsByChannel).toLowerCase()} ${count.toLocaleString('en-GB')}`,
    )
    .join(' · ');
  const units = coverage.comprehendUnits.toLocaleString('en-GB');
  lines.push('');
  lines.push(...wrap(`${countText(signalTotal(model), 'signal')} published this week: ${channels}.`));
  lines.push(...wrap(`${offBrandText(model)}.`));
  lines.push(
    ...wrap(
      `Analyzer: ${coverage.analyzer}. Amazon Comprehend: ${coverage.comprehendUnitsEstimated ? `about ${units} units (estimated, not billed)` : `${units} units billed`}.`,
    ),
  );
  return lines;
}
