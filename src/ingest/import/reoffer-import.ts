import { refreshCurrent, type Store } from '../../store/index.js';
import type { SubmissionRecord } from '../submission.js';
import { readPublication } from './read-publication.js';
import { settleImports, statesInForce, type Settled } from './settle-imports.js';

/** What offering again the bytes of an import already in the warehouse did. */
export interface Reoffered {
  /** `reinstated`: it was superseded and is the newest publication, in force again; `duplicate`: nothing changed in force. */
  status: 'duplicate' | 'reinstated';
  /** How the imports stand after it; undefined for a true no-op (in force already, same publication date). */
  settled?: Settled;
  published: string | null;
  publishedFrom: string | null;
  /** True when the publication date was recorded or changed now (a warehouse from before migration 6, --published). */
  isRedated: boolean;
}

/**
 * Returns what offering again the bytes of import `earlier` (accepted, or superseded since) did. Its publication
 * date is the one `--published` gives now, else the one recorded, else the one the file carries (a warehouse from
 * before migration 6 recorded none). When it is in force already and that date is the one recorded, nothing is
 * written (a true duplicate). Otherwise the date is recorded and the import made accepted again, in one transaction:
 * it gives the values of the states for which it is the newest publication (re-importing this year's download after
 * last year's had been imported over it puts it back in force), and when a newer publication keeps every state it
 * has, it stays superseded, by that one (see settleImports).
 */
export async function reofferImport(store: Store, earlier: SubmissionRecord, offered: { path: string; published?: string; day: string }): Promise<Reoffered> {
  const id = earlier.submission_id;
  const [recorded] = await store.all<{ date: string | null; how: 'file' | 'option' | null }>(
    `select strftime(published_on, '%Y-%m-%d') as date, published_how as how from submission where submission_id = $id`,
    { id },
  );
  let date = recorded?.date ?? null;
  let how = recorded?.how ?? null;
  let publishedFrom = how === 'option' ? '--published' : how === 'file' ? 'the file' : null;
  if (offered.published !== undefined) {
    date = offered.published;
    how = 'option';
    publishedFrom = '--published';
  } else if (date === null) {
    const read = await readPublication(offered.path, offered.day, earlier.source === 'WORLDBANK');
    if (read !== undefined) {
      date = read.date;
      how = 'file';
      publishedFrom = read.where;
    }
  }
  const isRedated = date !== (recorded?.date ?? null) || how !== (recorded?.how ?? null);
  if (!isRedated && earlier.outcome === 'accepted') return { status: 'duplicate', published: date, publishedFrom, isRedated };
  const table = earlier.source === 'WORLDBANK' ? 'population' : 'observation';
  const dataset = earlier.dataset ?? '';
  return store.transaction(async () => {
    const before = await statesInForce(store, table, earlier.source, dataset);
    await store.run(
      `update submission set published_on = $date::date, published_how = $how, outcome = 'accepted', superseded_by = null where submission_id = $id`,
      { date, how, id },
    );
    const settled = await settleImports(store, { table, source: earlier.source, dataset, id, before });
    if (table === 'observation') await refreshCurrent(store, [id]);
    const isBack = earlier.outcome === 'superseded' && settled.statesInUse.length > 0;
    return { status: isBack ? 'reinstated' : 'duplicate', settled, published: date, publishedFrom, isRedated };
  });
}
