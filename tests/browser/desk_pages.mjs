// What the coordinator-desk browser tests share: signing in through the
// form, visiting a page that must answer 200, finding a session's id on the
// sessions list, and checking a page (screenshots at 1280 and 360 px, axe at
// both, no console error or dialog, no case reference in the HTML, no
// injected element), plus building a CSV file from rows.
import assert from 'node:assert/strict';
import { Workspace, Daemon, Browser, inspect } from './harness.mjs';

function csvCell(s) { return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; }
export function csv(header, rows) {
  return header + '\n' + rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

export class Desk {
  // { ws, browser, daemon, artifacts, password, caseRefs }
  constructor(opts) { Object.assign(this, opts); this.pagesSeen = new Set(); }

  // A workspace with `users` ([name, role], all with `password`), the
  // `hearings` and `volunteers` CSV texts imported, the daemon serving it,
  // and a browser.
  static async start(opts, { password, caseRefs, users, hearings, volunteers }) {
    const ws = new Workspace(opts);
    for (const [name, role] of users) ws.run(['user', 'add', name, '--role', role], { stdin: password + '\n' });
    ws.run(['import', 'csv', ws.write('hearings.csv', hearings)]);
    ws.run(['volunteers', 'import', ws.write('volunteers.csv', volunteers)]);
    const daemon = await Daemon.start(ws);
    const browser = await Browser.start();
    return new Desk({ ws, daemon, browser, artifacts: opts.artifacts, password, caseRefs });
  }

  // Stops the browser and the daemon (which must exit 0) and removes the workspace.
  async stop() {
    await this.browser.stop();
    assert.equal(await this.daemon.stop(), 0, `daemon did not stop cleanly: ${this.daemon.stderr}`);
    this.ws.close();
  }

  async login(user = 'coord', lang = 'en-US') {
    const page = await this.browser.page(lang);
    await page.goto(this.daemon.url + '/');
    assert.match(page.url(), /\/login$/, 'a page without a session redirects to /login');
    await page.fill('input[name=username]', user);
    await page.fill('input[name=password]', this.password);
    await Promise.all([page.waitForURL(this.daemon.url + '/'), page.click('button[type=submit]')]);
    return page;
  }

  async check(page, name) {
    this.pagesSeen.add(name);
    const problems = await inspect(page, this.artifacts, name);
    const html = await page.content();
    for (const ref of this.caseRefs) if (html.includes(ref)) problems.push(`${name}: case reference ${ref}`);
    const injected = await page.locator('img[src=x], script:not([src]), svg[onload], [onerror]').count();
    if (injected) problems.push(`${name}: ${injected} injected element(s)`);
    assert.deepEqual(problems, [], problems.join('\n'));
  }

  async go(page, path) {
    const res = await page.goto(this.daemon.url + path);
    assert.equal(res.status(), 200, `${path} answered ${res.status()}`);
    return res;
  }

  // The id of the session whose link text contains `text` on the sessions list.
  async sessionId(page, text, query = '') {
    await this.go(page, '/sessions' + query);
    const href = await page.locator('main table a', { hasText: text }).first().getAttribute('href');
    return href.match(/\/sessions\/(\d+)/)[1];
  }
}
