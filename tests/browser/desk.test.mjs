// Browser tests of the coordinator desk (issue 8, "What it must show"): the
// real daemon on a real database, headless Chromium via playwright-core,
// axe-core on every page (zero serious or critical violations), screenshots
// of every page at 1280 and 360 px in --artifacts, payloads inert.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { execFile } from 'node:child_process';
import { args, isoDay } from './harness.mjs';
import { Desk, csv } from './desk_pages.mjs';

const opts = args();
const PASSWORD = 'correct horse battery staple 42';
const XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', "'><svg onload=alert(3)>"];
const FORMULA = '=HYPERLINK("http://evil.example")';
const CASE_REFS = ['A-100-200-301', 'A-100-200-302', 'A-100-200-303', 'A-100-200-304',
  'A-100-200-305', 'A-100-200-306'];
// Words of the English reasons, messages and language names that must not
// reach a Spanish page.
const ENGLISH = /\b(eligible|booked|elsewhere|volunteers?|active|free|seats?|matcher|weekly|trainees?|blacked|declined|forbidden|assigned|morning|afternoon|Spanish|Mandarin|K'iche')\b/;
// Dates well inside the 14-day window whatever the sites' zones.
const D1 = isoDay(3), D2 = isoDay(4), D3 = isoDay(5);

const HEARINGS = csv('date,time,end_time,site,location,judge,type,language,detained,case_ref,status,notes', [
  [D1, '09:00', '', 'HOU', 'Courtroom 3', 'Judge Reyes', 'master', 'spanish', 'yes', CASE_REFS[0], '', ''],
  [D1, '09:30', '', 'HOU', 'Courtroom 3', 'Judge Reyes', 'master', 'spanish', 'no', CASE_REFS[1], '', ''],
  [D1, '10:00', '', 'HOU', 'Courtroom 7', 'Judge Kim', 'master', '', 'no', CASE_REFS[2], '', ''],
  [D1, '13:00', '', 'HOU', 'Courtroom 5', FORMULA, 'individual', '', 'no', CASE_REFS[3], '', ''],
  [D2, '08:30', '', 'CHI', 'Courtroom 1', 'Judge Stone', 'bond', "k'iche'", 'yes', CASE_REFS[4], '', ''],
  [D3, '10:00', '', 'CHI', XSS[0], XSS[1], 'master', '', 'no', CASE_REFS[5], '', XSS[2]],
]);
const ALL_DAYS = 'mon tue wed thu fri sat sun';
const VOLUNTEERS = csv('id,name,email,phone,role,sites,languages,max_per_week,availability,blackouts,extra,active', [
  ['v0001', 'Ana Pérez', 'ana@example.org', '', 'watcher', 'HOU', 'spanish', '3', ALL_DAYS, '', '', 'yes'],
  ['v0002', 'Ben Ortiz', 'ben@example.org', '', 'lead', 'HOU;CHI', '', '3', ALL_DAYS, '', '', 'yes'],
  ['v0003', 'Cam Díaz', 'cam@example.org', '', 'watcher', 'CHI', "k'iche'", '2', ALL_DAYS, '', '', 'yes'],
  ['v0004', XSS[0], 'x@example.org', '', 'watcher', 'HOU', '', '2', '', '', '', 'yes'],
]);

let ws, daemon, browser, desk;

before(async () => {
  desk = await Desk.start(opts, { password: PASSWORD, caseRefs: CASE_REFS, users: [['coord', 'coordinator'], ['boss', 'admin']],
    hearings: HEARINGS, volunteers: VOLUNTEERS });
  ({ ws, daemon, browser } = desk);
});
after(async () => { if (desk) await desk.stop(); });

const login = (...a) => desk.login(...a);
const check = (...a) => desk.check(...a);
const go = (...a) => desk.go(...a);
const sessionId = (...a) => desk.sessionId(...a);

test('a coordinator runs the desk: uncovered sessions, plan, manual assignment, availability, closure, logout', async () => {
  const page = await login();

  // The dashboard: coverage chart + table, uncovered sessions detained first, with reasons.
  await check(page, 'dashboard');
  assert.equal(await page.locator('svg.chart[role=img] title').count(), 1);
  const uncovered = page.locator('main ul.plain li');
  assert.ok(await uncovered.count() >= 4, 'the uncovered sessions are listed');
  assert.match(await uncovered.nth(0).textContent(), /Detained/);
  assert.match(await uncovered.nth(1).textContent(), /Detained/);
  assert.doesNotMatch(await uncovered.nth(2).textContent(), /Detained/);
  assert.match(await uncovered.nth(0).textContent(), /\n|./);
  for (let i = 0; i < 3; i++) {
    assert.ok((await uncovered.nth(i).locator('.muted').last().textContent()).length > 10, 'each has a reason');
  }

  // Matcher: preview the diff, then apply it.
  await go(page, '/plan');
  await check(page, 'plan');
  await Promise.all([page.waitForURL(/preview=1/), page.click('main form.filters button')]);
  await check(page, 'plan-preview');
  const added = await page.locator('tr.added').count();
  assert.ok(added >= 3, `the preview adds proposals (${added})`);
  await Promise.all([page.waitForURL(/done=applied/), page.click('form[action="/plan/apply"] button')]);
  assert.match(await page.textContent('[role=status]'), /plan was applied/);
  assert.equal(await page.locator('tr.added').count(), 0, 'after applying, the preview adds nothing');

  // Manual assignment: the morning session at Courtroom 3 got its volunteers;
  // unassign one, assign them again by hand, then try them at Courtroom 7 the
  // same morning: 409 with a message a coordinator can act on.
  const cr3 = await sessionId(page, 'Courtroom 3', `?site=HOU&from=${D1}&to=${D1}`);
  await go(page, `/sessions/${cr3}`);
  await check(page, 'session-detail');
  const first = page.locator('main li[id^=assignment-]').first();
  const handle = (await first.textContent()).match(/\((v\d{4}),/)[1];
  await Promise.all([page.waitForURL(/done=unassigned/), first.locator('form[action$="/unassign"] button').click()]);
  await page.fill('#f-volunteer', handle);
  await Promise.all([page.waitForURL(/done=assigned/), page.click('form[action$="/assign"][aria-labelledby=assign] button')]);
  assert.match(await page.textContent('[role=status]'), /Volunteer assigned/);
  const cr7 = await sessionId(page, 'Courtroom 7', `?site=HOU&from=${D1}&to=${D1}`);
  await go(page, `/sessions/${cr7}`);
  await page.fill('#f-volunteer', handle);
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/sessions/${cr7}/assign`)),
    page.click('form[action$="/assign"][aria-labelledby=assign] button'),
  ]);
  assert.equal(res.status(), 409);
  const alert = await page.textContent('[role=alert]');
  assert.match(alert, /Double booking/);
  assert.match(alert, / is already at HOU Courtroom 3 that morning/);
  // The refusal answers 409 on purpose; Chromium logs that as a console error.
  page.problems = page.problems.filter((p) => !p.includes('status of 409'));
  await check(page, 'session-detail-409');

  // Availability: only Monday mornings for v0003.
  await go(page, '/volunteers/v0003');
  await check(page, 'volunteer');
  for (const box of await page.locator('input[name=grid]').all()) await box.uncheck();
  await page.check('#g-mon-am');
  await page.fill('#f-blackouts', `${D3}`);
  await Promise.all([page.waitForURL(/done=availability_saved/), page.click('form[action$="/availability"] button')]);
  assert.ok(await page.isChecked('#g-mon-am'));
  assert.ok(!(await page.isChecked('#g-tue-am')));
  assert.equal(await page.inputValue('#f-blackouts'), D3);

  // A closure cancels the site-day's sessions.
  await go(page, '/closures');
  await check(page, 'closures');
  await page.selectOption('#f-site', 'CHI');
  await page.fill('#f-date', D3);
  await page.fill('#f-reason', `Weather ${XSS[1]}`);
  await Promise.all([page.waitForURL(/done=closed/), page.click('form[action="/closures"] button')]);
  assert.ok((await page.textContent('main table')).includes(`Weather ${XSS[1]}`));
  await go(page, `/sessions?site=CHI&from=${D3}&to=${D3}`);
  assert.match(await page.textContent('main table'), /Cancelled/);

  // Logout ends the session.
  await Promise.all([page.waitForURL(/\/login$/), page.click('form[action="/logout"] button')]);
  await page.goto(daemon.url + '/sessions');
  assert.match(page.url(), /\/login$/);
  await check(page, 'login');
  await page.context().close();
});

test('every other page renders cleanly in English and Spanish at both widths', async () => {
  const page = await login('boss');
  for (const [name, path] of [['sessions', '/sessions'], ['volunteers', '/volunteers'],
    ['volunteers-search', '/volunteers?q=ana'], ['volunteer-new', '/volunteers/new'],
    ['volunteers-import', '/volunteers/import'], ['imports', '/imports'], ['reports', '/reports'],
    ['audit', '/audit'], ['volunteer-admin', '/volunteers/v0002']]) {
    await go(page, path);
    await check(page, name);
  }
  assert.equal(await page.locator('form[action$="/erase"]').count(), 1, 'an admin sees erase');
  await page.context().close();

  const es = await login('coord', 'es-MX');
  assert.equal(await es.getAttribute('html', 'lang'), 'es');
  await check(es, 'dashboard-es');
  // Issue 8: the reasons, languages and messages of a Spanish page are Spanish.
  const esReasons = es.locator('main ul.plain li');
  assert.ok(await esReasons.count() >= 1, 'an uncovered session is listed');
  for (const li of await esReasons.all()) {
    const reason = await li.locator('.muted').last().textContent();
    assert.match(reason, /elegible|voluntario/, reason);
    assert.doesNotMatch(reason, ENGLISH, reason);
  }
  await go(es, '/sessions');
  assert.match(await es.textContent('h1'), /Sesiones/);
  assert.doesNotMatch(await es.textContent('main table'), ENGLISH);
  assert.match(await es.textContent('main table'), /español/);
  await check(es, 'sessions-es');
  await go(es, `/plan?preview=1&from=${D1}&to=${D3}`);
  assert.doesNotMatch(await es.textContent('main'), ENGLISH);
  await check(es, 'plan-preview-es');
  const cr3 = await sessionId(es, 'Courtroom 3', `?site=HOU&from=${D1}&to=${D1}`);
  await go(es, `/sessions/${cr3}`);
  assert.match(await es.textContent('dl.facts'), /español/);
  assert.doesNotMatch(await es.textContent('main'), ENGLISH);
  await check(es, 'session-detail-es');
  // A refused assignment of an unknown volunteer, worded in Spanish.
  await es.fill('#f-volunteer', 'v9999');
  const [missing] = await Promise.all([
    es.waitForResponse((r) => r.url().endsWith(`/sessions/${cr3}/assign`)),
    es.click('form[action$="/assign"][aria-labelledby=assign] button'),
  ]);
  assert.equal(missing.status(), 404);
  const alert = await es.textContent('[role=alert]');
  assert.match(alert, /no hay ningún voluntario con el id 'v9999'/);
  assert.doesNotMatch(alert, ENGLISH);
  es.problems = es.problems.filter((p) => !p.includes('status of 404'));
  await check(es, 'session-detail-404-es');

  // Issue 8: the audit log in Spanish: each entry's action, subject and
  // detail from its stored code and values (the first test planned,
  // assigned, unassigned and closed).
  await go(es, '/audit');
  const audit = await es.textContent('main table');
  assert.match(audit, /plan aplicado/);
  assert.match(audit, /asignación retirada/);
  assert.match(audit, /cierre registrado/);
  assert.match(audit, /objetivo -?\d+: \d+ añadidas?/);
  assert.match(audit, /inicio de sesión/);
  assert.doesNotMatch(audit, /\b(assignment|session|closure|objective|added|removed|kept|hearings|cancelled|restored|signed|unassigned|pinned|proposed|invited|role|before|morning|afternoon)\b/i);
  await check(es, 'audit-es');

  // Error cases a coordinator can reach from the address bar, worded in Spanish.
  for (const [name, path, status, spanish] of [
    ['sessions-bad-cursor-es', '/sessions?cursor=nonsense', 422, /esta posición de la lista (no viene de esta lista|está dañada)/],
    ['imports-bad-cursor-es', '/imports?cursor=nonsense', 422, /esta posición de la lista (no viene de esta lista|está dañada)/],
    // The page checks the range itself (and shows its default range).
    ['reports-bad-range-es', `/reports?from=${D3}&to=${D1}`, 200, /El rango debe terminar después de empezar/],
  ]) {
    const res = await es.goto(daemon.url + path);
    assert.equal(res.status(), status, `${path} answered ${res.status()}`);
    const text = await es.textContent('main');
    assert.match(text, spanish, `${path}: ${text}`);
    assert.doesNotMatch(text, /\b(cursor|expected|before|range|ends|starts|returned|list)\b/, `${path}: ${text}`);
    if (status !== 200) es.problems = es.problems.filter((p) => !p.includes(`status of ${status}`));
    await check(es, name);
  }
  await go(es, '/volunteers/v0002');
  assert.equal(await es.locator('form[action$="/erase"]').count(), 0, 'a coordinator does not see erase');
  await es.context().close();
});

test('payloads in every text field render as inert text, and CSV exports are defused', async () => {
  const page = await login();
  // Hearing location and judge (CSV import), volunteer name (CSV import).
  await go(page, `/sessions?site=CHI&from=${D3}&to=${D3}`);
  assert.ok((await page.textContent('main')).includes(XSS[0]));
  await go(page, '/volunteers?q=v0004');
  assert.ok((await page.textContent('main table')).includes(XSS[0]));
  await check(page, 'xss-volunteers');
  // Volunteer name through the form; a volunteer created through the form.
  await go(page, '/volunteers/new');
  await page.fill('#f-handle', 'v0099');
  await page.fill('#f-name', XSS[2]);
  await page.fill('#f-sites', 'HOU');
  await Promise.all([page.waitForURL(/done=vol_created/), page.click('main form.stack button[type=submit]')]);
  assert.ok((await page.textContent('h1')).includes(XSS[2]));
  await check(page, 'xss-volunteer-page');
  // A bad form re-renders with the field's message, not a stack trace.
  // The browser's own number check is bypassed, as a script would: the server decides.
  await page.$eval('#f-max_per_week', (e) => { e.type = 'text'; });
  await page.fill('#f-max_per_week', 'lots');
  const [bad] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.click('form[aria-labelledby=details] button'),
  ]);
  assert.equal(bad.status(), 422);
  assert.match(await page.textContent('#f-max_per_week-error'), /whole number/);
  page.problems = page.problems.filter((p) => !p.includes('status of 422'));
  // CSV export: payloads as text, formulas prefixed.
  const body = await (await page.request.get(daemon.url + `/export/sessions.csv?from=${D1}&to=${D3}`)).text();
  assert.ok(body.includes(`"'${FORMULA.replace(/"/g, '""')}"`), 'formula cell defused');
  assert.ok(body.includes(XSS[0]));
  for (const ref of CASE_REFS) assert.ok(!body.includes(ref));
  const cov = await page.request.get(daemon.url + '/export/coverage.csv');
  assert.equal(cov.status(), 200);
  assert.match(await cov.text(), /^site,site_name,date,sessions,covered,uncovered,seats,filled\r\n/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// The database file and its WAL, hashed: a read that wrote anything (a
// sync, a cancellation, an audit entry, a session touch) changes one of them.
function dbHash() {
  const h = crypto.createHash('sha256');
  for (const f of [ws.db, ws.db + '-wal']) {
    h.update(f);
    if (fs.existsSync(f)) h.update(fs.readFileSync(f));
  }
  return h.digest('hex');
}

test('every GET of the desk, and of every link and form target on its pages, leaves the database byte-identical', async () => {
  const page = await login('boss');
  const before = dbHash();
  const paths = new Set(['/', '/sessions', '/sessions?coverage=uncovered', `/sessions?site=HOU&from=${D1}&to=${D3}`,
    '/plan', `/plan?preview=1&from=${D1}&to=${D3}`, '/volunteers', '/volunteers?q=ana', '/volunteers/new',
    '/volunteers/import', '/volunteers/v0001', '/imports', '/closures', '/reports', '/audit', '/hearings',
    '/export/sessions.csv', '/export/coverage.csv', '/?done=applied', '/sessions/999999', '/volunteers/nobody']);
  const seen = new Set();
  while (paths.size) {
    const [path] = paths;
    paths.delete(path);
    seen.add(path);
    const res = await page.request.get(daemon.url + path, { maxRedirects: 0 });
    assert.ok([200, 303, 404].includes(res.status()), `${path} answered ${res.status()}`);
    if (!(res.headers()['content-type'] || '').startsWith('text/html')) continue;
    // Links and form targets (a mail scanner GETs POST targets too); session
    // pages once per distinct shape is enough.
    for (const m of (await res.text()).matchAll(/(?:href|action)="(\/[^"#]*)"/g)) {
      const next = m[1].replace(/&amp;/g, '&');
      if (next.startsWith('/static/') || seen.has(next) || seen.size > 120) continue;
      paths.add(next);
    }
  }
  assert.ok(seen.size > 30, `only ${seen.size} paths visited`);
  assert.equal(dbHash(), before, 'a GET changed the database');
  await page.context().close();
});

// Issue 8: a run that failed as a whole reads in the page's language: a
// calendar file that is not there, and a calendar URL whose server answered
// 404 (the words name its host only). The runs' English errors stay for
// the CLI.
test('failed import runs and the date inputs read in Spanish', async () => {
  const server = http.createServer((req, res) => { res.statusCode = 404; res.end('gone'); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/partner/cal.ics`;
  // Asynchronous: the 404 server answers from this process's event loop.
  const cli = (input) => new Promise((resolve) => execFile(opts.binary,
    ['--config', ws.config, 'import', 'ics', input, '--site', 'HOU'],
    { cwd: ws.dir, encoding: 'utf8', timeout: 120000 },
    (err, stdout, stderr) => resolve({ status: err ? (err.code ?? 1) : 0, stdout, stderr })));
  const missing = await cli(`${ws.dir}/gone/partner.ics`);
  assert.notEqual(missing.status, 0, missing.stdout);
  assert.match(missing.stderr, /partner\.ics: cannot open/);
  const notFound = await cli(url);
  assert.notEqual(notFound.status, 0, notFound.stdout);
  assert.match(notFound.stderr, /HTTP 404/);
  server.close();

  const es = await login('coord', 'es-MX');
  await go(es, '/imports');
  const boxes = es.locator('main .error-box');
  assert.equal(await boxes.count(), 2, 'both failed runs are listed');
  const texts = await boxes.allTextContents();
  assert.match(texts[0], /el servidor 127\.0\.0\.1 respondió con el código HTTP 404/, texts[0]);
  assert.match(texts[1], /el archivo partner\.ics no existe/, texts[1]);
  for (const t of texts) {
    assert.doesNotMatch(t, /\b(cannot|open|such|file|directory|answered|after|attempts)\b/i, t);
    assert.ok(!t.includes(ws.dir), `the page names the file, not its directory: ${t}`);
  }
  await check(es, 'imports-failed-es');

  // Native date inputs keep the browser's own order (mm/dd/yyyy in an
  // English Chromium); the hint under each says so in the page's language.
  for (const path of ['/sessions', '/closures', '/reports', `/plan`]) {
    await go(es, path);
    const dates = es.locator('main input[type=date]');
    assert.ok(await dates.count() >= 1, `${path} has a date input`);
    for (const input of await dates.all()) {
      const hint = await input.getAttribute('aria-describedby');
      assert.ok(hint, `${path}: a date input without a hint`);
      assert.match(await es.textContent(`#${hint.split(' ')[0]}`), /^Día, mes y año en el orden que muestra su navegador$/);
    }
  }
  await go(es, '/closures');
  await check(es, 'closures-date-es');
  await es.context().close();

  const en = await login('coord', 'en-US');
  await go(en, '/imports');
  const english = await en.locator('main .error-box').allTextContents();
  assert.match(english[0], /the server 127\.0\.0\.1 answered with HTTP status 404/);
  assert.match(english[1], /the file partner\.ics does not exist/);
  await en.context().close();
});
