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

// The release build ships the module compressed ahead of time in LZMA's `.lzma` form
// (`….wasm.lzma`, scripts/web-build.sh): about 42 KB smaller than zopfli's gzip, which is what a
// visitor downloads. Browsers unpack only gzip and deflate themselves, so `unlzma` below does it.
// The fetch checks the preload link's integrity on the packed bytes.
function fetchModule(url) {
  const preload = document.querySelector('link[rel=preload][as=fetch]');
  const integrity = (preload && preload.getAttribute('integrity')) || undefined;
  return fetch(url, { integrity }).then((response) => {
    if (!response.ok) {
      throw new Error(`${url.pathname}: HTTP ${response.status}`);
    }
    if (!url.pathname.endsWith('.lzma')) {
      return response;
    }
    return response.arrayBuffer().then((packed) =>
      new Response(unlzma(new Uint8Array(packed)), { headers: { 'Content-Type': 'application/wasm' } }));
  });
}

// An LZMA decoder for the `.lzma` form with its size in the header, as the build writes it. It
// follows the reference decoder of the LZMA specification (LzmaSpec.cpp in the LZMA SDK), with the
// whole output as the dictionary. Decoders on npm were measured first: LZMA-JS takes half a
// second for the module, xz-decompress adds 9 KB gzip; this one takes a few milliseconds and
// about 1.5 KB. tests/e2e/unlzma.test.mjs checks it against xz's output.
function unlzma(src) {
  const damaged = () => {
    throw new Error('the page module is damaged');
  };
  let props = src[0], size = 0;
  const lc = props % 9, lp = (props = (props / 9) | 0) % 5, pb = (props / 5) | 0;
  for (let i = 12; i > 4; i--) size = size * 256 + src[i];
  if (src.length < 18 || size > 2 ** 31 || pb > 4) damaged();
  const out = new Uint8Array(size);
    // The range coder's range and code, unsigned 32-bit: kept in a typed array, they stay plain
  // integers for the engine (as closure variables they would be boxed at every update).
  // Every probability in one array, each model at its offset: the decoder touches one array.
  const isMatch = 0, isRep = 192, isRepG0 = 204, isRepG1 = 216, isRepG2 = 228, isRep0Long = 240;
  const slots = 432, special = 688, align = 803, lens = 819, repLens = 1333, literals = 1847;
  const p = new Uint16Array(literals + (0x300 << (lc + lp))).fill(1024);
  const rc = new Uint32Array([0xffffffff, 0]);
  let pos = 14, at = 0;
  for (let i = 0; i < 4; i++) rc[1] = rc[1] * 256 + src[pos++];

  const bit = (i) => {
    const bound = (rc[0] >>> 11) * p[i];
    let b = 0;
    if (rc[1] < bound) {
      rc[0] = bound;
      p[i] += (2048 - p[i]) >> 5;
    } else {
      rc[0] -= bound;
      rc[1] -= bound;
      p[i] -= p[i] >> 5;
      b = 1;
    }
    if (rc[0] < 0x1000000) {
      rc[0] <<= 8;
      rc[1] = (rc[1] << 8) | src[pos++];
    }
    return b;
  };
  const tree = (base, bits) => {
    let m = 1;
    for (let i = 0; i < bits; i++) m = (m << 1) + bit(base + m);
    return m - (1 << bits);
  };
  const reverse = (base, bits) => {
    let m = 1, sym = 0;
    for (let i = 0; i < bits; i++) {
      const b = bit(base + m);
      m = (m << 1) + b;
      sym |= b << i;
    }
    return sym;
  };
  const direct = (bits) => {
    let r = 0;
    while (bits--) {
      rc[0] >>>= 1;
      r <<= 1;
      if (rc[1] >= rc[0]) {
        rc[1] -= rc[0];
        r |= 1;
      }
      if (rc[0] < 0x1000000) {
        rc[0] <<= 8;
        rc[1] = (rc[1] << 8) | src[pos++];
      }
    }
    return r;
  };
  // A length coder: choice, choice 2, low and middle trees per position state, the high tree.
  const length = (coder, posState) =>
    !bit(coder) ? tree(coder + 2 + posState * 8, 3)
      : !bit(coder + 1) ? 8 + tree(coder + 130 + posState * 8, 3)
        : 16 + tree(coder + 258, 8);

  let state = 0, rep0 = 0, rep1 = 0, rep2 = 0, rep3 = 0;

  while (at < size) {
    const posState = at & ((1 << pb) - 1);
    if (!bit(isMatch + (state << 4) + posState)) {
      const base = literals + 0x300 * (((at & ((1 << lp) - 1)) << lc) + ((at ? out[at - 1] : 0) >> (8 - lc)));
      let sym = 1;
      if (state >= 7) {
        let match = out[at - rep0 - 1];
        while (sym < 0x100) {
          const matchBit = (match >> 7) & 1;
          match <<= 1;
          const b = bit(base + ((1 + matchBit) << 8) + sym);
          sym = (sym << 1) | b;
          if (matchBit !== b) break;
        }
      }
      while (sym < 0x100) sym = (sym << 1) | bit(base + sym);
      out[at++] = sym;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    let len;
    if (bit(isRep + state)) {
      if (!at) damaged();
      if (!bit(isRepG0 + state)) {
        if (!bit(isRep0Long + (state << 4) + posState)) {
          state = state < 7 ? 9 : 11;
          out[at] = out[at - rep0 - 1];
          at++;
          continue;
        }
      } else {
        let dist;
        if (!bit(isRepG1 + state)) {
          dist = rep1;
        } else {
          if (!bit(isRepG2 + state)) {
            dist = rep2;
          } else {
            dist = rep3;
            rep3 = rep2;
          }
          rep2 = rep1;
        }
        rep1 = rep0;
        rep0 = dist;
      }
      len = length(repLens, posState);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2;
      rep2 = rep1;
      rep1 = rep0;
      len = length(lens, posState);
      state = state < 7 ? 7 : 10;
      const slot = tree(slots + Math.min(len, 3) * 64, 6);
      if (slot < 4) {
        rep0 = slot;
      } else {
        const bits = (slot >> 1) - 1;
        rep0 = (2 | (slot & 1)) * 2 ** bits;
        rep0 += slot < 14 ? reverse(special + rep0 - slot, bits) : direct(bits - 4) * 16 + reverse(align, 4);
      }
      if (rep0 >= at) damaged(); // also the end marker (0xFFFFFFFF), which comes only after `size` bytes
    }
    for (len += 2; len-- && at < size; at++) out[at] = out[at - rep0 - 1];
  }
  if (pos > src.length) damaged();
  return out;
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

// Offline after one visit: the service worker (sw.js, written by the build with this build's
// files) serves the page's own files from its cache. Served from a file, or where the browser
// has no service workers, the page works as before, online.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('sw.js').catch(() => {});
}
