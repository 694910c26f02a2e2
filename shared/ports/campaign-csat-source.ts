import type { CsatCounts } from '../domain/snapshot-math.ts';

/**
 * Where a snapshot gets the CSAT of campaign responses (contract §11) for `csat.bySource.campaign`.
 * The campaign store owns the answers; this port only asks it for counts, so the snapshot never
 * learns how campaigns are stored.
 *
 * The integrator wires the real source in `shared/adapters/snapshot-service-factory.ts`: it must
 * count every campaign answer that measures CSAT (a `likert5` question of the campaign's CSAT
 * dimension, 1–5) answered in [from, to) and recorded at or before `asOf`, each answer once, so a
 * recomputation with the same `asOf` gives the same counts (the snapshot stays exact and
 * idempotent).
 */
export interface CampaignCsatSource {
  csatBetween(from: string, to: string, asOf: string): Promise<CsatCounts>;
}

/** The default until campaigns land: no campaign responses (`campaign` reports 0 responses, average null). */
export const noCampaignCsat: CampaignCsatSource = {
  csatBetween: async () => ({ sum: 0, responses: 0 }),
};
