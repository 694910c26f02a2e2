import { ApiError } from './api.ts';
import type { Services } from './context.ts';

/** One dimension's figure (contract §11). */
export interface DimensionFigure {
  average: number | null;
  responses: number;
  ci95: [number, number] | null;
}

export interface CampaignSummary {
  id: string;
  questionnaireId: string;
  createdAt: string;
  closesAt: string;
  recipients: number;
}

export interface CampaignResults {
  id: string;
  status: 'open' | 'closed';
  createdAt: string;
  closesAt: string;
  recipients: number;
  invited: number;
  reminded: number;
  responses: number;
  responseRate: number;
  dimensions: Record<string, DimensionFigure>;
  nps?: { score: number | null; responses: number };
  previous: { id: string; createdAt: string; dimensions: Record<string, DimensionFigure> } | null;
}

export interface Question {
  id: string;
  kind: 'likert5' | 'nps' | 'choice' | 'text';
  label: { en: string; zh: string; 'zh-TW'?: string };
  options?: { id: string; label: { en: string; zh: string } }[];
  required: boolean;
}

export interface CallList {
  campaignId: string;
  questionnaire: { id: string; title: { en: string; zh: string }; questions: Question[] };
  items: {
    recipientId: string;
    phone: string;
    language: string;
    invitedAt: string | null;
    answeredAt: string | null;
  }[];
}

async function call<T>(services: Services, path: string, body?: unknown): Promise<T> {
  const token = services.auth.token();
  const response = await fetch(`${services.config.apiUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const parsed = (await response.json().catch(() => ({}))) as T & {
    error?: { code?: string; message?: string; issues?: { path: string; message: string }[] };
  };
  if (!response.ok) {
    const issues = parsed.error?.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new ApiError(
      response.status,
      parsed.error?.code ?? 'error',
      [parsed.error?.message ?? response.statusText, issues].filter(Boolean).join(' '),
    );
  }
  return parsed;
}

/** The survey campaign routes the console uses (contract §11). */
export const campaignsApi = {
  list: (services: Services) => call<{ items: CampaignSummary[] }>(services, '/v1/campaigns'),
  results: (services: Services, id: string) =>
    call<CampaignResults>(services, `/v1/campaigns/${encodeURIComponent(id)}`),
  calls: (services: Services, id: string) =>
    call<CallList>(services, `/v1/campaigns/${encodeURIComponent(id)}/calls`),
  answerCall: (
    services: Services,
    id: string,
    recipientId: string,
    answers: Record<string, number | string>,
  ) =>
    call<{ status: string }>(
      services,
      `/v1/campaigns/${encodeURIComponent(id)}/calls/${encodeURIComponent(recipientId)}`,
      { answers },
    ),
};
