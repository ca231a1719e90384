// The digest renderers: HTML e-mail, plain text, trend charts, the MIME message and local files.
export { renderDigestHtml, type DigestHtmlOptions } from './render-html';
export { renderDigestText } from './render-text';
export { renderTrendChartPng, chartsFor, type ChartAttachment, type TrendChartOptions } from './trend-chart';
export { composeDigestMime, type DigestMimeOptions } from './compose-mime';
export { DigestMimeError } from './errors';
export { writeDigestFiles, writeDigestIndex, digestFileStem, type DigestFiles } from './write-files';
export { renderDigestIndexHtml, type DigestIndexEntry } from './render-index';
export { escapeHtml, html, raw, safeHttpUrl, SafeHtml } from './html';
