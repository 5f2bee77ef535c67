import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** A button that copies `text` and says so (for screen readers too). */
export function CopyButton(props: { text: () => string; label: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      onClick={async () => {
        await navigator.clipboard.writeText(props.text()).catch(() => undefined);
        setDone(true);
        setTimeout(() => setDone(false), 1500);
      }}
    >
      {done ? 'Copied' : props.label}
    </button>
  );
}

/** A message to the user: errors are announced at once, the rest politely. */
export function Notice(props: { kind?: 'error' | 'info'; children: ComponentChildren }) {
  const kind = props.kind ?? 'info';
  return (
    <p class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </p>
  );
}

/** Runs `load` when `key` changes; its value, error and whether it is loading. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: unknown[]) {
  const [state, setState] = useState<{ value?: T; error?: string; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    load(controller.signal).then(
      (value) => !controller.signal.aborted && setState({ value, loading: false }),
      (error: Error) => !controller.signal.aborted && setState({ error: error.message, loading: false }),
    );
    return () => controller.abort();
  }, [...key, round]);
  return { ...state, reload: () => setRound((r) => r + 1) };
}

/** Tells the browser tests (and anyone measuring) that a page has shown its data: a performance mark, once. */
export function usePageReady(page: string, ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    requestAnimationFrame(() => {
      if (performance.getEntriesByName(`ssbtek:ready:${page}`).length === 0) performance.mark(`ssbtek:ready:${page}`);
    });
  }, [page, ready]);
}

/** A date-time for people: local time, to the second. */
export function time(iso: string): string {
  const d = new Date(iso);
  return `${d.toLocaleDateString('sv-SE')} ${d.toLocaleTimeString('sv-SE')}`;
}

export function ms(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}
