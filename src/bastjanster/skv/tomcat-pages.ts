import type { NativeResponse } from '../types.js';
import { escapeHtml } from '../common/html.js';

/**
 * The HTML error pages of the Apache Tomcat in front of SKV's service (seed §7.3.3: "Felkoder lämnas som
 * html-sida enligt standard Apache tomcat"), in Tomcat's standard error-report form.
 */
const REASONS = {
  403: ['Forbidden', 'The server understood the request but refuses to authorize it.'],
  404: [
    'Not Found',
    'The origin server did not find a current representation for the target resource or is not willing to disclose that one exists.',
  ],
} as const;

export function tomcatPage(status: keyof typeof REASONS, path: string): NativeResponse {
  const [reason, description] = REASONS[status];
  const title = `HTTP Status ${status} – ${reason}`;
  const body =
    `<!doctype html><html lang="en"><head><title>${title}</title>` +
    '<style type="text/css">body {font-family:Tahoma,Arial,sans-serif;} h1 {font-size:22px;} .line {height:1px;background-color:#525D76;border:none;}</style>' +
    `</head><body><h1>${title}</h1><hr class="line" />` +
    '<p><b>Type</b> Status Report</p>' +
    `<p><b>Message</b> ${escapeHtml(path)}</p>` +
    `<p><b>Description</b> ${description}</p>` +
    '<hr class="line" /><h3>Apache Tomcat</h3></body></html>';
  return { status, contentType: 'text/html;charset=utf-8', body };
}
