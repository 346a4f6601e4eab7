/**
 * The whole group commit on PostgreSQL as ONE statement (one round trip, one implicit transaction,
 * one WAL flush): the batch arrives as parallel arrays ($1..$11, one element per send, retries
 * within the batch already folded by commit-plan.ts), and data-modifying CTEs
 *   dup   find sends already stored under (app, sender, cid): one probe of the dedup unique
 *         index per send (LATERAL ... LIMIT 1; a plain join let the planner hash the whole table),
 *   fresh number the others within their conversation (k of n),
 *   conv  reserve each conversation's run of seqs with one upsert (row-locked in key order, so two
 *         nodes committing the same conversations queue instead of deadlocking),
 *   ins   insert the messages at last_seq - n + k,
 * and add members' conversation rows, mentions and file references. The caller retries the whole
 * statement on a unique violation or deadlock (retry-conflicts.ts): the retry finds the stored copy.
 */
export const PG_COMMIT_NAME = 'pigeon_commit_v1';

export const PG_COMMIT_SQL = `
with inp as (
  select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                       $8::text[], $9::text[], $10::text[], $11::int[])
    with ordinality as t(app_id, conv, id, cid, sender, recipient, chat, type, body, ext, group_ack, ord)
),
dup as (
  select i.ord, m.id, m.conv, m.seq, m.ts
  from inp i cross join lateral (
    select id, conv, seq, ts from messages
    where app_id = i.app_id and sender = i.sender and cid = i.cid limit 1
  ) m
),
fresh as (
  select i.*,
         row_number() over (partition by i.app_id, i.conv order by i.ord) as k,
         count(*) over (partition by i.app_id, i.conv) as n
  from inp i where not exists (select 1 from dup d where d.ord = i.ord)
),
conv as (
  insert into conversations as c (app_id, conv, chat, last_seq, last_ts, last_msg_id)
  select app_id, conv, chat, n, $12::bigint, id from fresh where k = n order by app_id, conv
  on conflict (app_id, conv) do update set last_seq = c.last_seq + excluded.last_seq,
    last_ts = excluded.last_ts, last_msg_id = excluded.last_msg_id
  returning app_id, conv, last_seq
),
ins as (
  insert into messages (app_id, conv, seq, id, cid, sender, recipient, chat, type, body, ext, ts, recalled, group_ack)
  select f.app_id, f.conv, c.last_seq - f.n + f.k, f.id, f.cid, f.sender, f.recipient, f.chat, f.type, f.body,
         f.ext, $12::bigint, 0, f.group_ack
  from fresh f join conv c on c.app_id = f.app_id and c.conv = f.conv
  returning app_id, conv, id, seq, sender
),
mem as (
  insert into user_conversations (app_id, username, conv, read_seq, cleared_seq, hidden_seq)
  select app_id, username, conv, 0, 0, 0
  from unnest($13::text[], $14::text[], $15::text[]) as u(app_id, username, conv)
  order by app_id, username, conv
  on conflict do nothing
),
men as (
  insert into mentions (app_id, conv, seq, target, sender)
  select i.app_id, i.conv, i.seq, x.target, i.sender
  from unnest($16::text[], $17::text[]) as x(id, target) join ins i on i.id = x.id
),
refs as (
  insert into file_refs (app_id, file_uuid, msg_id)
  select i.app_id, x.uuid, x.id
  from unnest($18::text[], $19::text[]) as x(id, uuid) join ins i on i.id = x.id
  on conflict do nothing
)
select ord, id, conv, seq, ts from dup
union all
select null, id, conv, seq, null from ins`;
