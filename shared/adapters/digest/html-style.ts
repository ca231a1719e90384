// The digest e-mail's look: its palette (mid-tone colours that survive a client's dark mode, with
// a text colour per tone that passes contrast on its own background), its fonts and widths, and
// the layout pieces every section is built from (cards, spacers, headings, badges).
import type { DivergenceKind, SourceCoverage, ValueStatus } from '#domain/digest-model';
import { html, type SafeHtml } from './html';
import type { ChangeDirection } from './wording';

// Colours: warm neutrals, one ink, and tones for the statuses with a text colour that passes
// contrast on its own background.
export const C = {
  page: '#f2f0eb',
  card: '#ffffff',
  rule: '#e8e4db',
  ink: '#1f2328',
  muted: '#5c6166',
  faint: '#868b90',
  accent: '#1f5a6e',
  link: '#1f5fa8',
  quoteRule: '#d8d2c4',
  chip: '#f6f4ef',
} as const;

export interface Tone {
  text: string;
  background: string;
  border: string;
}

export const TONES = {
  good: { text: '#1b6a3e', background: '#e3f2e8', border: '#bfe0cb' },
  warn: { text: '#875200', background: '#fcefd6', border: '#f0d7a4' },
  bad: { text: '#a1281d', background: '#fbe5e2', border: '#f1c3bc' },
  neutral: { text: '#52575c', background: '#eeede8', border: '#dcd9d1' },
  info: { text: '#22548a', background: '#e6eef8', border: '#c5d6ec' },
} satisfies Record<string, Tone>;

export const STATUS_TONES: Record<ValueStatus, Tone> = {
  delivered: TONES.good,
  drifting: TONES.warn,
  contradicted: TONES.bad,
  'not-enough-evidence': TONES.neutral,
};

// A glyph beside each status word so the badge reads without colour.
export const STATUS_GLYPHS: Record<ValueStatus, string> = {
  delivered: '✓',
  drifting: '↘',
  contradicted: '✕',
  'not-enough-evidence': '…',
};

export const KIND_TONES: Record<DivergenceKind, Tone> = {
  'say-do-gap': TONES.bad,
  eroding: TONES.bad,
  'stance-backlash': TONES.bad,
  inconsistent: TONES.warn,
  'rating-text-mismatch': TONES.warn,
  'review-burst': TONES.warn,
  'emerging-topic': TONES.info,
  'unclaimed-strength': TONES.good,
};

export const CHANGE_TONES: Record<ChangeDirection, Tone> = {
  up: TONES.good,
  down: TONES.bad,
  flat: TONES.neutral,
  new: TONES.neutral,
};
export const CHANGE_GLYPHS: Record<ChangeDirection, string> = { up: '▲', down: '▼', flat: '■', new: '●' };

export const FONT = '-apple-system,BlinkMacSystemFont,Segoe UI,Roboto,Helvetica Neue,Helvetica,Arial,sans-serif';
export const SERIF = 'Georgia,Cambria,Times New Roman,serif';
export const WRAP = 'overflow-wrap:anywhere;word-break:break-word;';
export const WIDTH = 640;
export const GUTTER = 28;

export const OUTCOME_TONES: Record<SourceCoverage['outcome'], Tone> = {
  new: TONES.good,
  unchanged: TONES.neutral,
  failed: TONES.bad,
  'never-read': TONES.warn,
};

export function spacer(height: number): SafeHtml {
  return html`<tr><td height="${height}" style="height:${height}px;font-size:0;line-height:0;">&nbsp;</td></tr>`;
}

export function card(content: SafeHtml): SafeHtml {
  return html`<tr><td bgcolor="${C.card}" style="background-color:${C.card};border:1px solid ${C.rule};border-radius:14px;padding:26px ${GUTTER}px 28px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;">
${content}
</table>
</td></tr>`;
}

export function sectionHeading(title: string, subtitle: string): SafeHtml {
  return html`<tr><td style="padding:0 0 4px;">
<div style="font-size:12px;line-height:16px;letter-spacing:0.08em;text-transform:uppercase;font-weight:700;color:${C.accent};">${title}</div>
<div style="font-size:14px;line-height:20px;color:${C.muted};padding-top:2px;">${subtitle}</div>
</td></tr>`;
}

export function badge(text: string, tone: Tone, glyph?: string): SafeHtml {
  return html`<span style="display:inline-block;padding:3px 10px;border-radius:999px;border:1px solid ${tone.border};background-color:${tone.background};color:${tone.text};font-size:12px;line-height:16px;font-weight:700;white-space:nowrap;">${glyph ? html`${glyph}&nbsp;` : ''}${text}</span>`;
}
