/**
 * Redis keys of the monthly report's own records. Every key of one month carries the hash tag
 * {report:YYYY-MM}, so a month's keys share one Redis Cluster slot: its MULTI blocks and the
 * pipelined reads of the report stay valid on a Cluster.
 *
 *   {report:2026-05}:qa            hash  asked, answered, refused, q:<section>, up:<section>, down:<section>
 *   {report:2026-05}:refused:<DD>  list  JSON { at, text } of refused questions asked that day (redacted)
 *   {report:2026-05}:morning       hash  post:<date>:<channel> → prompt id, skip:<date>:<channel> → reason
 */
const tag = (month: string) => `{report:${month}}`;

export const reportKeys = {
  qa: (month: string) => `${tag(month)}:qa`,
  refused: (month: string, day: string) => `${tag(month)}:refused:${day}`,
  morning: (month: string) => `${tag(month)}:morning`,
};

/** Counts hold no personal data; they are kept three years, for year-on-year comparison. */
export const COUNTS_TTL_SECONDS = 3 * 366 * 24 * 60 * 60;
