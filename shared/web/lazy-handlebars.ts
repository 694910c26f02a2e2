import type HandlebarsModule from 'handlebars';

type Handlebars = typeof HandlebarsModule;
let loading: Promise<Handlebars> | undefined;

/**
 * Handlebars, loaded on the first render: functions that import a page or an e-mail but render
 * one only now and then (a sweep with nothing due, an API answering JSON) do not pay for it at
 * cold start.
 */
export function loadHandlebars(): Promise<Handlebars> {
  loading ??= import('handlebars').then((m) => (m.default ?? m) as Handlebars);
  return loading;
}

/** A template compiled on its first render (with the options given). */
export function lazyTemplate(source: string, options?: CompileOptions): (data: unknown) => Promise<string> {
  let compiled: HandlebarsTemplateDelegate | undefined;
  return async (data) => {
    compiled ??= (await loadHandlebars()).compile(source, options);
    return compiled(data);
  };
}
