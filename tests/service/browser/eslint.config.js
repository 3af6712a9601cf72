// Lints the web pages' JavaScript (app/web/*.js) — run by lint.sh. Beyond
// ESLint's recommended rules it refuses what the pages promise never to do:
// markup from strings (visitors type names), inline styles (the CSP blocks
// them), and — on the desk page — browser storage, which could hold a secret
// (the token lives in an HttpOnly cookie only).
import js from '@eslint/js';

const browser = Object.fromEntries([
  'window', 'document', 'navigator', 'location', 'history', 'fetch', 'EventSource', 'URLSearchParams', 'URL',
  'AbortSignal', 'AbortController', 'CSS', 'Event', 'EventTarget', 'HTMLElement', 'console',
  'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'requestAnimationFrame',
  'localStorage', 'sessionStorage', 'confirm', 'alert', 'MutationObserver', 'performance', 'crypto',
].map((name) => [name, 'readonly']));

const forbidden = [
  ['innerHTML', 'build nodes with textContent / el(); never parse strings as markup'],
  ['outerHTML', 'build nodes with textContent / el(); never parse strings as markup'],
  ['insertAdjacentHTML', 'build nodes with textContent / el(); never parse strings as markup'],
  ['style', 'inline styles are blocked by the Content-Security-Policy; use a class'],
  ['write', 'document.write builds markup from strings'],
];

export default [
  js.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: browser },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': ['error',
        ...forbidden.map(([name, message]) => ({ selector: `MemberExpression[property.name="${name}"]`, message })),
        { selector: 'CallExpression[callee.property.name="setAttribute"][arguments.0.value="style"]', message: 'inline styles are blocked by the Content-Security-Policy; use a class' },
      ],
      // `let x = null; try { x = … } catch { … }` reads plainly; not a finding.
      'no-useless-assignment': 'off',
      eqeqeq: ['error', 'always'],
      'prefer-const': 'error',
    },
  },
  {
    // The desk page keeps nothing in browser storage at all (the phone page
    // still reads an old token there once, to trade it for the cookie).
    files: ['desk*.js'],
    rules: {
      'no-restricted-globals': ['error',
        { name: 'localStorage', message: 'no browser storage: the session lives in the HttpOnly cookie' },
        { name: 'sessionStorage', message: 'no browser storage: the session lives in the HttpOnly cookie' }],
      'no-restricted-properties': ['error',
        { object: 'window', property: 'localStorage', message: 'no browser storage' },
        { object: 'window', property: 'sessionStorage', message: 'no browser storage' }],
    },
  },
];
