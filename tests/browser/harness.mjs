// Browser-test harness: the real `courtwatch` binary on a temp database and
// a free loopback port, Debian's Chromium started by us (headless, fresh
// profile) and driven over CDP by playwright-core, axe-core for
// accessibility, and screenshots at 1280 and 360 px saved as test artifacts.
// Every process started here is stopped by its PID (process group) at exit.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
let chromium;
try {
  ({ chromium } = require(path.join(here, 'node_modules', 'playwright-core')));
} catch (e) {
  throw new Error('playwright-core is not installed: run `scripts/dev deps` ' +
                  '(npm ci in tests/browser)');
}
const axeSource = fs.readFileSync(require.resolve(path.join(here, 'node_modules', 'axe-core', 'axe.min.js')), 'utf8');

export function args() {
  const out = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--')) throw new Error(`bad argument ${argv[i]}`);
    out[argv[i].slice(2)] = argv[i + 1];
  }
  for (const k of ['binary', 'source', 'artifacts']) {
    if (!out[k]) throw new Error(`missing --${k}`);
  }
  return out;
}

// The processes we started, stopped at exit even when a test throws.
const started = new Set();
function killGroup(pid, sig) {
  try { process.kill(-pid, sig); } catch { /* already gone */ }
}
process.on('exit', () => { for (const pid of started) killGroup(pid, 'SIGKILL'); });

function waitExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(undefined), ms);
    child.once('exit', (code) => { clearTimeout(t); resolve(code); });
  });
}

// Reads the child's stream until `re` matches; resolves with the match.
function waitFor(stream, re, what, ms = 60000) {
  return new Promise((resolve, reject) => {
    let buf = '';
    const t = setTimeout(() => reject(new Error(`timed out waiting for ${what}: ${buf}`)), ms);
    const on = (chunk) => {
      buf += chunk.toString();
      const m = buf.match(re);
      if (m) { clearTimeout(t); stream.off('data', on); resolve(m); }
    };
    stream.on('data', on);
  });
}

// ISO date `days` after today (UTC); tests keep a day of margin around the
// sites' local "today" so they never depend on a fixed calendar date.
export function isoDay(days) {
  const d = new Date(Date.now() + days * 86400000);
  return d.toISOString().slice(0, 10);
}

export class Workspace {
  constructor(opts) {
    this.opts = opts;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-browser-'));
    this.db = path.join(this.dir, 'courtwatch.db');
    this.config = path.join(this.dir, 'courtwatch.toml');
    fs.writeFileSync(this.config,
      `[database]\npath = "${this.db}"\n[server]\nlisten = "127.0.0.1:0"\n` +
      `[data]\nsites_file = "${opts.source}/config/sites.csv"\n` +
      `demo_dir = "${opts.source}/config/demo"\n`);
  }
  write(name, text) {
    const p = path.join(this.dir, name);
    fs.writeFileSync(p, text);
    return p;
  }
  // Runs the CLI; throws unless it exits with `expect`.
  run(cliArgs, { stdin, expect = 0 } = {}) {
    const r = spawnSync(this.opts.binary, ['--config', this.config, ...cliArgs],
      { cwd: this.dir, input: stdin, encoding: 'utf8', timeout: 120000 });
    if (r.status !== expect) {
      throw new Error(`courtwatch ${cliArgs.join(' ')} exited ${r.status}, expected ${expect}\n` +
                      `${r.stdout}\n${r.stderr}`);
    }
    return r;
  }
  // `courtwatch user add`, the password on standard input.
  addUser(name, role = 'coordinator', password = PASSWORD) {
    return this.run(['user', 'add', name, '--role', role], { stdin: password + '\n' });
  }
  close() { fs.rmSync(this.dir, { recursive: true, force: true }); }
}

export const PASSWORD = 'correct horse battery';

// Signs in through the login form as a person would; lands on /.
export async function signIn(page, baseUrl, user, password = PASSWORD) {
  await page.goto(baseUrl + '/login');
  await page.fill('#username', user);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(baseUrl + '/'), page.click('button[type=submit]')]);
}

export class Daemon {
  static async start(ws) {
    const d = new Daemon();
    d.child = spawn(ws.opts.binary, ['--config', ws.config, 'serve'],
      { cwd: ws.dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    started.add(d.child.pid);
    d.stderr = '';
    d.child.stderr.on('data', (c) => { d.stderr += c.toString(); });
    const m = await waitFor(d.child.stdout, /listening on (\S+)/, 'the daemon');
    d.url = m[1].replace(/\/$/, '');
    return d;
  }
  async stop() {
    this.child.kill('SIGTERM');
    let code = await waitExit(this.child, 15000);
    if (code === undefined) { killGroup(this.child.pid, 'SIGKILL'); code = await waitExit(this.child, 5000); }
    started.delete(this.child.pid);
    return code;
  }
}

export class Browser {
  static async start() {
    const b = new Browser();
    b.profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-chromium-'));
    b.child = spawn('/usr/bin/chromium', [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage', '--remote-debugging-port=0', `--user-data-dir=${b.profile}`,
      'about:blank'], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    started.add(b.child.pid);
    const m = await waitFor(b.child.stderr, /DevTools listening on (ws:\/\/\S+)/, 'chromium', 90000);
    b.cdp = await chromium.connectOverCDP(m[1]);
    return b;
  }
  // A fresh context (own cookies) with a page that records console errors,
  // CSP violations and dialogs (an XSS payload that runs opens one).
  async page(lang = 'en-US') {
    const context = await this.cdp.newContext({ locale: lang, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.problems = [];
    page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
    page.on('dialog', async (d) => {
      if (d.type() === 'confirm' && page.acceptConfirm) { await d.accept(); return; }
      page.problems.push(`dialog: ${d.type()} ${d.message()}`);
      await d.dismiss();
    });
    return page;
  }
  async stop() {
    try { await this.cdp.close(); } catch { /* the process may be gone */ }
    this.child.kill('SIGTERM');
    killGroup(this.child.pid, 'SIGTERM');
    if (await waitExit(this.child, 10000) === undefined) {
      killGroup(this.child.pid, 'SIGKILL');
      await waitExit(this.child, 5000);
    }
    started.delete(this.child.pid);
    fs.rmSync(this.profile, { recursive: true, force: true });
  }
}

// Serious and critical axe-core violations of the current page, as text.
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

// Screenshots of the whole page at 1280 and 360 px, with axe run at both
// widths; returns the violations found (empty when clean).
export async function inspect(page, artifacts, name) {
  fs.mkdirSync(artifacts, { recursive: true });
  const problems = [];
  // Screenshots show the page at rest, not a focused control of the test.
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    await page.screenshot({ path: path.join(artifacts, `${name}-${width}.png`), fullPage: true });
    for (const v of await axeViolations(page)) problems.push(`${name} @${width}px: ${v}`);
    // Nothing may stick out sideways on a phone except inside a scroll region.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 1) problems.push(`${name} @${width}px: page is ${overflow}px wider than the viewport`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return problems.concat(page.problems.splice(0));
}
