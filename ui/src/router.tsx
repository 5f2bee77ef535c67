/**
 * Deep links: every page and item has an address below /ui (persons/<number>, journal/<id>, state/scb/<ticket>),
 * kept with the History API. Addresses are relative to the page's <base href>, so the console works wherever /ui is.
 */
import type { AnchorHTMLAttributes, ComponentChildren } from 'preact';
import { createStore, useStore } from './lib/store.js';

export interface Location {
  /** The path below /ui without leading slash, e.g. "journal/5b1f…". */
  path: string;
  query: URLSearchParams;
}

function basePath(): string {
  return new URL(document.baseURI).pathname;
}

function read(): Location {
  const base = basePath();
  const { pathname, search } = window.location;
  const path = pathname.startsWith(base) ? pathname.slice(base.length) : '';
  return { path: decodeURIComponent(path).replace(/\/+$/, ''), query: new URLSearchParams(search) };
}

const location = createStore<Location>(read());
window.addEventListener('popstate', () => location.set(read()));

export function useLocation(): Location {
  return useStore(location);
}

/** The absolute address of a console path ("journal?service=AF"). */
export function href(to: string): string {
  return new URL(to, document.baseURI).pathname + (to.includes('?') ? `?${to.split('?')[1]}` : '');
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const target = href(to);
  if (options.replace) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  location.set(read());
  if (!options.replace) window.scrollTo(0, 0);
}

type AnchorProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'role'>;

/** A real link (opens in a new tab with a modifier key, copyable), handled in the page otherwise. */
export function Link(props: AnchorProps & { to: string; children?: ComponentChildren }) {
  const { to, ...rest } = props;
  return (
    <a
      {...rest}
      href={href(to)}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(to);
      }}
    />
  );
}
