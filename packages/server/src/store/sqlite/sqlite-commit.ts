/**
 * The group commit on SQLite, without the query builder: a handful of statements prepared once and
 * run synchronously inside one better-sqlite3 transaction (the same plan as the Kysely path,
 * commit-plan.ts). Per message one dedup lookup on the unique (app, sender, cid) index and one
 * insert; per conversation one upsert that reserves its seqs (`RETURNING last_seq`) and one
 * conversation row per member. The caller holds Kysely's connection, so nothing interleaves.
 */
import type { Database as BetterDatabase, Statement } from 'better-sqlite3';
import type { CommitOutcome, NewMessage } from '../../core/ports/messages.js';
import { assignSeqs, finishCopies, planBatch, type CommitPlan } from '../repositories/commit-plan.js';

export type SyncCommit = (batch: NewMessage[], ts: number) => CommitOutcome[];

const SQL = {
  find: 'select id, conv, seq, ts from messages where app_id = ? and sender = ? and cid = ?',
  conversation:
    'insert into conversations (app_id, conv, chat, last_seq, last_ts, last_msg_id) values (?, ?, ?, ?, ?, ?) ' +
    'on conflict (app_id, conv) do update set last_seq = last_seq + excluded.last_seq, ' +
    'last_ts = excluded.last_ts, last_msg_id = excluded.last_msg_id returning last_seq',
  member:
    'insert into user_conversations (app_id, username, conv, read_seq, cleared_seq, hidden_seq) ' +
    'values (?, ?, ?, 0, 0, 0) on conflict do nothing',
  message:
    'insert into messages (app_id, conv, seq, id, cid, sender, recipient, chat, type, body, ext, ts, recalled, ' +
    'group_ack) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)',
  mention: 'insert into mentions (app_id, conv, seq, target, sender) values (?, ?, ?, ?, ?)',
  fileRef: 'insert into file_refs (app_id, file_uuid, msg_id) values (?, ?, ?) on conflict do nothing',
} as const;

type Statements = { [K in keyof typeof SQL]: Statement };

interface StoredRow {
  id: string;
  conv: string;
  seq: number;
  ts: number;
}

/**
 * Statements are prepared on the first commit, after the migrations made the tables; `onFirst`
 * runs then too (it starts the WAL checkpointer).
 */
export function sqliteCommitter(raw: BetterDatabase, onFirst?: () => void): SyncCommit {
  let st: Statements | undefined;
  const prepare = (): Statements => {
    onFirst?.();
    return Object.fromEntries(Object.entries(SQL).map(([k, sql]) => [k, raw.prepare(sql)])) as Statements;
  };
  const run = raw.transaction((batch: NewMessage[], ts: number) => commitIn((st ??= prepare()), batch, ts));
  return (batch, ts) => run(batch, ts);
}

function commitIn(st: Statements, batch: NewMessage[], ts: number): CommitOutcome[] {
  const plan = planBatch(batch, (_k, m) => {
    const r = st.find.get(m.appId, m.from, m.cid) as StoredRow | undefined;
    return r && { id: r.id, cid: m.cid, conv: r.conv, seq: Number(r.seq), ts: Number(r.ts), duplicate: true };
  });
  assignSeqs(batch, plan, reserve(st, plan, ts), ts);
  insertFresh(st, batch, plan);
  return finishCopies(plan);
}

/** One upsert per conversation moves last_seq on by the run's length; the run starts after the old one. */
function reserve(st: Statements, plan: CommitPlan, ts: number): number[] {
  const firstSeqs = new Array<number>(plan.runs.length);
  for (let r = 0; r < plan.runs.length; r++) {
    const { last, indexes } = plan.runs[r]!;
    const row = st.conversation.get(last.appId, last.conv, last.chat, indexes.length, ts, last.id) as {
      last_seq: number;
    };
    firstSeqs[r] = Number(row.last_seq) - indexes.length + 1;
    for (const username of new Set(last.members)) st.member.run(last.appId, username, last.conv);
  }
  return firstSeqs;
}

function insertFresh(st: Statements, batch: NewMessage[], plan: CommitPlan): void {
  for (const i of plan.fresh) {
    const m = batch[i]!;
    const { seq, ts } = plan.outcomes[i]!;
    st.message.run(
      m.appId,
      m.conv,
      seq,
      m.id,
      m.cid,
      m.from,
      m.to,
      m.chat,
      m.type,
      JSON.stringify(m.body),
      m.ext === undefined ? null : JSON.stringify(m.ext),
      ts,
      m.groupAck ? 1 : 0,
    );
    for (const target of m.mentions ?? []) st.mention.run(m.appId, m.conv, seq, target, m.from);
    for (const uuid of m.files ?? []) st.fileRef.run(m.appId, uuid, m.id);
  }
}
