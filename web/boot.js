// Starts the page's WebAssembly module. It is a file rather than an inline script so that the
// Content-Security-Policy can forbid inline scripts altogether.
const me = document.querySelector('script[data-wasm]');

function fail(err) {
  const root = document.getElementById('app');
  if (root) {
    // Both languages: the page's own language choice lives in the module that failed to load.
    root.textContent =
      'The page could not start: this browser needs WebAssembly and module scripts. ' +
      'ページを開始できませんでした。このブラウザーでは WebAssembly とモジュール スクリプトが必要です。' +
      (err && err.message ? ' (' + err.message + ')' : '');
    root.className = 'boot-failed';
  }
}

// The release build ships the module compressed ahead of time (`….wasm.gz`, zopfli: smaller than
// the server's own gzip); the browser's DecompressionStream unpacks it, unless the server already
// did (a `Content-Encoding` header). The preload link's integrity is checked on these bytes.
function fetchModule(url) {
  const preload = document.querySelector('link[rel=preload][as=fetch]');
  const integrity = (preload && preload.getAttribute('integrity')) || undefined;
  return fetch(url, { integrity }).then((response) => {
    if (!response.ok) {
      throw new Error(`${url.pathname}: HTTP ${response.status}`);
    }
    if (!url.pathname.endsWith('.gz') || /gzip/i.test(response.headers.get('Content-Encoding') || '')) {
      return response;
    }
    const body = response.body.pipeThrough(new DecompressionStream('gzip'));
    return new Response(body, { headers: { 'Content-Type': 'application/wasm' } });
  });
}

if (!me) {
  fail(new Error('boot script attributes missing'));
} else {
  import(new URL(me.dataset.js, document.baseURI).href)
    .then((glue) => glue.default({ module_or_path: fetchModule(new URL(me.dataset.wasm, document.baseURI)) }))
    .then((wasm) => {
      // The module's memory only grows: its size is the page's peak (read by benches/browser.mjs).
      // Found by type: the module's export names are shortened (scripts/short-names.py).
      const memory = Object.values(wasm).find((value) => value instanceof WebAssembly.Memory);
      window.preflightMemoryBytes = () => (memory ? memory.buffer.byteLength : NaN);
    })
    .catch(fail);
}
