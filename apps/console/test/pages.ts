/** The console's pages as the tests, screenshots and benchmark open them: each with a selector present once its data has loaded. */
export const PAGES = [
  { name: 'models', path: '/', ready: '[data-model="churn"] [data-fact="Decision"] .badge' },
  { name: 'performance', path: '/models/churn', ready: '[data-testid="slices"] tbody tr' },
  { name: 'drift', path: '/models/churn/drift', ready: '[data-testid="data-quality"] tbody tr' },
  { name: 'alerts', path: '/alerts', ready: 'form[aria-labelledby="monitor-form-title"]' },
  { name: 'registry', path: '/models/churn/registry', ready: '[data-testid="stage-history"] tbody tr' },
  { name: 'loop', path: '/models/churn/loop', ready: '[data-testid="label-budget"]' },
] as const;
