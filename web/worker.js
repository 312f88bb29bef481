// The analysis worker's start-up. The page posts its own compiled WebAssembly module and the URL
// of its JS glue; starting that module here runs `main`, which sees a worker scope and waits for
// inputs to analyse. Nothing is downloaded or compiled twice.
self.onmessage = (event) => {
  self.onmessage = null;
  const { glue, module } = event.data || {};
  import(glue)
    .then((g) => g.default({ module_or_path: module }))
    .catch((err) => {
      self.postMessage({ type: 'failed', detail: String((err && err.message) || err) });
    });
};
