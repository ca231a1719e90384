// The digest renderers: HTML e-mail, plain text, trend and comparison charts, the MIME message and
// local files.
export { renderDigestHtml, type DigestHtmlOptions } from './render-html';
export { renderDigestText } from './render-text';
export { renderTrendChartPng, type TrendChartOptions } from './trend-chart';
export { renderComparisonChartPng } from './comparison-chart';
export { chartsFor, type ChartAttachment } from './charts';
export { composeDigestMime, type DigestMimeOptions } from './compose-mime';
export { DigestMimeError } from './errors';
export { writeDigestFiles, writeDigestIndex, digestFileStem, type DigestFiles } from './write-files';
export { renderDigestIndexHtml, type DigestIndexEntry } from './render-index';
export { escapeHtml, html, raw, safeHttpUrl, SafeHtml } from './html';
