import { reportCsvFiles, type CsvFile } from './csv.js';
import { monthLabel } from './month.js';
import type { MonthlyReport } from './types.js';

/** What /report and `npm run report` hand over: the one PNG chart and the CSV tables. */
export interface ReportFiles {
  chart: { filename: string; title: string; content: Buffer };
  tables: CsvFile[];
}

export async function reportFiles(report: MonthlyReport): Promise<ReportFiles> {
  // Loaded on the first report only: the bot does not carry the chart code until an admin asks.
  const { renderChart } = await import('./chart.js');
  return {
    chart: { filename: `minato-report-${report.month}.png`, title: `${monthLabel(report.month)} 月次レポートのグラフ`, content: await renderChart(report) },
    tables: reportCsvFiles(report),
  };
}
