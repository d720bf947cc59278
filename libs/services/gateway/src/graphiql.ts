import { css, editorWorkerService, graphqlWorker, js, jsonWorker } from '@graphql-yoga/render-graphiql/graphiql';
import { EXAMPLE_TABS } from './graphiql-examples.ts';

const ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="28" height="28"><path d="M2 14c3 0 3-3 6.5-3S12 14 15.5 14 19 11 22 11M2 19c3 0 3-3 6.5-3s3.5 3 7 3 3.5-3 6.5-3" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';

// Options of Yoga's GraphiQL (graphql-yoga's GraphiQLOptions).
const OPTIONS = { title: 'Tideline', logo: ICON, defaultTabs: EXAMPLE_TABS };

// Runs before GraphiQL's bundle: GraphiQL sends every request (schema,
// queries, SSE subscriptions) through globalThis.fetch, which this wraps to
// add the key. The key stays in this browser (localStorage).
const apiKeyScript = (endpoint: string) => `
(() => {
  const STORAGE = 'tideline:api-key';
  const endpoint = new URL(${JSON.stringify(endpoint)}, location.href).href;
  const input = document.getElementById('api-key');
  const showState = () => (document.getElementById('api-key-state').textContent = localStorage.getItem(STORAGE)
    ? 'sent as Authorization: Bearer <key>' : 'needed for every query');
  input.value = localStorage.getItem(STORAGE) || '';
  showState();
  document.getElementById('tideline-bar').addEventListener('submit', (event) => {
    event.preventDefault();
    localStorage.setItem(STORAGE, input.value.trim());
    showState();
    // GraphiQL fetches the schema again, now with the key (a reload would open an empty tab).
    const refetch = document.querySelector('button[aria-label^="Re-fetch GraphQL schema"]');
    if (refetch) refetch.click();
    else location.reload();
  });
  const fetch = globalThis.fetch.bind(globalThis);
  globalThis.fetch = (resource, init = {}) => {
    const key = localStorage.getItem(STORAGE);
    const url = new URL(resource instanceof Request ? resource.url : String(resource), location.href);
    if (!key || url.origin + url.pathname !== endpoint) return fetch(resource, init);
    const headers = new Headers(init.headers ?? (resource instanceof Request ? resource.headers : undefined));
    if (!headers.has('authorization')) headers.set('authorization', 'Bearer ' + key);
    return fetch(resource, { ...init, headers });
  };
})();`;

/**
 * GraphiQL with every asset inline — script, styles, fonts and editor
 * workers from the installed @graphql-yoga/render-graphiql — so the page
 * works without internet access; plus a bar for the API key. About 9 MB,
 * built once per server.
 */
export function graphiqlPage(endpoint: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>Tideline GraphiQL</title>
<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(ICON)}" />
<style>${css}</style>
<style>
  body { margin: 0; }
  #tideline-bar { height: 40px; box-sizing: border-box; display: flex; align-items: center; gap: 8px; padding: 0 12px;
    font: 14px system-ui, sans-serif; border-bottom: 1px solid #8885; }
  #tideline-bar input { width: 26em; font: 13px monospace; padding: 3px 6px; }
  #api-key-state { opacity: 0.7; }
  #root .graphiql-container { height: calc(100vh - 40px); }
</style>
</head>
<body id="body" class="no-focus-outline">
<form id="tideline-bar">
  <strong>Tideline</strong>
  <label for="api-key">API key</label>
  <input id="api-key" name="api-key" type="password" autocomplete="off" placeholder="tl_…" />
  <button id="api-key-use" type="submit">Use key</button>
  <span id="api-key-state"></span>
</form>
<div id="root"></div>
<script>${apiKeyScript(endpoint)}</script>
<script>
  const worker = (source) => URL.createObjectURL(new Blob([source], { type: 'application/javascript' }));
  const workers = {
    editorWorkerService: worker(${JSON.stringify(editorWorkerService)}),
    json: worker(${JSON.stringify(jsonWorker)}),
    graphql: worker(${JSON.stringify(graphqlWorker)}),
  };
  self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_moduleId, label) => workers[label] };
</script>
<script>${js}</script>
<script>YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), ${JSON.stringify({ ...OPTIONS, endpoint })});</script>
</body>
</html>`;
}

/** Yoga's `renderGraphiQL`: builds the page on first use, then serves the same string. */
export function createGraphiqlRenderer(): (options?: { endpoint?: string }) => string {
  let page: string | undefined;
  return (options) => (page ??= graphiqlPage(options?.endpoint ?? '/graphql'));
}
