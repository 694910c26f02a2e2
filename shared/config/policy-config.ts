import * as z from '../schemas/zod.ts';

/** A deadline length: clock hours, or working days on the business calendar. */
export const deadlineSpecSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.discriminatedUnion('unit', [
    z.object({ unit: z.literal('clockHours'), amount: z.number().check(z.positive()) }),
    z.object({ unit: z.literal('workingDays'), amount: z.number().check(z.positive()) }),
  ]),
);
export type DeadlineSpec = z.infer<typeof deadlineSpecSchema>;

const priorityDeadlinesSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.object({
    firstResponse: deadlineSpecSchema,
    resolution: z.nullable(deadlineSpecSchema),
  }),
);

/** One category of the taxonomy: keywords in any language, matched on normalised text. */
export const categorySchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.object({
    id: z.string().check(z.regex(/^[a-z][a-z0-9_]{0,39}$/)),
    label: z.object({ en: z.string(), zh: z.string(), 'zh-TW': z.string() }),
    keywords: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  }),
);
export type CategoryDefinition = z.infer<typeof categorySchema>;

/** The default taxonomy the quarterly Pareto analysis counts complaints by. */
export const DEFAULT_TAXONOMY: CategoryDefinition[] = [
  {
    id: 'safety',
    label: { en: 'Safety', zh: '安全', 'zh-TW': '安全' },
    keywords: [
      'safety',
      'unsafe',
      'danger',
      'injur',
      'hurt',
      'fire',
      'hazard',
      'accident',
      '安全',
      '危险',
      '受伤',
      '隐患',
      '事故',
      '着火',
      '摔倒',
    ],
  },
  {
    id: 'billing_payment',
    label: { en: 'Billing and payment', zh: '账单与支付', 'zh-TW': '帳單與支付' },
    keywords: [
      'bill',
      'charge',
      'refund',
      'payment',
      'invoice',
      'overcharg',
      'money',
      'price',
      'fee',
      '收费',
      '扣费',
      '退款',
      '付款',
      '支付',
      '账单',
      '多收',
      '发票',
      '价格',
      '钱',
    ],
  },
  {
    id: 'outage',
    label: { en: 'Service outage', zh: '服务中断', 'zh-TW': '服務中斷' },
    keywords: [
      'outage',
      'down',
      'not working',
      "doesn't work",
      'crash',
      'offline',
      'cannot log in',
      "can't log in",
      '宕机',
      '崩溃',
      '无法登录',
      '打不开',
      '停运',
      '中断',
      '故障',
      '瘫痪',
    ],
  },
  {
    id: 'staff_attitude',
    label: { en: 'Staff attitude', zh: '服务态度', 'zh-TW': '服務態度' },
    keywords: [
      'rude',
      'impolite',
      'attitude',
      'unfriendly',
      'ignored',
      'arrogant',
      'staff',
      '态度',
      '不耐烦',
      '冷漠',
      '服务员',
      '工作人员',
      '粗鲁',
      '不礼貌',
    ],
  },
  {
    id: 'waiting_time',
    label: { en: 'Waiting and response time', zh: '等待与响应时间', 'zh-TW': '等待與回應時間' },
    keywords: [
      'wait',
      'queue',
      'slow',
      'delay',
      'no response',
      'no reply',
      '排队',
      '等了',
      '等待',
      '太慢',
      '慢',
      '很久',
      '没人回复',
      '延迟',
    ],
  },
  {
    id: 'delivery',
    label: { en: 'Delivery', zh: '配送', 'zh-TW': '配送' },
    keywords: [
      'deliver',
      'shipping',
      'parcel',
      'package',
      'courier',
      'arrived',
      '快递',
      '配送',
      '送货',
      '物流',
      '包裹',
    ],
  },
  {
    id: 'product_quality',
    label: { en: 'Product quality', zh: '产品质量', 'zh-TW': '產品品質' },
    keywords: [
      'broken',
      'defect',
      'quality',
      'faulty',
      'damaged',
      'stopped working',
      '质量',
      '坏了',
      '破损',
      '瑕疵',
      '次品',
      '故障',
    ],
  },
  {
    id: 'environment',
    label: { en: 'Environment and facilities', zh: '环境与设施', 'zh-TW': '環境與設施' },
    keywords: [
      'dirty',
      'clean',
      'toilet',
      'noise',
      'noisy',
      'smell',
      'parking',
      'temperature',
      '环境',
      '卫生',
      '脏',
      '洗手间',
      '厕所',
      '噪音',
      '吵',
      '停车',
      '空调',
      '气味',
    ],
  },
];

/** Priority and deadline policy (contract §3); every threshold can be changed at deploy time. */
export const policyConfigSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.object({
    /** A complaint whose NEGATIVE score reaches this is "strongly negative". */
    strongNegativeScore: z._default(z.number().check(z.gte(0), z.lte(1)), 0.8),
    /** Categories whose strongly negative complaints are P1 (safety, money, outage). */
    criticalCategories: z._default(z.array(z.string()), ['safety', 'billing_payment', 'outage']),
    /** Customer segments whose complaints are at least P2. */
    vipSegments: z._default(z.array(z.string()), ['vip']),
    /** The same customer's `raiseAtCount`-th complaint within `windowDays` is raised one level. */
    repeat: z._default(
      z.object({
        windowDays: z._default(z.int().check(z.gte(1), z.lte(365)), 30),
        raiseAtCount: z._default(z.int().check(z.gte(2)), 3),
      }),
      { windowDays: 30, raiseAtCount: 3 },
    ),
    deadlines: z._default(
      z.object({
        P1: priorityDeadlinesSchema,
        P2: priorityDeadlinesSchema,
        P3: priorityDeadlinesSchema,
        P4: priorityDeadlinesSchema,
      }),
      {
        P1: {
          firstResponse: { unit: 'clockHours', amount: 24 },
          resolution: { unit: 'clockHours', amount: 72 },
        },
        P2: {
          firstResponse: { unit: 'workingDays', amount: 1 },
          resolution: { unit: 'workingDays', amount: 5 },
        },
        P3: {
          firstResponse: { unit: 'workingDays', amount: 3 },
          resolution: { unit: 'workingDays', amount: 10 },
        },
        P4: { firstResponse: { unit: 'workingDays', amount: 5 }, resolution: null },
      },
    ),
    taxonomy: z._default(z.array(categorySchema).check(z.minLength(1)), DEFAULT_TAXONOMY),
  }),
);
export type PolicyConfig = z.infer<typeof policyConfigSchema>;
