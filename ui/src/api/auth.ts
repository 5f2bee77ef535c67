/**
 * The admin token, when the emulator has one (adminToken / SSBTEK_ADMIN_TOKEN). The console asks for it once, keeps
 * it for this tab only (sessionStorage: gone when the tab closes, never sent by the browser on its own as a cookie
 * would be) and sends it as `Authorization: Bearer` with every admin request.
 */
import { createStore } from '../lib/store.js';

const KEY = 'ssbtek-admin-token';

/** Whether the console is waiting for the user to give the token, and why. */
export const tokenRequest = createStore<{ reason: string } | undefined>(undefined);

let waiting: ((token: string) => void)[] = [];

export function adminToken(): string | undefined {
  return sessionStorage.getItem(KEY) ?? undefined;
}

/** Asks the user for the token (the dialog in app.tsx); resolves when one is given. */
export function askForToken(reason: string): Promise<string> {
  tokenRequest.set({ reason });
  return new Promise((resolve) => waiting.push(resolve));
}

export function giveToken(token: string): void {
  sessionStorage.setItem(KEY, token);
  tokenRequest.set(undefined);
  const resolvers = waiting;
  waiting = [];
  for (const resolve of resolvers) resolve(token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}
