import type { CsatCounts } from '../domain/snapshot-math.ts';

/**
 * Where a snapshot gets the CSAT of campaign responses (contract §11) for `csat.bySource.campaign`.
 * The campaign store owns the answers; this port only asks it for counts, so the snapshot never
 * learns how campaigns are stored.
 *
 * A source counts each campaign response answered in [from, to) and recorded at or before `asOf`
 * once, with its rating (`campaignCsatRating`: the mean of its `overall` likert5 answers, else of
 * all its likert5 answers), so a recomputation with the same `asOf` gives the same counts (the
 * snapshot stays exact and idempotent). `readUnits` is what reading them cost, when known.
 */
export interface CampaignCsatSource {
  csatBetween(from: string, to: string, asOf: string): Promise<CsatCounts & { readUnits?: number }>;
}

/** No campaign responses (`campaign` reports 0 responses, average null): tests and benches without campaigns. */
export const noCampaignCsat: CampaignCsatSource = {
  csatBetween: async () => ({ sum: 0, responses: 0 }),
};
