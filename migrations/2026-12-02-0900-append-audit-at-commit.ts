import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen in time: no imports from src/.

/**
 * On PostgreSQL an audit event is chained at the commit of its change, not when
 * the change records it (issue 16). The change writes the event to
 * `audit_pending`; a deferred trigger, run by COMMIT itself, moves the chain's
 * head, appends the event and removes the pending row. The head's row lock is
 * then held from the commit's start to its end inside the database, not over a
 * round trip to a busy Läget process: with several processes, saves had queued
 * on that lock while its holder's event loop rendered other pages.
 *
 * `middle` is the event's canonical fields as Läget hashes them; the trigger
 * adds the sequence number and the previous hash it alone knows. Pending rows
 * never outlive their transaction, so the table is unlogged. SQLite keeps the
 * chain in the change itself (one writer at a time there).
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return
  await sql`
    create unlogged table audit_pending (
      id bigserial primary key,
      occurred_at text not null,
      actor_user_id text,
      actor_agency_id text,
      action text not null,
      object_type text,
      object_id text,
      outcome text not null,
      details text not null,
      request_id text,
      middle text not null
    )`.execute(db)
  await sql`
    create function audit_append_at_commit() returns trigger language plpgsql as $$
    declare
      head record;
    begin
      update audit_chain set
        last_seq = last_seq + 1,
        prev_hash = last_hash,
        last_hash = encode(sha256(convert_to(
          '[' || (last_seq + 1)::text || ',' || new.middle || ',"' || last_hash || '"]', 'UTF8')), 'hex')
      where id = 1
      returning last_seq, prev_hash, last_hash into head;
      insert into audit_events (seq, occurred_at, actor_user_id, actor_agency_id, action,
        object_type, object_id, outcome, details, request_id, prev_hash, hash)
      values (head.last_seq, new.occurred_at, new.actor_user_id, new.actor_agency_id, new.action,
        new.object_type, new.object_id, new.outcome, new.details, new.request_id,
        head.prev_hash, head.last_hash);
      delete from audit_pending where id = new.id;
      return null;
    end $$`.execute(db)
  await sql`
    create constraint trigger audit_pending_append after insert on audit_pending
    deferrable initially deferred
    for each row execute function audit_append_at_commit()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return
  await sql`drop table audit_pending`.execute(db)
  await sql`drop function audit_append_at_commit()`.execute(db)
}
