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
  eventBridgePerMillionEvents: 1,
} as const;

/** Every input is a count per feedback item measured on the local stack (see bench/lifecycle.ts). */
export interface CostInputs {
  /** API requests in one item's life (submission, staff reads and actions). */
  apiRequestsPerItem: number;
  /** Comprehend documents per item (language detection + sentiment), from the triage run. */
  comprehendDocumentsPerItem: number;
  /** Comprehend billed units per item (per 100 characters, 3 minimum a document). */
  comprehendUnitsPerItem: number;
  /** DynamoDB write requests per item (for reference; units are what is billed). */
  writeRequestsPerItem: number;
  /** DynamoDB write units per item, table and index writes, as DynamoDB Local reported them. */
  writeUnitsPerItem: number;
  /** DynamoDB read units per item. */
  readUnitsPerItem: number;
  /** Lambda invocations per item: one per API request plus the stream functions' invocations. */
  lambdaInvocationsPerItem: number;
  /** Billed duration per invocation (the API's p50 locally, at least 20 ms). */
  lambdaMsPerInvocation: number;
  lambdaMemoryGb: number;
  emailsPerItem: number;
  /** EventBridge entries (domain events) per item. */
  eventsPerItem: number;
}

/** USD per million feedback items, line by line, from per-item counts. */
export function costPerMillion(inputs: CostInputs) {
  const million = 1_000_000;
  const lines = {
    apiGateway: inputs.apiRequestsPerItem * PRICES.apiGatewayRestPerMillion,
    lambdaRequests: inputs.lambdaInvocationsPerItem * PRICES.lambdaPerMillionRequests,
    lambdaCompute:
      inputs.lambdaInvocationsPerItem *
      million *
      (inputs.lambdaMsPerInvocation / 1000) *
      inputs.lambdaMemoryGb *
      PRICES.lambdaPerGbSecondArm,
    dynamoDbWrites: inputs.writeUnitsPerItem * PRICES.dynamoDbPerMillionWriteUnits,
    dynamoDbReads: inputs.readUnitsPerItem * PRICES.dynamoDbPerMillionReadUnits,
    comprehend: inputs.comprehendUnitsPerItem * PRICES.comprehendPerUnit * million,
    ses: inputs.emailsPerItem * (million / 1000) * PRICES.sesPerThousandEmails,
    eventBridge: inputs.eventsPerItem * PRICES.eventBridgePerMillionEvents,
  };
  const total = Object.values(lines).reduce((a, b) => a + b, 0);
  return {
    total: Math.round(total * 100) / 100,
    lines: Object.fromEntries(Object.entries(lines).map(([k, v]) => [k, Math.round(v * 100) / 100])),
    prices: PRICES,
    inputs,
  };
}

/** The model's inputs from one measured phase of the lifecycle (bench/lifecycle.ts). */
export function costInputsOf(phase: {
  apiRequestsPerItem: number;
  comprehendDocumentsPerItem: number;
  comprehendUnitsPerItem: number;
  writeRequestsPerItem: number;
  writeUnitsPerItem: number;
  readUnitsPerItem: number;
  lambdaInvocationsPerItem: number;
  apiP50Ms: number;
  emailsPerItem: number;
  eventsPerItem: number;
}): CostInputs {
  return {
    apiRequestsPerItem: phase.apiRequestsPerItem,
    comprehendDocumentsPerItem: phase.comprehendDocumentsPerItem,
    comprehendUnitsPerItem: phase.comprehendUnitsPerItem,
    writeRequestsPerItem: phase.writeRequestsPerItem,
    writeUnitsPerItem: phase.writeUnitsPerItem,
    readUnitsPerItem: phase.readUnitsPerItem,
    lambdaInvocationsPerItem: phase.lambdaInvocationsPerItem,
    lambdaMsPerInvocation: Math.max(phase.apiP50Ms, 20),
    lambdaMemoryGb: 0.5,
    emailsPerItem: phase.emailsPerItem,
    eventsPerItem: phase.eventsPerItem,
  };
}
