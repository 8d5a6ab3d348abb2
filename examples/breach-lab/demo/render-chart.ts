import type { SeriesPoint } from '../attacks';
import type { IncidentPair } from './incident-pair';

const PANEL_W = 380;
const PANEL_H = 250;
const COLUMNS = 3;
const PAD = { left: 58, right: 16, top: 42, bottom: 44 };
const COLORS = { unprotected: '#d62728', protected: '#2ca02c' };

/**
 * One panel per incident: records the attacker held against requests sent, unprotected (red) and
 * protected (green) on the same axes, so "every record" and "a handful, then nothing" read at a glance.
 */
export function renderChart(pairs: readonly IncidentPair[]): string {
  const rows = Math.ceil(pairs.length / COLUMNS);
  const width = PANEL_W * COLUMNS;
  const height = PANEL_H * rows + 40;
  const panels = pairs.map((pair, i) => panel(pair, (i % COLUMNS) * PANEL_W, 40 + Math.floor(i / COLUMNS) * PANEL_H));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="12" y="24" font-size="16" font-weight="bold">apiward breach lab: records obtained vs requests sent</text>`,
    `<g font-size="12"><rect x="${width - 260}" y="12" width="12" height="12" fill="${COLORS.unprotected}"/><text x="${width - 242}" y="22">unprotected</text>`,
    `<rect x="${width - 150}" y="12" width="12" height="12" fill="${COLORS.protected}"/><text x="${width - 132}" y="22">protected (apiward)</text></g>`,
    ...panels,
    '</svg>',
  ].join('\n');
}

function panel(pair: IncidentPair, x0: number, y0: number): string {
  const plotW = PANEL_W - PAD.left - PAD.right;
  const plotH = PANEL_H - PAD.top - PAD.bottom;
  const maxX = Math.max(1, lastOf(pair.unprotected.series).requests, lastOf(pair.protected.series).requests);
  const maxY = Math.max(1, lastOf(pair.unprotected.series).records, lastOf(pair.protected.series).records);
  const sx = (v: number): number => x0 + PAD.left + (v / maxX) * plotW;
  const sy = (v: number): number => y0 + PAD.top + plotH - (v / maxY) * plotH;
  const line = (series: readonly SeriesPoint[], color: string): string =>
    `<polyline fill="none" stroke="${color}" stroke-width="2" points="${series.map((p) => `${sx(p.requests).toFixed(1)},${sy(p.records).toFixed(1)}`).join(' ')}"/>`;
  const bottom = y0 + PAD.top + plotH;
  return [
    `<g>`,
    `<text x="${x0 + 12}" y="${y0 + 18}" font-size="13" font-weight="bold">${escape(pair.protected.incident)}</text>`,
    `<text x="${x0 + 12}" y="${y0 + 32}" fill="#555">${escape(truncate(pair.protected.title, 58))}</text>`,
    `<line x1="${sx(0)}" y1="${bottom}" x2="${sx(maxX)}" y2="${bottom}" stroke="#999"/>`,
    `<line x1="${sx(0)}" y1="${sy(0)}" x2="${sx(0)}" y2="${sy(maxY)}" stroke="#999"/>`,
    `<text x="${sx(0)}" y="${bottom + 14}" text-anchor="middle">0</text>`,
    `<text x="${sx(maxX)}" y="${bottom + 14}" text-anchor="end">${maxX}</text>`,
    `<text x="${sx(maxX / 2)}" y="${bottom + 30}" text-anchor="middle" fill="#555">requests sent</text>`,
    `<text x="${sx(0) - 6}" y="${sy(maxY) + 4}" text-anchor="end">${maxY}</text>`,
    `<text x="${sx(0) - 6}" y="${sy(0) + 4}" text-anchor="end">0</text>`,
    `<text transform="translate(${x0 + 14},${sy(maxY / 2)}) rotate(-90)" text-anchor="middle" fill="#555">records obtained</text>`,
    line(pair.unprotected.series, COLORS.unprotected),
    line(pair.protected.series, COLORS.protected),
    `<text x="${sx(maxX) - 4}" y="${sy(maxY) + 14}" text-anchor="end" fill="${COLORS.unprotected}">${lastOf(pair.unprotected.series).records} records</text>`,
    `<text x="${sx(maxX) - 4}" y="${bottom - 6}" text-anchor="end" fill="${COLORS.protected}">${lastOf(pair.protected.series).records} records</text>`,
    `</g>`,
  ].join('\n');
}

function lastOf(series: readonly SeriesPoint[]): SeriesPoint {
  return series[series.length - 1] ?? { requests: 0, records: 0 };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
