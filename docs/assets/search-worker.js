// Pagefind's worker (pagefind/pagefind-worker.js, named by ?pagefind=), run with its fetches of word-index
// chunks checked: search.js starts this in place of Pagefind's own worker, where Pagefind searches without
// holding up the page (in the page, each key typed on a phone held it up to 0.7 s at 10,000 statements).
//
// Pagefind (1.5.2) takes a chunk it cannot load (a phone dropping the network, a transfer cut short, a
// portal's page instead) for an empty one: its search then finds fewer pages, or none, and reports no error.
// Here a chunk whose fetch fails, or whose bytes are not a whole Pagefind file (gzip that unpacks to Pagefind's
// signature, or the signature itself, a server having unpacked it), is reported to the page
// ({ dossierLostChunk: url }) before Pagefind is handed the response: the report reaches the page before the
// search's answer does. And it is fetched afresh from the server the next time, not from the browser's cache,
// which may keep a 404: search.js sends the chunks lost under an earlier worker ({ dossierReload: [url…] }) before
// Pagefind's first message, and is told of one that loads again ({ dossierRecovered: url }).
//
// A network can stall rather than fail. Any of Pagefind's files not whole within PATIENCE of being asked for is
// given up: a chunk is then lost, as above; its entry, its page list, its wasm or a result's fragment fails,
// as a file the server did not send, and search.js says the index could not be loaded and offers to try again.
// Either way the reader is not left at "Searching…" for as long as the browser waits. Every other fetch
// passes as it was.
(function () {
  "use strict";
  var CHUNK = /\.pf_(?:index|filter)(?:[?#]|$)/;
  // The rest of what Pagefind fetches: its entry, each language's page list and wasm, the results' fragments.
  var PAGEFIND_FILE = /(?:\/pagefind-entry\.json|\.pf_(?:meta|fragment)|\/wasm\.[\w-]+\.pagefind)(?:[?#]|$)/;
  var SIGNATURE = "pagefind_dcd";
  // Milliseconds. A chunk or a fragment is a few kilobytes to some tens (at 10,000 statements), the wasm and a
  // page list some tens to a few hundred: seconds on a slow phone network; twenty leave room for one that starts late.
  var PATIENCE = 20000;
  var address = new URL(self.location.href);
  var refetch = {}; // chunk URL → true while its last fetch failed, in this worker or one before it
  var fetching = self.fetch;

  // Before Pagefind's own listener (added by its script, below): the message is search.js's, not Pagefind's.
  self.addEventListener("message", function (event) {
    if (!event.data || !Array.isArray(event.data.dossierReload)) return;
    event.stopImmediatePropagation();
    event.data.dossierReload.forEach(function (url) {
      if (typeof url === "string") refetch[url] = true;
    });
  });

  function signed(bytes) {
    return bytes.length === SIGNATURE.length && String.fromCharCode.apply(null, bytes) === SIGNATURE;
  }

  function start(buffer) {
    return new Uint8Array(buffer, 0, Math.min(buffer.byteLength, SIGNATURE.length));
  }

  function whole(response) {
    // An error's body is read too: given up with the chunk if it stalls, where Pagefind would wait for it.
    if (!response.ok) return response.clone().arrayBuffer().then(function () { return false; }, function () { return false; });
    return response.clone().arrayBuffer().then(function (bytes) {
      if (signed(start(bytes))) return true;
      var head = new Uint8Array(bytes, 0, Math.min(bytes.byteLength, 2));
      if (head.length < 2 || head[0] !== 0x1f || head[1] !== 0x8b) return false;
      if (typeof DecompressionStream !== "function") return true; // gzip, as far as can be told here
      var unpacked = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(unpacked).arrayBuffer().then(function (plain) { return signed(start(plain)); });
    }).catch(function () { return false; });
  }

  function lost(url) {
    refetch[url] = true;
    self.postMessage({ dossierLostChunk: url });
  }

  // `asked` with a signal that aborts it once PATIENCE is spent (Pagefind's read of the body fails too); the
  // timer, for the caller to clear once the body is all here. Where the browser has no AbortController, nothing.
  function patient(asked) {
    if (typeof AbortController !== "function" || asked.signal) return 0;
    var stalled = new AbortController();
    asked.signal = stalled.signal;
    return setTimeout(function () { stalled.abort(); }, PATIENCE);
  }

  self.fetch = function (input, init) {
    var url = input && typeof input === "object" && "url" in input ? input.url : String(input);
    var chunk = CHUNK.test(url);
    if (!chunk && !PAGEFIND_FILE.test(url)) return fetching.apply(this, arguments);
    var asked = Object.assign({}, init, chunk && refetch[url] ? { cache: "reload" } : {});
    var giveUp = patient(asked);
    var answer = fetching.call(this, input, asked);
    if (!chunk) {
      // Handed over once its body is all here, or failed: Pagefind reads it whole anyway.
      return answer.then(function (response) {
        return response.clone().arrayBuffer().then(function () { clearTimeout(giveUp); return response; });
      }).catch(function (error) {
        clearTimeout(giveUp);
        throw error;
      });
    }
    return answer.then(function (response) {
      return whole(response).then(function (ok) {
        clearTimeout(giveUp);
        if (!ok) lost(url);
        else if (refetch[url]) {
          delete refetch[url];
          self.postMessage({ dossierRecovered: url });
        }
        return response;
      });
    }, function (error) {
      clearTimeout(giveUp);
      lost(url);
      throw error;
    });
  };

  // Only Pagefind's worker, of this site: the name comes from the address this worker was started at.
  var named = address.searchParams.get("pagefind");
  var pagefind = named ? new URL(named, self.location.href) : null;
  if (!pagefind || pagefind.origin !== self.location.origin || !/\/pagefind-worker\.js$/.test(pagefind.pathname)) {
    throw new Error("search-worker.js: no Pagefind worker of this site named");
  }
  importScripts(pagefind.href);
  self.postMessage({ dossierStarted: true }); // search.js gives up a worker whose scripts have not come
})();
