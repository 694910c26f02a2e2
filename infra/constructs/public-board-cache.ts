import { Duration } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CachedMethods,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  type Distribution,
  OriginRequestPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { RestApiOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Construct } from 'constructs';
import type { RouteDefinition } from '../../shared/definitions/route-definitions.ts';

export interface PublicBoardCacheProps {
  /** The console's CloudFront distribution: the board is served from the same edge. */
  distribution: Distribution;
  api: RestApi;
  /** The cacheable public routes (`cache` set in the route definitions). */
  routes: readonly RouteDefinition[];
}

/**
 * The public board behind CloudFront (contract §8, issue 13): a crowd reading
 * `GET /v1/public/board` is answered from the edge, keyed by exactly what changes the answer
 * (`Accept`, `Accept-Language`, `?lang=`), for as long as the function's `Cache-Control` says
 * (five minutes). CloudFront is paid per request with no standing charge, unlike an API Gateway
 * stage cache, and the console already has a distribution.
 */
export class PublicBoardCache extends Construct {
  readonly policy: CachePolicy;
  readonly paths: string[];

  constructor(scope: Construct, id: string, props: PublicBoardCacheProps) {
    super(scope, id);
    const cached = props.routes.filter((route) => route.cache && route.method === 'GET');
    const headers = [...new Set(cached.flatMap((route) => route.cache?.headers ?? []))];
    const query = [...new Set(cached.flatMap((route) => route.cache?.query ?? []))];
    this.policy = new CachePolicy(this, 'Policy', {
      comment: 'Public board: keyed by Accept, Accept-Language and ?lang, TTL from Cache-Control',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.minutes(5),
      maxTtl: Duration.hours(1),
      headerBehavior: headers.length ? CacheHeaderBehavior.allowList(...headers) : CacheHeaderBehavior.none(),
      queryStringBehavior: query.length
        ? CacheQueryStringBehavior.allowList(...query)
        : CacheQueryStringBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const origin = new RestApiOrigin(props.api);
    this.paths = cached.map((route) => route.path);
    for (const path of this.paths) {
      props.distribution.addBehavior(path, origin, {
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachedMethods: CachedMethods.CACHE_GET_HEAD,
        cachePolicy: this.policy,
        // The API's regional endpoint answers its own host name only.
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      });
    }
  }
}
