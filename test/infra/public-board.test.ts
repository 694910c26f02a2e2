import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesize } from '../helpers/synth.ts';

let template: Template;
beforeAll(() => {
  template = synthesize({}).template;
});

describe('public board at the edge', () => {
  it('caches GET /v1/public/board keyed by Accept, Accept-Language and ?lang, for at most an hour', () => {
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        MinTTL: 0,
        DefaultTTL: 300,
        MaxTTL: 3600,
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({
          HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Accept', 'Accept-Language'] },
          QueryStringsConfig: { QueryStringBehavior: 'whitelist', QueryStrings: ['lang'] },
          CookiesConfig: { CookieBehavior: 'none' },
        }),
      }),
    });
    const boards = Object.values(template.findResources('AWS::CloudFront::Distribution')).filter(
      (d) => d.Properties.DistributionConfig.Comment === 'Service Feedback public board',
    );
    expect(boards).toHaveLength(1);
    const behaviors = boards[0]?.Properties.DistributionConfig.CacheBehaviors as {
      PathPattern: string;
      AllowedMethods: string[];
    }[];
    expect(behaviors.map((b) => [b.PathPattern, b.AllowedMethods])).toEqual([
      ['/v1/public/board', ['GET', 'HEAD']],
    ]);
  });

  it('answers 404 at the edge for every other path', () => {
    template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: Match.stringLikeRegexp('statusCode: 404'),
    });
    template.hasOutput('PublicBoardUrl', {});
  });
});
