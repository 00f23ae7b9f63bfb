import sharp from 'sharp';

export interface ChartBar {
  /** Under the bar ("Mon 23", "14:00"); an empty label leaves the place blank. */
  label: string;
  value: number;
}

export interface BarChart {
  title: string;
  bars: ChartBar[];
  /** Shown above bars when there are few enough for it to stay readable. */
  formatValue?: (value: number) => string;
}

const WIDTH = 560;
const HEIGHT = 240;
const PAD = { top: 44, right: 16, bottom: 34, left: 44 };
const INK = '#374151';
const MUTED = '#6B7280';
const RULE = '#E5E7EB';
const BAR = '#4F46E5';
const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** 1, 2 or 5 times a power of ten: gridlines at round numbers whatever the scale. */
function niceStep(max: number, lines: number): number {
  const raw = Math.max(max, 1) / lines;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return Math.max(1, step);
}

/** The chart as SVG: what a test reads, and what `renderBarChartPng` rasterizes. */
export function barChartSvg(chart: BarChart): string {
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const max = Math.max(0, ...chart.bars.map((bar) => bar.value));
  const step = niceStep(max, 4);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const y = (value: number) => PAD.top + plotHeight - (value / top) * plotHeight;
  const slot = plotWidth / Math.max(chart.bars.length, 1);
  const barWidth = Math.max(2, slot * 0.62);
  const format = chart.formatValue ?? ((value: number) => String(value));
  const parts: string[] = [
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#FFFFFF"/>`,
    `<text x="${PAD.left}" y="24" font-size="15" font-weight="bold" fill="${INK}">${escapeXml(chart.title)}</text>`,
  ];
  for (let tick = 0; tick <= top; tick += step) {
    parts.push(
      `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="${RULE}"/>`,
      `<text x="${PAD.left - 6}" y="${y(tick) + 4}" font-size="11" text-anchor="end" fill="${MUTED}">${tick}</text>`,
    );
  }
  chart.bars.forEach((bar, index) => {
    const x = PAD.left + index * slot + (slot - barWidth) / 2;
    const height = y(0) - y(bar.value);
    if (bar.value > 0)
      parts.push(
        `<rect x="${x}" y="${y(bar.value)}" width="${barWidth}" height="${height}" rx="2" fill="${BAR}"/>`,
      );
    if (chart.bars.length <= 14 && bar.value > 0)
      parts.push(
        `<text x="${x + barWidth / 2}" y="${y(bar.value) - 5}" font-size="11" text-anchor="middle" fill="${INK}">${escapeXml(format(bar.value))}</text>`,
      );
    if (bar.label)
      parts.push(
        `<text x="${x + barWidth / 2}" y="${HEIGHT - PAD.bottom + 18}" font-size="11" text-anchor="middle" fill="${MUTED}">${escapeXml(bar.label)}</text>`,
      );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" ` +
    `viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${FONT}">${parts.join('')}</svg>`
  );
}

/**
 * The chart as a PNG at twice its size (sharp rasterizes the SVG on the server: no outside chart
 * service, and mail clients that refuse SVG, such as Gmail, still show it).
 */
export function renderBarChartPng(chart: BarChart): Promise<Buffer> {
  return sharp(Buffer.from(barChartSvg(chart)), { density: 144 })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

export const CHART_SIZE = { width: WIDTH, height: HEIGHT };
