/**
 * The script behind `<script src="{PUBLIC_URL}/embed.js" data-event="{id or slug}">`: plain ES2017
 * with no dependencies, sent as it is written here (no build step), so it must stay valid in every
 * browser a host page may have. It defines no global but `window.ZEvents`.
 *
 * Each such tag gets, right after it, a "Buy tickets" button that opens the checkout in a modal
 * (`data-mode="button"`, the default; `data-label` renames it) or the ticket picker inline
 * (`data-mode="inline"`). The frame talks back with postMessage, and only messages from that frame,
 * at the platform's origin (the script's own), are heard:
 * - `{type: "zevents:resize", height}` sets the frame's height to its content's;
 * - `{type: "zevents:order-paid", orderId, eventId}` is passed on as a `zevents:order-paid`
 *   CustomEvent (detail `{orderId, eventId}`) on the script tag's parent and on window;
 * - `{type: "zevents:close"}` closes the modal.
 * Escape, the Close button and a click beside the dialog close the modal too, and focus goes back
 * to the button; while it is open, focus stays inside it.
 */
const SOURCE = `(function () {
  'use strict';
  var w = window, d = document;
  if (w.ZEvents && w.ZEvents.scan) { w.ZEvents.scan(); return; }
  var frames = [];
  var CSS = '.zevents-button{font:600 16px/1.2 system-ui,sans-serif;color:#fff;background:#4338ca;border:0;' +
    'border-radius:999px;padding:12px 22px;cursor:pointer}.zevents-button:hover{background:#3730a3}' +
    '.zevents-button:focus-visible,.zevents-close:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}' +
    '.zevents-overlay{position:fixed;inset:0;z-index:2147483000;background:rgba(15,23,42,.6);display:flex;' +
    'align-items:flex-start;justify-content:center;overflow-y:auto;padding:24px 8px}' +
    '.zevents-dialog{position:relative;width:100%;max-width:720px;background:#fff;border-radius:16px;' +
    'box-shadow:0 24px 64px rgba(0,0,0,.3);padding:40px 0 0}' +
    '.zevents-close{position:absolute;top:6px;right:8px;font:600 14px system-ui,sans-serif;color:#1e293b;' +
    'background:#f1f5f9;border:0;border-radius:999px;padding:6px 12px;cursor:pointer}' +
    '.zevents-frame{display:block;width:100%;border:0;height:480px;color-scheme:light}';

  function addStyle() {
    if (d.getElementById('zevents-embed-style')) return;
    var style = d.createElement('style');
    style.id = 'zevents-embed-style';
    style.textContent = CSS;
    d.head.appendChild(style);
  }

  function originOf(src) {
    try { return new URL(src, d.baseURI).origin; } catch (e) { return null; }
  }

  function makeFrame(base, idOrSlug, title) {
    var frame = d.createElement('iframe');
    frame.className = 'zevents-frame';
    frame.title = title;
    frame.src = base + '/embed/events/' + encodeURIComponent(idOrSlug);
    frame.setAttribute('allow', 'payment');
    return frame;
  }

  function forget(entry) {
    var at = frames.indexOf(entry);
    if (at >= 0) frames.splice(at, 1);
  }

  function openModal(base, idOrSlug, button, script) {
    addStyle();
    var overlay = d.createElement('div');
    overlay.className = 'zevents-overlay';
    var dialog = d.createElement('div');
    dialog.className = 'zevents-dialog';
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-label', 'Buy tickets');
    var close = d.createElement('button');
    close.type = 'button';
    close.className = 'zevents-close';
    close.textContent = 'Close';
    var frame = makeFrame(base, idOrSlug, 'Buy tickets');
    dialog.appendChild(close);
    dialog.appendChild(frame);
    overlay.appendChild(dialog);
    var overflow = d.documentElement.style.overflow;
    var entry = { frame: frame, origin: base, script: script, close: shut };
    function onKey(event) { if (event.key === 'Escape') shut(); }
    // Focus stays in the dialog: tabbing out of the frame comes back to its Close button.
    function onFocus(event) { if (!overlay.contains(event.target)) close.focus(); }
    function shut() {
      if (!overlay.parentNode) return;
      overlay.parentNode.removeChild(overlay);
      d.removeEventListener('keydown', onKey);
      d.removeEventListener('focusin', onFocus);
      d.documentElement.style.overflow = overflow;
      forget(entry);
      if (button) button.focus();
    }
    close.addEventListener('click', shut);
    overlay.addEventListener('click', function (event) { if (event.target === overlay) shut(); });
    d.addEventListener('keydown', onKey);
    d.addEventListener('focusin', onFocus);
    frames.push(entry);
    d.body.appendChild(overlay);
    d.documentElement.style.overflow = 'hidden';
    close.focus();
    return entry;
  }

  function setup(script) {
    var idOrSlug = script.getAttribute('data-event');
    var base = originOf(script.src);
    if (!idOrSlug || !base || script.getAttribute('data-zevents-ready')) return;
    script.setAttribute('data-zevents-ready', 'true');
    addStyle();
    if (script.getAttribute('data-mode') === 'inline') {
      var frame = makeFrame(base, idOrSlug, script.getAttribute('data-label') || 'Tickets');
      script.parentNode.insertBefore(frame, script.nextSibling);
      frames.push({ frame: frame, origin: base, script: script, close: null });
      return;
    }
    var button = d.createElement('button');
    button.type = 'button';
    button.className = 'zevents-button';
    button.textContent = script.getAttribute('data-label') || 'Buy tickets';
    button.setAttribute('aria-haspopup', 'dialog');
    button.addEventListener('click', function () { openModal(base, idOrSlug, button, script); });
    script.parentNode.insertBefore(button, script.nextSibling);
  }

  function scan() {
    var scripts = d.querySelectorAll('script[data-event]');
    for (var i = 0; i < scripts.length; i++) {
      if (/\\/embed\\.js(\\?|#|$)/.test(scripts[i].src)) setup(scripts[i]);
    }
  }

  function fire(target, detail) {
    if (!target) return;
    var event;
    try { event = new CustomEvent('zevents:order-paid', { detail: detail }); } catch (e) { return; }
    target.dispatchEvent(event);
  }

  w.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data.type !== 'string') return;
    for (var i = 0; i < frames.length; i++) {
      var entry = frames[i];
      if (event.source !== entry.frame.contentWindow || event.origin !== entry.origin) continue;
      if (data.type === 'zevents:resize' && typeof data.height === 'number' && data.height > 0) {
        entry.frame.style.height = Math.min(Math.ceil(data.height), 20000) + 'px';
      } else if (data.type === 'zevents:order-paid') {
        var detail = { orderId: String(data.orderId), eventId: String(data.eventId) };
        fire(entry.script.parentNode, detail);
        fire(w, detail);
      } else if (data.type === 'zevents:close' && entry.close) {
        entry.close();
      }
      return;
    }
  });

  w.ZEvents = {
    scan: scan,
    /** Opens the checkout of an event in the modal, from a button of the host's own. */
    open: function (idOrSlug, base) {
      var script = d.querySelector('script[src*="/embed.js"]');
      var origin = base ? originOf(base) : script && originOf(script.src);
      if (origin) openModal(origin, idOrSlug, d.activeElement, script || d.body);
    }
  };
  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', scan);
  else scan();
})();
`;

/** As sent: without its indentation (no string in it spans lines), so it stays well under 6 KB. */
export const EMBED_SCRIPT = SOURCE.replace(/^\s+/gm, '');
