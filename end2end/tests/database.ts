import { execFileSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';

/** The SQLite file the server under test writes (see `.ci/e2e.sh` and playwright.config.ts). */
function databaseFile(): string {
  const url = process.env.KANTA_E2E_DATABASE_URL ?? 'sqlite://../target/e2e.db?mode=rwc';
  return url.replace(/^sqlite:\/\//, '').split('?')[0];
}

/** Runs `sql` with the sqlite3 shell (which reads the WAL too), read-only unless `write`; it
 * waits up to 10 s for a lock the server holds, as the server itself waits for the write lock. */
function sqlite(sql: string, write = false): string {
  const args = [...(write ? [] : ['-readonly']), '-cmd', '.timeout 10000', databaseFile(), sql];
  return execFileSync('sqlite3', args, { encoding: 'utf8' }).trim();
}

/** One number from the database. */
function count(sql: string): number {
  return Number(sqlite(sql));
}

/** The server's keyed hash of a personal identity code (development key; see server config). */
function hetuHash(hetu: string): string {
  return createHmac('sha256', 'development-only-pseudonym-key').update(hetu).digest('hex');
}

/** Live sessions of the person with this identity code. */
export function sessionsOf(hetu: string): number {
  return count(
    `select count(*) from session s join person p on p.id = s.person_id where p.hetu_hash = '${hetuHash(hetu)}'`,
  );
}

/** Ends every session of the person, as the server does when one times out. */
export function endSessionsOf(hetu: string) {
  sqlite(`delete from session where person_id in (select id from person where hetu_hash = '${hetuHash(hetu)}')`, true);
}

/** Whether the session behind this cookie value exists (the table keeps only its SHA-256). */
export function sessionExists(cookieValue: string): boolean {
  const id = createHash('sha256').update(cookieValue).digest('hex');
  return count(`select count(*) from session where id = '${id}'`) === 1;
}

/** Whether anything about the person was stored. */
export function personKnown(hetu: string): boolean {
  return count(`select count(*) from person where hetu_hash = '${hetuHash(hetu)}'`) > 0;
}

/** A valid test identity code (individual number 900–999) that no other test uses. */
export function testHetu(day: number, individual: number): string {
  const date = `${String(day).padStart(2, '0')}0190`;
  const n = String(individual).padStart(3, '0');
  return `${date}-${n}${'0123456789ABCDEFHJKLMNPRSTUVWXY'[Number(date + n) % 31]}`;
}

/** One text value from the database ('' when none). */
function text(sql: string): string {
  return sqlite(sql);
}

/** `business ID|basis` of what the person's sessions act for now, one line each. */
export function actingOf(hetu: string): string {
  return text(
    `select o.ytunnus || '|' || a.basis from acting a join session s on s.id = a.session_id ` +
      `join person p on p.id = s.person_id join organisation o on o.id = a.organisation_id ` +
      `where p.hetu_hash = '${hetuHash(hetu)}'`,
  );
}

/** The person's refused attempts in the audit trail, as `action|basis`. */
export function deniedOf(hetu: string): string[] {
  return text(
    `select a.action || '|' || coalesce(a.basis, '') from audit_event a join person p on p.id = a.person_id ` +
      `where a.outcome = 'denied' and p.hetu_hash = '${hetuHash(hetu)}' order by a.id`,
  )
    .split('\n')
    .filter((l) => l !== '');
}

/** An application's `state|version` ('' when there is none). */
export function applicationState(id: number): string {
  return text(`select state || '|' || version from application where id = ${Number(id)}`);
}

/** The services an application is for, as stored (`ServiceSet::code`). */
export function servicesOf(id: number): string {
  return text(`select services from application where id = ${Number(id)}`);
}

/** The signed agreement of an application: `text hash|basis|signer` ('' when unsigned). */
export function signatureOf(id: number): string {
  return text(`select text_hash || '|' || basis || '|' || signer_name from agreement_signature where application_id = ${Number(id)}`);
}

/** The SHA-256 of the stored agreement text, recomputed here. */
export function storedTextHash(id: number): string {
  const stored = text(`select hex(text) from agreement_signature where application_id = ${Number(id)}`);
  return createHash('sha256').update(Buffer.from(stored, 'hex')).digest('hex');
}

/** The application's history, `kind` per line, oldest first. */
export function historyOf(id: number): string[] {
  return text(`select kind from application_event where application_id = ${Number(id)} order by id`)
    .split('\n')
    .filter((l) => l !== '');
}

/** An application's stored answers. */
export function answersOf(id: number): Record<string, string> {
  const json = text(`select answers from application where id = ${Number(id)}`);
  return json ? JSON.parse(json) : {};
}

/** How many invoices, billed events and imports are stored whose invoice number starts with `prefix`. */
export function billingRows(prefix: string): string {
  return text(
    `select (select count(*) from invoice where number like '${prefix}%') || '|' || ` +
      `(select count(*) from billing_event e join invoice i on i.id = e.invoice_id where i.number like '${prefix}%') || '|' || ` +
      `(select count(*) from billing_import)`,
  );
}

/** A contact as stored: `kind|email|phone|valid_to` (valid_to empty while in force). */
export function contactOf(name: string): string {
  return text(`select kind || '|' || email || '|' || phone || '|' || coalesce(valid_to, '') from contact where name = '${name}'`);
}

/** The outbox's state of the mail to `address`: `attempts|given up (1/0)|last tried`. */
export function outboxOf(address: string): string {
  return text(
    `select attempts || '|' || (failed_at is not null) || '|' || coalesce(last_tried_at, '') from mail_outbox where to_address = '${address}'`,
  );
}

/**
 * Given: the organisation has `services` in production, as staff leave an application at
 * go-live, applied for by the person with this identity code (the journeys that end services
 * start there). Its id.
 */
export function inProduction(ytunnus: string, hetu: string, services: string, adminEmail: string, lang: string): number {
  const answers = JSON.stringify({ services, admin_name: 'Hallinto Henkilö', admin_email: adminEmail }).replaceAll("'", "''");
  const now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
  const sql =
    'insert into application (organisation_id, services, state, version, answers, lang, created_by, created_at, updated_at, go_live_on) ' +
    `select o.id, '${services}', 'in-production', 6, '${answers}', '${lang}', p.id, ${now}, ${now}, '2026-01-01' ` +
    `from organisation o, person p where o.ytunnus = '${ytunnus}' and p.hetu_hash = '${hetuHash(hetu)}' returning id`;
  return Number(sqlite(sql, true));
}

/** The termination notice's last day, moved to `day` (ISO 8601): time passes for the journey. */
export function noticeEndsOn(applicationId: number, day: string) {
  sqlite(`update termination_notice set end_on = '${day}' where application_id = ${applicationId}`, true);
}
