import type { ListFilters } from '../api.ts';

const FILTER_KEYS = [
  'status',
  'priority',
  'channel',
  'category',
  'type',
  'from',
  'before',
  'team',
  'assignee',
] as const;

/** The inbox URL (relative to the console's base) that lists the feedback behind a figure. */
export function drillDownHref(filters: ListFilters): string {
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) query.set(key, value);
  }
  const text = query.toString();
  return text ? `/?${text}` : '/';
}

/** Reads list filters from a URL query string, keeping only the names the API knows. */
export function filtersFromSearch(search: string): ListFilters {
  const query = new URLSearchParams(search);
  const filters: ListFilters = {};
  for (const key of FILTER_KEYS) {
    const value = query.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/** Which quarter-figure a trend chart shows, and the list behind a quarter's value. */
export const FIGURE_FILTERS: Record<string, ListFilters> = {
  csat: {},
  nps: {},
  complaintRate: { type: 'complaint' },
  slaCompliance: {},
  closureRate: { type: 'complaint' },
};
