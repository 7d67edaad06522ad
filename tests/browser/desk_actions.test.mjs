// Browser tests of the desk actions that change what the matcher and the
// volunteers see (issue 8): pin, forbid and allow a volunteer on a session
// and the effect on the next matcher preview and apply; the volunteers CSV
// upload with good and bad rows; rotating a volunteer's feed and page
// links; lifting a closure. The real daemon on a real database, headless
// Chromium via playwright-core, axe on every new page state, screenshots at
// 1280 and 360 px in --artifacts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { args, isoDay } from './harness.mjs';
import { Desk, csv } from './desk_pages.mjs';

const opts = args();
const PASSWORD = 'correct horse battery staple 42';
const CASE_REFS = ['A-300-400-501', 'A-300-400-502', 'A-300-400-503'];
// Three days well inside the 14-day window whatever the sites' zones.
const D1 = isoDay(3), D2 = isoDay(4), D3 = isoDay(5);

// One Spanish-language session a day at HOU (D1 Courtroom 3, D2 Courtroom 7)
// and one at CHI on D3. Each needs one volunteer.
const HEARINGS = csv('date,time,end_time,site,location,judge,type,language,detained,case_ref,status,notes', [
  [D1, '09:00', '', 'HOU', 'Courtroom 3', 'Judge Reyes', 'master', 'spanish', 'no', CASE_REFS[0], '', ''],
  [D2, '09:00', '', 'HOU', 'Courtroom 7', 'Judge Kim', 'master', 'spanish', 'no', CASE_REFS[1], '', ''],
  [D3, '10:00', '', 'CHI', 'Courtroom 1', 'Judge Stone', 'master', '', 'no', CASE_REFS[2], '', ''],
]);
const ALL_DAYS = 'mon tue wed thu fri sat sun';
const HEADER = 'id,name,email,phone,role,sites,languages,max_per_week,availability,blackouts,extra,active';
// Ana speaks Spanish (+10 in the objective), Ben does not: left alone, the
// matcher prefers Ana for every session here.
const VOLUNTEERS = csv(HEADER, [
  ['v0001', 'Ana Pérez', 'ana@example.org', '', 'watcher', 'HOU', 'spanish', '3', ALL_DAYS, '', '', 'yes'],
  ['v0002', 'Ben Ortiz', 'ben@example.org', '', 'lead', 'HOU;CHI', '', '3', ALL_DAYS, '', '', 'yes'],
]);

let daemon, browser, desk;

before(async () => {
  desk = await Desk.start(opts, { password: PASSWORD, caseRefs: CASE_REFS, users: [['coord', 'coordinator']],
    hearings: HEARINGS, volunteers: VOLUNTEERS });
  ({ daemon, browser } = desk);
});
after(async () => { if (desk) await desk.stop(); });

// The matcher preview of one day as [session id, volunteer handle] pairs
// per kind of row ("added", "removed").
async function preview(page, day) {
  await desk.go(page, `/plan?preview=1&from=${day}&to=${day}`);
  const rows = async (cls) => {
    const out = [];
    for (const tr of await page.locator(`tr.${cls}`).all()) {
      const links = tr.locator('a');
      const sid = (await links.nth(0).getAttribute('href')).match(/\/sessions\/(\d+)/)[1];
      out.push([sid, (await links.nth(1).textContent()).trim()]);
    }
    return out;
  };
  return { added: await rows('added'), removed: await rows('removed') };
}

// The <li> of a volunteer in the session page's assigned list.
const assignedRow = (page, name) => page.locator('main li[id^=assignment-]', { hasText: name });
// The <li> of a volunteer in the "Not eligible, and why" list.
const otherRow = (page, name) => page.locator('ul[aria-labelledby=others] li', { hasText: name });
const candidateRow = (page, name) => page.locator('ol[aria-labelledby=candidates] li', { hasText: name });

async function submit(page, done, button) {
  await Promise.all([page.waitForURL(new RegExp(`done=${done}`)), button.click()]);
}

test('a pinned assignment survives a plan apply that would otherwise replace it', async () => {
  const page = await desk.login();
  const s1 = await desk.sessionId(page, 'Courtroom 3', `?site=HOU&from=${D1}&to=${D1}`);
  await desk.go(page, `/sessions/${s1}`);
  await page.fill('#f-volunteer', 'v0002');
  await submit(page, 'assigned', page.locator('form[action$="/assign"][aria-labelledby=assign] button'));
  assert.equal(await assignedRow(page, 'Ben Ortiz').locator('.badge', { hasText: 'pinned' }).count(), 0);

  // Unpinned, Ben's seat is the previous plan: the matcher swaps in Ana.
  let diff = await preview(page, D1);
  assert.deepEqual(diff.removed, [[s1, 'v0002']]);
  assert.deepEqual(diff.added, [[s1, 'v0001']]);

  await desk.go(page, `/sessions/${s1}`);
  await submit(page, 'pinned', assignedRow(page, 'Ben Ortiz').locator('form[action$="/pin"] button'));
  assert.match(await page.textContent('[role=status]'), /Pin changed/);
  assert.equal(await assignedRow(page, 'Ben Ortiz').locator('.badge', { hasText: 'pinned' }).count(), 1);
  assert.equal(await assignedRow(page, 'Ben Ortiz').locator('form[action$="/pin"] button').textContent(), 'Unpin');
  await desk.check(page, 'session-pinned');

  // Pinned, the preview leaves the session alone, and applying keeps Ben.
  diff = await preview(page, D1);
  assert.deepEqual(diff, { added: [], removed: [] });
  await submit(page, 'applied', page.locator('form[action="/plan/apply"] button'));
  await desk.go(page, `/sessions/${s1}`);
  assert.equal(await page.locator('main li[id^=assignment-]').count(), 1);
  assert.equal(await assignedRow(page, 'Ben Ortiz').locator('.badge', { hasText: 'pinned' }).count(), 1);
  assert.match(await otherRow(page, 'Ana Pérez').textContent(), /already has its 1 volunteer/);
  await page.context().close();
});

test('a forbidden volunteer is not proposed until allowed again; the refusal reads in Spanish', async () => {
  const page = await desk.login();
  const s2 = await desk.sessionId(page, 'Courtroom 7', `?site=HOU&from=${D2}&to=${D2}`);
  assert.deepEqual((await preview(page, D2)).added, [[s2, 'v0001']], 'Ana is the best proposal');

  // Forbidding an assigned volunteer cancels the seat and rules the pair out.
  await desk.go(page, `/sessions/${s2}`);
  await submit(page, 'assigned', candidateRow(page, 'Ana Pérez').locator('form[action$="/assign"] button'));
  page.acceptConfirm = true;
  await submit(page, 'forbidden', assignedRow(page, 'Ana Pérez').locator('form[action$="/forbid"] button'));
  page.acceptConfirm = false;
  assert.match(await page.textContent('[role=status]'), /The pair is forbidden/);
  assert.equal(await assignedRow(page, 'Ana Pérez').count(), 0, 'her seat is cancelled');
  assert.equal(await candidateRow(page, 'Ana Pérez').count(), 0);
  assert.match(await otherRow(page, 'Ana Pérez').textContent(),
    new RegExp(`a coordinator has ruled out Ana Pérez for HOU Courtroom 7 on ${D2} \\(morning\\); allow the pair first`));
  await desk.check(page, 'session-forbidden');

  let diff = await preview(page, D2);
  assert.deepEqual(diff.added, [[s2, 'v0002']], 'Ben is proposed instead of the forbidden Ana');

  // The same session in Spanish: the reason and a refused assignment, wholly Spanish.
  const es = await desk.login('coord', 'es-MX');
  await desk.go(es, `/sessions/${s2}`);
  assert.match(await otherRow(es, 'Ana Pérez').textContent(),
    new RegExp(`un coordinador descartó a Ana Pérez para HOU Courtroom 7 el ${D2} \\(mañana\\); vuelva a permitirlo primero`));
  await es.fill('#f-volunteer', 'v0001');
  const [refused] = await Promise.all([
    es.waitForResponse((r) => r.url().endsWith(`/sessions/${s2}/assign`)),
    es.click('form[action$="/assign"][aria-labelledby=assign] button'),
  ]);
  assert.equal(refused.status(), 409);
  const alert = await es.textContent('[role=alert]');
  assert.match(alert, new RegExp(`Pareja prohibida: un coordinador descartó a Ana Pérez para HOU Courtroom 7 el ${D2} \\(mañana\\)`));
  assert.doesNotMatch(alert, /ruled out|morning|allow the pair/);
  es.problems = es.problems.filter((p) => !p.includes('status of 409'));
  await desk.check(es, 'session-409-es');
  await es.context().close();

  // Allowed again: a candidate, and the matcher's first choice once more.
  await desk.go(page, `/sessions/${s2}`);
  await submit(page, 'allowed', otherRow(page, 'Ana Pérez').locator('form[action$="/allow"] button'));
  assert.equal(await otherRow(page, 'Ana Pérez').count(), 0);
  assert.equal(await candidateRow(page, 'Ana Pérez').count(), 1);
  await desk.check(page, 'session-allowed');
  diff = await preview(page, D2);
  assert.deepEqual(diff.added, [[s2, 'v0001']]);
  await page.context().close();
});

test('a volunteers CSV with bad rows imports the good ones and names line and field of the bad', async () => {
  const page = await desk.login();
  // Lines: 1 header, 2 good, 3 bad e-mail, 4 good, 5 bad role, 6 bad e-mail, 7 unknown site.
  const file = csv(HEADER, [
    ['v0010', 'Dee Good', 'dee@example.org', '', 'watcher', 'HOU', '', '2', ALL_DAYS, '', '', 'yes'],
    ['v0011', 'Eve Bad', 'eve-at-example.org', '', 'watcher', 'HOU', '', '2', ALL_DAYS, '', '', 'yes'],
    ['v0012', 'Fay Good', 'fay@example.org', '', 'lead', 'CHI', 'spanish', '1', 'mon-am', '', '', 'yes'],
    ['v0013', 'Gus Bad', 'gus@example.org', '', 'boss', 'HOU', '', '2', ALL_DAYS, '', '', 'yes'],
    ['v0014', 'Hal Bad', 'hal at example.org', '', 'watcher', 'HOU', '', '2', ALL_DAYS, '', '', 'yes'],
    ['v0015', 'Ida Bad', 'ida@example.org', '', 'watcher', 'ZZZ', '', '2', ALL_DAYS, '', '', 'yes'],
  ]);
  await desk.go(page, '/volunteers/import');
  await page.setInputFiles('#f-file', { name: 'coalition-volunteers.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await submit(page, 'imported', page.locator('main form.stack button[type=submit]'));
  const runId = new URL(page.url()).hash.slice(1);
  assert.match(runId, /^run-\d+$/);
  const run = page.locator(`#${runId}`);
  // The run names the file as uploaded, not the server's temporary copy.
  assert.equal((await run.locator('p.mono').textContent()).trim(), 'coalition-volunteers.csv');
  const facts = {};
  for (const div of await run.locator('dl.facts > div').all()) {
    facts[(await div.locator('dt').textContent()).trim()] = Number(await div.locator('dd').textContent());
  }
  assert.equal(facts['Rows read'], 6, JSON.stringify(facts));
  assert.equal(facts['New'], 2, JSON.stringify(facts));
  assert.equal(facts['Rejected'], 4, JSON.stringify(facts));

  // One row per reason: its count, the lines, and the first one's line and field.
  const reasons = {};
  for (const tr of await run.locator('tbody tr').all()) {
    const cells = await tr.locator('td').allInnerTexts();
    reasons[await tr.getAttribute('data-reason')] = { text: cells[0], count: Number(cells[1]), lines: cells[2] };
  }
  assert.deepEqual(Object.keys(reasons).sort(), ['bad-email', 'bad-role', 'unknown-site']);
  assert.deepEqual([reasons['bad-email'].count, reasons['bad-email'].lines], [2, '3, 6']);
  assert.match(reasons['bad-email'].text, /coalition-volunteers\.csv: line 3, field 'email'/);
  assert.match(reasons['bad-role'].text, /coalition-volunteers\.csv: line 5, field 'role': expected trainee, watcher or lead/);
  assert.match(reasons['unknown-site'].text, /coalition-volunteers\.csv: line 7, field 'sites'/);
  // Personal data of a rejected row is never echoed back.
  const html = await page.content();
  for (const secret of ['eve-at-example.org', 'hal at example.org', 'Eve Bad', 'Hal Bad']) {
    assert.ok(!html.includes(secret), `the page shows ${secret}`);
  }
  assert.match(reasons['bad-email'].text, /^invalid e-mail/);
  await desk.check(page, 'volunteers-import-rejects');

  // Issue 8: the same run on a Spanish page names each reason and what the
  // row needed in Spanish, with the field, and no English word of the messages.
  const es = await desk.login('coord', 'es-ES');
  await desk.go(es, `/imports#${runId}`);
  const esRun = es.locator(`#${runId}`);
  const esReasons = {};
  for (const tr of await esRun.locator('tbody tr').all()) {
    esReasons[await tr.getAttribute('data-reason')] = (await tr.locator('td').first().innerText()).trim();
  }
  assert.deepEqual(Object.keys(esReasons).sort(), ['bad-email', 'bad-role', 'unknown-site']);
  assert.match(esReasons['bad-email'], /^correo no válido\s+email: se esperaba una dirección con una sola @ y sin espacios$/);
  assert.match(esReasons['bad-role'], /^función no válida\s+role: se esperaba trainee, watcher o lead$/);
  assert.match(esReasons['unknown-site'], /^sede desconocida\s+sites: se esperaba códigos de sede/);
  assert.doesNotMatch(await esRun.innerText(), /\b(expected|field|line|invalid|unknown|address|spaces|got|Rows|Rejected)\b/);
  await desk.check(es, 'imports-rejects-es');
  await es.context().close();

  // The good rows are volunteers now; the bad ones are not.
  for (const [handle, present] of [['v0010', true], ['v0012', true], ['v0011', false], ['v0013', false],
    ['v0014', false], ['v0015', false]]) {
    await desk.go(page, `/volunteers?q=${handle}`);
    assert.equal(await page.locator('main table a', { hasText: handle }).count(), present ? 1 : 0, handle);
  }
  await page.context().close();
});

test('rotating a volunteer\'s links retires the old feed and page at once', async () => {
  const page = await desk.login();
  const anon = await browser.page();
  const status = async (url) => (await anon.request.get(daemon.url + url, { maxRedirects: 0 })).status();
  const linkButton = (which) => page.locator(
    `form[action="/volunteers/v0001/links"]:has(input[name=which][value=${which}]) button`);
  // The links shown are absolute (ready to paste into a message); their paths.
  const link = async (which) => {
    const text = (await page.textContent(`#link-${which}`)).trim();
    assert.ok(text.startsWith(daemon.url + '/'), `${which} link ${text} is not absolute`);
    return new URL(text).pathname;
  };

  // Each press starts from the plain page: the landing URL (?done=link_rotated)
  // is the same every time, so waiting for it needs a different URL before.
  const press = async (which) => {
    await desk.go(page, '/volunteers/v0001');
    await submit(page, 'link_rotated', linkButton(which));
  };
  await desk.go(page, '/volunteers/v0001');
  const missing = [];
  for (const which of ['feed', 'page']) if (await page.locator(`#link-${which}`).count() === 0) missing.push(which);
  for (const which of missing) await press(which);
  const oldFeed = await link('feed'), oldPage = await link('page');
  assert.match(oldFeed, /^\/feeds\/v\/[^/]+\.ics$/);
  assert.match(oldPage, /^\/v\/[^/]+$/);
  assert.equal(await status(oldFeed), 200);
  assert.equal(await status(oldPage), 200);

  page.acceptConfirm = true;
  for (const which of ['feed', 'page']) await press(which);
  page.acceptConfirm = false;
  assert.match(await page.textContent('[role=status]'), /the old one no longer works/);
  const newFeed = await link('feed'), newPage = await link('page');
  assert.notEqual(newFeed, oldFeed);
  assert.notEqual(newPage, oldPage);
  assert.equal(await status(oldFeed), 404, 'the old feed URL is dead');
  assert.equal(await status(oldPage), 404, 'the old page is dead');
  assert.equal(await status(newFeed), 200);
  assert.equal(await status(newPage), 200);
  await desk.check(page, 'volunteer-links-rotated');
  await anon.context().close();
  await page.context().close();
});

test('lifting a closure brings its sessions back', async () => {
  const page = await desk.login();
  const sessionsOfD3 = `/sessions?site=CHI&from=${D3}&to=${D3}`;
  await desk.go(page, sessionsOfD3);
  assert.doesNotMatch(await page.textContent('main table'), /Cancelled/);

  await desk.go(page, '/closures');
  await page.selectOption('#f-site', 'CHI');
  await page.fill('#f-date', D3);
  await page.fill('#f-reason', 'Court closed for a power cut');
  await submit(page, 'closed', page.locator('form[action="/closures"] button'));
  await desk.go(page, sessionsOfD3);
  assert.match(await page.textContent('main table'), /Cancelled/);

  await desk.go(page, '/closures');
  const row = page.locator('main table tr', { hasText: 'Court closed for a power cut' });
  page.acceptConfirm = true;
  await submit(page, 'lifted', row.locator('form[action="/closures/lift"] button'));
  page.acceptConfirm = false;
  assert.match(await page.textContent('[role=status]'), /Closure lifted/);
  assert.equal(await page.locator('main table tr', { hasText: 'Court closed for a power cut' }).count(), 0);
  await desk.check(page, 'closures-lifted');

  await desk.go(page, sessionsOfD3);
  const table = await page.textContent('main table');
  assert.doesNotMatch(table, /Cancelled/);
  assert.match(table, /Courtroom 1/);
  // Back in the matcher's reach: Ben (CHI) is proposed for it.
  const s3 = await desk.sessionId(page, 'Courtroom 1', `?site=CHI&from=${D3}&to=${D3}`);
  assert.deepEqual((await preview(page, D3)).added, [[s3, 'v0002']]);
  await page.context().close();
});
