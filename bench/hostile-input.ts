// How the feed readers' time grows on hostile input: deeply nested HTML (plainText) and thousands
// of unclosed Atom xhtml constructs (xhtmlAsEscapedHtml). Each case runs at a size and at twice
// that size; a reader whose time grows with the length shows a ratio near 2, one that grows with
// its square a ratio near 4. Run alone with `npx tsx bench/hostile-input.ts`.
import { fileURLToPath } from 'node:url';
import { xhtmlAsEscapedHtml } from '#adapters/feeds/rss-parse';
import { plainText } from '#domain/plain-text';

export interface HostileInputFigure {
  case: string;
  sizes: [number, number];
  ms: [number, number];
  /** Time at twice the size over time at the size: about 2 when linear, about 4 when quadratic. */
  ratio: number;
}

const CASES: Array<{ name: string; size: number; run(size: number): unknown }> = [
  {
    name: 'HTML nested N deep, N stray closing tags (plainText)',
    size: 100_000,
    run: (depth) =>
      plainText(
        `${'<div>'.repeat(depth)}deep ${'<span>'.repeat(depth)}text${'</div>'.repeat(depth)}${'</em>'.repeat(depth)}`,
      ),
  },
  {
    name: 'N unclosed <content type="xhtml"> in an Atom feed (xhtmlAsEscapedHtml)',
    size: 20_000,
    run: (count) => xhtmlAsEscapedHtml('<content type="xhtml"><p>never closed '.repeat(count)),
  },
];

/** The median of three runs, in milliseconds. */
function medianMs(run: () => unknown): number {
  const times = [0, 1, 2].map(() => {
    const started = performance.now();
    run();
    return performance.now() - started;
  });
  return times.sort((a, b) => a - b)[1] ?? Number.NaN;
}

export function benchHostileInput(): HostileInputFigure[] {
  return CASES.map(({ name, size, run }) => {
    const small = medianMs(() => run(size));
    const large = medianMs(() => run(2 * size));
    return { case: name, sizes: [size, 2 * size], ms: [small, large], ratio: large / small };
  });
}

export function formatHostileInput(figures: readonly HostileInputFigure[]): string[] {
  return [
    'Hostile feed input (time at twice the size over time at the size: ~2 grows with the length, ~4 with its square):',
    ...figures.map(
      (figure) =>
        `  ${figure.case}: N=${figure.sizes[0].toLocaleString('en-GB')} ${figure.ms[0].toFixed(0)} ms, ` +
        `N=${figure.sizes[1].toLocaleString('en-GB')} ${figure.ms[1].toFixed(0)} ms, ratio ${figure.ratio.toFixed(2)}`,
    ),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  process.stdout.write(`${formatHostileInput(benchHostileInput()).join('\n')}\n`);
