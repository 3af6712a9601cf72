'use strict';
// Fills in the command that pairs a remote kiosk with the code of the QR link.
document.addEventListener('DOMContentLoaded', () => {
  const code = new URLSearchParams(location.hash.slice(1)).get('pair');
  const valid = code && /^[A-Za-z0-9-]{4,16}$/.test(code);
  document.getElementById('command').textContent =
    'gastvrij kiosk --server ' + location.origin + (valid ? ' --pair ' + code : '');
});
