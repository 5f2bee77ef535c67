import type { Page } from 'playwright-core';

/**
 * What a page shows that keyboard users or readers of low contrast could not use, checked in the page itself:
 * every visible control (link, button, field, tab) is reachable by Tab and has a name (its text, its label,
 * aria-label or title); nothing that only looks clickable (a pointer cursor outside any control); every visible
 * text, and the text in every field, at least WCAG AA contrast against the background it is drawn on (4.5:1,
 * 3:1 for large text; disabled controls are exempt, as WCAG 1.4.3 says). Returns one line per problem.
 */
export async function auditPage(page: Page): Promise<string[]> {
  return (await page.evaluate(AUDIT)) as string[];
}

/** The audit, run in the page (a script: the test build has no DOM types). */
const AUDIT = `(() => {
  const problems = new Set();
  const CONTROLS = 'a, button, input, select, textarea, summary, [role="tab"], [role="button"], [tabindex]';
  const describe = (el) => {
    const label = el.getAttribute('aria-label');
    const text = (el.textContent || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + (label ? '[' + label + ']' : '') +
      (text ? ' "' + text + '"' : '');
  };
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  };
  const nameOf = (el) => {
    const byIds = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent || '').join(' ');
    const labels = el.labels ? [...el.labels].map((l) => l.textContent || '').join(' ') : '';
    const own = el.tagName === 'INPUT' && ['button', 'submit', 'reset'].includes(el.type) ? el.value : '';
    const text = ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) ? '' : el.textContent || '';
    return [el.getAttribute('aria-label'), byIds, labels, own, text, el.getAttribute('title')].join(' ').trim();
  };
  for (const el of document.querySelectorAll(CONTROLS)) {
    if (!visible(el) || el.disabled || (el.tagName === 'INPUT' && el.type === 'hidden')) continue;
    if (el.tabIndex < 0 && !(el.tagName === 'MAIN' || el.getAttribute('role') === 'tabpanel'))
      problems.add('not reachable by Tab: ' + describe(el));
    if (el.tagName === 'A' && !el.hasAttribute('href')) problems.add('a link without an address: ' + describe(el));
    if (el.matches('a, button, input, select, textarea, summary, [role="tab"], [role="button"]') && !nameOf(el))
      problems.add('a control without a name: ' + describe(el));
  }
  for (const el of document.querySelectorAll('body *')) {
    if (!visible(el) || getComputedStyle(el).cursor !== 'pointer') continue;
    if (!el.closest('a[href], button, label, summary, select, input, [role="tab"], [role="button"]'))
      problems.add('looks clickable but is no control: ' + describe(el));
  }

  const rgba = (color) => {
    const parts = color.replace(/^[a-z]+\\(/, '').replace(/\\)$/, '').split(/[\\s,\\/]+/).filter(Boolean);
    const n = parts.map((p) => (p.endsWith('%') ? parseFloat(p) / 100 : parseFloat(p)));
    return { r: n[0], g: n[1], b: n[2], a: n.length > 3 ? n[3] : 1 };
  };
  const over = (top, below) => ({
    r: top.r * top.a + below.r * (1 - top.a),
    g: top.g * top.a + below.g * (1 - top.a),
    b: top.b * top.a + below.b * (1 - top.a),
    a: 1,
  });
  const backgroundOf = (el) => {
    const chain = [];
    for (let at = el; at; at = at.parentElement) chain.unshift(at);
    let colour = { r: 255, g: 255, b: 255, a: 1 };
    for (const at of chain) colour = over(rgba(getComputedStyle(at).backgroundColor), colour);
    return colour;
  };
  const luminance = (c) => {
    const channel = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const check = (el) => {
    if (!visible(el) || el.closest('button:disabled, input:disabled, select:disabled, textarea:disabled')) return;
    const style = getComputedStyle(el);
    const background = backgroundOf(el);
    const colour = over(rgba(style.color), background);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const ratio = contrast(colour, background);
    if (ratio < (large ? 3 : 4.5))
      problems.add('contrast ' + ratio.toFixed(2) + ':1 (' + style.color + ' on ' + style.backgroundColor +
        ' within its ancestors): ' + describe(el));
  };
  for (const el of document.querySelectorAll('body *')) {
    const texts = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (texts || (['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) && el.value)) check(el);
  }
  return [...problems];
})()`;
