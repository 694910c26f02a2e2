import type { Auth } from './auth.ts';
import type { StaffProfile } from './logic/permissions.ts';
import type {
  FeedbackItem,
  FeedbackPage,
  HotTopic,
  Problem,
  ProblemSummary,
  Snapshot,
  SnapshotSummary,
} from './types.ts';

/** A problem action's body (contract §10). */
export type ProblemActionBody =
  | { action: 'analyse'; rootCause: { whys: string[]; cause: string; correctiveAction: string } }
  | { action: 'resolve'; resolution: string }
  | { action: 'close' };

/** An API refusal with the contract's error code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Filters of the feedback list; the same names are the console URL's query parameters. */
export interface ListFilters {
  status?: string;
  priority?: string;
  channel?: string;
  category?: string;
  type?: string;
  from?: string;
  before?: string;
  /** A team id (contract §7). */
  team?: string;
  /** A staff id, or `me` for the signed-in staff member. */
  assignee?: string;
}

/** The staff API, called with the signed-in staff member's token. */
export class Api {
  constructor(
    private readonly baseUrl: string,
    private readonly auth: Auth,
    private readonly onUnauthorized: () => void = () => undefined,
  ) {}

  async #call<T>(path: string, init: RequestInit = {}, accept = 'application/json'): Promise<Response> {
    const token = this.auth.token();
    const response = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers: {
        accept,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
    if (!response.ok) {
      let code = 'error';
      let message = response.statusText;
      try {
        const body = (await response.json()) as { error?: { code?: string; message?: string } };
        code = body.error?.code ?? code;
        message = body.error?.message ?? message;
      } catch {
        // not the error body; keep the status text
      }
      if (response.status === 401) this.onUnauthorized();
      throw new ApiError(response.status, code, message);
    }
    return response as Response & { json(): Promise<T> };
  }

  async #json<T>(path: string, init?: RequestInit): Promise<T> {
    return (await (await this.#call<T>(path, init)).json()) as T;
  }

  list(filters: ListFilters, options: { cursor?: string; limit?: number; sort?: 'deadline' } = {}) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
    if (options.sort) query.set('sort', options.sort);
    query.set('limit', String(options.limit ?? 50));
    if (options.cursor) query.set('cursor', options.cursor);
    return this.#json<FeedbackPage>(`/v1/feedback?${query}`);
  }

  get(id: string) {
    return this.#json<FeedbackItem>(`/v1/feedback/${encodeURIComponent(id)}`);
  }

  act(
    id: string,
    body: {
      action: string;
      version: number;
      note?: string;
      resolution?: string;
      team?: string;
      assignee?: string;
    },
  ) {
    return this.#json<FeedbackItem>(`/v1/feedback/${encodeURIComponent(id)}/actions`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
  }

  problem(id: string) {
    return this.#json<Problem>(`/v1/problems/${encodeURIComponent(id)}`);
  }

  /** Who is signed in and the routes their role may use. */
  me() {
    return this.#json<StaffProfile>('/v1/me');
  }

  hotTopics() {
    return this.#json<{ items: HotTopic[] }>('/v1/hot-topics');
  }

  problems() {
    return this.#json<{ items: ProblemSummary[] }>('/v1/problems');
  }

  createProblem(body: {
    title: string;
    description?: string;
    feedbackIds?: string[];
    fromHotTopic?: string;
  }) {
    return this.#json<{ id: string; status: string; linked: number }>('/v1/problems', {
      method: 'POST',
      body: JSON.stringify(body),
    });
  }

  linkProblem(id: string, feedbackIds: string[]) {
    return this.#json<Problem>(`/v1/problems/${encodeURIComponent(id)}/links`, {
      method: 'POST',
      body: JSON.stringify({ feedbackIds }),
    });
  }

  actOnProblem(id: string, body: ProblemActionBody) {
    return this.#json<Problem>(`/v1/problems/${encodeURIComponent(id)}/actions`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
  }

  snapshots() {
    return this.#json<{ items: SnapshotSummary[] }>('/v1/snapshots');
  }

  snapshot(period: string) {
    return this.#json<Snapshot>(`/v1/snapshots/${encodeURIComponent(period)}`);
  }

  recompute(period: string) {
    return this.#json<Snapshot>(`/v1/snapshots/${encodeURIComponent(period)}`, { method: 'POST' });
  }

  async csv(period: string): Promise<Blob> {
    const response = await this.#call(
      `/v1/snapshots/${encodeURIComponent(period)}?format=csv`,
      {},
      'text/csv',
    );
    return response.blob();
  }
}
