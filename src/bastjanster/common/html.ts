/** Text for an HTML page a service's web server answers with (its 404 and status pages), escaped for HTML. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
