import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { b64, CSV_V2_OK, deliver, ORG } from '../rest/scb/support.js';
import { postSoap, v10Request } from '../support/requests.js';
import { auditPage } from './audit.js';
import { describeConsole } from './support.js';

/** Audits the page as it is now; `where` names the state in the failure. */
async function expectUsable(page: Page, where: string): Promise<void> {
  const problems = await auditPage(page);
  expect(problems, `${where}:\n  ${problems.join('\n  ')}`).to.deep.equal([]);
}

describeConsole('Console in a browser: keyboard and contrast on every page', (world) => {
  it('every control is a named control Tab reaches, and every text reads at WCAG AA contrast, on each page', async () => {
    const { server } = world();
    await postSoap(
      `${server.url}/ssbtek`,
      v10Request({ korrelationsid: 'UI-AUDIT-1', personidentitet: '198601042388' }),
    );

    const persons = await world().open('persons');
    await persons.getByRole('link', { name: '198112092393' }).waitFor({ timeout: 20_000 });
    await expectUsable(persons, 'Persons');
    await persons.getByRole('link', { name: '198601042388' }).first().click();
    await persons.getByRole('table', { name: 'Answers per service' }).waitFor({ timeout: 20_000 });
    await persons.getByRole('button', { name: 'Show SKV' }).click();
    await persons.getByLabel('SKV native answer').waitFor();
    await expectUsable(persons, 'a person card with a native answer open');
    await persons.close();

    const compose = await world().open('compose?person=198601042388');
    await compose.getByRole('button', { name: 'Send', exact: true }).click();
    await compose.getByLabel('Composite answer').waitFor();
    await expectUsable(compose, 'Compose, the answer');
    await compose.getByRole('tab', { name: 'Native messages' }).click();
    await compose.getByLabel('AF native request').waitFor();
    await expectUsable(compose, 'Compose, native messages');
    await compose.getByRole('tab', { name: 'Waterfall' }).click();
    await compose.getByLabel("Waterfall of the services' timings").waitFor();
    await expectUsable(compose, 'Compose, waterfall');
    await compose.close();

    const journal = await world().open('journal');
    const row = journal.getByRole('table', { name: 'Exchanges' }).locator('tbody tr').first();
    await row.waitFor();
    await expectUsable(journal, 'Journal');
    await row.getByRole('link').first().click();
    await journal.locator('dl.card').waitFor();
    await expectUsable(journal, 'a journal entry');
    await journal.close();

    const scenarios = await world().open('scenarios');
    await scenarios.getByTestId('active-AF').waitFor();
    await expectUsable(scenarios, 'Scenarios');
    await scenarios.close();

    const validate = await world().open('validate');
    await validate
      .getByLabel(/XML document/)
      .fill(
        v10Request({ korrelationsid: 'UI-AUDIT-2' }).replace(/<ssbt:personidentitet>\d+</, '<ssbt:personidentitet>1<'),
      );
    await validate.getByRole('button', { name: 'Validate', exact: true }).click();
    await validate
      .getByRole('region', { name: 'Validation result' })
      .getByRole('heading', { name: /Invalid/ })
      .waitFor();
    await expectUsable(validate, 'Validate, a violation highlighted');
    await validate.close();

    const delivered = await deliver(server.url, {
      Contract: 'demo',
      orgNr: ORG,
      fileContent: b64(CSV_V2_OK),
      DeliveryFormatName: 'LONERAPPORT_CSV',
    });
    expect(delivered.status).to.equal(200);
    const state = await world().open('state');
    await state.getByRole('table', { name: 'SCB deliveries' }).waitFor();
    await expectUsable(state, 'REST state');
    await state.close();

    const health = await world().open('health');
    await health.getByRole('table', { name: 'How the composite reaches each base service' }).waitFor();
    await expectUsable(health, 'Health');

    // The audit sees what it looks for: faint text, a click target that is no control, a nameless button (put
    // beside the console's root, where its renders leave them alone).
    // (Styles set through the DOM: the console's CSP refuses inline style attributes.)
    await health.evaluate(`(() => {
      const add = (tag, id, text, style) => {
        const el = document.body.appendChild(document.createElement(tag));
        el.id = id;
        el.textContent = text;
        Object.assign(el.style, style);
      };
      add('p', 'faint', 'faint', { color: '#b0b0b0' });
      add('div', 'fake', 'x', { cursor: 'pointer' });
      add('button', 'bare', '', {});
    })()`);
    const seen = await auditPage(health);
    expect(seen.some((p) => p.startsWith('contrast') && p.includes('p#faint'))).to.equal(true, seen.join('\n'));
    expect(seen.some((p) => p.startsWith('looks clickable') && p.includes('div#fake'))).to.equal(true);
    expect(seen.some((p) => p.startsWith('a control without a name') && p.includes('button#bare'))).to.equal(
      true,
      seen.join('\n'),
    );
    expect(seen).to.have.length(3);
    await health.close();
  });

  it('moves between pages by keyboard: the skip link, the navigation, and a page reached with Enter', async () => {
    const page = await world().open('health');
    await page.getByTestId('health-today').waitFor();
    const focused = async () =>
      (await page.evaluate('(document.activeElement?.textContent ?? "").trim().replace(/\\s+/g, " ")')) as string;
    await page.keyboard.press('Tab');
    // The first stop skips the navigation; then the navigation's links in order.
    expect(await focused()).to.match(/skip/i);
    const stops: string[] = [];
    for (let i = 0; i < 12 && !stops.includes('Validate'); i++) {
      await page.keyboard.press('Tab');
      stops.push(await focused());
    }
    expect(stops).to.include.members(['Persons', 'Journal', 'Scenarios', 'Validate']);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/ui\/validate$/);
    await page.getByLabel(/XML document/).waitFor();
    await page.close();
  });
});
