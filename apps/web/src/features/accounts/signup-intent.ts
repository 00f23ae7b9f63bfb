/**
 * Why this browser signed up: a buyer from My tickets, or (by default) someone who will run events.
 * The confirmation link may be opened later, so the page it opens reads it here to send a buyer back
 * to their tickets instead of "Create your organization". Only a hint; another browser, or storage
 * turned off, gets the organizer's way.
 */
const KEY = 'zevents.signup-intent';

export type SignupIntent = 'tickets' | 'organize';

export function rememberSignupIntent(nextPath: string | null): void {
  try {
    if (nextPath === '/my-tickets') window.localStorage.setItem(KEY, 'tickets');
    else window.localStorage.removeItem(KEY);
  } catch {
    // Storage refused (private mode, quota): the default way is fine.
  }
}

export function signupIntent(): SignupIntent {
  try {
    return window.localStorage.getItem(KEY) === 'tickets' ? 'tickets' : 'organize';
  } catch {
    return 'organize';
  }
}
