import { useTranslation } from 'react-i18next';
import { useServices } from './context.ts';
import { formatSpan, timeLeft } from './logic/time-left.ts';

/** Date, number and time-left formatting in the chosen language and the configured time zone. */
export function useFormat() {
  const { t, i18n } = useTranslation();
  const { config } = useServices();
  const locale = i18n.language;
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: config.timezone,
  });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return {
    date: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—'),
    percent: (value: number | null | undefined) =>
      value === null || value === undefined ? '—' : percent.format(value),
    number: (value: number | null | undefined) =>
      value === null || value === undefined ? '—' : decimal.format(value),
    timeLeft: (deadline: string, nowMs: number) => {
      const left = timeLeft(deadline, nowMs);
      const span = formatSpan(left, { d: t('time.d'), h: t('time.h'), min: t('time.min') });
      return {
        overdue: left.overdue,
        text: left.overdue ? t('time.overdue', { span }) : t('time.left', { span }),
      };
    },
  };
}
