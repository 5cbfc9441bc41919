import type { ProducedReview } from '../report/produce-review.js';

/** What `report` and `run` say of a review written before the year was over, with members yet to send a return. */
export interface EarlyReview {
  /** The latest receipt of any file the review rests on (YYYY-MM-DD), before the end of the reference year. */
  latest_receipt: string;
  members_without_return: number;
  /** The warning printed on stderr, word for word. */
  warning: string;
}

/**
 * Returns the early-review warning of a review whose files were all received before `year` was over while some
 * members have sent no return yet ("before 2025 began" when they all came in the years before), or null (a review written after the year, or with every member's return in).
 *
 * @example earlyReview(2026, { beforeDeadline: '2026-11-20', notReceived: 12 })?.warning // 'the review of 2026 rests on files all received before 2026 was over (the latest on 2026-11-20), and 12 members have sent no return yet …'
 */
export function earlyReview(year: number, review: Pick<ProducedReview, 'beforeDeadline' | 'notReceived'>): EarlyReview | null {
  if (review.beforeDeadline === null || review.notReceived === 0) return null;
  const n = review.notReceived;
  // files all from years before (a review of 2025 on files of January 2024) came in before the year began, not merely before it was over
  const when = review.beforeDeadline < `${year}-01-01` ? 'began' : 'was over';
  return {
    latest_receipt: review.beforeDeadline,
    members_without_return: n,
    warning: `the review of ${year} rests on files all received before ${year} ${when} (the latest on ${review.beforeDeadline}), and ${n} ${n === 1 ? 'member has' : 'members have'} sent no return yet (the review says so); report again once the returns are in`,
  };
}
