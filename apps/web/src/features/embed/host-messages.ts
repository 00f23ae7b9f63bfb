/**
 * What the embedded checkout tells the page that frames it (read by /embed.js). The parent may be
 * on every origin the organization allows, which the frame cannot know, so messages go to '*': none
 * carries a secret (never the order's access token), only ids and a height.
 */
export type HostMessage =
  | { type: 'zevents:resize'; height: number }
  | { type: 'zevents:order-paid'; orderId: string; eventId: string }
  | { type: 'zevents:close' };

/** Whether the page runs inside a frame (an embed page opened on its own talks to nobody). */
export function isFramed(win: Window = window): boolean {
  return win.parent !== win;
}

export function postToHost(message: HostMessage, win: Window = window): void {
  if (isFramed(win)) win.parent.postMessage(message, '*');
}
