import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { describeConsole } from './support.js';
import { readStoredZip } from './zip-reader.js';
import { runReplay } from '../../src/tools/replay/run-replay.js';

describeConsole('Console in a browser: persons and compose-and-send', (world) => {
  it('lists the scenario persons with what each service answers, live, and finds any number', async () => {
    const page = await world().open('persons');
    const row = page.locator('tr', { has: page.getByRole('link', { name: '198112092393' }) });
    // The population table as the services answer now: CSN's HUT system down for this person.
    await row.locator('td[data-service="CSN"]', { hasText: 'BT -1101' }).waitFor({ timeout: 20_000 });
    await row.locator('td[data-service="FK"]', { hasText: 'data' }).waitFor();

    // A number written the short way opens its card (a deep link).
    await page.getByLabel('Identity number').fill('860104-2388');
    await page.getByRole('button', { name: 'Show person' }).click();
    await page.waitForURL(/\/ui\/persons\/198601042388$/);
    // The card's address works on its own (a reload, or a link sent to a colleague).
    await page.reload();
    const card = page.getByLabel('Person card');
    await card.getByText('Karin Lindberg').waitFor();
    expect(await card.textContent())
      .to.contain('Uppsala')
      .and.contain('arbetssokande');
    const answers = page.getByRole('table', { name: 'Answers per service' });
    await answers.waitFor({ timeout: 20_000 });
    expect(await answers.locator('tbody tr').count()).to.equal(7);
    expect(await answers.locator('.bad').count(), 'every service has data for this person').to.equal(0);
    await page.getByRole('button', { name: 'Show SKV' }).click();
    await page.getByLabel('SKV native request').waitFor();
    expect(await page.getByLabel('SKV native answer').textContent()).to.contain('SvarBeskattningsuppgifter');
    await page.close();
  });

  it('composes and sends a query: decoded answer, native messages side by side, waterfall, curl, replay case', async () => {
    const { server } = world();
    await world().browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await world().open('compose?person=198601042388');
    await page.getByLabel('Person', { exact: true }).waitFor();
    expect(await page.getByLabel('Person', { exact: true }).inputValue()).to.equal('198601042388');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const answer = page.getByLabel('Composite answer');
    await answer.waitFor();
    expect(await page.getByRole('heading', { name: /Answer: HTTP 200/ }).count()).to.equal(1);
    // CSN's base64 svar and FK's base64 LEFI answer are shown decoded in place.
    expect(await answer.locator('.x-decoded-label', { hasText: 'base64, decoded (XML)' }).count()).to.be.at.least(1);
    expect(await answer.locator('.x-decoded-label', { hasText: 'base64, decoded (JSON)' }).count()).to.be.at.least(1);
    expect(await answer.textContent()).to.contain('CSNSvar');

    await page.getByRole('tab', { name: 'Native messages' }).click();
    expect(await page.getByLabel('AF native request').textContent())
      .to.contain('FragaMeddelande')
      .and.contain('198601042388');
    expect(
      await page.getByLabel('SKV native request').locator('.x-decoded-label', { hasText: 'escaped XML' }).count(),
    ).to.equal(1);
    await page.getByRole('tab', { name: 'Waterfall' }).click();
    const waterfall = page.getByLabel("Waterfall of the services' timings");
    expect(await waterfall.locator('.bar.data').count()).to.equal(7);
    // The lanes take the width the names and figures leave (not squeezed to their empty content).
    const lane = await waterfall.locator('.track').first().boundingBox();
    const figure = await waterfall.boundingBox();
    expect(lane && figure && lane.width / figure.width).to.be.greaterThan(0.5);

    // Copy as curl: the command, run by a shell, gets the same kind of answer.
    await page.getByRole('button', { name: 'Copy as curl' }).click();
    const curl = (await page.evaluate('navigator.clipboard.readText()')) as string;
    expect(curl)
      .to.match(/^curl -s/)
      .and.contain(`${server.url}/ssbtek`);
    // Not execFileSync: the server answering it runs in this process.
    const { stdout: viaCurl } = await promisify(execFile)('bash', ['-c', curl], { encoding: 'utf8' });
    expect(viaCurl).to.contain('hamtaBastjanstInformationResponse').and.contain('198601042388');

    // Save as replay case: the files record writes, downloaded as a zip, replay passes with them.
    await page.getByRole('button', { name: 'Save as replay case…' }).click();
    await page.getByText('v10-198601042388-all-data', { exact: true }).first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download v10-198601042388-all-data.zip' }).click(),
    ]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-case-'));
    try {
      const zipFile = path.join(dir, 'case.zip');
      await download.saveAs(zipFile);
      const files = readStoredZip(fs.readFileSync(zipFile));
      expect(Object.keys(files).sort()).to.deep.equal([
        'v10-198601042388-all-data/case.json',
        'v10-198601042388-all-data/expected.xml',
        'v10-198601042388-all-data/request.xml',
      ]);
      const cases = path.join(dir, 'cases');
      for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(cases, name)), { recursive: true });
        fs.writeFileSync(path.join(cases, name), text);
      }
      let out = '';
      const code = await runReplay(
        {
          dir: cases,
          target: `${server.url}/ssbtek`,
          format: 'text',
          update: false,
          timeoutMs: 10_000,
          progress: false,
        },
        { stdout: (t) => (out += t), stderr: (t) => (out += t) },
      );
      expect(code, out).to.equal(0);
      expect(out).to.contain('1 passed');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await page.close();
  });

  it('sends in v11 and v1 too, with a scenario header and a day of its own', async () => {
    const page = await world().open('compose?person=197706282394');
    await page.getByLabel('Dialect').selectOption('v11');
    await page.getByLabel('X-SSBTEK-Scenario').fill('SKV:error=skattekonto.503');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByLabel('Composite answer').waitFor();
    const v11 = await page.getByLabel('Composite answer').textContent();
    expect(v11).to.contain('ssbt/11').and.contain('Service unavailable');

    await page.getByLabel('Dialect').selectOption('v1');
    await page.getByLabel('X-SSBTEK-Scenario').fill('');
    await page.getByLabel('X-SSBTEK-Today').fill('2026-11-20');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('link', { name: 'Open in the journal' }).click();
    await page.waitForURL(/\/ui\/journal\/[0-9a-f-]{36}$/);
    const card = await page.locator('dl.card').textContent();
    expect(card).to.contain('answered for 2026-11-20').and.contain('(v1)');
    await page.close();
  });
});
