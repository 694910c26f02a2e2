import type { Board, PlanMetric, PlanStage } from '../domain/plans.ts';
import type { Locale } from '../domain/text.ts';
import { htmlLang, PAGE_STYLE } from './html-response.ts';
import { lazyTemplate } from './lazy-handlebars.ts';

const TEXT: Record<
  Locale,
  Record<
    | 'title'
    | 'intro'
    | 'plans'
    | 'noPlans'
    | 'stage'
    | 'target'
    | 'measures'
    | 'result'
    | 'baseline'
    | 'actual'
    | 'goal'
    | 'met'
    | 'missed'
    | 'undecided'
    | 'pending'
    | 'resolved'
    | 'category'
    | 'complaints'
    | 'resolvedCount'
    | 'noFigures',
    string
  >
> = {
  en: {
    title: 'You said, we did',
    intro: 'What we are improving because of your feedback, and how it is going.',
    plans: 'Improvements under way',
    noPlans: 'No improvements are published yet.',
    stage: 'Stage',
    target: 'Checked in',
    measures: 'What we do',
    result: 'Result',
    baseline: 'before',
    actual: 'after',
    goal: 'goal',
    met: 'Goal met',
    missed: 'Goal not met yet',
    undecided: 'Not enough figures to judge',
    pending: 'Not checked yet',
    resolved: 'Complaints resolved in {{period}}',
    category: 'Topic',
    complaints: 'Complaints received',
    resolvedCount: 'Resolved',
    noFigures: 'The figures for {{period}} are not published yet.',
  },
  zh: {
    title: '您说，我们做',
    intro: '我们根据您的反馈正在改进的事项，以及改进的进展。',
    plans: '正在进行的改进',
    noPlans: '目前尚未发布改进事项。',
    stage: '阶段',
    target: '检查季度',
    measures: '改进措施',
    result: '结果',
    baseline: '改进前',
    actual: '改进后',
    goal: '目标',
    met: '已达成目标',
    missed: '尚未达成目标',
    undecided: '数据不足，无法判定',
    pending: '尚未检查',
    resolved: '{{period}} 已解决的投诉',
    category: '类别',
    complaints: '收到的投诉',
    resolvedCount: '已解决',
    noFigures: '{{period}} 的数据尚未发布。',
  },
  'zh-TW': {
    title: '您說，我們做',
    intro: '我們根據您的意見正在改進的事項，以及改進的進展。',
    plans: '正在進行的改進',
    noPlans: '目前尚未公布改進事項。',
    stage: '階段',
    target: '檢查季度',
    measures: '改進措施',
    result: '結果',
    baseline: '改進前',
    actual: '改進後',
    goal: '目標',
    met: '已達成目標',
    missed: '尚未達成目標',
    undecided: '數據不足，無法判定',
    pending: '尚未檢查',
    resolved: '{{period}} 已解決的投訴',
    category: '類別',
    complaints: '收到的投訴',
    resolvedCount: '已解決',
    noFigures: '{{period}} 的數據尚未公布。',
  },
};

const STAGES: Record<Locale, Record<PlanStage, string>> = {
  en: {
    plan: 'Planned',
    do: 'In progress',
    check: 'Being checked',
    act: 'Acting on the result',
    closed: 'Done',
  },
  zh: { plan: '计划中', do: '实施中', check: '检查中', act: '处理结果', closed: '已完成' },
  'zh-TW': { plan: '計畫中', do: '實施中', check: '檢查中', act: '處理結果', closed: '已完成' },
};

export const METRIC_NAMES: Record<Locale, Record<PlanMetric, string>> = {
  en: {
    complaints: 'Complaints',
    complaintRate: 'Complaint rate',
    csat: 'Satisfaction (CSAT, 1–5)',
    nps: 'NPS',
    slaCompliance: 'Answered on time',
    closureRate: 'Closure rate',
  },
  zh: {
    complaints: '投诉数',
    complaintRate: '投诉率',
    csat: '满意度（1–5）',
    nps: '净推荐值',
    slaCompliance: '按时响应率',
    closureRate: '闭环率',
  },
  'zh-TW': {
    complaints: '投訴數',
    complaintRate: '投訴率',
    csat: '滿意度（1–5）',
    nps: '淨推薦值',
    slaCompliance: '準時回應率',
    closureRate: '閉環率',
  },
};

const SHARES = new Set<PlanMetric>(['complaintRate', 'slaCompliance', 'closureRate']);

function shown(metric: PlanMetric, value: number | null): string {
  if (value === null) return '—';
  return SHARES.has(metric) ? `${Math.round(value * 1000) / 10} %` : String(Math.round(value * 100) / 100);
}

const PAGE = lazyTemplate(
  `<!doctype html>
<html lang="{{lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{t.title}}</title><style>${PAGE_STYLE}
article{border-top:1px solid #c4c4c4;padding-top:.5rem;margin-top:1rem}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #c4c4c4}</style></head>
<body><main>
<h1>{{t.title}}</h1>
<p>{{t.intro}}</p>
<section aria-labelledby="plans-h"><h2 id="plans-h">{{t.plans}}</h2>
{{#each plans}}<article aria-labelledby="plan-{{id}}"><h3 id="plan-{{id}}">{{title}}</h3>
<dl><dt>{{../t.stage}}</dt><dd><span class="status">{{stage}}</span></dd>
<dt>{{../t.target}}</dt><dd>{{targetPeriod}} — {{metric}}</dd>
<dt>{{../t.result}}</dt><dd>{{result}}</dd></dl>
<h4>{{../t.measures}}</h4><ul>{{#each measures}}<li>{{this}}</li>{{/each}}</ul></article>
{{else}}<p>{{t.noPlans}}</p>{{/each}}
</section>
<section aria-labelledby="resolved-h"><h2 id="resolved-h">{{resolvedTitle}}</h2>
{{#if rows.length}}<table><caption class="hint">{{resolvedTitle}}</caption><thead><tr><th scope="col">{{t.category}}</th><th scope="col">{{t.complaints}}</th><th scope="col">{{t.resolvedCount}}</th></tr></thead><tbody>
{{#each rows}}<tr><th scope="row">{{label}}</th><td>{{complaints}}</td><td>{{resolved}}</td></tr>{{/each}}
</tbody></table>{{else}}<p>{{noFigures}}</p>{{/if}}
</section>
</main></body></html>`,
  { strict: true },
);

/** The public board as an accessible page without script (contract §8), in one locale. */
export async function renderBoardPage(
  board: Board,
  locale: Locale,
  categoryLabels: ReadonlyMap<string, Record<Locale, string>>,
): Promise<string> {
  const t = TEXT[locale];
  const period = board.resolved.period;
  return PAGE({
    lang: htmlLang(locale),
    t,
    resolvedTitle: t.resolved.replace('{{period}}', period),
    noFigures: t.noFigures.replace('{{period}}', period),
    plans: board.plans.map((plan) => {
      const e = plan.evaluation;
      const verdict = !e ? t.pending : e.met === null ? t.undecided : e.met ? t.met : t.missed;
      return {
        id: plan.id,
        title: plan.title,
        stage: STAGES[locale][plan.stage],
        targetPeriod: plan.targetPeriod,
        metric: METRIC_NAMES[locale][plan.metric],
        measures: plan.measures,
        result: e
          ? `${verdict}: ${t.baseline} ${shown(plan.metric, e.baseline)}, ${t.actual} ${shown(plan.metric, e.actual)}, ${t.goal} ${shown(plan.metric, e.goal)}`
          : verdict,
      };
    }),
    rows: board.resolved.byCategory.map((row) => ({
      ...row,
      label: categoryLabels.get(row.category)?.[locale] ?? row.label,
    })),
  });
}
