import type { GrowthPoint } from './growth';
import { round } from './stats';

const WIDTH = 760;
const HEIGHT = 320;
const PLOT = { left: 50, right: 10, top: 40, bottom: 90 };
const COLOURS = { small: '#8fb3d9', large: '#1f5fa8' };

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function formatRows(n: number): string {
  const exponent = Math.log10(n);
  return Number.isInteger(exponent) ? `10^${exponent}` : n.toLocaleString('en');
}

/**
 * A grouped bar chart of the growth figures, by hand (no chart library): for each database and
 * measure, the p50 at the small size and at the large one, with the ratio above.
 */
export function growthChartSvg(points: readonly GrowthPoint[]): string {
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const max = Math.max(1, ...points.flatMap((point) => point.p50Ms));
  const scale = (ms: number) => (ms / max) * plotHeight;
  const group = plotWidth / Math.max(1, points.length);
  const bar = Math.min(28, group / 3);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${PLOT.left}" y="18" font-size="13" font-weight="bold">p50 ms at the small and the large size (ratio above each pair)</text>`,
    `<rect x="${WIDTH - 230}" y="8" width="10" height="10" fill="${COLOURS.small}"/><text x="${WIDTH - 216}" y="17">small size</text>`,
    `<rect x="${WIDTH - 140}" y="8" width="10" height="10" fill="${COLOURS.large}"/><text x="${WIDTH - 126}" y="17">large size</text>`,
  ];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const y = PLOT.top + plotHeight - tick * plotHeight;
    parts.push(`<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${y}" y2="${y}" stroke="#ddd"/>`);
    parts.push(`<text x="${PLOT.left - 6}" y="${y + 4}" text-anchor="end">${round(max * tick, 1)}</text>`);
  }
  points.forEach((point, index) => {
    const x = PLOT.left + index * group + (group - 2 * bar) / 2;
    const [small, large] = point.p50Ms;
    const base = PLOT.top + plotHeight;
    parts.push(`<rect x="${x}" y="${base - scale(small)}" width="${bar}" height="${scale(small)}" fill="${COLOURS.small}"/>`);
    parts.push(`<rect x="${x + bar}" y="${base - scale(large)}" width="${bar}" height="${scale(large)}" fill="${COLOURS.large}"/>`);
    const top = base - scale(Math.max(small, large)) - 4;
    parts.push(`<text x="${x + bar}" y="${top}" text-anchor="middle">×${round(large / small, 2)}</text>`);
    const labelX = x + bar;
    const label = [
      point.database,
      point.measure.replace('(subjectEmail:)', ''),
      `${formatRows(point.rows[0])} → ${formatRows(point.rows[1])}`,
    ];
    label.forEach((text, line) => {
      parts.push(`<text x="${labelX}" y="${base + 14 + line * 13}" text-anchor="middle">${escapeXml(text)}</text>`);
    });
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
