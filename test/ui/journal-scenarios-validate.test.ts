import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { postSoap, v10Request } from '../support/requests.js';
import { b64, CSV_V2_OK, deliver, ORG } from '../rest/scb/support.js';
import { auditPage } from './audit.js';
import { describeConsole } from './support.js';

/** Where the suite leaves the console's screenshot (README's is made with SCREENSHOT_TO=docs/images/console.png). */
const SCREENSHOT = process.env.SCREENSHOT_TO ?? path.join(os.tmpdir(), 'ssbtek-console.png');

describeConsole('Console in a browser: journal, scenarios, validate, REST state, health', (world) => {
  it('shows an exchange live in the journal as it happens, and opens it by its own address', async () => {
    const { server } = world();
    const page = await world().open('journal');
    await page.getByRole('table', { name: 'Exchanges' }).or(page.getByText('No exchanges')).first().waitFor();
    await postSoap(
      `${server.url}/ssbtek`,
      v10Request({ korrelationsid: 'UI-LIVE-1', personidentitet: '198601042388' }),
    );
    // No reload: the row arrives over the live connection.
    const row = page.getByRole('table', { name: 'Exchanges' }).locator('tbody tr', { hasText: '198601042388' }).first();
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent())
      .to.contain('SSBTEK')
      .and.contain('/ssbtek');
    await row.getByRole('link').first().click();
    await page.waitForURL(/\/ui\/journal\/[0-9a-f-]{36}$/);
    const address = page.url();
    await page.locator('dl.card').waitFor();
    expect(await page.locator('dl.card').textContent()).to.contain('UI-LIVE-1');
    // The deep link works on its own (a reload, or a link sent to a colleague).
    await page.goto(address);
    await page.locator('dl.card').waitFor();
    expect(await page.locator('dl.card').textContent()).to.contain('UI-LIVE-1');
    await page.close();
  });

  it('sets a scenario, shows it as in force, sees its effect in an answer, and resets it', async () => {
    const { server } = world();
    const page = await world().open('scenarios');
    const af = page.locator('form#AF');
    await af.getByLabel('Error', { exact: true }).selectOption('402');
    await af.getByRole('button', { name: 'Apply to AF' }).click();
    await page.getByTestId('active-AF').filter({ hasText: '402' }).waitFor();
    expect(await page.getByRole('status', { name: 'Active scenarios' }).textContent()).to.contain('AF');
    const during = await postSoap(`${server.url}/ssbtek`, v10Request({ korrelationsid: 'UI-SCEN-1' }));
    expect(during.body).to.match(/<ssbt:felkod>402<\/ssbt:felkod>/);

    await af.getByRole('button', { name: 'Reset AF' }).click();
    await page.getByTestId('active-AF').filter({ hasText: 'nothing' }).waitFor();
    const after = await postSoap(`${server.url}/ssbtek`, v10Request({ korrelationsid: 'UI-SCEN-2' }));
    expect(after.body).not.to.match(/<ssbt:felkod>402<\/ssbt:felkod>/);
    await page.close();
  });

  it('validates a broken document and highlights the line of each violation', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-validate-'));
    try {
      const broken = v10Request({ korrelationsid: 'UI-VAL' }).replace(
        /<ssbt:personidentitet>(\d+)<\/ssbt:personidentitet>/,
        '<ssbt:personidentitet>12345</ssbt:personidentitet>',
      );
      const file = path.join(dir, 'broken.xml');
      fs.writeFileSync(file, broken);
      const line = broken.split('\n').findIndex((l) => l.includes('>12345<')) + 1;
      const page = await world().open('validate');
      await page.getByLabel('File', { exact: true }).setInputFiles(file);
      await page.getByRole('button', { name: 'Validate', exact: true }).click();
      const result = page.getByRole('region', { name: 'Validation result' });
      await result.getByRole('heading', { name: /Invalid/ }).waitFor();
      expect(await result.getByRole('link', { name: `Line ${line}` }).count()).to.be.at.least(1);
      const highlighted = result.locator('.problem-line');
      expect(await highlighted.count()).to.be.at.least(1);
      expect(await highlighted.first().getAttribute('id')).to.equal(`line-${line}`);
      expect(await highlighted.first().textContent()).to.contain('12345');
      await page.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('follows an SCB ticket from the state page to its result', async () => {
    const { server } = world();
    const delivered = await deliver(server.url, {
      Contract: 'demo',
      orgNr: ORG,
      fileContent: b64(CSV_V2_OK),
      DeliveryFormatName: 'LONERAPPORT_CSV',
    });
    expect(delivered.status).to.equal(200);
    const ticket = delivered.body as string;
    const page = await world().open('state');
    await page.getByRole('table', { name: 'SCB deliveries' }).waitFor();
    await page.getByRole('link', { name: ticket }).click();
    await page.waitForURL(new RegExp(`/ui/state/scb/${ticket}$`));
    // The page follows the ticket until SCB has processed it.
    await page.getByTestId(`scb-state-${ticket}`).filter({ hasText: 'processed, valid' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('heading', { name: `Ticket ${ticket}` }).count()).to.equal(1);
    await page.reload();
    await page.getByTestId(`scb-state-${ticket}`).filter({ hasText: 'processed, valid' }).waitFor();
    await page.close();
  });

  it('shows today and the figures on Health, moves today for every service, and goes back', async () => {
    const page = await world().open('health');
    await page
      .getByTestId('health-today')
      .filter({ hasText: /^\d{4}-\d{2}-\d{2}$/ })
      .waitFor();
    await page.getByRole('table', { name: 'How the composite reaches each base service' }).waitFor();
    await page.getByLabel('Live on').fill('2027-03-01');
    await page.getByRole('button', { name: 'Set today' }).click();
    await page.getByTestId('health-today').filter({ hasText: '2027-03-01' }).waitFor();
    const state = (await (await fetch(`${world().server.url}/__admin/today`)).json()) as { today: string };
    expect(state.today).to.equal('2027-03-01');
    await page.getByRole('button', { name: /Back to the/ }).click();
    await page.getByTestId('health-today').filter({ hasNotText: '2027-03-01' }).waitFor();
    await page.close();
  });

  it('can be driven by keyboard alone: a query composed and sent without the mouse', async () => {
    const page = await world().open('compose?person=198601042388');
    await page.getByLabel('Person', { exact: true }).waitFor();
    await page.getByLabel('Person', { exact: true }).focus();
    // Tab forward until the Send button has the focus, then press Enter.
    for (let i = 0; i < 80; i++) {
      const focused = (await page.evaluate('document.activeElement?.textContent?.trim() ?? ""')) as string;
      if (focused === 'Send') break;
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate('document.activeElement?.textContent?.trim()')).to.equal('Send');
    await page.keyboard.press('Enter');
    await page.getByLabel('Composite answer').waitFor();
    // On to the native messages, still by keyboard: Tab from the answer's tabs, Enter on the one wanted.
    await page.getByRole('tab', { name: 'Composite answer' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent?.trim()')).to.equal('Native messages');
    await page.keyboard.press('Enter');
    await page.getByLabel('AF native request').waitFor();
    // The screenshot README shows: the answer's heading, then one service's native request and answer side by side.
    await page
      .getByRole('heading', { name: /Answer: HTTP 200/ })
      .evaluate((heading) => (heading as unknown as { scrollIntoView(): void }).scrollIntoView());
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    await page.close();
  });
});

describeConsole(
  'Console in a browser: with an admin token',
  (world) => {
    it('refuses the admin API without the token, and works once the console is given it', async () => {
      const { server } = world();
      const bare = await fetch(`${server.url}/__admin/scenarios`);
      expect(bare.status).to.equal(401);
      // What the console itself sends to the admin API, and what it is answered.
      const exchanges: { path: string; token: string | undefined; status: number }[] = [];
      world().browser.context.on('response', (response) => {
        const url = new URL(response.url());
        if (!url.pathname.startsWith('/__admin/')) return;
        const token = response.request().headers()['authorization'];
        exchanges.push({ path: url.pathname, token, status: response.status() });
      });
      const page = await world().open('scenarios');
      const dialog = page.getByRole('dialog', { name: 'Admin token' });
      await dialog.waitFor();
      expect(await auditPage(page), 'the token dialog: named controls, readable text').to.deep.equal([]);
      await dialog.getByLabel(/Token/).fill('wrong-token-wrong-token');
      await dialog.getByRole('button', { name: 'Use this token' }).click();
      await dialog.waitFor(); // asked again: the wrong token is refused
      await dialog.getByLabel(/Token/).fill('console-test-token-0123');
      await dialog.getByRole('button', { name: 'Use this token' }).click();
      await page.getByTestId('active-AF').waitFor();
      await dialog.waitFor({ state: 'detached' });
      const refused = exchanges.filter((e) => e.status === 401);
      expect(
        refused.some((e) => e.token === undefined),
        'a console request without the token, refused',
      ).to.equal(true);
      expect(refused.some((e) => e.token === 'Bearer wrong-token-wrong-token')).to.equal(true);
      const served = exchanges.filter((e) => e.status === 200);
      expect(served.length).to.be.at.least(1);
      expect(served.every((e) => e.token === 'Bearer console-test-token-0123')).to.equal(true);
      await page.close();
    });
  },
  { adminToken: 'console-test-token-0123' },
);
