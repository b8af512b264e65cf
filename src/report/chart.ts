import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { BarChart } from 'echarts/charts';
import { GraphicComponent, GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { monthLabel } from './month.js';
import { PROPOSAL_STATUSES, type MonthlyReport } from './types.js';

/**
 * The month's one chart, drawn on the server: Apache ECharts lays it out and writes SVG (its
 * server-side rendering needs no DOM and no canvas), resvg (Rust, compiled to WebAssembly in
 * @resvg/resvg-wasm: no native binary to install) turns the SVG into PNG. Each render's memory is
 * freed explicitly (the native @resvg/resvg-js build grows its resident memory with every render:
 * thx/resvg-js#216; measured in docs/report.md). The Japanese text is set in BIZ UDPGothic, a
 * universal-design typeface made for public documents, whose TTF files come inside the npm
 * package @expo-google-fonts/biz-udpgothic: no system fonts, nothing downloaded at run time.
 *
 * Three panels: questions per plan section (answered / refused), proposals by status at the
 * month's end, and the fill rate of each session held.
 */

echarts.use([BarChart, GridComponent, LegendComponent, TitleComponent, GraphicComponent, SVGRenderer]);

const require = createRequire(import.meta.url);
export const CHART_FONT_FAMILY = 'BIZ UDPGothic';
export const CHART_FONT_FILES = [
  require.resolve('@expo-google-fonts/biz-udpgothic/400Regular/BIZUDPGothic_400Regular.ttf'),
  require.resolve('@expo-google-fonts/biz-udpgothic/700Bold/BIZUDPGothic_700Bold.ttf'),
];

export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 1400;

/** Bar colours (tests find the bars by them). */
export const CHART_COLORS = {
  answered: '#1d4e89',
  refused: '#d9730d',
  proposals: '#2f7d4f',
  sessions: '#6b4fa0',
} as const;

const MAX_SECTIONS = 10;
const MAX_SESSIONS = 8;

const clip = (s: string, n: number) => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);
const hideZero = (p: { value?: unknown }) => (Number(p.value) > 0 ? String(p.value) : '');

export function chartOption(report: MonthlyReport): echarts.EChartsCoreOption {
  const sections = report.qa.sections.filter((s) => s.questions > 0).slice(0, MAX_SECTIONS);
  const sectionLabels = [...sections.map((s) => clip(`${s.id} ${s.title}`, 24)), 'プランに記載なし（回答できず）'];
  const sessions = report.worldcafe.sessions.filter((s) => !s.cancelled).slice(0, MAX_SESSIONS);
  const sessionLabels = sessions.map((s) => `${Number(s.start.slice(5, 7))}/${Number(s.start.slice(8, 10))}\n${clip(s.theme, 7)}`);
  const maxFill = Math.max(100, ...sessions.map((s) => s.fillPct));
  const label = { show: true, formatter: hideZero, color: '#333', fontSize: 13 };
  const asOf = report.complete ? '' : `（${report.asOf.slice(0, 10)} 時点）`;
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_FONT_FAMILY, color: '#222' },
    title: [
      { text: `みなとナビ 月次レポート　${monthLabel(report.month)}${asOf}`, left: 'center', top: 14, textStyle: { fontSize: 22, fontWeight: 'bold' } },
      { text: `プランの節ごとの質問（質問 ${report.qa.asked} 件）`, left: 24, top: 62, textStyle: { fontSize: 17, fontWeight: 'bold' } },
      { text: '改善提案の状況（月末時点）', left: 24, top: 800, textStyle: { fontSize: 17, fontWeight: 'bold' } },
      { text: '開催回の定員充足率（%）', left: 624, top: 800, textStyle: { fontSize: 17, fontWeight: 'bold' } },
    ],
    legend: { top: 64, right: 30, data: ['回答', '回答できず'], textStyle: { fontSize: 14 } },
    grid: [
      { left: 370, right: 60, top: 105, height: 640 },
      { left: 70, width: 470, top: 850, height: 460 },
      { left: 670, width: 490, top: 850, height: 460 },
    ],
    yAxis: [
      { gridIndex: 0, type: 'category', inverse: true, data: sectionLabels, axisLabel: { fontSize: 13, width: 340 } },
      { gridIndex: 1, type: 'value', minInterval: 1, axisLabel: { fontSize: 13 } },
      { gridIndex: 2, type: 'value', min: 0, max: maxFill, axisLabel: { fontSize: 13 } },
    ],
    xAxis: [
      { gridIndex: 0, type: 'value', minInterval: 1, axisLabel: { fontSize: 13 } },
      { gridIndex: 1, type: 'category', data: [...PROPOSAL_STATUSES], axisLabel: { fontSize: 14 } },
      { gridIndex: 2, type: 'category', data: sessionLabels, axisLabel: { fontSize: 12, interval: 0, lineHeight: 16 } },
    ],
    series: [
      {
        type: 'bar', name: '回答', stack: 'qa', xAxisIndex: 0, yAxisIndex: 0, barMaxWidth: 36,
        itemStyle: { color: CHART_COLORS.answered }, label: { ...label, position: 'right' },
        data: [...sections.map((s) => s.questions), 0],
      },
      {
        type: 'bar', name: '回答できず', stack: 'qa', xAxisIndex: 0, yAxisIndex: 0, barMaxWidth: 36,
        itemStyle: { color: CHART_COLORS.refused }, label: { ...label, position: 'right' },
        data: [...sections.map(() => 0), report.qa.refused],
      },
      {
        type: 'bar', xAxisIndex: 1, yAxisIndex: 1, barMaxWidth: 56,
        itemStyle: { color: CHART_COLORS.proposals }, label: { ...label, position: 'top' },
        data: PROPOSAL_STATUSES.map((s) => report.proposals.byStatus[s]),
      },
      {
        type: 'bar', xAxisIndex: 2, yAxisIndex: 2, barMaxWidth: 48,
        itemStyle: { color: CHART_COLORS.sessions }, label: { ...label, position: 'top', formatter: (p: { value?: unknown }) => `${p.value}%` },
        data: sessions.map((s) => s.fillPct),
      },
    ],
    graphic: sessions.length === 0
      ? [{ type: 'text', left: 820, top: 1060, style: { text: 'この月に開催した回はありません', fontSize: 15, fill: '#666', fontFamily: CHART_FONT_FAMILY } }]
      : [],
  };
}

export function chartSvg(report: MonthlyReport): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
  try {
    chart.setOption(chartOption(report));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

let ready: Promise<Uint8Array[]> | undefined;

/** Loads the WebAssembly module and the font files once per process. */
function prepare(): Promise<Uint8Array[]> {
  ready ??= (async () => {
    await initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
    return CHART_FONT_FILES.map((f) => new Uint8Array(readFileSync(f)));
  })();
  return ready;
}

/** SVG → PNG with the packaged font; the renderer's memory is given back after each image. */
export async function svgToPng(svg: string): Promise<Buffer> {
  const fontBuffers = await prepare();
  const resvg = new Resvg(svg, {
    font: { fontBuffers, loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
    background: '#ffffff',
  });
  try {
    const image = resvg.render();
    try {
      return Buffer.from(image.asPng());
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}

/** The month's chart as PNG (1200 × 1400). */
export function renderChart(report: MonthlyReport): Promise<Buffer> {
  return svgToPng(chartSvg(report));
}
