import { useEffect, useState } from 'preact/hooks';
import { apiKey, ErrorBox, gql, Link, matchPath, useLocation, asApiError, type ApiError } from '@tideline/console-ui';
import { AlertsPage } from './pages/alerts.tsx';
import { DriftPage } from './pages/drift.tsx';
import { LoopPage } from './pages/loop.tsx';
import { ModelsPage } from './pages/models.tsx';
import { PerformancePage } from './pages/performance.tsx';
import { RegistryPage } from './pages/registry.tsx';

const MODEL_PAGES = [
  { suffix: '', title: 'Performance', Page: PerformancePage },
  { suffix: '/drift', title: 'Drift & data quality', Page: DriftPage },
  { suffix: '/registry', title: 'Registry', Page: RegistryPage },
  { suffix: '/loop', title: 'Loop', Page: LoopPage },
] as const;

function route(path: string) {
  if (path === '/' || path === '') return { title: 'Models', body: <ModelsPage /> };
  if (path === '/alerts') return { title: 'Alerts & monitors', body: <AlertsPage /> };
  for (const { suffix, title, Page } of MODEL_PAGES) {
    const params = matchPath(`/models/:name${suffix}`, path);
    if (params) return { title: `${params.name} · ${title}`, model: params.name, body: <Page model={params.name!} /> };
  }
  return { title: 'Not found', body: <p>No page at {path}. <Link href="/">See the models</Link>.</p> };
}

export function App() {
  const [key, setKey] = useState(apiKey.get());
  const { path } = useLocation();
  if (!key) return <KeyForm onKey={setKey} />;
  const page = route(path);
  const model = 'model' in page ? page.model : undefined;
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <Link href="/">
          <span class="brand">Tideline</span>
        </Link>
        <nav aria-label="Pages">
          <ul>
            <li><Link href="/" nav>Models</Link></li>
            <li><Link href="/alerts" nav>Alerts & monitors</Link></li>
          </ul>
        </nav>
        {model && (
          <nav aria-label={`Model ${model}`}>
            <ul>
              {MODEL_PAGES.map(({ suffix, title }) => (
                <li><Link href={`/models/${encodeURIComponent(model)}${suffix}`} nav>{title}</Link></li>
              ))}
            </ul>
          </nav>
        )}
        <button
          type="button"
          onClick={() => {
            apiKey.clear();
            setKey(null);
          }}
        >
          Forget API key
        </button>
      </header>
      <Title title={page.title} />
      <main id="main">{page.body}</main>
    </>
  );
}

function Title({ title }: { title: string }) {
  useEffect(() => void (document.title = `${title} · Tideline`), [title]);
  return null;
}

/** The key is asked once per tab, checked against the API, and kept in sessionStorage only. */
function KeyForm({ onKey }: { onKey: (key: string) => void }) {
  const [error, setError] = useState<ApiError>();
  const [checking, setChecking] = useState(false);
  return (
    <main id="main" class="login">
      <Title title="API key" />
      <h1>Tideline console</h1>
      <p>
        Enter an API key of your project. <code>npm start</code> prints the development key (also in <code>.tideline/dev-key</code>); it stays in this tab only.
      </p>
      <form
        class="row"
        onSubmit={async (e) => {
          e.preventDefault();
          const key = String(new FormData(e.currentTarget).get('key') ?? '').trim();
          setChecking(true);
          apiKey.set(key);
          try {
            await gql('{ models { name } }');
            onKey(key);
          } catch (err) {
            apiKey.clear();
            setError(asApiError(err));
          } finally {
            setChecking(false);
          }
        }}
      >
        <div class="field">
          <label for="api-key">API key</label>
          <input id="api-key" name="key" type="password" autocomplete="off" required size={40} placeholder="tl_…" />
        </div>
        <button class="primary" type="submit" disabled={checking}>
          Use key
        </button>
      </form>
      {error && <ErrorBox error={error} title="This key does not work" />}
    </main>
  );
}
