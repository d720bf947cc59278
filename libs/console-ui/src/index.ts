export { apiKey, gql, subscribe, ApiError, GRAPHQL_PATH } from './api.ts';
export { useQuery, useSubscription, useMutation, asApiError, type QueryState } from './hooks.ts';
export { navigate, useLocation, setParam, matchPath, type Location } from './router.ts';
export { Link } from './link.tsx';
export { formatNumber, formatShare, formatPValue, formatTime, formatSliceKey } from './format.ts';
export { ErrorBox, EmptyState, Loading, Loaded, Badge } from './status.tsx';
export { Table, type Column } from './table.tsx';
export { TimeChart, Sparkline, Histogram, type ChartSeries } from './chart.tsx';
export { Field, errorIsOnAField } from './form.tsx';
