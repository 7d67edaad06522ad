// Browser tests of the coordinator pages (issue 8, "What it must show"): the
// real daemon on a real database, headless Chromium via playwright-core,
// axe-core on every page, screenshots at 1280 and 360 px in --artifacts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { args, Workspace, Daemon, Browser, inspect, isoDay, signIn } from './harness.mjs';

const opts = args();
const XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', "'><svg onload=alert(3)>"];

const HEADER = 'date,time,end_time,site,location,judge,type,language,detained,case_ref,status,notes\n';
function csvCell(s) { return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; }
function hearingsCsv() {
  const rows = [];
  const d1 = isoDay(2), d2 = isoDay(3), d3 = isoDay(4);
  rows.push([d1, '09:00', '', 'HOU', 'Courtroom 3', 'Judge Reyes', 'master', 'spanish', 'yes', 'A-100-200-301', '', '']);
  rows.push([d1, '09:30', '', 'HOU', 'Courtroom 3', 'Judge Reyes', 'master', 'spanish', 'no', 'A-100-200-302', '', '']);
  rows.push([d1, '13:00', '', 'HOU', 'Courtroom 5', 'Judge Lee', 'individual', '', 'no', 'A-100-200-303', '', '']);
  rows.push([d2, '08:30', '', 'CHI', 'Courtroom 1', 'Judge Stone', 'bond', 'k\'iche\'', 'yes', 'A-100-200-304', '', '']);
  rows.push([d3, '10:00', '', 'CHI', XSS[0], XSS[1], 'master', '', 'no', 'A-100-200-305', '', XSS[2]]);
  return HEADER + rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}
const CASE_REFS = ['A-100-200-301', 'A-100-200-302', 'A-100-200-303', 'A-100-200-304', 'A-100-200-305'];

let ws, daemon, browser;
before(async () => {
  ws = new Workspace(opts);
  ws.run(['import', 'csv', ws.write('hearings.csv', hearingsCsv())]);
  ws.addUser('ana');
  daemon = await Daemon.start(ws);
  browser = await Browser.start();
});
after(async () => {
  if (browser) await browser.stop();
  if (daemon) assert.equal(await daemon.stop(), 0, `daemon did not stop cleanly: ${daemon.stderr}`);
  if (ws) ws.close();
});

test('the hearings page renders in the shell, passes axe at 1280 and 360 px, and shows payloads as text', async () => {
  const page = await browser.page();
  await signIn(page, daemon.url, 'ana');
  const res = await page.goto(daemon.url + '/');
  assert.equal(res.status(), 200);
  assert.match(await page.title(), /courtwatch/);
  // The skip link leads to the main landmark.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  const problems = await inspect(page, opts.artifacts, 'hearings');
  assert.deepEqual(problems, []);
  const text = await page.textContent('main');
  assert.ok(text.includes(XSS[0]), 'script payload shown as text');
  assert.ok(text.includes(XSS[1]), 'img payload shown as text');
  assert.equal(await page.locator('main img, main script, main svg[onload]').count(), 0);
  const html = await page.content();
  for (const ref of CASE_REFS) assert.ok(!html.includes(ref), `case reference ${ref} on the page`);
  await page.context().close();
});

test('the Spanish catalog is chosen from Accept-Language', async () => {
  const page = await browser.page('es-MX');
  await signIn(page, daemon.url, 'ana');
  assert.equal(await page.getAttribute('html', 'lang'), 'es');
  assert.match(await page.textContent('h1'), /Próximas audiencias/);
  assert.deepEqual(await inspect(page, opts.artifacts, 'hearings-es'), []);
  await page.context().close();
});

test('the login page passes axe at 1280 and 360 px in both languages, and a wrong password says so', async () => {
  const page = await browser.page();
  const res = await page.goto(daemon.url + '/');
  assert.equal(page.url(), daemon.url + '/login', 'no session: / leads to the login page');
  assert.equal(res.status(), 200);
  assert.deepEqual(await inspect(page, opts.artifacts, 'login'), []);
  await page.fill('#username', 'ana');
  await page.fill('#password', 'not the password');
  await page.click('button[type=submit]');
  assert.match(await page.textContent('[role=alert]'), /Wrong user name or password/);
  // A refused sign-in answers 401 on purpose; Chromium logs that as a console error.
  page.problems = page.problems.filter((p) => !p.includes('status of 401'));
  assert.deepEqual(await inspect(page, opts.artifacts, 'login-failed'), []);
  await page.context().close();
  const es = await browser.page('es-MX');
  await es.goto(daemon.url + '/login');
  assert.match(await es.textContent('h1'), /Iniciar sesión/);
  assert.deepEqual(await inspect(es, opts.artifacts, 'login-es'), []);
  await es.context().close();
});

test('logging out ends the session', async () => {
  const page = await browser.page();
  await signIn(page, daemon.url, 'ana');
  await Promise.all([page.waitForURL(daemon.url + '/login'),
                     page.click('form[action="/logout"] button')]);
  await page.goto(daemon.url + '/');
  assert.equal(page.url(), daemon.url + '/login');
  await page.context().close();
});
