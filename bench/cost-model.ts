/**
 * A cost model for one million feedback items from the request counts the benchmark measured.
 * Prices are AWS list prices for us-east-1 as published in 2025 (on-demand, no free tier);
 * check the pricing pages for your region before relying on them.
 */
export const PRICES = {
  asOf: '2025 list prices, us-east-1',
  lambdaPerGbSecondArm: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  apiGatewayRestPerMillion: 3.5,
  dynamoDbPerMillionWriteUnits: 0.625,
  dynamoDbPerMillionReadUnits: 0.125,
  comprehendPerUnit: 0.0001, // one unit = 100 characters, at least 3 units per document
  sesPerThousandEmails: 0.1,
} as const;

export interface CostInputs {
  /** Comprehend documents per feedback (language detection + sentiment). */
  comprehendDocumentsPerItem: number;
  /** DynamoDB write requests per feedback (intake + triage + emails), each ≤ 1 KB item plus index writes. */
  writeRequestsPerItem: number;
  /** Global secondary indexes an average write also updates. */
  indexWritesPerWrite: number;
  /** Average item size in KB (write units are per KB). */
  itemKb: number;
  readUnitsPerItem: number;
  lambdaInvocationsPerItem: number;
  lambdaMsPerInvocation: number;
  lambdaMemoryGb: number;
  emailsPerItem: number;
}

export function costPerMillion(inputs: CostInputs) {
  const million = 1_000_000;
  const writeUnits =
    inputs.writeRequestsPerItem * (1 + inputs.indexWritesPerWrite) * Math.ceil(inputs.itemKb) * million;
  const lines = {
    apiGateway: PRICES.apiGatewayRestPerMillion,
    lambdaRequests: inputs.lambdaInvocationsPerItem * PRICES.lambdaPerMillionRequests,
    lambdaCompute:
      inputs.lambdaInvocationsPerItem *
      million *
      (inputs.lambdaMsPerInvocation / 1000) *
      inputs.lambdaMemoryGb *
      PRICES.lambdaPerGbSecondArm,
    dynamoDbWrites: (writeUnits / million) * PRICES.dynamoDbPerMillionWriteUnits,
    dynamoDbReads: inputs.readUnitsPerItem * PRICES.dynamoDbPerMillionReadUnits,
    comprehend: inputs.comprehendDocumentsPerItem * 3 * PRICES.comprehendPerUnit * million,
    ses: inputs.emailsPerItem * (million / 1000) * PRICES.sesPerThousandEmails,
  };
  const total = Object.values(lines).reduce((a, b) => a + b, 0);
  return {
    total: Math.round(total * 100) / 100,
    lines: Object.fromEntries(Object.entries(lines).map(([k, v]) => [k, Math.round(v * 100) / 100])),
    prices: PRICES,
    inputs,
  };
}
