/**
 * CSV that Excel opens correctly: UTF-8 with a byte-order mark, CRLF between rows, every cell
 * quoted, and cells that Excel would read as a formula (= + - @, tab, CR, and their full-width
 * forms) prefixed with '. Used by the proposals export and the monthly report.
 */

export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

export type CsvValue = string | number | boolean | undefined | null;

/** One cell: neutralised against formula injection, then quoted with inner quotes doubled. */
export function csvCell(value: CsvValue): string {
  let s = value === undefined || value === null ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export function csvRow(cells: CsvValue[]): string {
  return cells.map(csvCell).join(',');
}

/** A whole file: BOM, then the rows, CRLF after each. */
export function csvDocument(rows: CsvValue[][]): string {
  return CSV_BOM + rows.map(csvRow).join('\r\n') + '\r\n';
}
