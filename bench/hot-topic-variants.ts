/**
 * `npm run bench:hot-topics`: the hot-topic test's false-alarm rate on a quiet synthetic month
 * and its detection delay for bursts, for the defaults and a few stricter settings. Writes
 * bench/hot-topics-results.json (quoted in docs/HOT-TOPICS.md).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../infra/project-root.ts';
import { simulate } from './hot-topic-sim.ts';

const stream = { complaintsPerDay: 200, vocabulary: 3000, termsPerComplaint: 6 };
const variants = [
  { name: 'defaults (alpha 0.001, minCount 5)', hotTopics: {} },
  { name: 'alpha 0.0001', hotTopics: { alpha: 0.0001 } },
  { name: 'minCount 8', hotTopics: { minCount: 8 } },
];
const results = [];
for (const variant of variants) {
  const quiet = await simulate({ stream, scanDays: 30, config: { hotTopics: variant.hotTopics } });
  const bursts = [];
  for (const burst of [
    { startHour: 33, size: 12, perHour: 12 },
    { startHour: 33, size: 12, perHour: 6 },
    { startHour: 33, size: 12, perHour: 3 },
  ]) {
    bursts.push(
      (await simulate({ stream, scanDays: 3, config: { hotTopics: variant.hotTopics }, burst })).burst,
    );
  }
  const result = { variant: variant.name, quietMonth: quiet, bursts };
  console.log(JSON.stringify(result));
  results.push(result);
}
writeFileSync(
  path.join(PROJECT_ROOT, 'bench', 'hot-topics-results.json'),
  `${JSON.stringify({ measuredAt: new Date().toISOString(), stream, results }, null, 2)}\n`,
);
