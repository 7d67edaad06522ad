// courtwatch pages: the only script (same-origin; the CSP forbids inline
// script). Progressive enhancement only: every page works without it.
//  - <form data-confirm="text">: asks before submitting (erase, lift, rotate).
//  - <button data-copy="id">: copies the text of the element #id.
'use strict';
document.addEventListener('submit', (e) => {
  const msg = e.target.getAttribute && e.target.getAttribute('data-confirm');
  if (msg && !window.confirm(msg)) e.preventDefault();
});
document.addEventListener('click', (e) => {
  const b = e.target.closest && e.target.closest('button[data-copy]');
  if (!b) return;
  const el = document.getElementById(b.getAttribute('data-copy'));
  if (el && navigator.clipboard) navigator.clipboard.writeText(el.textContent.trim());
});
