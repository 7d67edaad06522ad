// Browser tests of the volunteer's self-service page (issue 9, "What it must
// show"): the real daemon on a real database, headless Chromium via
// playwright-core, axe-core at 1280 and 360 px, screenshots in --artifacts.
// The world (volunteers, sessions around today in Chicago, assignments) is
// built by tests/e2e/volunteer_world.py, shared with the HTTP tests. Each
// test uses its own sessions or volunteer, so their order does not matter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { args, Workspace, Daemon, Browser, inspect } from './harness.mjs';

const opts = args();
let ws, daemon, browser, w;

before(async () => {
  ws = new Workspace(opts);
  const r = spawnSync('python3', [path.join(opts.source, 'tests/e2e/volunteer_world.py'),
    '--binary', opts.binary, '--config', ws.config, '--db', ws.db, '--dir', ws.dir],
  { encoding: 'utf8', timeout: 120000 });
  assert.equal(r.status, 0, r.stderr);
  w = JSON.parse(r.stdout);
  daemon = await Daemon.start(ws);
  browser = await Browser.start();
});
after(async () => {
  if (browser) await browser.stop();
  if (daemon) assert.equal(await daemon.stop(), 0, `daemon did not stop cleanly: ${daemon.stderr}`);
  if (ws) ws.close();
});

function sql(text) {
  const r = spawnSync('sqlite3', [ws.db, text], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

async function open(token, lang) {
  const page = await browser.page(lang);
  const res = await page.goto(`${daemon.url}/v/${token}`);
  assert.equal(res.status(), 200);
  return page;
}

// Submits the form of `button` inside `scope` and waits for the page it leads to.
async function submit(page, scope, name) {
  await Promise.all([
    page.waitForNavigation(),
    page.locator(scope).getByRole('button', { name }).click(),
  ]);
}

test('the page passes axe at 1280 and 360 px, shows names and notes as text, no case reference', async () => {
  const page = await open(w.ana_token);
  assert.deepEqual(await inspect(page, opts.artifacts, 'volunteer-page'), []);
  const text = await page.textContent('body');
  assert.ok(text.includes('<script>alert("x")</script>'), 'the name is shown as text');
  assert.equal(await page.locator('main img, main script').count(), 0);
  const html = await page.content();
  for (const ref of ['A-123-456-789', 'A-987-654-321']) assert.ok(!html.includes(ref), ref);
  // Keyboard: the first confirm button is reachable with Tab.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement.textContent === 'Confirm')) break;
  }
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Confirm');
  await page.context().close();
});

test('confirm an invitation', async () => {
  const page = await open(w.ana_token);
  const card = `#assignment-${w.invited}`;
  await submit(page, card, 'Confirm');
  assert.ok(page.url().endsWith(`#assignment-${w.invited}`));
  assert.match(await page.textContent('[role=status]'), /your session is confirmed/);
  assert.match(await page.textContent(card), /Confirmed/);
  assert.equal(sql(`SELECT state FROM assignments WHERE id = ${w.invited}`), 'confirmed');
  await page.context().close();
});

test('decline a confirmed session', async () => {
  const page = await open(w.ana_token);
  const card = `#assignment-${w.confirmed}`;
  await submit(page, card, 'Decline');
  assert.match(await page.textContent(card), /Declined/);
  assert.equal(await page.locator(card).getByRole('button').count(), 0);
  assert.equal(sql(`SELECT state FROM assignments WHERE id = ${w.confirmed}`), 'declined');
  await page.context().close();
});

test('claim an open session', async () => {
  const page = await open(w.ana_token);
  await submit(page, `#session-${w.open_session}`, 'Take this session');
  assert.match(await page.textContent('[role=status]'), /You took the session/);
  assert.equal(sql(`SELECT state FROM assignments WHERE session_id = ${w.open_session}`),
    'confirmed');
  await page.context().close();
});

test('a claim the constraints refuse shows the reason', async () => {
  const page = await open(w.ana_token);
  assert.equal(await page.locator(`#session-${w.stale_open}`).count(), 1);
  // Meanwhile a coordinator puts Ana in another session that same morning.
  ws.run(['assign', 'v0001', String(w.stale_busy)]);
  await submit(page, `#session-${w.stale_open}`, 'Take this session');
  const alert = await page.textContent('[role=alert]');
  assert.match(alert, /You already have a session that half-day:/);
  assert.match(alert, /Courtroom 7/);
  assert.equal(sql(`SELECT count(*) FROM assignments WHERE session_id = ${w.stale_open}`), '0');
  // The refusal is answered with 409, which Chromium logs as a console error: expected here.
  page.problems = page.problems.filter((p) => !p.includes('status of 409'));
  assert.deepEqual(await inspect(page, opts.artifacts, 'volunteer-claim-refused'), []);
  await page.context().close();
});

test('change availability and add a blackout', async () => {
  const page = await open(w.ana_token);
  await page.getByRole('group', { name: 'Monday' }).getByLabel('Afternoon').uncheck();
  await page.getByRole('group', { name: 'Sunday' }).getByLabel('Morning').uncheck();
  await page.getByLabel('Away from').fill(w.d2);
  await submit(page, '#availability', 'Save availability');
  assert.match(await page.textContent('[role=status]'), /availability is saved/);
  assert.equal(sql("SELECT grid FROM volunteers WHERE handle = 'v0001'"), '10111111111101');
  assert.equal(sql('SELECT first FROM volunteer_blackouts'), w.d2);
  assert.equal(await page.getByRole('group', { name: 'Monday' }).getByLabel('Afternoon').isChecked(),
    false);
  await page.context().close();
});

test('file a report with notes that render as text', async () => {
  const page = await open(w.ana_token);
  const card = page.locator(`#report-${w.past_session}`);
  await card.getByLabel('Yes').check();
  await card.getByLabel('Number of people detained').fill('2');
  await card.getByLabel('Notes (optional)').fill('<img src=x onerror=alert(1)> two taken');
  await submit(page, `#report-${w.past_session}`, 'Send report');
  assert.match(await page.textContent('[role=status]'), /report was sent/);
  assert.equal(sql("SELECT body ->> 'ice_present', body ->> 'detained_count' FROM reports"), 'yes|2');
  const after = page.locator(`#report-${w.past_session}`);
  assert.equal(await after.getByLabel('Notes (optional)').inputValue(),
    '<img src=x onerror=alert(1)> two taken');
  assert.equal(await page.locator('main img').count(), 0);
  assert.deepEqual(await inspect(page, opts.artifacts, 'volunteer-report-filed'), []);
  await page.context().close();
});

test('Spanish for a Spanish-speaking volunteer', async () => {
  const page = await open(w.beto_token, 'en-US');
  assert.equal(await page.getAttribute('html', 'lang'), 'es');
  assert.match(await page.textContent('h1'), /Tu página de observación judicial/);
  assert.deepEqual(await inspect(page, opts.artifacts, 'volunteer-page-es'), []);
  await page.context().close();
});

test('erase my data, after a confirmation step', async () => {
  const page = await open(w.carla_token);
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Erase my data…' }).click()]);
  assert.deepEqual(await inspect(page, opts.artifacts, 'volunteer-erase-confirm'), []);
  assert.equal(sql("SELECT count(*) FROM volunteers WHERE handle = 'v0003'"), '1');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Yes, erase my data' }).click()]);
  assert.match(await page.textContent('h1'), /Erase my data/);
  assert.match(await page.textContent('main'), /Your data has been erased/);
  assert.equal(sql("SELECT count(*) FROM volunteers WHERE handle = 'v0003'"), '0');
  const again = await page.goto(`${daemon.url}/v/${w.carla_token}`);
  assert.equal(again.status(), 404);
  await page.context().close();
});
